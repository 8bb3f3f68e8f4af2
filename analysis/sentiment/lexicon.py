"""The two German lexicons and how a word finds its weight in them.

SentiWS (Leipzig; lemmas with their inflected forms) and textblob-de's own lexicon (Klenner et
al.; lemmas only, so we generate the inflected forms, and we look nouns up whatever their case:
textblob-de itself never matches its capitalised nouns). A compound the lexicons do not list
takes its head's weight, unless it is a name the entity gazetteers know.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

from analysis import wordlists
from analysis.entities import demonyms, gazetteer, lexicon
from analysis.paths import PACKAGE_DIR

DATA_DIR = PACKAGE_DIR / "data" / "sentiment"
SENTIWS_FILES = ("SentiWS_v2.0_Positive.txt", "SentiWS_v2.0_Negative.txt")
# Where textblob-de's lexicon lies, found without importing the package (that takes 1.8 s: NLTK).
TEXTBLOB_PACKAGE = find_spec("textblob_de")
NOUN_ENDINGS = ("s", "es", "e", "en", "er")  # genitive and plural of nouns not ending in -e


def _inflections(lemma: str, pos: str) -> Iterator[str]:
    """Regular German forms of a textblob-de lemma (the lexicon lists lemmas only)."""
    yield lemma
    if pos == "JJ":
        yield from (lemma + ending for ending in ("e", "en", "em", "er", "es"))
    elif pos == "NN":
        yield from (lemma + ending for ending in (("n",) if lemma.endswith("e") else NOUN_ENDINGS))
    elif pos == "VB" and lemma.endswith("n"):
        stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
        yield from (stem + ending for ending in ("e", "st", "t", "et", "te", "ten", "tet", "test"))
        yield "ge" + stem + "t"


@cache
def lexicons() -> tuple[dict[str, float], dict[str, float]]:
    """SentiWS and textblob-de weights by lower-cased word form, inflected forms included."""
    sentiws: dict[str, float] = {}
    for name in SENTIWS_FILES:
        for line in (DATA_DIR / name).read_text(encoding="utf-8-sig").splitlines():
            lemma_pos, weight, *forms = line.split("\t")
            words = [lemma_pos.split("|")[0], *",".join(forms).split(",")]
            sentiws.update((word.lower(), float(weight)) for word in words if word)
    path = Path(TEXTBLOB_PACKAGE.submodule_search_locations[0]) / "data" / "de-sentiment.xml"
    entries = [
        (word.get("form", ""), word.get("pos", ""), float(word.get("polarity", 0)))
        for word in ElementTree.parse(path).getroot()
    ]
    textblob: dict[str, float] = {}
    for lemma, pos, polarity in entries:  # generated forms first, so a real lemma entry wins
        if polarity:
            textblob.update((form.lower(), polarity) for form in _inflections(lemma, pos))
    textblob.update((lemma.lower(), polarity) for lemma, _, polarity in entries if polarity)
    return sentiws, textblob


@cache
def _known_names() -> frozenset[str]:
    """Lower-cased one-word names and demonyms of the entity gazetteers: they are not compounds
    (Frankreich is no kind of "reich", Österreich none either)."""
    names = {words[0].lower() for words in gazetteer() if len(words) == 1}
    return frozenset(names | {word.lower() for word in demonyms()})


@cache
def news_weights() -> tuple[dict[str, float], tuple[tuple[str, float], ...]]:
    """The project's own weights (news_weights.tsv): word forms, and stems (longest first)."""
    forms: dict[str, float] = {}
    stems: list[tuple[str, float]] = []
    for word, weight in wordlists.rows(DATA_DIR / "news_weights.tsv"):
        if word.endswith("*"):
            stems.append((word[:-1], float(weight)))
        else:
            forms[word] = float(weight)
    return forms, tuple(sorted(stems, key=lambda stem: -len(stem[0])))


@cache
def _known_words() -> frozenset[str]:
    """Lower-cased words of the lexicon: the front of a compound must be one (Polizei-gewalt),
    or any word with a lexicon word at its end would take its tone (Gesp-räche)."""
    return frozenset(word.lower() for word in lexicon())


@cache
def _stem_starts() -> tuple[str, ...]:
    return tuple(stem for stem, _ in news_weights()[1])


@lru_cache(maxsize=65536)
def news_weight(word: str) -> float | None:
    """The project's own weight of a word (news_weights.tsv), None where it has none (one
    C-level test of all stems first: most words start with none of them)."""
    forms, stems = news_weights()
    if word in forms:
        return forms[word]
    if not word.startswith(_stem_starts()):
        return None
    return next((weight for stem, weight in stems if word.startswith(stem)), None)


@lru_cache(maxsize=65536)
def word_weights(word: str) -> tuple[float, float]:
    """(SentiWS, textblob-de) weight of a lower-cased word: the project's news weight where it
    has one (then as SentiWS's, textblob-de's 0); a compound takes its head's weight (the news
    weight first)."""
    own = news_weight(word)
    if own is not None:
        return own, 0.0
    sentiws, textblob = lexicons()
    found = sentiws.get(word, 0.0), textblob.get(word, 0.0)
    if found != (0.0, 0.0) or len(word) < 9 or word in _known_names():
        return found
    known = _known_words()
    for cut in range(3, len(word) - 3):  # Polizeigewalt → gewalt: longest head first
        head, front = word[cut:], word[:cut]
        if not (front in known or front[:-1] in known or front.rstrip("-") in known):
            continue
        own = news_weight(head)  # Weltcupsieg → sieg, as the news weights have it
        if own is not None:
            return own, 0.0
        if len(head) > 4 and (head in sentiws or head in textblob):  # not Gesp-räche
            return sentiws.get(head, 0.0), textblob.get(head, 0.0)
    return 0.0, 0.0
