"""Tagging speed on gold documents: `python -m analysis.bench timex --gold DIR [--repeat N]`.

Runs `extract_timexes` over every document of DIR (a KRAUTS or WikiWarsDE folder, read as the
evaluation reads it) pinned to one core, several times, and prints the median documents/s and
characters/s, so a slow pattern shows up before it reaches a corpus of thousands of articles.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from analysis.evaluation.timex import Document, load_documents
from analysis.timeline import extract_timexes


def _pin_to_one_core() -> str:
    """Pin the process to one CPU where the OS allows it; say which."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to cpu {cpu}"


def run_once(documents: list[Document], narrative: bool) -> float:
    """CPU seconds to tag all documents once (wall time is noisy on a shared machine)."""
    started = time.process_time()
    for document in documents:
        extract_timexes(document.text, document.dct or None, narrative=narrative)
    return time.process_time() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench timex", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, required=True, help="KRAUTS or WikiWarsDE folder")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs (median reported)")
    parser.add_argument("--narrative", action="store_true", help="narrative resolution on")
    args = parser.parse_args(argv)

    corpus, documents = load_documents(args.gold)
    pinned = _pin_to_one_core()
    run_once(documents, args.narrative)  # warm-up: imports, regex caches
    seconds = statistics.median(run_once(documents, args.narrative) for _ in range(args.repeat))
    characters = sum(len(d.text) for d in documents)
    print(f"{corpus}: {len(documents)} documents, {characters} characters, {pinned}, "
          f"median of {args.repeat} runs")
    print(f"{len(documents) / seconds:,.0f} documents/s  {characters / seconds:,.0f} characters/s"
          f"  ({seconds * 1000:.0f} ms per pass)")
    return 0
