"""Documents: a folder, file or record becomes rows of the `documents` and `manifest` tables.

Bad input never raises inside a folder: every file and record ends up in the manifest as
``processed``, ``skipped`` (with the reason), ``duplicate`` or ``flagged`` (analysed, with a
caveat: not German, a feed's teaser), so a corpus run can be audited afterwards. A file of many
articles (table, JSON lines, feed, web archive) gives one row per record, its source the file and
the record: ``feed.rss#3``, ``crawl.warc.gz#https://…`` (the record's URL).

Metadata ``source`` (the outlet, e.g. "tagesschau.de") fills ``agency`` only when neither the
metadata ``agency`` key, the title suffix nor the dateline name an agency.

``published`` is filled here only from a date the metadata holds as a date (YAML ``2024-01-16``),
with ``published_source`` "metadata". Reading a date written as text ("16.01.2024", "Ostern
2024") or finding one in the captions or the body takes the temporal tagger, so `read_files`
leaves those to the publication-date step (`analysis.published`): such articles keep NaT and
"unknown", and the metadata's date texts wait in the `METADATA_DATES` column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import engines, reasons
from analysis.corpus.files import (
    ARCHIVE_SUFFIXES,
    FEED_SUFFIXES,
    PAGE_SUFFIXES,
    SUFFIXES,
    TEXT_SUFFIXES,
    Entry,
    SkipError,
    check_size,
    decode,
    normalise,
    relative,
    suffix_of,
    walk,
)
from analysis.corpus.newstext import parse_body, strip_html, take_title
from analysis.corpus.records import (
    as_text,
    csv_records,
    json_records,
    jsonl_records,
    split_front_matter,
)
from analysis.language import detect_language

DOCUMENT_COLUMNS = [
    "doc_id",
    "source",
    "title",
    "author",
    "agency",
    "dateline",
    "published",
    "published_source",
    "url",
    "text",
    "captions",
]
MANIFEST_COLUMNS = ["source", "status", "reason", "doc_id"]
# The metadata's dates written as text, in DATE_KEYS order (a tuple of str per row): only in the
# tables of `read_files`, read and dropped by analysis.published.infer_publication_dates.
METADATA_DATES = "metadata_dates"
# Metadata keys that may hold the publication date, tried in this order.
DATE_KEYS = ("date", "published", "datum")
# Larger bodies are skipped with a reason: a 10 MB "article" is almost always a broken export,
# and segmenting it would hold up a whole run. Configurable per call and with --max-article-mb.
MAX_ARTICLE_BYTES = 2_000_000
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "it": "Italian",
                  "nl": "Dutch"}


def doc_id_for(title: str, text: str) -> str:
    """Stable id from content, so renaming or moving a file keeps its id."""
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:16]


def parse_article(raw: str, source: str = "") -> dict[str, Any]:
    """Parse one article string (feed format, plain text or YAML front matter) into a row,
    dated from its metadata only (as `read_files` does).

    Raises SkipError (a ValueError) with a readable reason when there is no body text.
    """
    text = normalise(raw)
    meta: dict[str, Any] = {}
    if text.startswith("---\n"):
        meta, text = split_front_matter(text)
    return _build_row(strip_html(text), meta, source, detect_title="title" not in meta)


def read_files(
    path: str | os.PathLike[str],
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    non_german: str = "flag",
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a folder (recursively) or a single file into (documents, manifest), dated from
    metadata only (`analysis.read_corpus` also infers the other dates).

    Every file and record gets a manifest row: `processed`, `skipped` (with the reason),
    `duplicate` (same title and body as an earlier input: analysed once, both recorded) or
    `flagged` (a feed's teaser, or not German: analysed with `non_german="flag"`, skipped with
    `"skip"`). Articles whose body is larger than `max_article_bytes` (UTF-8) are skipped with a
    reason. Web archives (WARC), the one input large enough to be worth it, are read one file per
    task on `engine` with `workers` (`engines.run`); with Dask each worker must see the files.
    """
    if non_german not in ("flag", "skip"):
        raise ValueError(f"non_german must be 'flag' or 'skip', not {non_german!r}")
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"corpus path does not exist: {os.fspath(path)}")
    base = root.parent
    entries: list[Entry] = []
    archives: list[tuple[int, tuple[Path, str]]] = []  # where their entries go, what to read
    files = walk(root, base, entries) if root.is_dir() else iter([root])
    for file in files:
        if suffix_of(file) in ARCHIVE_SUFFIXES:
            archives.append((len(entries), (file, relative(file, base))))
        else:
            entries.extend(_read_file(file, relative(file, base), max_article_bytes))
    if archives:
        read = partial(_read_task, max_article_bytes=max_article_bytes)
        tasks = [task for _, task in archives]
        found = dict(engines.run(read, tasks, engine, workers, scheduler))
        for number, (position, _) in reversed(list(enumerate(archives))):
            entries[position:position] = found[number]

    first_of: dict[str, Entry] = {}
    for entry in entries:
        if entry.row is None:
            continue
        first = first_of.setdefault(entry.row["doc_id"], entry)
        if first is not entry:
            entry.status = "duplicate"
            entry.reason = reasons.text("duplicate", original=first.source)
            continue
        language, share = detect_language(entry.row["text"])
        if language not in ("de", "unknown"):
            name = LANGUAGE_NAMES.get(language, language)
            if non_german == "skip":
                entry.status = ""
                entry.reason = reasons.text("not_german", language=name,
                                            share=f"{share * 100:.0f}")
                entry.row = None
            else:
                entry.status = "flagged"
                entry.reason = reasons.joined(reasons.text("looks_foreign", language=name),
                                              entry.reason)

    documents = [
        entry.row for entry in entries if entry.row is not None and entry.status != "duplicate"
    ]
    manifest = [
        {
            "source": entry.source,
            "status": entry.status or ("processed" if entry.row is not None else "skipped"),
            "reason": entry.reason,
            "doc_id": entry.row["doc_id"] if entry.row is not None else "",
        }
        for entry in entries
    ]
    return _documents_frame(documents), pd.DataFrame(manifest, columns=MANIFEST_COLUMNS, dtype=str)


def naive_timestamp(stamp: pd.Timestamp) -> pd.Timestamp | None:
    """Wall-clock time without its zone, or None outside what a datetime64[ns] column holds."""
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp if pd.Timestamp.min <= stamp <= pd.Timestamp.max else None


# --------------------------------------------------------------------------- files and records


def _read_task(task: tuple[Path, str], max_article_bytes: int) -> list[Entry]:
    """`_read_file` as one task of an engine."""
    return _read_file(*task, max_article_bytes)


def _read_file(file: Path, source: str, max_article_bytes: int) -> list[Entry]:
    """All manifest entries for one file; file-level problems give a single skipped entry."""
    suffix = suffix_of(file)
    if suffix not in SUFFIXES:
        return [Entry(source, reasons.text("unsupported_type", suffix=suffix) if suffix
                      else reasons.text("unsupported_no_suffix"))]
    try:
        if suffix in ARCHIVE_SUFFIXES | FEED_SUFFIXES | PAGE_SUFFIXES:
            entries = _read_web_file(file, suffix, source, max_article_bytes)
        else:
            data = file.read_bytes()
            if suffix in TEXT_SUFFIXES:
                check_size(len(data), max_article_bytes)
                return [Entry(source, row=parse_article(decode(data), source))]
            records = {".csv": csv_records, ".jsonl": jsonl_records, ".json": json_records}
            entries = _record_entries(source, records[suffix](decode(data)), max_article_bytes)
    except SkipError as exc:
        return [Entry(source, str(exc))]
    except OSError as exc:
        return [Entry(source, reasons.text("unreadable_file", error=exc.strerror))]
    except Exception as exc:  # one odd file must not abort a corpus run; the manifest shows it
        return [Entry(source, reasons.text("unexpected_error",
                                           error=f"{type(exc).__name__}: {exc}"))]
    return entries or [Entry(source, reasons.text("no_records"))]


def _read_web_file(file: Path, suffix: str, source: str, max_article_bytes: int) -> list[Entry]:
    """The entries of a saved page, a feed (one per item) or a web archive (one per record)."""
    # imported on first use: trafilatura and its kin add 0.3 s to every start of the package
    # (command line, workers, report kernels), also where no web page is ever read
    from analysis.corpus import web

    if suffix in ARCHIVE_SUFFIXES:
        return _record_entries(source, web.warc_records(file, max_article_bytes),
                               max_article_bytes)
    data = file.read_bytes()
    if suffix in PAGE_SUFFIXES:
        web.check_page_size(len(data), max_article_bytes)
        return [_record_entry(source, web.page_record(decode(data)), max_article_bytes)]
    return [_record_entry(f"{source}#{number}", record, max_article_bytes, caveat)
            for number, record, caveat in web.feed_records(data)]


def _record_entries(
    source: str, records: Iterable[tuple[int | str | None, dict[str, Any] | str]],
    max_article_bytes: int,
) -> list[Entry]:
    """The entries of a file's records, each labelled "file#label" (None: the file itself)."""
    return [_record_entry(source if label is None else f"{source}#{label}", record,
                          max_article_bytes) for label, record in records]


def _record_entry(
    source: str, record: dict[str, Any] | str, max_article_bytes: int, caveat: str = ""
) -> Entry:
    """Turn one record into an entry; a string record is a ready-made skip reason, a caveat
    makes the article `flagged` with it as the reason."""
    if isinstance(record, str):
        return Entry(source, record)
    text = normalise(as_text(record.get("text")))
    if not text:
        return Entry(source, reasons.text("empty_text"))
    meta = {key: value for key, value in record.items() if key != "text"}
    try:
        check_size(len(text.encode()), max_article_bytes)
        row = _build_row(strip_html(text), meta, source, detect_title=False)
    except SkipError as exc:
        return Entry(source, str(exc))
    return Entry(source, caveat, row=row, status="flagged" if caveat else "")


# --------------------------------------------------------------------------- rows


def _build_row(
    text: str, meta: dict[str, Any], source: str, *, detect_title: bool
) -> dict[str, Any]:
    """Clean the body, merge metadata with what the text itself says, and date the article."""
    lines = [line.rstrip() for line in text.split("\n")]
    title, title_agency = "", ""
    if detect_title:
        title, title_agency, lines = take_title(lines)
    body = parse_body(lines)
    if not body.paragraphs:
        raise SkipError(reasons.text("no_body"))
    text_body = "\n\n".join(body.paragraphs)

    title = as_text(meta.get("title")) or title
    published, published_source, written_dates = _metadata_published(meta)
    agency = (
        as_text(meta.get("agency"))
        or title_agency
        or body.dateline_agency
        or body.byline_agency
        or as_text(meta.get("source"))
    )
    return {
        "doc_id": doc_id_for(title, text_body),
        "source": source,
        "title": title,
        "author": as_text(meta.get("author")) or body.author,
        "agency": agency,
        "dateline": body.dateline,
        "published": published,
        "published_source": published_source,
        "url": as_text(meta.get("url")),
        "text": text_body,
        "captions": "\n".join(body.captions),
        METADATA_DATES: written_dates,
    }


def _metadata_published(meta: dict[str, Any]) -> tuple[pd.Timestamp | None, str, tuple[str, ...]]:
    """The first metadata date held as a date (YAML dates; time kept, zone dropped) and the
    date texts of the keys before it, which take precedence if the tagger can read them."""
    written: list[str] = []
    for key in DATE_KEYS:
        value = meta.get(key)
        if isinstance(value, dt.datetime | dt.date):
            stamp = naive_timestamp(pd.Timestamp(value))
            if stamp is not None:
                return stamp, "metadata", tuple(written)
        elif text := as_text(value):
            written.append(text)
    return None, "unknown", tuple(written)


def _documents_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Documents with fixed columns and dtypes, also when no file produced a row."""
    frame = pd.DataFrame(rows, columns=[*DOCUMENT_COLUMNS, METADATA_DATES])
    text_columns = [column for column in DOCUMENT_COLUMNS if column != "published"]
    frame[text_columns] = frame[text_columns].astype(str)
    frame["published"] = pd.to_datetime(frame["published"]).astype("datetime64[ns]")
    return frame
