"""The whole analysis of a corpus: every article through entities, timeline and sentiment.

Articles are independent, so they are spread over worker processes; each worker loads the models
once. The result is a set of tables (docs/tables.md) that notebooks, reports and scripts share.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from analysis import entities, language, sentiment
from analysis import timeline as timelines
from analysis.corpus import read_corpus
from analysis.paths import SEEDS_DIR
from analysis.storage import read_table, write_table

PER_ARTICLE_TABLES = ("sentences", "mentions", "timeline", "sentiment")


@dataclass
class Analysis:
    """All tables of one analysed corpus; `article()` narrows them to one article."""

    documents: pd.DataFrame
    manifest: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    timeline: pd.DataFrame
    sentiment: pd.DataFrame

    @property
    def entity_tone(self) -> pd.DataFrame:
        """Tone towards each entity across the corpus."""
        return sentiment.entity_tone(self.mentions, self.sentiment)

    @property
    def article_tone(self) -> pd.DataFrame:
        """Mean tone and positive/neutral/negative sentence counts per article."""
        return sentiment.article_sentiment(self.sentiment)

    def article(self, doc_id: str | None = None) -> Analysis:
        """The tables of one article (the first one when `doc_id` is None)."""
        if self.documents.empty:
            raise ValueError("the corpus has no analysed articles")
        doc_id = doc_id or self.documents["doc_id"].iloc[0]
        if doc_id not in set(self.documents["doc_id"]):
            raise KeyError(f"no article with doc_id {doc_id!r} in this corpus")
        narrowed = {
            field.name: _rows_of(getattr(self, field.name), doc_id)
            for field in fields(self)
            if field.name != "manifest"
        }
        return Analysis(manifest=self.manifest[self.manifest["doc_id"] == doc_id], **narrowed)

    def save(self, folder: str | os.PathLike) -> Path:
        """Write every table as Parquet and CSV into `folder`."""
        folder = Path(folder)
        for field in fields(self):
            write_table(getattr(self, field.name), folder, field.name)
        write_table(self.entity_tone, folder, "entity_tone")
        write_table(self.article_tone, folder, "article_tone")
        return folder

    @classmethod
    def load(cls, folder: str | os.PathLike) -> Analysis:
        """Read tables written by `save()` (or `python -m analysis analyze`)."""
        folder = Path(folder)
        missing = [f.name for f in fields(cls) if not (folder / f"{f.name}.parquet").exists()]
        if missing:
            raise FileNotFoundError(
                f"{folder} lacks the tables {', '.join(missing)}: run analyze first"
            )
        return cls(**{field.name: read_table(folder, field.name) for field in fields(cls)})


def _rows_of(table: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    return table[table["doc_id"] == doc_id].reset_index(drop=True)


def analyze_article(document: dict) -> dict[str, pd.DataFrame]:
    """The per-article tables of one documents row."""
    frame = pd.DataFrame([document])
    article_mentions = entities.mentions(frame)
    sentences = language.sentences(document["text"])
    sentences.insert(0, "doc_id", document["doc_id"])
    return {
        "sentences": sentences,
        "mentions": article_mentions,
        "timeline": timelines.timeline(frame, article_mentions),
        "sentiment": sentiment.sentence_sentiment(frame),
    }


def _analyze_all(records: list[dict], workers: int) -> Iterator[dict[str, pd.DataFrame]]:
    if workers <= 1 or len(records) <= 1:
        yield from map(analyze_article, records)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(
            analyze_article, records, chunksize=max(1, len(records) // (workers * 8))
        )


def analyze(
    corpus: str | os.PathLike | pd.DataFrame | None = None,
    workers: int = 1,
    progress: bool = False,
) -> Analysis:
    """Analyse a folder, a file or a loaded documents table (default: the project's seeds)."""
    if isinstance(corpus, pd.DataFrame):
        documents = corpus.reset_index(drop=True)
        manifest = pd.DataFrame(
            {
                "source": documents["source"],
                "status": "processed",
                "reason": "",
                "doc_id": documents["doc_id"],
            }
        )
    else:
        documents, manifest = read_corpus(corpus if corpus is not None else SEEDS_DIR)
    records = documents.to_dict("records")
    results: dict[str, list[pd.DataFrame]] = {name: [] for name in PER_ARTICLE_TABLES}
    bar: Iterable = _analyze_all(records, workers)
    if progress:
        bar = tqdm(bar, total=len(records), unit="article", desc="analysing")
    for tables in bar:
        for name in PER_ARTICLE_TABLES:
            results[name].append(tables[name])
    empty = analyze_article({"doc_id": "", "text": "", "published": pd.NaT})
    return Analysis(
        documents=documents,
        manifest=manifest,
        **{
            name: pd.concat(frames, ignore_index=True) if frames else empty[name]
            for name, frames in results.items()
        },
    )


def open_analysis(
    corpus: str | os.PathLike | None = None, tables: str | os.PathLike | None = None
) -> Analysis:
    """What notebooks call: read saved tables when given, else analyse `corpus` (default: seeds)."""
    if tables is not None:
        return Analysis.load(tables)
    return analyze(corpus)


def summary_line(result: Analysis, seconds: float) -> str:
    """The one line a run ends with: how many articles were processed and skipped, and how fast."""
    status = result.manifest["status"].value_counts()
    return (
        f"{int(status.get('processed', 0))} articles processed, {int(status.get('skipped', 0))} "
        f"skipped in {seconds:.1f} s"
    )


def timed_analyze(corpus: str | os.PathLike, workers: int) -> tuple[Analysis, float]:
    started = time.perf_counter()
    result = analyze(corpus, workers=workers, progress=True)
    return result, time.perf_counter() - started
