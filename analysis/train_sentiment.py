"""Train the tone model on GerNTSA: `python -m analysis.train_sentiment --data GerNTSA.json`.

Two multinomial logistic regressions over `analysis.sentiment.features` (rule sums of the lexicons
and the lexicon words of the sentence, plus target scopes for the target task), written as
feature → class weights to analysis/data/sentiment/model.json. Neutral is the majority class and
macro-F1 rewards the minority classes, so each model's intercepts are then shifted by offsets
tuned for macro-F1 on held-out predictions within its own training data (see `tune_offsets`).
Deterministic: same data, same file. `cross_validate` gives the held-out predictions the
evaluation reports, tuning the offsets inside each training fold only (nested), never on the
test fold.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.extras import require
from analysis.sentiment import (
    LABELS,
    MODEL_PATH,
    features,
    probabilities,
    rule_score,
)
from analysis.sentiment.rules import NEUTRAL_BAND, analysed
from analysis.sentiment.scoring import decide

# scikit-learn only trains and scores the model (extra `train`); the pipeline never needs it.
_PURPOSE = "Training the tone model"
SKLEARN_FEATURES = require("sklearn.feature_extraction", "train", _PURPOSE)
SKLEARN_LINEAR = require("sklearn.linear_model", "train", _PURPOSE)
SKLEARN_METRICS = require("sklearn.metrics", "train", _PURPOSE)
SKLEARN_SELECTION = require("sklearn.model_selection", "train", _PURPOSE)

TASKS = ("sentence", "target")
MIN_COUNT = 3  # words seen in fewer training sentences are left out: they only memorise
C = {"sentence": 0.3, "target": 0.1}  # L2 strength, chosen by cross-validation on GerNTSA
SEED = 0
INNER_FOLDS = 5  # held-out predictions within the training data to tune the offsets on
OFFSETS = np.round(np.arange(-1.5, 1.51, 0.1), 2)  # grid for the negative and positive offsets


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    target: tuple[int, int]
    label: str


def load_gerntsa(path: Path) -> list[Example]:
    """GerNTSA records: sentence, target span, target polarity."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    return [
        Example(
            r["opinion_snippet"],
            (r["target_anchor"]["from"], r["target_anchor"]["to"]),
            r["sentiment"]["polarity"],
        )
        for r in records
    ]


def task_features(examples: Sequence[Example], task: str) -> list[dict[str, float]]:
    return [features(e.text, e.target if task == "target" else None) for e in examples]


def _frequent(rows: list[dict[str, float]]) -> list[dict[str, float]]:
    """Drop word features seen in fewer than MIN_COUNT rows."""
    counts = Counter(name for row in rows for name in row if ":" in name and name[1] == ":")
    rare = {name for name, count in counts.items() if count < MIN_COUNT}
    return [{k: v for k, v in row.items() if k not in rare} for row in rows]


def _regression(
    rows: list[dict[str, float]], labels: Sequence[str], c: float
) -> dict[str, list[float]]:
    """Logistic regression as feature → weights (LABELS order); feature "bias" is the intercept.

    Unweighted classes: the offsets, not class weights, trade neutral against the rest, which
    scored 0.01 macro-F1 higher in nested cross-validation.
    """
    rows = _frequent(rows)
    vectorizer = SKLEARN_FEATURES.DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = SKLEARN_LINEAR.LogisticRegression(C=c, max_iter=5000, fit_intercept=False,
                                                   random_state=SEED)
    classifier.fit(matrix, [LABELS.index(label) for label in labels])
    weights = classifier.coef_.T
    return {
        name: [round(float(w), 4) for w in weights[i]]
        for i, name in enumerate(vectorizer.get_feature_names_out())
        if np.any(np.abs(weights[i]) >= 5e-4)
    }


def _logits(weights: dict[str, list[float]], rows: list[dict[str, float]]) -> np.ndarray:
    return np.log([probabilities(weights, row) for row in rows])


def tune_offsets(logits: np.ndarray, labels: Sequence[str]) -> tuple[float, float]:
    """Offsets for the negative and positive logits (neutral stays) that maximise macro-F1.

    Ties go to the first in the grid, so the result is deterministic.
    """
    gold = [LABELS.index(label) for label in labels]
    best, offsets = -1.0, (0.0, 0.0)
    for negative in OFFSETS:
        for positive in OFFSETS:
            shifted = np.exp(logits + np.array([negative, 0.0, positive]))
            polarity = (shifted[:, 2] - shifted[:, 0]) / shifted.sum(axis=1)
            # the label as score() gives it: from the polarity, by the neutral band
            predicted = np.where(polarity > NEUTRAL_BAND, 2,
                                 np.where(polarity < -NEUTRAL_BAND, 0, 1))
            score = SKLEARN_METRICS.f1_score(gold, predicted, labels=[0, 1, 2], average="macro")
            if score > best + 1e-9:
                best, offsets = score, (float(negative), float(positive))
    return offsets


def _inner_offsets(
    rows: list[dict[str, float]], labels: Sequence[str], c: float, texts: Sequence[str]
) -> tuple[float, float]:
    """Offsets tuned on held-out predictions within these rows (none if too few to split)."""
    k = min(INNER_FOLDS, *Counter(labels).values())
    if k < 2 or len(set(labels)) < len(LABELS):
        return 0.0, 0.0
    logits = np.zeros((len(rows), len(LABELS)))
    for test in _folds(labels, texts, k):
        held = set(test.tolist())
        train = [i for i in range(len(rows)) if i not in held]
        weights = _regression([rows[i] for i in train], [labels[i] for i in train], c)
        logits[test] = _logits(weights, [rows[i] for i in test])
    return tune_offsets(logits, labels)


def fit(
    rows: list[dict[str, float]],
    labels: Sequence[str],
    c: float,
    texts: Sequence[str] | None = None,
    tune: bool = True,
) -> dict[str, list[float]]:
    """The regression with its intercepts shifted by offsets tuned within `rows` (texts group
    repeated sentences for the inner folds; by default each row is its own sentence)."""
    texts = [str(i) for i in range(len(rows))] if texts is None else texts
    weights = _regression(rows, labels, c)
    negative, positive = _inner_offsets(rows, labels, c, texts) if tune else (0.0, 0.0)
    bias = weights.get("bias", [0.0, 0.0, 0.0])
    weights["bias"] = [round(bias[0] + negative, 4), bias[1], round(bias[2] + positive, 4)]
    return weights


def _folds(labels: Sequence[str], texts: Sequence[str], k: int) -> list[np.ndarray]:
    groups = {text: i for i, text in enumerate(dict.fromkeys(texts))}
    splitter = SKLEARN_SELECTION.StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=SEED)
    return [test for _, test in splitter.split(labels, labels, [groups[text] for text in texts])]


def folds(examples: Sequence[Example], k: int) -> list[np.ndarray]:
    """Stratified folds that never split one sentence: every test sentence is unseen."""
    return _folds([e.label for e in examples], [e.text for e in examples], k)


def domain_copies(rows: list[dict[str, float]], source: str) -> list[dict[str, float]]:
    """Each feature of another corpus's rows also as that corpus's copy ("tw:plain") beside a
    mark "src=tw": what it does differently from news can go to the copies, which news text never
    has (Daumé III, "Frustratingly easy domain adaptation", 2007)."""
    return [{**row, **{f"{source}:{name}": value for name, value in row.items()},
             f"src={source}": 1.0} for row in rows]


def cross_validate(examples: Sequence[Example], task: str, k: int = 5,
                   extra: Sequence[Example] = (), source: str | None = None) -> list[str]:
    """Held-out label of every example from a model trained on the other folds (as score()).

    The offsets are tuned inside each training fold, so the test fold is never looked at. `extra`
    examples (another corpus) join every training fold and never a test fold, as domain copies
    when `source` names their domain.
    """
    rows = task_features(examples, task)
    extra_rows = task_features(extra, task)
    if source:
        extra_rows = domain_copies(extra_rows, source)
    predicted = [""] * len(examples)
    for test in folds(examples, k):
        held = set(test.tolist())
        train = [i for i in range(len(examples)) if i not in held]
        weights = fit(
            [rows[i] for i in train] + extra_rows,
            [examples[i].label for i in train] + [e.label for e in extra],
            C[task],
            [examples[i].text for i in train] + [e.text for e in extra],
        )
        for i in test:
            target = examples[i].target if task == "target" else None
            rules = rule_score(examples[i].text, target)
            tokens, polar = analysed(examples[i].text)
            predicted[i] = decide(probabilities(weights, rows[i]), rules, tokens, polar,
                                  target).label
    return predicted


def train(examples: Sequence[Example]) -> dict:
    labels = [e.label for e in examples]
    return {
        "about": "Logistic regression over analysis.sentiment.features, trained on GerNTSA "
        "(CC BY 4.0) by `python -m analysis.train_sentiment`; uses SentiWS (CC BY-NC-SA 3.0) "
        "weights as features. Weights per feature in the order of `labels`; the intercept "
        "(feature bias) includes offsets tuned for macro-F1 on held-out training folds.",
        "labels": list(LABELS),
        "examples": len(examples),
        "tasks": {
            task: fit(task_features(examples, task), labels, C[task], [e.text for e in examples])
            for task in TASKS
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.train_sentiment", description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="GerNTSA.json")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    trained = train(load_gerntsa(args.data))
    args.out.write_text(json.dumps(trained, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    sizes = ", ".join(f"{task} {len(trained['tasks'][task])}" for task in TASKS)
    print(f"wrote {args.out} ({trained['examples']} examples; features: {sizes})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
