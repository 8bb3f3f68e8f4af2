"""The whole analysis of a corpus: every article through entities, timeline and sentiment.

Articles are independent, so they are spread over worker processes; each worker loads the models
once. The result is a set of tables (docs/tables.md) that notebooks, reports and scripts share.
"""

from __future__ import annotations

import gc
import hashlib
import math
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache, partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from analysis import engines, entities, language, quotes, reasons, sentiment
from analysis import timeline as timelines
from analysis.cache import ResultCache, article_key, pipeline_version
from analysis.corpus import MAX_ARTICLE_BYTES, read_files
from analysis.document import Doc
from analysis.paths import SEEDS_DIR
from analysis.published import infer_publication_dates
from analysis.storage import read_table, write_table, write_text

PER_ARTICLE_TABLES = ("sentences", "mentions", "mention_tone", "timeline", "sentiment", "quotes")
TABLES = ("documents", "manifest", *PER_ARTICLE_TABLES)
ORIGIN_FILE = ".origin"  # beside saved tables: what they were computed from
BATCH_SIZE = 64
GC_FIRST_GENERATION = 100_000  # allocations between young-generation collections (default 700)


@dataclass
class Analysis:
    """All tables of one analysed corpus; `article()` narrows them to one article."""

    documents: pd.DataFrame
    manifest: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    mention_tone: pd.DataFrame
    timeline: pd.DataFrame
    sentiment: pd.DataFrame
    quotes: pd.DataFrame
    # What the tables were computed from (pipeline version, options, documents): saving into a
    # folder that already holds exactly these tables writes nothing. Empty: always write.
    origin: str = field(default="", compare=False, repr=False)

    @cached_property
    def entity_tone(self) -> pd.DataFrame:
        """Tone towards each entity across the corpus, from the tone towards each mention
        (computed on first use, then kept: a report asks for it more than once)."""
        return sentiment.entity_tone(self.mentions, self.mention_tone)

    @cached_property
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
        narrowed = {name: _take(getattr(self, name), self._rows_by_doc[name].get(doc_id))
                    for name in TABLES if name != "manifest"}
        return Analysis(manifest=self.manifest[self.manifest["doc_id"] == doc_id], **narrowed)

    @cached_property
    def _rows_by_doc(self) -> dict[str, dict[str, np.ndarray]]:
        """Row positions of each article in each table, found once: a report renders hundreds
        of article pages from the same tables."""
        return {name: getattr(self, name).groupby("doc_id", sort=False).indices
                for name in TABLES if name != "manifest"}

    def save(self, folder: str | os.PathLike, articles_per_part: int | None = None) -> Path:
        """Write every table as Parquet and CSV into `folder`, unless it already holds exactly
        these tables (an unchanged re-run then writes nothing: CSV alone took seconds).

        With `articles_per_part`, the per-article tables become partitioned Parquet datasets
        (one part per that many articles), the layout a cluster run writes.
        """
        folder = Path(folder)
        stamp = folder / ORIGIN_FILE
        origin = f"{self.origin}/{articles_per_part}" if self.origin else ""
        written = [*TABLES, "entity_tone", "article_tone"]
        if origin and stamp.is_file() and stamp.read_text() == origin and all(
                (folder / f"{name}.parquet").exists() for name in written):
            return folder
        stamp.unlink(missing_ok=True)
        for name in TABLES:
            table = getattr(self, name)
            parts = None
            if articles_per_part and name in PER_ARTICLE_TABLES:
                parts = self._partitions(table, articles_per_part)
            write_table(table, folder, name, parts)
        write_table(self.entity_tone, folder, "entity_tone")
        write_table(self.article_tone, folder, "article_tone")
        if origin:
            write_text(stamp, origin)
        return folder

    def _partitions(self, table: pd.DataFrame, articles_per_part: int) -> list[pd.DataFrame]:
        position = {doc_id: i for i, doc_id in enumerate(self.documents["doc_id"])}
        part_of = table["doc_id"].map(position) // articles_per_part
        count = max(1, math.ceil(len(position) / articles_per_part))
        return [table[part_of == number] for number in range(count)]

    @classmethod
    def load(cls, folder: str | os.PathLike, doc_id: str | None = None) -> Analysis:
        """Read tables written by `save()` (or `python -m analysis analyze`).

        With `doc_id`, only that article's rows are read: an article report over a large corpus
        stays quick.
        """
        folder = Path(folder)
        missing = [name for name in TABLES if not (folder / f"{name}.parquet").exists()]
        if missing:
            raise FileNotFoundError(
                f"{folder} lacks the tables {', '.join(missing)}: run analyze first"
            )
        loaded = cls(**{name: read_table(folder, name, doc_id) for name in TABLES})
        if doc_id is not None and loaded.documents.empty:
            raise KeyError(f"no article with doc_id {doc_id!r} in {folder}")
        return loaded


def _take(table: pd.DataFrame, positions: np.ndarray | None) -> pd.DataFrame:
    return table.iloc[positions if positions is not None else []].reset_index(drop=True)


def analyze_article(document: dict, textblob: bool = False,
                    aliases: dict[str, tuple[str, str | None]] | None = None,
                    tone: bool = True) -> dict[str, list[tuple]]:
    """Every layer of one documents row as plain rows, one list per table: the article is parsed
    once and each step reads that parse and the layers before it (textblob-de's comparison
    polarity in the sentiment rows only when `textblob`; no tone at all without `tone`)."""
    doc = Doc.from_record(document)
    named = [row for row in entities.annotate(doc, aliases) if row[7] == "name"]
    said = quotes.quote_rows(doc, [(r[2], r[3], r[5], r[6]) for r in named])
    tones = [sentiment.score(row[2]) for row in said] if tone else []
    return {
        "sentences": [(doc.doc_id, s.sentence_id, s.start, s.end, s.text)
                      for s in doc.sentences],
        "mentions": named,
        "mention_tone": sentiment.mention_tone_rows(
            doc, [(r[0], r[1], r[2], r[3], r[6], r[5]) for r in named]) if tone else [],
        "timeline": timelines.timeline_rows(doc, [(r[1], r[6]) for r in named]),
        "sentiment": sentiment.sentence_rows(doc, textblob) if tone else [],
        "quotes": [(doc.doc_id, *row, said_tone.polarity, said_tone.label)
                   for row, said_tone in zip(said, tones, strict=True)] if tone else
                  [(doc.doc_id, *row, math.nan, "") for row in said],
    }


# How each table is built from the rows of a whole batch: one DataFrame per table and batch.
TABLE_FRAMES = {
    "sentences": lambda rows: pd.DataFrame(rows, columns=["doc_id", *language.SENTENCE_COLUMNS]),
    "mentions": entities.mention_frame,
    "mention_tone": lambda rows: pd.DataFrame(rows, columns=sentiment.MENTION_TONE_COLUMNS),
    "timeline": timelines.timeline_frame,
    "sentiment": lambda rows: pd.DataFrame(rows, columns=sentiment.SENTIMENT_COLUMNS),
    "quotes": lambda rows: pd.DataFrame(
        rows, columns=[*quotes.DOCUMENT_COLUMNS, "polarity", "tone"]),
}


def analyze_batch(records: list[dict], textblob: bool = False, tone: bool = True
                  ) -> dict[str, pd.DataFrame]:
    """The per-article tables of several documents rows (one task for a worker), each built once
    from the rows of every article in the batch.

    An article that breaks a step does not stop the run: it is left out of the tables and listed
    in the `failures` table (doc_id, reason) that `analyze` turns into manifest rows.
    """
    aliases = entities.load_aliases()
    rows: dict[str, list[tuple]] = {name: [] for name in PER_ARTICLE_TABLES}
    failures = []
    with _fewer_collections():
        for record in records:
            try:
                layers = analyze_article(record, textblob, aliases, tone)
            except Exception as error:  # one odd article must never cost the other thousand
                failures.append((record["doc_id"], reasons.text(
                    "analysis_failed", error=f"{type(error).__name__}: {error}")))
                continue
            for name in PER_ARTICLE_TABLES:
                rows[name].extend(layers[name])
    tables = {name: _uniform_times(TABLE_FRAMES[name](rows[name]))
              for name in PER_ARTICLE_TABLES}
    tables["failures"] = pd.DataFrame(failures, columns=["doc_id", "reason"])
    return tables


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cycle collector walks every live object on each full collection, and a worker's
    models and caches are millions of objects that never die: frozen, with the youngest
    generation collected every GC_FIRST_GENERATION allocations, the collector's share of a batch
    fell from 9 % to 2 % (1,028 10kGNAD articles). The settings are restored afterwards."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_FIRST_GENERATION, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _uniform_times(table: pd.DataFrame) -> pd.DataFrame:
    """Millisecond timestamps everywhere: they reach back before 1677 (an article about the year
    1600 must not crash the run, as nanoseconds would) and read back from Parquet unchanged."""
    times = table.select_dtypes(include=["datetime"]).columns
    return table.astype(dict.fromkeys(times, "datetime64[ms]")) if len(times) else table


@cache
def _empty_tables() -> dict[str, pd.DataFrame]:
    return {name: _uniform_times(build([])) for name, build in TABLE_FRAMES.items()}


def _concat(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    frames = [frame for frame in frames if not frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else _empty_tables()[name]


def _batches(records: list[dict], workers: int) -> list[list[dict]]:
    """Batches small enough to balance the workers, large enough to keep task overhead low."""
    size = max(1, min(BATCH_SIZE, math.ceil(len(records) / max(1, workers * 4))))
    return [records[i : i + size] for i in range(0, len(records), size)]


def _in_document_order(table: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    """Cached and fresh rows in one stable order, so a cached run equals a fresh one."""
    if table.empty:
        return table.reset_index(drop=True)
    position = table["doc_id"].map(order)
    return table.iloc[position.argsort(kind="stable")].reset_index(drop=True)


def read_corpus(
    path: str | os.PathLike[str],
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    non_german: str = "flag",
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a folder (recursively) or a single file into (documents, manifest), every article
    dated: from its metadata, else from its captions or body (`analysis.published`).

    Every file and record gets a manifest row: `processed`, `skipped` (with the reason),
    `duplicate` (same title and body as an earlier input: analysed once, both recorded) or
    `flagged` (a feed's teaser, or not German: analysed with `non_german="flag"`, skipped with
    `"skip"`). Articles whose body is larger than `max_article_bytes` (UTF-8) are skipped with a
    reason. Web archives are read one file per task on `engine` (`read_files`).
    """
    documents, manifest = read_files(path, max_article_bytes, non_german, engine, workers,
                                     scheduler)
    return infer_publication_dates(documents), manifest


def load_corpus(path: str | os.PathLike[str], **options: Any) -> pd.DataFrame:
    """The documents table only, for callers that do not audit skipped files."""
    return read_corpus(path, **options)[0]


def _load(
    corpus: str | os.PathLike | pd.DataFrame | None, **load_options: Any
) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not isinstance(corpus, pd.DataFrame):
        return read_corpus(corpus if corpus is not None else SEEDS_DIR, **load_options)
    documents = corpus.reset_index(drop=True)
    manifest = pd.DataFrame(
        {"source": documents["source"], "status": "processed", "reason": "",
         "doc_id": documents["doc_id"]}
    )
    return documents, manifest


def analyze(
    corpus: str | os.PathLike | pd.DataFrame | None = None,
    workers: int = 1,
    progress: bool = False,
    cache: str | os.PathLike | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    textblob: bool = False,
    tone: bool = True,
    **load_options,
) -> Analysis:
    """Analyse a folder, a file or a loaded documents table (default: the project's seeds).

    `cache` is a folder where results are kept by article content and pipeline version: a re-run
    analyses only new or changed articles. `engine="dask"` runs the work on the Dask cluster at
    `scheduler` (or on a local one); the tables are the same whichever engine runs them.
    `textblob` fills the sentiment table's textblob_polarity column for every sentence (it
    triples the analysis time; article reports compute it for their own sentences anyway).
    `tone=False` leaves tone out (empty sentiment and mention_tone tables, quotes without
    tone): the only step that reads SentiWS, which is licensed for non-commercial use only.
    `load_options` go to `read_corpus` (max_article_bytes, non_german); web archives in the
    corpus are read on the same engine and workers as the analysis.
    """
    documents, manifest = _load(corpus, engine=engine, workers=workers, scheduler=scheduler,
                                **load_options)
    keys = {
        doc_id: article_key(doc_id, published)
        for doc_id, published in zip(documents["doc_id"], documents["published"], strict=True)
    }
    variant = "notone" if not tone else "textblob" if textblob else ""
    store = ResultCache(cache, PER_ARTICLE_TABLES, variant) if cache is not None else None
    finished = store.load_snapshot(keys) if store else None
    if finished is not None:
        return Analysis(documents=documents, manifest=manifest, **finished,
                        origin=_origin(documents, manifest, variant))
    cached, hits = store.lookup(keys) if store else ({}, set())
    records = [record for record in documents.to_dict("records") if record["doc_id"] not in hits]
    fresh: dict[int, dict[str, pd.DataFrame]] = {}
    batches = _batches(records, workers)
    work = partial(analyze_batch, textblob=textblob and tone, tone=tone)
    # closed also when the run fails, so that an error is the last thing on the terminal
    with tqdm(total=len(records), unit="article", desc="analysing", disable=not progress) as bar:
        for number, tables in engines.run(work, batches, engine, workers, scheduler):
            fresh[number] = tables
            bar.update(len(batches[number]))
    new_tables = {
        name: _concat([fresh[number][name] for number in sorted(fresh)], name)
        for name in PER_ARTICLE_TABLES
    }
    failures = pd.concat([fresh[number]["failures"] for number in sorted(fresh)] or [
        pd.DataFrame(columns=["doc_id", "reason"])], ignore_index=True)
    manifest = _with_failures(manifest, failures)
    if store:
        failed = set(failures["doc_id"])
        store.store(
            {r["doc_id"]: keys[r["doc_id"]] for r in records if r["doc_id"] not in failed},
            new_tables,
        )
    order = {doc_id: position for position, doc_id in enumerate(documents["doc_id"])}
    combined = {
        name: _in_document_order(_concat([cached.get(name, _empty_tables()[name]),
                                          new_tables[name]], name), order)
        for name in PER_ARTICLE_TABLES
    }
    linked = link_across_articles(combined)
    if store and failures.empty:
        store.store_snapshot(keys, linked)
    origin = _origin(documents, manifest, variant) if failures.empty else ""
    return Analysis(documents=documents, manifest=manifest, **linked, origin=origin)


def _origin(documents: pd.DataFrame, manifest: pd.DataFrame, variant: str) -> str:
    """What a run's tables follow from: pipeline version, options, every document and input."""
    digest = hashlib.sha256(f"{pipeline_version()}/{variant}".encode())
    for table in (documents, manifest):
        digest.update(pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes())
        digest.update(",".join(table.columns).encode())
    return digest.hexdigest()


def _with_failures(manifest: pd.DataFrame, failures: pd.DataFrame) -> pd.DataFrame:
    """Articles whose analysis failed stay in the manifest, as `failed` with the error."""
    if failures.empty:
        return manifest
    reasons = dict(zip(failures["doc_id"], failures["reason"], strict=True))
    failed = manifest["doc_id"].isin(reasons) & (manifest["status"] != "duplicate")
    return manifest.assign(
        status=manifest["status"].where(~failed, "failed"),
        reason=manifest["reason"].where(~failed, manifest["doc_id"].map(reasons)),
    )


def link_across_articles(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """One canonical name per entity in every article (Putin here, Wladimir Putin there).

    Articles are analysed one by one (and cached), so names are linked within an article first;
    this pass renames across the corpus and carries the new names into every table naming them.
    """
    mentions = tables["mentions"]
    if mentions.empty:
        return tables
    linked = entities.link_corpus(mentions)
    renamed = dict(zip(mentions["entity"].tolist(), linked["entity"].tolist(), strict=True))
    renamed = {old: new for old, new in renamed.items() if old != new}
    label_of = dict(zip(linked["entity"].tolist(), linked["label"].tolist(), strict=True))
    tone = tables["mention_tone"]
    tone_entities = [renamed.get(e, e) for e in tone["entity"].tolist()]
    timeline = tables["timeline"]
    quotes_table = tables["quotes"]
    return {
        **tables,
        "mentions": linked,
        "mention_tone": tone.assign(
            entity=tone_entities,
            label=[label_of.get(e, label)
                   for e, label in zip(tone_entities, tone["label"].tolist(), strict=True)],
        ),
        "timeline": timeline.assign(
            entities=[_renamed_list(names, renamed) for names in timeline["entities"].tolist()]
        ),
        "quotes": quotes_table.assign(
            speaker=[renamed.get(name, name) for name in quotes_table["speaker"].tolist()]
        ),
    }


def _renamed_list(names: str, renamed: dict[str, str]) -> str:
    """A "; "-joined list of entities under their corpus-wide names, each once."""
    if not names:
        return names
    return "; ".join(dict.fromkeys(renamed.get(n, n) for n in names.split("; ") if n))


def open_analysis(
    corpus: str | os.PathLike | None = None, tables: str | os.PathLike | None = None
) -> Analysis:
    """What notebooks call: read saved tables when given, else analyse `corpus` (default: seeds).

    Saved tables are kept in memory until they change on disk: a report kernel renders page
    after page from the same tables and reads them once.
    """
    if tables is not None:
        folder = Path(tables).resolve()
        return _saved_tables(folder, _stamp(folder))
    return analyze(corpus)


@lru_cache(maxsize=2)
def _saved_tables(folder: Path, _stamp: tuple) -> Analysis:
    return Analysis.load(folder)


def _stamp(folder: Path) -> tuple:
    """When and how big each table is: a new analysis into the same folder changes it."""
    return tuple(sorted((path.name, path.stat().st_mtime_ns, path.stat().st_size)
                        for path in folder.glob("*.parquet")))


def open_article(
    corpus: str | os.PathLike | None = None,
    tables: str | os.PathLike | None = None,
    doc_id: str | None = None,
) -> Analysis:
    """What the article notebook calls: one article's tables (the first article when no doc_id)."""
    return open_analysis(corpus, tables).article(doc_id)


def summary_line(manifest: pd.DataFrame, seconds: float) -> str:
    """The one line a run ends with: what happened to the inputs, and how long it took."""
    status = manifest["status"].value_counts()
    counts = [f"{int(status.get('processed', 0))} articles processed",
              f"{int(status.get('skipped', 0))} skipped"]
    counts += [f"{int(status[name])} {name}" for name in ("duplicate", "flagged", "failed")
               if status.get(name, 0)]
    return f"{', '.join(counts)} in {seconds:.1f} s"


def timed_analyze(corpus: str | os.PathLike, **options) -> tuple[Analysis, float]:
    started = time.perf_counter()
    result = analyze(corpus, progress=True, **options)
    return result, time.perf_counter() - started
