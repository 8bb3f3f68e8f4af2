"""Which polar words speak of a target, learnt from PotTS: `python -m analysis.train_scope
--potts DIR`.

The rules weigh a target's own clause fully and the other clauses a quarter (OTHER_CLAUSE).
PotTS's annotators marked each opinion of a tweet and what it is about, so for every target and
every polar word the rules find in its tweet (outside the target) we know whether the word speaks
of the target: it lies inside an opinion about it (analysis.sentiment_corpora.load_potts_scope).
A logistic regression over where the word stands (`features`) learns how likely that is; its
held-out accuracy (folds by PotTS file) is printed beside the fixed rule's (the own clause speaks
of the target, nothing else does), with the weights trained on all pairs.

Used as the rules' word weight or as model features, it did not raise GerNTSA's target macro-F1
beyond the spread between fold draws (docs/sentiment-training.md), so nothing ships from it.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.extras import require
from analysis.sentiment.rules import Token, _own_clauses, analysed, target_tokens
from analysis.sentiment_corpora import ScopeExample, load_potts_scope

_PURPOSE = "Learning the target scope"
SKLEARN_FEATURES = require("sklearn.feature_extraction", "train", _PURPOSE)
SKLEARN_LINEAR = require("sklearn.linear_model", "train", _PURPOSE)
SKLEARN_SELECTION = require("sklearn.model_selection", "train", _PURPOSE)

ANNOTATORS = ("annotator-1", "annotator-2")
LABELS = ("scope", "agrees")
FOLDS = 5
DISTANCE_BINS = (2, 4, 8)  # words between the target and the polar word, binned at these


@dataclass(frozen=True, slots=True)
class Pair:
    """A polar word and a target of one tweet: where it stands, and whether it speaks of it."""

    name: str  # the PotTS file
    annotator: str
    key: tuple[str, tuple[int, int], int]  # tweet, target, word: the same for both annotators
    features: dict[str, float]
    scope: bool  # inside an opinion about the target
    agrees: bool  # inside an opinion about the target of the word's own polarity


def features(tokens: list[Token], index: int, target: tuple[int, int]) -> dict[str, float]:
    """Where the polar word `index` stands towards the target: own clause (as the rules see
    it), clauses and words between, before or after, a clause word, sentence end or quote
    between, and whether the target opens its clause (the subject, mostly)."""
    first, last, clause = target_tokens(tokens, target)
    after = index > last
    low, high = (last, index) if after else (index, first)
    between = tokens[low + 1:high]
    words = sum(token.kind == "word" for token in between)
    lead = [i for i, token in enumerate(tokens) if token.clause == clause and token.kind == "word"]
    found = {
        "bias": 1.0,
        "own_clause": float(tokens[index].clause in _own_clauses(tokens, target)),
        "clauses": math.log1p(abs(tokens[index].clause - clause)),
        "after": float(after),
        # the tokenizer opens a clause at a clause word: a word in another clause than the one
        # before it
        "clause_word": float(any(tokens[i].kind == "word"
                                 and tokens[i].clause != tokens[i - 1].clause
                                 for i in range(low + 1, high + 1))),
        "sentence_end": float(any(token.kind == "stop" for token in between)),
        "quote_differs": float(tokens[index].quoted != tokens[first].quoted),
        "target_first": float(first in lead[:2]),
    }
    found[next((f"words<={b}" for b in DISTANCE_BINS if words <= b),
               f"words>{DISTANCE_BINS[-1]}")] = 1.0
    return found


def pairs(examples: Sequence[ScopeExample]) -> list[Pair]:
    """Every polar word outside the target with every target of its tweet."""
    found = []
    for example in examples:
        tokens, polar = analysed(example.text)
        if not tokens:
            continue
        first, last, _ = target_tokens(tokens, example.target)
        for item in polar:
            if first <= item.index <= last:
                continue
            start, end = tokens[item.index].start, tokens[item.index].end
            about = [(polarity, sarcastic) for spans, polarity, sarcastic in example.opinions
                     if any(a <= start and end <= b for a, b in spans)]
            own = "positive" if item.weight > 0 else "negative"
            found.append(Pair(
                example.name, example.annotator, (example.text, example.target, item.index),
                features(tokens, item.index, example.target), bool(about),
                any(polarity == own and not sarcastic for polarity, sarcastic in about),
            ))
    return found


def agreed(found: Sequence[Pair], label: str) -> list[Pair]:
    """Annotator 1's pairs that annotator 2 has too (same tweet, target and word), with the
    same label: the pairs whose scope two readers agree on."""
    second = {p.key: getattr(p, label) for p in found if p.annotator == ANNOTATORS[1]}
    return [p for p in found
            if p.annotator == ANNOTATORS[0] and second.get(p.key) == getattr(p, label)]


def regression(found: Sequence[Pair], label: str) -> dict[str, float]:
    """Logistic regression as feature → weight (log-odds; "bias" is the intercept)."""
    vectorizer = SKLEARN_FEATURES.DictVectorizer()
    matrix = vectorizer.fit_transform([p.features for p in found])
    classifier = SKLEARN_LINEAR.LogisticRegression(fit_intercept=False, max_iter=1000)
    classifier.fit(matrix, [getattr(p, label) for p in found])
    return {name: round(float(weight), 4) for name, weight
            in zip(vectorizer.get_feature_names_out(), classifier.coef_[0], strict=True)}


def probability(weights: dict[str, float], found: dict[str, float]) -> float:
    """P(the word speaks of the target) for its `features`."""
    return 1.0 / (1.0 + math.exp(-sum(weights.get(k, 0.0) * v for k, v in found.items())))


def held_out(found: Sequence[Pair], label: str, folds: int = FOLDS) -> dict[str, float]:
    """Accuracy of the regression (trained on the other PotTS files), of the own-clause rule
    and of the majority label; also within one sentence (no sentence end between), as news
    sentences are."""
    gold = np.array([getattr(p, label) for p in found])
    predicted = np.zeros(len(found), dtype=bool)
    splitter = SKLEARN_SELECTION.GroupKFold(n_splits=folds)
    for train, test in splitter.split(gold, gold, [p.name for p in found]):
        weights = regression([found[i] for i in train], label)
        predicted[test] = [probability(weights, found[i].features) >= 0.5 for i in test]
    clause = np.array([p.features["own_clause"] == 1.0 for p in found])
    one = np.array([p.features["sentence_end"] == 0.0 for p in found])
    return {
        "pairs": float(len(found)),
        "share of yes": float(gold.mean()),
        "majority": float(max(gold.mean(), 1 - gold.mean())),
        "own clause": float((clause == gold).mean()),
        "regression": float((predicted == gold).mean()),
        "one sentence: pairs": float(one.sum()),
        "one sentence: own clause": float((clause == gold)[one].mean()),
        "one sentence: regression": float((predicted == gold)[one].mean()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.train_scope", description=__doc__)
    parser.add_argument("--potts", type=Path, required=True, help="the PotTS folder")
    parser.add_argument("--label", choices=LABELS, default="scope",
                        help="in an opinion about the target (scope), and of the word's own "
                             "polarity (agrees)")
    parser.add_argument("--pairs", choices=(*ANNOTATORS, "both", "agreed"),
                        default="annotator-1", help="whose annotations (agreed: both, same label)")
    args = parser.parse_args(argv)
    found = pairs([e for a in ANNOTATORS for e in load_potts_scope(args.potts, a)])
    if args.pairs == "agreed":
        found = agreed(found, args.label)
    elif args.pairs != "both":
        found = [p for p in found if p.annotator == args.pairs]
    print(f"held-out accuracy, {FOLDS} folds by PotTS file ({args.label}, {args.pairs})")
    for name, value in held_out(found, args.label).items():
        print(f"  {name:<26} {value:.0f}" if name.endswith("pairs") else
              f"  {name:<26} {value:.3f}")
    print("weights (log-odds), trained on all pairs")
    for name, weight in sorted(regression(found, args.label).items()):
        print(f"  {name:<26} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
