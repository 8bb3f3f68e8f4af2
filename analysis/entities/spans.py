"""Name spans: the CRF's tags read as spans and set right by rules that raised the news
evaluation without costing cross-validated F1 on GermEval — a span trimmed to the name, names
read as one split, curated names and line-ups the CRF missed added, common words dropped — and
each span turned into a `Mention` with its base form and, for curated names, the gazetteer's
label and canonical name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from analysis.entities.features import compound_head
from analysis.entities.lineups import CLUB_WORDS, country_code, lineup_spans, with_country_codes
from analysis.entities.names import (
    curated_phrases,
    genitive_stem,
    lexicon,
    lookup,
    name_lists,
    title_case,
)
from analysis.entities.recognition import Mention, bio_spans, tag_words
from analysis.entities.words import (
    CLUB_NAMES,
    COMMON_ABBREVIATIONS,
    CONJUNCTIONS,
    CONTENT_CLASSES,
    CURRENCIES,
    DETERMINERS,
    NAME_HEAD_ENDINGS,
    NAME_HEAD_WORDS,
    NAME_PARTICLES,
    OPENERS,
    ORG_ENDINGS,
    ORG_NAME_ENDINGS,
    ORG_WORDS,
    TIME_WORDS,
    TIME_WORDS_BEFORE,
    function_word,
)
from analysis.language import Sentence
from analysis.language import tag as part_of_speech

ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
INITIAL = re.compile(r"[A-ZÄÖÜ]\.")
# Part-of-speech tags (STTS) a word opening a sentence may have and still be a name.
NAME_TAGS = frozenset({"NE", "NN", "FM", "XY"})
# Adjectives of places that open names: Berliner Zeitung, Berlinische Galerie.
PLACE_ADJECTIVE_ENDINGS = ("er", "ische", "ischen", "isches", "ischem")


def sentence_spans(words: Sequence[str], tags: Sequence[str] | None = None
                   ) -> list[tuple[int, int, str]]:
    """(first, end, label) name spans of one tokenised sentence: the CRF's (or `tags`), person
    names extended by unknown words (Choe Son → Choe Son Hui) and particles (Van der Bellen),
    trimmed to the name (`_trimmed`) and split where they join two (`_coordinated`); plus the
    curated names the CRF missed (`_missed`). Cutting person names before lexicon nouns
    (Fischer, Koch) cost cross-validated F1 and was dropped."""
    listed = lineup_spans(words)
    if listed is not None:  # a line-up or result list: "Rapid: Novota – Auer, Sonnleitner …"
        return listed
    spans = []
    covered = 0
    for first, end, label in bio_spans(tag_words(words) if tags is None else tags):
        while label == "PER" and end < len(words) and _unknown_name_word(words[end]):
            end += 1
        if label == "PER":
            end = _particle_name_end(words, end)
            while first > covered and INITIAL.fullmatch(words[first - 1]):
                first -= 1  # "M. Night Shyamalan"
        spans.extend(_missed_between(words, covered, first))
        if (label == "LOC" and first > covered and _organisation_head(words[first - 1])
                and not genitive_stem(words[end - 1])):
            first, label = first - 1, "ORG"  # "Universität Wien", not "Regierung Ägyptens"
        elif end - first > 1 and any(word in CLUB_WORDS for word in words[first:end]):
            label = "ORG"  # "AS Roma", "Hertha BSC": a club, whatever the CRF typed it
        parts = _coordinated(words, *_trimmed(words, first, end, label), label)
        spans.extend(span for part in parts for span in _authored(words, *part)
                     if not _common_word(words, *span))
        covered = end
    spans.extend(_missed_between(words, covered, len(words)))
    return with_country_codes(words, spans)


def _missed_between(words: Sequence[str], start: int, stop: int) -> list[tuple[int, int, str]]:
    """Curated names between two CRF spans: multi-word ones (Hauptverband der
    Sozialversicherungsträger), then single words (`_missed`)."""
    if start >= stop:
        return []
    spans = [(first, end, entry[0]) for first, end, entry in curated_phrases(words, start, stop)]
    taken = {i for first, end, _ in spans for i in range(first, end)}
    spans += [(i, i + 1, e[0]) for i in range(start, stop)
              if i not in taken and (e := _missed(words, i))]
    return sorted(spans)


def common_opener(words: Sequence[str], first: int, end: int, label: str) -> bool:
    """A lone word opening the sentence that is a common word there ("Solange die Sonne
    scheint", "Ernst zu nehmende Kritik"): capitalised only by its place. The lexicon, or where
    it cannot tell the part-of-speech tagger (HanTa) in context, decides; a known common noun
    is none either ("Sonne"). Names the gazetteer or the city and company lists know stay."""
    if end - first != 1 or (first and words[first - 1] not in OPENERS) or label == "MISC":
        return False
    word = words[first]
    lists = name_lists()
    if not word[1:].islower() or lookup([word]):
        return False
    if any(word in lists[kind] for kind in ("ci", "co")):
        return False
    as_written, lower = lexicon().get(word), lexicon().get(word.lower())
    if as_written == "NE" and lower is None:
        return False
    if as_written is None and lower is not None:  # "Momentan": only known in lower case
        return lower != "NE"
    pos = _opening_tag(tuple(words[first:first + 3]))
    return pos not in NAME_TAGS or (pos == "NN" and lexicon().get(word) == "NN")


@lru_cache(maxsize=65536)
def _opening_tag(words: tuple[str, ...]) -> str:
    """HanTa's part of speech of the first word, read with the two after it."""
    return part_of_speech(list(words))[0][1]


def _common_word(words: Sequence[str], first: int, end: int, label: str) -> bool:
    """A span that only names a currency (Euro, US-Dollar) or abbreviates a common noun (BIP,
    Pkw): no entity."""
    return end - first == 1 and (words[first] in CURRENCIES
                                 or words[first] in COMMON_ABBREVIATIONS)


def _particle_name_end(words: Sequence[str], end: int) -> int:
    """A person's name cut at a capitalised particle runs on through the particles to the
    name they introduce: "Alexander Van" + "der Bellen"."""
    if words[end - 1].lower() not in NAME_PARTICLES or not words[end - 1][:1].isupper():
        return end
    after = end
    while after < len(words) and words[after] in NAME_PARTICLES:
        after += 1
    return after + 1 if after < len(words) and words[after][:1].isupper() else end


def _trimmed(words: Sequence[str], first: int, end: int, label: str) -> tuple[int, int]:
    """The span without what only stands next to a name: a lower-case word other than a name
    particle or an adjective of the name ("Bundesverband deutscher Banken") ends it ("Google
    ei-nen Kurzfilm"); time words after it ("Müller Freitagabend"); before it, adjectives and
    time words ("französischen Revolution", "Herbst 2014 Reitz"), and the function word before
    a person's name ("Falter-Journalistin Nina Horaczek"). Curated names and works (MISC: "Der
    Herr der Ringe") stay whole."""
    if label == "MISC" or lookup(words[first:end]):
        return first, end
    end = next((i for i in range(first + 1, end) if _ends_name(words, i, end)), end)
    while end - first > 1 and (words[end - 1].lower() in TIME_WORDS
                               or words[end - 1] in NAME_PARTICLES):
        end -= 1
    if label == "PER" and end - first > 2 and words[end - 2].endswith("s") and common_noun(
            words[end - 1]):
        end -= 1  # "Francis Poulencs Klavierkonzert": the name owns the noun after it
    while label == "PER" and end - first > 1 and function_word(words[end - 1]):
        end -= 1  # "Kärntens Landeshauptmann": the role the name's owner holds
    start = first
    while label != "PER" and end - first > 1 and words[first] in NAME_PARTICLES:
        first += 1  # "von der Flughafen Wien AG": particles open only persons' names
    while end - first > 1 and _before_name(words[first], label):
        first += 1
    described = first > start and function_word(words[first - 1])
    if end - first > 1 and not described and _description(words, first, end):
        first += 1  # one noun describes a name: "Journalistin Wal Ferrao" keeps Wal
    return first, end


def _description(words: Sequence[str], first: int, end: int) -> bool:
    """A common noun that describes the name after it ("Anwaltskanzlei Lansky", "US-Magazin
    Playboy", "Journalistin Wal Ferrao"), unless it belongs to the name (Bad Radkersburg,
    Schauspielhaus Zürich, Berliner Zeitung, FC Bayern) or the whole is a curated name."""
    word, rest = words[first], words[first + 1:end]
    if not (word[:1].isupper() and rest[0][:1].isupper()) or word.isupper():
        return False
    if word in ORG_WORDS or word in NAME_HEAD_WORDS or lookup([word]):
        return False
    lower = word.lower()
    if lower.endswith(NAME_HEAD_ENDINGS) or lower.endswith(ORG_ENDINGS):
        return False
    head = word.rsplit("-", 1)[-1]
    if head != word and len(head) >= 5 and lexicon().get(head) == "NN":
        return True  # a name and a common noun, "Max-Frisch-Klassiker Homo Faber"
    if _listed(word):
        return False
    if any(w in ORG_WORDS or w.lower().endswith(ORG_ENDINGS) for w in rest):
        return False
    if function_word(word):  # "Journalistin Wal Ferrao"
        return True
    if lexicon().get(rest[0]) in CONTENT_CLASSES - {"NE"}:
        return False
    head = compound_head(lower)
    # a place adjective (Berliner Zeitung) is one word; "Max-Frisch-Klassiker" is a compound
    place_adjective = lower.endswith(PLACE_ADJECTIVE_ENDINGS) and "-" not in word
    return lexicon().get(word) == "NN" or (len(head) >= 5 and not place_adjective)


def common_noun(word: str) -> bool:
    """A capitalised common noun by the lexicon or its compound head (Klavierkonzert)."""
    return word[:1].isupper() and (lexicon().get(word) == "NN"
                                   or len(compound_head(word.lower())) >= 5)


def _listed(word: str) -> bool:
    """In the compiled first-name, surname or company lists (Bilfinger, Hans-Dietrich)."""
    lists = name_lists()
    return any(part in lists[kind] for part in word.split("-") for kind in ("fn", "ln", "co"))


def _ends_name(words: Sequence[str], index: int, end: int) -> bool:
    """A lower-case word that cannot stand inside a name."""
    word = words[index]
    if not (word.islower() and word.replace("-", "").isalpha()) or word in NAME_PARTICLES:
        return False
    return not (_adjective(word) and index + 1 < end and words[index + 1][:1].isupper())


def _before_name(word: str, label: str) -> bool:
    """A word that stands before a name without being part of it."""
    return (word.lower() in TIME_WORDS_BEFORE or word.isdigit()
            or (word.islower() and _adjective(word))
            or (label == "PER" and function_word(word)) or _place_genitive(word))


def _place_genitive(word: str) -> bool:
    """A place's people in the genitive before a name: "des Grazers Ferdinand Schmalz"."""
    entry = lookup([word[:-3]]) if word.endswith("ers") and word[:1].isupper() else None
    return entry is not None and entry[0] == "LOC"


def _adjective(word: str) -> bool:
    """An inflected lower-case adjective (deutscher, bosnisch-serbischen), by lexicon or form."""
    return word.endswith(ADJECTIVE_ENDINGS) and (
        lexicon().get(word) == "ADJ" or word.rsplit("-", 1)[-1].endswith(("isch", "ische",
                                                                          "ischen", "ischer",
                                                                          "isches", "ischem")))


def _coordinated(words: Sequence[str], first: int, end: int, label: str
                 ) -> list[tuple[int, int, str]]:
    """Names read as one, split at "und" (or "sowie", "oder", and the commas of a list before
    one): "Universität Tel Aviv und des Massachusetts Institute of Technology". Only where the
    words on both sides are no common nouns, so "Ministerium für Arbeit und Soziales" and
    "Volks- und Raiffeisenbanken" stay one name; curated names stay whole."""
    if lookup(words[first:end]):
        return [(first, end, label)]
    for i in range(first + 1, end - 1):
        listed = words[i] == "," and any(w in CONJUNCTIONS for w in words[i + 1:end])
        if words[i] not in CONJUNCTIONS and not listed:
            continue
        j = i + 1
        while j < end - 1 and words[j] in DETERMINERS:
            j += 1
        if _name_like(words[i - 1]) and _name_like(words[j]):
            return [(first, i, label), *_coordinated(words, j, end, label)]
    return [(first, end, label)]


def _authored(words: Sequence[str], first: int, end: int, label: str
              ) -> list[tuple[int, int, str]]:
    """A person's name read together with a work or person before it, split at "von" when a
    first name and another name follow: "Knecht Matti von Bertolt Brecht" names Brecht, while
    "Jakob von Gunten" and "Ursula von der Leyen" stay whole."""
    if label != "PER":
        return [(first, end, label)]
    first_names = name_lists()["fn"]
    for i in range(first + 1, end - 2):
        if (words[i] == "von" and first_names.get(words[i + 1], 0) >= 3
                and words[i + 2][:1].isupper()):
            return [(first, i, label), (i + 1, end, label)]
    return [(first, end, label)]


def _name_like(word: str) -> bool:
    """Capitalised, whole (not "Volks-") and not a common word of the lexicon."""
    return (word[:1].isupper() and not word.endswith("-")
            and lexicon().get(word) not in CONTENT_CLASSES - {"NE"})


def _missed(words: Sequence[str], index: int) -> tuple[str, str] | None:
    """The curated entry of a capitalised word outside the CRF's spans: a person unless it opens
    a sentence and the lexicon knows it as something else; a place or organisation only when
    the lexicon knows it as no common word at all (Zypern, Samsung; not die Welt, der Senat)."""
    word = words[index]
    if not word[:1].isupper():
        return None
    entry = lookup([word]) or _organisation_word(word)
    if entry is None:
        return None
    common = lexicon().get(word) in CONTENT_CLASSES - {"NE"}
    if entry[0] != "PER":
        return None if common else entry
    initial = index == 0 or words[index - 1] in OPENERS
    return None if initial and common else entry


def _organisation_head(word: str) -> bool:
    """A capitalised word that makes the place after it an organisation's name: an
    organisation word or ending (Universität Wien, Landesgericht Linz) or a club's (Sporting
    Lissabon, FC Liefering)."""
    return word[:1].isupper() and (word in ORG_WORDS or word in CLUB_NAMES or word in CLUB_WORDS
                                   or word.lower().endswith(ORG_ENDINGS))


def _organisation_word(word: str) -> tuple[str, str] | None:
    """An entry for one word that names an organisation by its ending (Gesundheitsministerium,
    AVZ-Stiftung), with something before the ending."""
    lower = word.lower()
    ending = next((e for e in ORG_NAME_ENDINGS if lower.endswith(e)), None)
    return ("ORG", word) if ending and len(lower) > len(ending) + 2 else None


def sentence_names(sentence: Sentence, tags: Sequence[str] | None = None) -> list[Mention]:
    """Name mentions of one sentence (from the CRF's `tags` of its words, tagged here if
    None); curated names get the gazetteer's label and canonical form."""
    tokens = sentence.tokens
    words = [token.text for token in tokens]
    found = []
    for first, end, label in sentence_spans(words, tags):
        entry = lookup(words[first:end]) or _coded_country(words[first:end])
        name = entry[1] if entry else " ".join(title_case(word) for word in words[first:end])
        found.append(Mention(tokens[first].start, tokens[end - 1].end, "",
                             entry[0] if entry else label, name, "name", entry is not None))
    return found


def _coded_country(words: Sequence[str]) -> tuple[str, str] | None:
    """The country a results code stands for (SWE → Schweden), under the canonical name the
    gazetteer gives it (USA → Vereinigte Staaten → USA)."""
    country = country_code(words[0], listing=True) if len(words) == 1 else None
    return lookup(country.split()) or ("LOC", country) if country else None


def _unknown_name_word(word: str) -> bool:
    """A capitalised word the lexicon does not know as a content word, which continues a
    person's name (Choe Son Hui)."""
    return (word[:1].isupper() and word.isalpha() and word not in lexicon()
            and lexicon().get(word.lower()) not in CONTENT_CLASSES and lookup([word]) is None)
