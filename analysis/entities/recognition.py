"""Recognition: the trained CRF tags each sentence's words (BIO over PER, LOC, ORG, MISC), a few
span rules that raised cross-validated F1 complete the spans, and each span becomes a `Mention`
with its base form and, for curated names, the gazetteer's label and canonical name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pycrfsuite

from analysis.entities.features import OFFSETS, sentence_features, word_base
from analysis.entities.names import DATA, lexicon, lookup, title_case
from analysis.entities.words import CONTENT_CLASSES, OPENERS
from analysis.language import Sentence

MODEL = DATA / "ner_crf.model"


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised span; `name` is its base form (Putins → Putin) before linking."""

    start: int
    end: int
    text: str
    label: str
    name: str
    kind: str = "name"
    curated: bool = False


@cache
def _tagger() -> pycrfsuite.Tagger:
    """The trained CRF, opened once per process."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


@cache
def _model_attributes() -> frozenset[str]:
    """The features the shipped model weighs; the rest would only cost crfsuite a lookup."""
    return frozenset(attribute for attribute, _ in _tagger().info().state_features)


@cache
def _model_context() -> dict[int, dict[str, str]]:
    """Per offset, the neighbour features the model weighs, by the unprefixed string
    ("w=putin" → "-1w=putin"): looking them up costs less than building and discarding them."""
    table: dict[int, dict[str, str]] = {offset: {} for offset in OFFSETS}
    for attribute in _model_attributes():
        for offset, known in table.items():
            prefix = str(offset)
            if attribute.startswith(prefix) and not attribute[len(prefix)].isdigit():
                known[attribute[len(prefix):]] = attribute
    return table


@lru_cache(maxsize=200_000)
def _model_word_features(word: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """`word_features` without those the model ignores, which halves tagging time."""
    known = _model_attributes()
    own, context = word_base(word)
    return (tuple([f for f in own if f in known]),
            {offset: tuple([table[f] for f in context if f in table])
             for offset, table in _model_context().items()})


def tag_words(words: Sequence[str]) -> list[str]:
    """BIO tags (B-PER, I-LOC, O, …) for one tokenised sentence."""
    if not words:
        return []
    return _tagger().tag(sentence_features(words, _model_word_features))


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, end, label) token spans of BIO tags; a stray I- starts a span."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, ""
    for index, tag in enumerate([*tags, "O"]):
        kind = tag[2:]
        if start is not None and not (tag.startswith("I-") and kind == label):
            spans.append((start, index, label))
            start = None
        if tag != "O" and start is None:
            start, label = index, kind
    return spans


def sentence_spans(words: Sequence[str], tags: Sequence[str] | None = None
                   ) -> list[tuple[int, int, str]]:
    """(first, end, label) name spans of one tokenised sentence: the CRF's (or `tags`), person
    names extended by unknown words (Choe Son → Choe Son Hui), and listed persons the CRF missed
    (Selenskyj). Rules that cost cross-validated F1 were dropped (cutting person names before
    lexicon nouns: Fischer, Koch; adding missed places and organisations)."""
    spans = []
    covered = 0
    for first, end, label in bio_spans(tag_words(words) if tags is None else tags):
        while label == "PER" and end < len(words) and _unknown_name_word(words[end]):
            end += 1
        spans.extend((i, i + 1, e[0]) for i in range(covered, first) if (e := _missed(words, i)))
        spans.append((first, end, label))
        covered = end
    spans.extend((i, i + 1, e[0]) for i in range(covered, len(words)) if (e := _missed(words, i)))
    return spans


def _missed(words: Sequence[str], index: int) -> tuple[str, str] | None:
    """The curated person entry of a capitalised word outside the CRF's spans, unless it opens a
    sentence and the lexicon knows it as something else."""
    word = words[index]
    if not word[:1].isupper():
        return None
    entry = lookup([word])
    if entry is None or entry[0] != "PER":
        return None
    initial = index == 0 or words[index - 1] in OPENERS
    return None if initial and lexicon().get(word) in CONTENT_CLASSES - {"NE"} else entry


def sentence_names(sentence: Sentence) -> list[Mention]:
    """Name mentions of one sentence; curated names get the gazetteer's label and canonical form."""
    tokens = sentence.tokens
    words = [token.text for token in tokens]
    found = []
    for first, end, label in sentence_spans(words):
        entry = lookup(words[first:end])
        name = entry[1] if entry else " ".join(title_case(word) for word in words[first:end])
        found.append(Mention(tokens[first].start, tokens[end - 1].end, "",
                             entry[0] if entry else label, name, "name", entry is not None))
    return found


def _unknown_name_word(word: str) -> bool:
    """A capitalised word the lexicon does not know as a content word, which continues a
    person's name (Choe Son Hui)."""
    return (word[:1].isupper() and word.isalpha() and word not in lexicon()
            and lexicon().get(word.lower()) not in CONTENT_CLASSES and lookup([word]) is None)
