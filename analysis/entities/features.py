"""The CRF's features: what a word looks like (shape, affixes, compound head), which gazetteers,
name lists and trigger words know it, what its neighbours lend it, and multi-word name marks.
Training (`analysis.train_ner`) and tagging build them here alike, so the shipped model and the
recogniser can never disagree; changing a feature string means retraining the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, lru_cache

from analysis.entities.names import (
    curated_phrases,
    demonyms,
    lexicon,
    list_phrases,
    lookup,
    name_lists,
)
from analysis.entities.words import LOC_WORDS, OPENERS, ORG_ENDINGS, ORG_WORDS, role_key

CONTEXT_SIZE = 7  # w, s, x3, g, t, lex, n: what a word lends its neighbours
OFFSETS = (-2, -1, 1, 2)
BOUNDS = {offset: (f"{offset}BOUND",) for offset in OFFSETS}


@cache
def _list_phrase_starts() -> tuple[frozenset[str], int]:
    phrases = list_phrases()
    return frozenset(words[0] for words in phrases), max(map(len, phrases))


def _list_phrase_marks(words: Sequence[str]) -> list[str]:
    """B-/I- marks of the longest multi-word city or company names of the compiled lists."""
    marks = [""] * len(words)
    phrases = list_phrases()
    starts, longest = _list_phrase_starts()
    index = 0
    while index < len(words):
        if words[index] in starts:
            for last in range(min(len(words), index + longest), index + 1, -1):
                kind = phrases.get(tuple(words[index:last]))
                if kind:
                    marks[index:last] = ["B-" + kind] + ["I-" + kind] * (last - index - 1)
                    index = last - 1
                    break
        index += 1
    return marks


def _name_marks(word: str) -> str:
    """Which compiled lists know the word, with a coarse frequency: fn2ln1ci2 (first name in
    several locales, surname in one, city of 100,000+)."""
    lists = name_lists()
    marks = []
    for kind, table in lists.items():
        count = table.get(word)
        if count is not None:
            big = count >= 100_000 if kind == "ci" else count >= 3
            marks.append(kind + ("2" if big else "1"))
    return "".join(marks)


@cache
def _nouns() -> frozenset[str]:
    """Lower-case common nouns of the lexicon: candidate compound heads."""
    return frozenset(word.lower() for word, cls in lexicon().items() if cls == "NN")


def compound_head(lower: str) -> str:
    """The longest lexicon noun ending a compound (bundesverfassungsgericht → gericht): the head
    says what an unseen compound names, as ORG, LOC and PER compounds share few other traits."""
    nouns = _nouns()
    for i in range(3, len(lower) - 3):
        if lower[i:] in nouns:
            return lower[i:]
    return ""


def _shape(word: str) -> str:
    """Character classes with repeats collapsed: Putin-Besuch → Xx-Xx, 2024 → d."""
    out = []
    for char in word:
        cls = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


def _trigger(word: str) -> str:
    lower = word.lower()
    if role_key(word):
        return "PER"
    if word in ORG_WORDS or lower.endswith(ORG_ENDINGS):
        return "ORG"
    if word in LOC_WORDS:
        return "LOC"
    return ""


def word_base(word: str) -> tuple[list[str], tuple[str, ...]]:
    """The word's own features, and the subset (same strings) it lends to its neighbours."""
    lower = word.lower()
    entry = lookup([word])
    classes = lexicon()
    own = [
        "w=" + lower, "s=" + _shape(word), "x3=" + lower[-3:], "g=" + (entry[0] if entry else ""),
        "t=" + _trigger(word), "lex=" + classes.get(word, "-") + classes.get(lower, "-"),
        "n=" + _name_marks(word),
        "p2=" + lower[:2], "p3=" + lower[:3], "p4=" + lower[:4], "x2=" + lower[-2:],
        "x4=" + lower[-4:], "x5=" + lower[-5:], "l=" + str(min(len(word), 8)),
        "d=" + ("D" if lower in demonyms() else ""), "W=" + word, "hd=" + compound_head(lower),
    ]
    if "-" in word[1:-1]:
        parts = word.split("-")
        head = lookup([parts[0]])
        own += ["hp=" + parts[0].lower(), "hx=" + parts[-1].lower()[-4:],
                "hg=" + (head[0] if head else "")]
    return own, tuple(own[:CONTEXT_SIZE])


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """Features of the word itself, and the shorter set it lends to its neighbours by offset
    (cached per word form: most of the recogniser's time is building these strings)."""
    own, context = word_base(word)
    return tuple(own), {offset: tuple(f"{offset}{f}" for f in context) for offset in OFFSETS}


def _phrase_gazetteer(words: Sequence[str]) -> list[str]:
    """B-/I- marks of the longest multi-word curated names in the sentence."""
    marks = [""] * len(words)
    for first, end, (label, _) in curated_phrases(words):
        marks[first:end] = ["B-" + label] + ["I-" + label] * (end - first - 1)
    return marks


def sentence_marks(words: Sequence[str]) -> list[list[str]]:
    """Per token, the features that depend on the sentence rather than on one word form: the
    multi-word name marks, sentence-initial position and the two neighbours as a pair."""
    phrases = _phrase_gazetteer(words)
    listed = _list_phrase_marks(words)
    n = len(words)
    result = []
    for i in range(n):
        marks = ["G=" + phrases[i], "N=" + listed[i]]
        if i == 0 or words[i - 1] in OPENERS:
            marks.append("initial")
        if i and i + 1 < n:
            marks.append("w-1w+1=" + words[i - 1].lower() + "|" + words[i + 1].lower())
        result.append(marks)
    return result


def sentence_features(words: Sequence[str], per_word: Callable = word_features,
                      source: str | None = None) -> list[list[str]]:
    """CRF features per token: the word's own, two neighbours each side, multi-word names.

    With `source` (training on another corpus than news) each feature also comes as a copy of
    that corpus ("web:w=bahn") beside a mark "src=web": what that corpus does differently from
    news (its label frequencies, its own annotation habits) can go to these, while what it
    shares with news goes to the plain features, the only ones news text (source None) has."""
    cached = [per_word(word) for word in words]
    n = len(words)
    result = []
    for i, ((own, _), marks) in enumerate(zip(cached, sentence_marks(words), strict=True)):
        features = list(own)
        features += marks[:2]
        for offset in OFFSETS:
            j = i + offset
            features.extend(cached[j][1][offset] if 0 <= j < n else BOUNDS[offset])
        features += marks[2:]
        if source:
            features += [f"{source}:{feature}" for feature in features]
            features.append("src=" + source)
        result.append(features)
    return result
