"""Tone against GerNTSA: `python -m analysis.evaluate sentiment --gold GerNTSA.json [--cv K]
[--save PATH]`.

Two tasks on the same records: the sentence task (the record's polarity, target ignored) and the
target task (tone towards the marked target). Beside ours: textblob-de's polarity and a plain
SentiWS sum, both on the whole sentence, and our rules without the model. The model is trained on
GerNTSA, so its figures are cross-validated: stratified folds (shuffled, fixed seed) that keep every
sentence in one fold; the model's class offsets are tuned inside each training fold, never on the
test fold. `--save analysis/data/sentiment/reliability.json` keeps the model's figures for the
charts, which state how often the tone they show is right. `--potts DIR [--potts-sample N]
[--domain]` adds PotTS tweets to every training fold (never a test fold) to measure whether they
help (docs/sentiment-training.md).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from analysis import sentiment
from analysis.extras import require
from analysis.sentiment_corpora import load_potts
from analysis.storage import write_text
from analysis.train_sentiment import SEED, Example, cross_validate, load_gerntsa

METRICS = require("sklearn.metrics", "train", "python -m analysis.evaluate sentiment")

SENTIWS_BAND = 0.3  # |sum| below this is neutral: the band where the plain sum does best


def sentiws_sum_label(text: str) -> str:
    """Baseline: sum of SentiWS weights of the words as they stand, no rules."""
    weights, _ = sentiment.lexicons()
    total = sum(weights.get(word.lower(), 0.0) for word in sentiment.WORD.findall(text))
    if total > SENTIWS_BAND:
        return "positive"
    return "negative" if total < -SENTIWS_BAND else "neutral"


def metrics(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 and F1 per class (LABELS order)."""
    per_class = METRICS.f1_score(gold, predicted, labels=list(sentiment.LABELS), average=None)
    return {
        "accuracy": METRICS.accuracy_score(gold, predicted),
        "macro_f1": METRICS.f1_score(gold, predicted, labels=list(sentiment.LABELS),
                                     average="macro"),
        **{f"f1_{label}": float(f) for label, f in zip(sentiment.LABELS, per_class, strict=True)},
    }


def evaluate(examples: Sequence[Example], k: int, extra: Sequence[Example] = (),
             source: str | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """Figures per task and system (the model trained with `extra` in every training fold)."""
    gold = [e.label for e in examples]

    def each(label: Callable[[Example], str]) -> dict[str, float]:
        return metrics(gold, [label(e) for e in examples])

    baselines = {
        "textblob-de": each(lambda e: sentiment.label_for(sentiment.textblob_polarity(e.text))),
        "SentiWS sum": each(lambda e: sentiws_sum_label(e.text)),
    }
    return {
        "sentence": {
            **baselines,
            "rules": each(lambda e: sentiment.rule_score(e.text).label),
            f"model ({k}-fold CV)": metrics(
                gold, cross_validate(examples, "sentence", k, extra, source)),
        },
        "target": {
            **baselines,
            "rules": each(lambda e: sentiment.rule_score(e.text, e.target).label),
            f"model ({k}-fold CV)": metrics(
                gold, cross_validate(examples, "target", k, extra, source)),
        },
    }


def render(results: dict[str, dict[str, dict[str, float]]], records: int) -> str:
    columns = ["accuracy", "macro_f1", *(f"f1_{label}" for label in sentiment.LABELS)]
    lines = [f"GerNTSA: {records} records"]
    for task, systems in results.items():
        lines += ["", f"{task} task", f"{'system':<20}" + "".join(f"{c:>13}" for c in columns)]
        lines += [
            f"{name:<20}" + "".join(f"{figures[c]:>13.3f}" for c in columns)
            for name, figures in systems.items()
        ]
    return "\n".join(lines)


def reliability(
    results: dict[str, dict[str, dict[str, float]]], records: int, k: int, gold: Path
) -> dict[str, object]:
    """The cross-validated model's accuracy and macro-F1 per task, with how they were measured:
    the figures the pipeline's tone charts quote."""
    model = f"model ({k}-fold CV)"
    return {
        "corpus": "GerNTSA",
        "records": records,
        "folds": k,
        "command": f"python -m analysis.evaluate sentiment --gold {gold.name} --cv {k}",
        **{
            task: {name: round(float(systems[model][name]), 4) for name in ("accuracy", "macro_f1")}
            for task, systems in results.items()
        },
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.evaluate sentiment", description=__doc__
    )
    parser.add_argument("--gold", type=Path, required=True, help="GerNTSA.json")
    parser.add_argument("--cv", type=int, default=5, help="folds for the trained model (default 5)")
    parser.add_argument("--save", type=Path, metavar="PATH",
                        help="also write the model's figures as JSON (for the charts' note)")
    parser.add_argument("--potts", type=Path, metavar="DIR",
                        help="also train on PotTS (its folder) in every training fold")
    parser.add_argument("--potts-sample", type=int, metavar="N",
                        help="only N PotTS examples, drawn with a fixed seed")
    parser.add_argument("--domain", action="store_true",
                        help="PotTS features also as their own copies (domain adaptation)")
    args = parser.parse_args(argv)
    if args.save and args.potts:
        parser.error("--save keeps the shipped model's figures, which PotTS is not part of")
    examples = load_gerntsa(args.gold)
    extra = load_potts(args.potts) if args.potts else []
    if args.potts_sample is not None:
        extra = random.Random(SEED).sample(extra, min(args.potts_sample, len(extra)))
    if extra:
        print(f"PotTS: {len(extra)} examples in every training fold"
              + (" as domain copies" if args.domain else ""))
    results = evaluate(examples, args.cv, extra, "tw" if args.domain else None)
    print(render(results, len(examples)))
    if args.save:
        figures = reliability(results, len(examples), args.cv, args.gold)
        write_text(args.save, json.dumps(figures, indent=2) + "\n")
        print(f"wrote {args.save}")
    return 0
