"""Recognition: the trained CRF tags each sentence's words (BIO over PER, LOC, ORG, MISC);
`spans` turns the tags into name spans and mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pycrfsuite

from analysis.entities.features import OFFSETS, sentence_features, word_base
from analysis.entities.names import (
    DATA,
)

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
