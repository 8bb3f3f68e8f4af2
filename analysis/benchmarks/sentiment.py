"""Speed of the tone scorer: `python -m analysis.bench sentiment --gold GerNTSA.json`.

Sentences per second on one core (this process) for our scorer, with and without the target, and
for textblob-de; caches are cleared first so repeated words are not free.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from analysis import sentiment
from analysis.sentiment.lexicon import news_weight
from analysis.train_sentiment import load_gerntsa


def rate(run: Callable[[], object], count: int) -> float:
    """Items per second of one call of `run` over `count` items."""
    started = time.perf_counter()
    run()
    return count / (time.perf_counter() - started)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench sentiment", description=__doc__)
    parser.add_argument("--gold", type=Path, required=True, help="GerNTSA.json (its sentences)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N sentences")
    args = parser.parse_args(argv)
    examples = load_gerntsa(args.gold)[: args.limit or None]
    texts = [e.text for e in examples]
    sentiment.lexicons(), sentiment.model(), sentiment.textblob_polarity("gut")  # load once
    sentiment.word_weights.cache_clear()
    news_weight.cache_clear()
    systems = {
        "ours (sentence)": lambda: sentiment.score_batch(texts),
        "ours (target)": lambda: sentiment.score_batch(texts, [e.target for e in examples]),
        "textblob-de": lambda: [sentiment.textblob_polarity(text) for text in texts],
    }
    print(f"{len(texts)} sentences, one core")
    for name, run in systems.items():
        print(f"{name:<16} {rate(run, len(texts)):>10,.0f} sentences/s")
    return 0
