"""Segmentation speed and agreement: `python -m analysis.bench segmentation --corpus FILE`.

Times the regex segmenter (`language.segment_fast`) and SoMaJo (`language.segment_somajo`) on the
same texts (CPU time, one core) and compares them, SoMaJo taken as reference: sentence-boundary
precision, recall and F1 (a boundary is the end offset of a sentence) and token agreement (the
share of SoMaJo token spans the regex segmenter reproduces exactly, and of its spans SoMaJo has).
`--corpus` reads a 10kGNAD-style CSV (`label;'text'`) or anything `analysis.load_corpus` reads.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis import language
from analysis.pipeline import load_corpus


def corpus_texts(path: Path, limit: int | None = None) -> list[str]:
    if path.suffix == ".csv":
        table = pd.read_csv(path, sep=";", header=None, names=["label", "text"], quotechar="'")
        texts = [str(text) for text in table["text"].dropna()]
    else:
        texts = list(load_corpus(path)["text"])
    texts = [text for text in texts if text.strip()]
    return texts[:limit] if limit else texts


def _timed(function, texts: list[str]) -> tuple[list, float]:
    started = time.process_time()
    results = [function(text) for text in texts]
    return results, time.process_time() - started


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def compare(texts: list[str], fast: list, reference: list, show: int = 0) -> dict[str, float]:
    """Boundary and token agreement of `fast` segmentations against `reference` ones."""
    counts: Counter[str] = Counter()
    shown = 0
    for text, ours, theirs in zip(texts, fast, reference, strict=True):
        ours_ends = {s.end for s in ours[:-1]}
        theirs_ends = {s.end for s in theirs[:-1]}
        counts["boundaries_fast"] += len(ours_ends)
        counts["boundaries_somajo"] += len(theirs_ends)
        counts["boundaries_common"] += len(ours_ends & theirs_ends)
        ours_spans = {(t.start, t.end) for s in ours for t in s.tokens}
        theirs_spans = {(t.start, t.end) for s in theirs for t in s.tokens}
        counts["tokens_fast"] += len(ours_spans)
        counts["tokens_somajo"] += len(theirs_spans)
        common = ours_spans & theirs_spans
        counts["tokens_common"] += len(common)
        kinds_ours = {(t.start, t.end): t.kind for s in ours for t in s.tokens}
        counts["kinds_common"] += sum(
            kinds_ours[(t.start, t.end)] == t.kind
            for s in theirs for t in s.tokens if (t.start, t.end) in common
        )
        for end in sorted(ours_ends ^ theirs_ends)[: max(show - shown, 0)]:
            side = "fast only" if end in ours_ends else "SoMaJo only"
            print(f"  boundary {side}: …{text[max(end - 50, 0):end]}|{text[end:end + 30]}…")
            shown += 1
    precision = counts["boundaries_common"] / max(counts["boundaries_fast"], 1)
    recall = counts["boundaries_common"] / max(counts["boundaries_somajo"], 1)
    return {
        "sentence_precision": precision,
        "sentence_recall": recall,
        "sentence_f1": _f1(precision, recall),
        "token_agreement": counts["tokens_common"] / max(counts["tokens_somajo"], 1),
        "token_precision": counts["tokens_common"] / max(counts["tokens_fast"], 1),
        "kind_agreement": counts["kinds_common"] / max(counts["tokens_common"], 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench segmentation",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True,
                        help="10kGNAD CSV, or a corpus folder or file (analysis.load_corpus)")
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--show", type=int, default=0, help="print N boundary disagreements")
    args = parser.parse_args(argv)
    texts = corpus_texts(args.corpus, args.limit)
    language.segment_fast("Warm up.")
    language.segment_somajo.__wrapped__("Warm up.")
    fast, fast_seconds = _timed(language.segment_fast, texts)
    reference, somajo_seconds = _timed(language.segment_somajo.__wrapped__, texts)
    fast_tokens = sum(len(s.tokens) for parts in fast for s in parts)
    somajo_tokens = sum(len(s.tokens) for parts in reference for s in parts)
    print(f"{len(texts)} texts, {somajo_tokens} SoMaJo tokens (CPU time, one core)")
    print(f"regex segmenter: {fast_tokens / fast_seconds:12,.0f} tokens/s")
    print(f"SoMaJo:          {somajo_tokens / somajo_seconds:12,.0f} tokens/s")
    print(f"speed-up:        {somajo_seconds / fast_seconds:12.1f}x")
    for name, value in compare(texts, fast, reference, args.show).items():
        print(f"{name:<19}{value:8.4f}")
    return 0
