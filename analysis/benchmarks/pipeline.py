"""The whole pipeline on a real corpus, per stage and in total, beside a textblob-de baseline.

`python -m analysis.bench --corpus ../shared/data/10kGNAD/test.csv --copies 10 --workers 2`
repeats the articles with a unique prefix per copy (so the cache cannot help), analyses them with
the given workers, then re-runs unchanged against the cache, and times each stage on one core.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import entities, language, sentiment, timeline
from analysis.corpus import doc_id_for
from analysis.pipeline import analyze, analyze_batch

TOKEN = re.compile(r"\w+|[^\w\s]")


def read_gnad(path: Path) -> list[str]:
    """Texts of a 10kGNAD file: `label;'text'` per line, quoted with apostrophes, no header."""
    table = pd.read_csv(path, sep=";", header=None, names=["label", "text"], quotechar="'")
    return table["text"].astype(str).tolist()


def documents_of(texts: list[str], copies: int) -> pd.DataFrame:
    """A documents table of `copies` × texts, each copy made unique by a numbered first line."""
    rows = []
    for copy in range(copies):
        for number, text in enumerate(texts):
            body = f"Meldung {copy}-{number}.\n\n{text}"
            rows.append({
                "doc_id": doc_id_for("", body), "source": f"bench#{copy}-{number}", "title": "",
                "author": "", "agency": "", "dateline": "", "published": pd.Timestamp("2024-01-16"),
                "published_source": "metadata", "url": "", "text": body, "captions": "",
            })
    return pd.DataFrame(rows)


def _peak_memory_mib() -> float:
    """Peak resident memory of this process and of its largest finished child, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _timed(work: Callable[[str], object], texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        work(text)
    return time.process_time() - started


def textblob_baseline(text: str) -> tuple[list[str], float]:
    """What a textblob-de user would run per article: noun phrases and polarity."""
    from textblob_de import TextBlobDE
    from textblob_de.tokenizers import PatternTokenizer

    blob = TextBlobDE(text, tokenizer=PatternTokenizer())
    return list(blob.noun_phrases), blob.sentiment.polarity


def stage_rates(texts: list[str]) -> dict[str, tuple[float, float]]:
    """CPU seconds per stage on one core, and this process's peak memory after it (MiB);
    segmentation first, so later stages reuse its cache."""
    language.segment.cache_clear()
    for warm in (language.segment, entities.extract_entities, sentiment.score):
        warm("Olaf Scholz reiste am Montag nach Paris.")
    stages = {
        "segmentation": language.segment,
        "entities": entities.extract_entities,
        "timeline": lambda text: timeline.extract_timexes(text, "2024-01-16"),
        "sentiment": lambda text: [sentiment.score(s.text) for s in language.segment(text)],
    }
    return {name: (_timed(work, texts), _own_peak_mib()) for name, work in stages.items()}


def profile(documents: pd.DataFrame) -> str:
    """pyinstrument's call tree of `analyze_batch` over `documents`: where the time goes."""
    from pyinstrument import Profiler

    records = documents.to_dict("records")
    analyze_batch(records[:1])  # models and caches load outside the profile
    profiler = Profiler(interval=0.001)
    profiler.start()
    analyze_batch(records)
    profiler.stop()
    return profiler.output_text(unicode=True, color=False)


def _own_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _line(name: str, articles: int, tokens: int, seconds: float, cores: int = 1,
          memory: float | None = None) -> str:
    peak = f"{memory:>10,.0f}" if memory is not None else f"{'':>10}"
    return (
        f"{name:<26}{articles / seconds:>12,.1f}{tokens / seconds / cores:>16,.0f}"
        f"{seconds:>10.1f}{peak}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench --corpus", description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="a 10kGNAD-style .csv file")
    parser.add_argument("--copies", type=int, default=10, help="copies of the corpus (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--sample", type=int, default=300,
                        help="articles for the per-stage and baseline timings (default 300)")
    parser.add_argument("--profile", action="store_true",
                        help="also print where the whole pipeline spends its time on the sample "
                             "(pyinstrument call tree, one core)")
    args = parser.parse_args(argv)

    texts = read_gnad(args.corpus)
    documents = documents_of(texts, args.copies)
    tokens = sum(len(TOKEN.findall(text)) for text in documents["text"])
    sample = texts[: args.sample]
    sample_tokens = sum(len(TOKEN.findall(text)) for text in sample)

    print(f"corpus: {len(documents):,} articles ({args.copies} × {len(texts):,}), "
          f"{tokens:,} tokens; per-stage sample: {len(sample)} articles, one core")
    print(f"{'stage':<26}{'articles/s':>12}{'tokens/s/core':>16}{'seconds':>10}"
          f"{'peak MiB':>10}")
    stages = stage_rates(sample)
    for name, (seconds, memory) in stages.items():
        print(_line(name, len(sample), sample_tokens, seconds, memory=memory))
    ours_one_core = sum(seconds for seconds, _ in stages.values())
    print(_line("all stages (one core)", len(sample), sample_tokens, ours_one_core))
    baseline = _timed(textblob_baseline, sample)
    print(_line("textblob-de baseline", len(sample), sample_tokens, baseline,
                memory=_own_peak_mib()))
    print(f"stages vs textblob-de per core: {baseline / ours_one_core:.1f}×")
    if args.profile:
        print(profile(documents.head(len(sample))))

    cache = Path(tempfile.mkdtemp(prefix="pressespiegel-bench-"))
    try:
        started = time.perf_counter()
        analyze(documents, workers=args.workers, cache=cache, progress=True)
        total = time.perf_counter() - started
        print(_line(f"pipeline, {args.workers} workers", len(documents), tokens, total,
                    args.workers, memory=_peak_memory_mib()))
        started = time.perf_counter()
        analyze(documents, workers=args.workers, cache=cache)
        rerun = time.perf_counter() - started
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    pipeline_per_core = tokens / total / args.workers
    print(f"whole pipeline vs textblob-de per core: "
          f"{pipeline_per_core / (sample_tokens / baseline):.1f}×")
    print(f"unchanged re-run from the cache: {rerun:.1f} s")
    print(f"peak memory (largest process): {_peak_memory_mib():,.0f} MiB")
    return 0
