"""Entity recognition against GermEval 2014: `python -m analysis.evaluate ner --gold FILE`.

Exact-span precision, recall and F1 of the recogniser (CRF and span rules) per label (outer
level; OTH counts as MISC, `deriv`/`part` labels are not entities) and micro-averaged over
PER/LOC/ORG. Beside it, the HanTa baseline: runs of
tokens HanTa tags NE, untyped, scored against all gold spans with labels ignored (the model's
untyped figure is printed on the same line). `--cv K --data DIR` cross-validates instead: the
4,750 sentences in K contiguous blocks, each block tagged by a CRF trained on the other K-1 and,
with `--extra ler:0.2,...` (as for `analysis.train_ner`), on the extra corpora too: these only
ever join the training side, so every test block stays GermEval.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pycrfsuite

from analysis.entities import bio_spans, sentence_features, sentence_spans, tag_words
from analysis.germeval import sentences
from analysis.language import tag
from analysis.train_ner import (
    FILES,
    PARAMS,
    Example,
    Sourced,
    add_mixture_arguments,
    bio,
    mixture,
    read,
    train_mixture,
)

TYPED = ("PER", "LOC", "ORG")
Span = tuple[int, int, int, str]  # sentence, first token, end token, label


def spans_of(tag_lists: Iterable[Sequence[str]]) -> set[Span]:
    return {(n, *span) for n, tags in enumerate(tag_lists) for span in bio_spans(tags)}


def recognised(examples: Sequence[Example], tag_lists: Iterable[Sequence[str]]) -> set[Span]:
    """The recogniser's spans: CRF tags plus its span rules (`analysis.entities.sentence_spans`)."""
    return {(n, *span) for n, ((words, _), tags) in enumerate(zip(examples, tag_lists, strict=True))
            for span in sentence_spans(words, tags)}


def prf(gold: set, predicted: set) -> tuple[float, float, float, int]:
    hits = len(gold & predicted)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1, len(gold)


def scores(gold: set[Span], predicted: set[Span]) -> dict[str, tuple[float, float, float, int]]:
    """Per label, PER/LOC/ORG micro average, and untyped over all labels."""
    result = {
        label: prf({s for s in gold if s[3] == label}, {s for s in predicted if s[3] == label})
        for label in (*TYPED, "MISC")
    }
    result["PER+LOC+ORG"] = prf({s for s in gold if s[3] in TYPED},
                                {s for s in predicted if s[3] in TYPED})
    result["untyped"] = prf({s[:3] for s in gold}, {s[:3] for s in predicted})
    return result


def hanta_spans(examples: Sequence[Example]) -> set[Span]:
    """The baseline: maximal runs of HanTa NE tags, labelled '' (untyped)."""
    found = set()
    for n, (words, _) in enumerate(examples):
        tags = ["B-" if pos == "NE" else "O" for _, pos in tag(words)]
        runs = ["I-" if t == "B-" and i and tags[i - 1] != "O" else t for i, t in enumerate(tags)]
        found |= {(n, first, end, "") for first, end, _ in bio_spans(runs)}
    return found


Fold = tuple[list[Example], Sequence[Sourced], list[Example]]  # GermEval train, extra, test


def folds(examples: list[Example], k: int, extra: Sequence[Sourced] = ()) -> list[Fold]:
    """K contiguous GermEval blocks, each the test set of one fold; the extra sentences join
    every fold's training side and never a test set."""
    bounds = [len(examples) * i // k for i in range(k + 1)]
    return [(examples[: bounds[i]] + examples[bounds[i + 1] :], extra,
             examples[bounds[i] : bounds[i + 1]]) for i in range(k)]


def _fold(args: tuple[Fold, dict, int]) -> list[list[str]]:
    """Train on the fold's training side, tag its test set (run in a worker process)."""
    (germeval, extra, test_set), params, germeval_weight = args
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "fold.model"
        train_mixture(germeval, extra, model, params, germeval_weight)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        return [tagger.tag(sentence_features(words)) for words, _ in test_set]


def cross_validate(examples: list[Example], k: int, workers: int, params: dict | None = None,
                   extra: Sequence[Sourced] = (), germeval_weight: int = 1) -> list[list[str]]:
    """Predicted tags for every sentence, each from the model that did not see its block."""
    jobs = [(fold, params or PARAMS, germeval_weight) for fold in folds(examples, k, extra)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [tags for block in pool.map(_fold, jobs) for tags in block]


def report(rows: dict[str, tuple[float, float, float, int]], baseline: tuple | None) -> str:
    lines = [f"{'label':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for label, (p, r, f, n) in rows.items():
        lines.append(f"{label:<12} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    if baseline:
        p, r, f, n = baseline
        lines.append(f"{'HanTa NE':<12} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}  (untyped, as 'untyped')")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate ner",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, help="GermEval TSV file to score the shipped model on")
    parser.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation instead")
    parser.add_argument("--data", type=Path, help="GermEval folder (with --cv)")
    parser.add_argument("--workers", type=int, default=2, help="processes for --cv (default 2)")
    parser.add_argument("--c1", type=float, default=PARAMS["c1"], help="L1 penalty (with --cv)")
    parser.add_argument("--c2", type=float, default=PARAMS["c2"], help="L2 penalty (with --cv)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the HanTa baseline")
    add_mixture_arguments(parser)
    args = parser.parse_args(argv)
    if args.cv:
        if not args.data:
            parser.error("--cv needs --data DIR")
        examples = read(args.data)
        params = PARAMS | {"c1": args.c1, "c2": args.c2}
        extra = mixture(parser, args)
        predicted = cross_validate(examples, args.cv, args.workers, params, extra,
                                   args.germeval_weight)
        title = (f"{args.cv}-fold cross-validation on {len(examples)} sentences, "
                 f"c1={args.c1} c2={args.c2}")
        if extra or args.germeval_weight > 1:
            marks = ", domain copies" if args.domain else ""
            title += (f"; training folds: GermEval x{args.germeval_weight} + {len(extra)} extra "
                      f"sentences ({args.extra or 'none'}{marks})")
    elif args.extra or args.domain:
        parser.error("--extra and --domain need --cv")
    elif args.gold:
        examples = [bio(sentence) for sentence in sentences(args.gold)]
        predicted = [tag_words(words) for words, _ in examples]
        title = f"{args.gold.name}: {len(examples)} sentences (shipped model)"
        if args.gold.name in FILES:
            title += " — the model was trained on this file; --cv gives unseen-sentence figures"
    else:
        parser.error("give --gold FILE or --cv K --data DIR")
    gold = spans_of(tags for _, tags in examples)
    baseline = None
    if not args.no_baseline:
        baseline = prf({s[:3] for s in gold}, {s[:3] for s in hanta_spans(examples)})
    print(title)
    print(report(scores(gold, recognised(examples, predicted)), baseline))
    counts = Counter(s[3] for s in gold)
    print("gold spans: " + ", ".join(f"{label} {counts[label]}" for label in (*TYPED, "MISC")))
    return 0
