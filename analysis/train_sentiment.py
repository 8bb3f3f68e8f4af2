"""Train the tone model on GerNTSA: `python -m analysis.train_sentiment --data GerNTSA.json`.

Two multinomial logistic regressions over `analysis.sentiment.features` (rule sums of the lexicons
and the words of the sentence, plus target scopes and the target clause's words for the target
task), written as feature → class weights to analysis/data/sentiment/model.json. Deterministic:
same data, same file. `cross_validate` gives the held-out predictions the evaluation reports.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from analysis.sentiment import LABELS, MODEL_PATH, combine, features, probabilities, rule_score

TASKS = ("sentence", "target")
MIN_COUNT = 3  # words seen in fewer training sentences are left out: they only memorise
C = {"sentence": 0.3, "target": 0.3}  # L2 strength, chosen by cross-validation on GerNTSA
SEED = 0


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


def fit(rows: list[dict[str, float]], labels: Sequence[str], c: float) -> dict[str, list[float]]:
    """Logistic regression as feature → weights (LABELS order); feature "bias" is the intercept."""
    rows = _frequent(rows)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(
        C=c, max_iter=5000, fit_intercept=False, class_weight="balanced", random_state=SEED
    )
    classifier.fit(matrix, [LABELS.index(label) for label in labels])
    weights = classifier.coef_.T
    return {
        name: [round(float(w), 4) for w in weights[i]]
        for i, name in enumerate(vectorizer.get_feature_names_out())
        if np.any(np.abs(weights[i]) >= 5e-4)
    }


def folds(examples: Sequence[Example], k: int) -> list[np.ndarray]:
    """Stratified folds that never split one sentence: every test sentence is unseen."""
    groups = {text: i for i, text in enumerate(dict.fromkeys(e.text for e in examples))}
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=SEED)
    labels = [e.label for e in examples]
    sentences = [groups[e.text] for e in examples]
    return [test for _, test in splitter.split(examples, labels, sentences)]


def cross_validate(examples: Sequence[Example], task: str, k: int = 5) -> list[str]:
    """Held-out label of every example from a model trained on the other folds (as score())."""
    rows = task_features(examples, task)
    predicted = [""] * len(examples)
    for test in folds(examples, k):
        held = set(test.tolist())
        train = [i for i in range(len(examples)) if i not in held]
        weights = fit([rows[i] for i in train], [examples[i].label for i in train], C[task])
        for i in test:
            target = examples[i].target if task == "target" else None
            rules = rule_score(examples[i].text, target)
            predicted[i] = combine(probabilities(weights, rows[i]), rules).label
    return predicted


def train(examples: Sequence[Example]) -> dict:
    labels = [e.label for e in examples]
    return {
        "about": "Logistic regression over analysis.sentiment.features, trained on GerNTSA "
        "(CC BY 4.0) by `python -m analysis.train_sentiment`; uses SentiWS (CC BY-NC-SA 3.0) "
        "weights as features. Weights per feature in the order of `labels`.",
        "labels": list(LABELS),
        "examples": len(examples),
        "tasks": {task: fit(task_features(examples, task), labels, C[task]) for task in TASKS},
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
