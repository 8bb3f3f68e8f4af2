"""Speed of the entity step: `python -m analysis.bench entities [--gold FILE | --corpus PATH]`.

Tokens per second on one core for recognition and linking, once from raw text (SoMaJo
segmentation included) and once from segmented text (segmentation is shared with other steps).
Texts are GermEval sentences joined into articles of 20 (`--gold`), or the articles of a corpus.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from analysis import language
from analysis.entities import link, load_aliases, tag_words
from analysis.germeval import sentences
from analysis.pipeline import load_corpus


def gold_texts(path: Path, per_text: int = 20) -> list[str]:
    lines = [" ".join(word for word, _ in sentence) for sentence in sentences(path)]
    return [" ".join(lines[i : i + per_text]) for i in range(0, len(lines), per_text)]


def corpus_texts(path: Path) -> list[str]:
    return [text for text in load_corpus(path)["text"] if text.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench entities",
                                     description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--gold", type=Path, help="GermEval TSV file")
    source.add_argument("--corpus", type=Path, help="corpus folder or file (analysis.load_corpus)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the texts (default 1)")
    args = parser.parse_args(argv)
    texts = gold_texts(args.gold) if args.gold else corpus_texts(args.corpus)
    aliases = load_aliases()
    tag_words(["Warm", "up"])  # load the model outside the timing
    language.segment("Warm up.")
    started = time.process_time()
    segmented = [language.segment.__wrapped__(text) for text in texts * args.repeat]
    segmenting = time.process_time() - started
    started = time.process_time()
    for text, parts in zip(texts * args.repeat, segmented, strict=True):
        link(text, parts, aliases)
    linking = time.process_time() - started
    tokens = sum(len(s.tokens) for parts in segmented for s in parts)
    print(f"{len(texts)} texts x {args.repeat}, {tokens} tokens (CPU time, one core)")
    print(f"entity step, segmented text: {tokens / linking:10,.0f} tokens/s")
    print(f"with SoMaJo segmentation:    {tokens / (linking + segmenting):10,.0f} tokens/s")
    print(f"segmentation alone:          {tokens / segmenting:10,.0f} tokens/s")
    return 0
