"""Recognition: the trained CRF tags each sentence's words (BIO over PER, LOC, ORG, MISC);
`spans` turns the tags into name spans and mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pycrfsuite

from analysis.entities.features import (
    BOUNDS,
    OFFSETS,
    sentence_features,
    sentence_marks,
    word_base,
)
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


@dataclass(frozen=True)
class _Weights:
    """The CRF's weights as arrays: the shipped model read once, so that a sentence is scored
    from per-word-form sums cached across articles instead of by crfsuite from feature strings
    (the same linear model and Viterbi search, hence the same tags; tests compare the two)."""

    labels: tuple[str, ...]
    rows: dict[str, int]  # attribute -> row of `state`; unknown attributes -> the zero last row
    state: np.ndarray  # (attributes + 1, labels)
    transition: np.ndarray  # (labels, labels): from -> to

    def rows_of(self, features: Sequence[str]) -> list[int]:
        """The state rows of the features; one the model never saw gets the zero last row."""
        unknown = len(self.rows)
        return [self.rows.get(feature, unknown) for feature in features]

    def score(self, features: Sequence[str]) -> np.ndarray:
        return self.state[self.rows_of(features)].sum(axis=0)


@cache
def _tagger() -> pycrfsuite.Tagger:
    """The trained CRF, opened once per process."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


@cache
def _weights() -> _Weights:
    info = _tagger().info()
    labels = tuple(sorted(info.labels, key=lambda label: int(info.labels[label])))
    column = {label: i for i, label in enumerate(labels)}
    rows: dict[str, int] = {}
    for attribute, _ in info.state_features:
        rows.setdefault(attribute, len(rows))
    state = np.zeros((len(rows) + 1, len(labels)))
    for (attribute, label), weight in info.state_features.items():
        state[rows[attribute], column[label]] = weight
    transition = np.zeros((len(labels), len(labels)))
    for (before, after), weight in info.transitions.items():
        transition[column[before], column[after]] = weight
    return _Weights(labels, rows, state, transition)


@lru_cache(maxsize=200_000)
def _word_scores(word: str) -> np.ndarray:
    """Label scores of the word's own features (row 0) and of what it lends to the token at
    each offset (rows 1…): a word form's share of any sentence's scores, computed once."""
    weights = _weights()
    own, context = word_base(word)
    features = [*own, *(f"{offset}{feature}" for offset in OFFSETS for feature in context)]
    starts = [0, *range(len(own), len(features), len(context))]
    return np.add.reduceat(weights.state[weights.rows_of(features)], starts, axis=0)


@cache
def _bound_scores() -> np.ndarray:
    return np.stack([_weights().score(BOUNDS[offset]) for offset in OFFSETS])


def _state_scores(words: Sequence[str]) -> np.ndarray:
    """(tokens, labels) sums of the weights of each token's features (`sentence_features`)."""
    weights = _weights()
    per_word = np.stack([_word_scores(word) for word in words])
    scores = per_word[:, 0].copy()
    n = len(words)
    for k, (offset, bound) in enumerate(zip(OFFSETS, _bound_scores(), strict=True), start=1):
        if offset > 0:
            scores[: max(0, n - offset)] += per_word[offset:, k]
            scores[max(0, n - offset):] += bound
        else:
            scores[-offset:] += per_word[: max(0, n + offset), k]
            scores[:-offset] += bound
    marks = sentence_marks(words)
    width = max(map(len, marks))
    padding = len(weights.rows)  # the zero row
    rows = np.array([weights.rows_of(token) + [padding] * (width - len(token))
                     for token in marks])
    return scores + weights.state[rows].sum(axis=1)


def _best_paths(scores: list[np.ndarray], transition: np.ndarray) -> list[np.ndarray]:
    """Viterbi over many sentences at once, one numpy step per token position rather than per
    token (sentences longest first, so those still running are the first rows); ties go to the
    lower label index, as in crfsuite."""
    order = sorted(range(len(scores)), key=lambda s: -len(scores[s]))
    lengths = [len(scores[s]) for s in order]
    padded = np.zeros((len(order), lengths[0], transition.shape[0]))
    for row, s in enumerate(order):
        padded[row, : lengths[row]] = scores[s]
    back = np.zeros(padded.shape, dtype=np.intp)
    best = padded[:, 0].copy()
    running = len(order)
    for i in range(1, lengths[0]):
        while lengths[running - 1] <= i:
            running -= 1
        candidates = best[:running, :, None] + transition
        back[:running, i] = candidates.argmax(axis=1)
        best[:running] = candidates.max(axis=1) + padded[:running, i]
    paths = np.zeros((len(order), lengths[0]), dtype=np.intp)
    current = best.argmax(axis=1)
    for i in range(lengths[0] - 1, 0, -1):
        while running < len(order) and lengths[running] > i:
            running += 1
        paths[:running, i] = current[:running]
        current[:running] = back[np.arange(running), i, current[:running]]
    paths[:, 0] = current
    found = [np.empty(0, dtype=np.intp)] * len(order)
    for row, s in enumerate(order):
        found[s] = paths[row, : lengths[row]]
    return found


def tag_sentences(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """BIO tags (B-PER, I-LOC, O, …) for each tokenised sentence, decoded together."""
    weights = _weights()
    filled = [words for words in sentences if words]
    paths = iter(_best_paths([_state_scores(words) for words in filled], weights.transition)
                 if filled else [])
    labels = np.array(weights.labels, dtype=object)
    return [labels[next(paths)].tolist() if words else [] for words in sentences]


def tag_words(words: Sequence[str]) -> list[str]:
    """BIO tags for one tokenised sentence."""
    return tag_sentences([words])[0]


def crfsuite_tags(words: Sequence[str]) -> list[str]:
    """The same tags from crfsuite itself, from the feature strings: the reference the tests
    hold `tag_sentences` to."""
    return _tagger().tag(sentence_features(words)) if words else []


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
