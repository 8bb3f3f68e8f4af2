"""Load German news articles from files into the `documents` and `manifest` tables.

Supported inputs (see docs/tables.md for the columns):

* ``.txt`` in the agency-feed format of ``seeds/`` (title ending in "Von Reuters", gallery
  counters, "© Reuters." photo captions, "Von <author>" byline, "MOSKAU (Reuters) –" dateline,
  "source site-20" footer) or plain text whose first short line is the title;
* ``.txt``/``.md`` with YAML front matter (title, date, source, url, author);
* ``.csv``, ``.jsonl`` and ``.json`` tables with a ``text`` column, one article per record.

Bad input never raises inside a folder: every file and record ends up in the manifest as
``processed`` or ``skipped`` with a reason, so a corpus run can be audited afterwards.

Metadata ``source`` (the outlet, e.g. "tagesschau.de") fills ``agency`` only when neither the
metadata ``agency`` key, the title suffix nor the dateline name an agency.

Publication date rule (``published_source`` says which step won):

1. ``metadata``: a date field in front matter or the table (ISO or German "16.01.2024").
2. ``caption``: the latest full date in the photo captions ("am 16. Januar 2024"), but only if it
   agrees with the body: when the body names weekdays ("am Dienstag", "Dienstagabend") the caption
   date must fall on one of them, otherwise the photo is taken to be older (archive picture) and is
   ignored.
3. ``text``: the latest full explicit date in the body.

Dates and weekdays are found by the temporal tagger (`analysis.timeline`) run without a reference
date, so "am 16. Januar" (no year) or "gestern" never count as a full date.
4. ``unknown``: NaT.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis.language import detect_language
from analysis.timeline import timex_rows

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
# Larger bodies are skipped with a reason: a 10 MB "article" is almost always a broken export,
# and segmenting it would hold up a whole run. Configurable per call and with --max-article-mb.
MAX_ARTICLE_BYTES = 2_000_000
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "it": "Italian",
                  "nl": "Dutch"}

TEXT_SUFFIXES = {".txt", ".md"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".json"}

# Canonical spelling of news agencies, keyed by lower case.
_AGENCY_NAMES = (
    "Reuters",
    "dpa",
    "AFP",
    "AP",
    "KNA",
    "epd",
    "Bloomberg",
    "SID",
    "APA",
    "sda",
    "dts",
    "ddp",
    "Xinhua",
    "TASS",
)
AGENCIES = {name.lower(): name for name in _AGENCY_NAMES}

# Values the tagger gives explicit dates when it has no reference date: relative and partial
# dates stay underspecified ("XXXX-01-16", "XXXX-WXX-2"), so only written-out full dates match.
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEKDAY_VALUE = re.compile(r"XXXX-WXX-([1-7])")
# The range a datetime64[ns] column can hold; other dates cannot be a publication date anyway.
_EARLIEST, _LATEST = pd.Timestamp.min.date() + dt.timedelta(days=1), pd.Timestamp.max.date()

_TITLE_AGENCY = re.compile(r"^(?P<title>.+?)\s+Von\s+(?P<agency>[\w.-]+)$")
_GALLERY = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$")
_FOOTER = re.compile(r"^source site-\d+$", re.IGNORECASE)
# "© Reuters. " (at most three words before the period) and "REUTERS/Name/Pool" after a sentence.
_CAPTION_PREFIX = re.compile(r"^©\s*(?:[^\s.]+(?:\s[^\s.]+){0,2}\.\s+)?")
_CAPTION_CREDIT = re.compile(
    r"(?<=[.)!?])\s+(?:[A-Z]{2,}(?: [A-Z]{2,})*|dpa|picture alliance)(?:/[^/\n.]+)+$"
)
_NAME_WORD = r"(?:[A-ZÄÖÜ][\w.'-]*|von|van|de|der|del|zu|und)"
_BYLINE = re.compile(
    rf"^Von\s+(?P<name>[A-ZÄÖÜ][\w.'-]*(?:\s+{_NAME_WORD}){{0,6}})(?:,\s*(?P<agency>[\w.-]+))?$"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.'/ -]{0,40}?)\s*\((?P<agency>[^()\n]{1,30})\)\s*[–—-]+\s*"
)
_SMALL_PLACE_WORDS = {"am", "an", "der", "die", "das", "im", "in", "bei", "ob", "vor", "auf"}


class SkipError(ValueError):
    """Content that cannot become a document; the message is the manifest reason."""


@dataclass
class _Entry:
    """One manifest row plus the document it produced, if any."""

    source: str
    reason: str = ""
    row: dict[str, Any] | None = None
    status: str = ""  # set when not simply processed/skipped, e.g. "duplicate"


# --------------------------------------------------------------------------- public API


def doc_id_for(title: str, text: str) -> str:
    """Stable id from content, so renaming or moving a file keeps its id."""
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:16]


def parse_article(raw: str, source: str = "") -> dict[str, Any]:
    """Parse one article string (feed format, plain text or YAML front matter) into a row.

    Raises SkipError (a ValueError) with a readable reason when there is no body text.
    """
    text = _normalise(raw)
    meta: dict[str, Any] = {}
    if text.startswith("---\n"):
        meta, text = _split_front_matter(text)
    return _build_row(strip_html(text), meta, source, detect_title="title" not in meta)


def read_corpus(
    path: str | os.PathLike[str],
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    non_german: str = "flag",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a folder (recursively) or a single file into (documents, manifest).

    Every file and record gets a manifest row: `processed`, `skipped` (with the reason),
    `duplicate` (same title and body as an earlier input: analysed once, both recorded) or
    `flagged` (not German: analysed with `non_german="flag"`, skipped with `"skip"`). Articles
    whose body is larger than `max_article_bytes` (UTF-8) are skipped with a reason.
    """
    if non_german not in ("flag", "skip"):
        raise ValueError(f"non_german must be 'flag' or 'skip', not {non_german!r}")
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"corpus path does not exist: {os.fspath(path)}")
    base = root.parent
    entries: list[_Entry] = []
    files = _walk(root, base, entries) if root.is_dir() else iter([root])
    for file in files:
        entries.extend(_read_file(file, _relative(file, base), max_article_bytes))

    seen: dict[str, str] = {}
    for entry in entries:
        if entry.row is None:
            continue
        first = seen.setdefault(entry.row["doc_id"], entry.source)
        if first != entry.source:
            entry.status = "duplicate"
            entry.reason = f"same title and body as {first}: analysed once"
            continue
        language, share = detect_language(entry.row["text"])
        if language not in ("de", "unknown"):
            name = LANGUAGE_NAMES.get(language, language)
            if non_german == "skip":
                entry.reason = (f"not German: looks like {name} ({share:.0%} of its words are "
                                f"{name} function words)")
                entry.row = None
            else:
                entry.status = "flagged"
                entry.reason = (f"looks like {name}, not German: analysed anyway "
                                "(--non-german skip leaves such articles out)")

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


def load_corpus(path: str | os.PathLike[str], **options: Any) -> pd.DataFrame:
    """The documents table only, for callers that do not audit skipped files."""
    return read_corpus(path, **options)[0]


_HTML_TAG = re.compile(r"</?(?:[a-z][a-z0-9]*)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
               "table", "blockquote", "section", "article", "header", "footer", "figure"}
_HIDDEN_TAGS = {"script", "style", "noscript", "template", "head"}


class _TextOnly(HTMLParser):
    """Text of an HTML fragment: block tags become paragraph breaks, scripts and styles vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """Article text without HTML markup, for analysis; text without tags is returned unchanged.

    Scraped articles often keep their <p> and <a> tags. Reports escape whatever they show, so
    stripping here is about clean analysis, not safety.
    """
    if not _HTML_TAG.search(text):
        return text
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", "".join(parser.parts)))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


# --------------------------------------------------------------------------- files


def _relative(file: Path, base: Path) -> str:
    """Source label: path relative to the corpus folder's parent, with forward slashes."""
    try:
        return file.relative_to(base).as_posix()
    except ValueError:
        return file.as_posix()


def _walk(root: Path, base: Path, entries: list[_Entry]) -> Iterator[Path]:
    """Yield files in sorted order, skipping hidden names; resolved dirs stop symlink loops."""
    seen: set[Path] = set()

    def visit(folder: Path) -> Iterator[Path]:
        real = folder.resolve()
        if real in seen:
            return
        seen.add(real)
        try:
            children = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            entries.append(_Entry(_relative(folder, base), f"cannot read folder: {exc.strerror}"))
            return
        for child in children:
            if child.name.startswith("."):
                continue
            if child.is_dir():
                yield from visit(child)
            elif child.is_file():
                yield child
            else:
                entries.append(_Entry(_relative(child, base), "not a regular file (broken link?)"))

    return visit(root)


def _check_size(size: int, limit: int) -> None:
    """Refuse oversized articles before parsing them: parsing is what would take the time."""
    if size > limit:
        raise SkipError(
            f"article is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit "
            "(raise it with --max-article-mb)"
        )


def _read_file(file: Path, source: str, max_article_bytes: int) -> list[_Entry]:
    """All manifest entries for one file; file-level problems give a single skipped entry."""
    suffix = file.suffix.lower()
    if suffix not in TEXT_SUFFIXES | TABLE_SUFFIXES:
        return [_Entry(source, f"unsupported file type {suffix or '(no extension)'}")]
    try:
        data = file.read_bytes()
        if suffix in TEXT_SUFFIXES:
            _check_size(len(data), max_article_bytes)
            return [_Entry(source, row=parse_article(_decode(data), source))]
        text = _decode(data)
        records = {".csv": _csv_records, ".jsonl": _jsonl_records, ".json": _json_records}
        entries = [
            _record_entry(f"{source}#{number}", record, max_article_bytes)
            for number, record in records[suffix](text)
        ]
    except SkipError as exc:
        return [_Entry(source, str(exc))]
    except OSError as exc:
        return [_Entry(source, f"cannot read file: {exc.strerror}")]
    except Exception as exc:  # one odd file must not abort a corpus run; the manifest shows it
        return [_Entry(source, f"unexpected error: {type(exc).__name__}: {exc}")]
    return entries or [_Entry(source, "no records")]


_MAGIC = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF",
          b"PK\x03\x04": "ZIP/Office", b"\x1f\x8b": "gzip", b"\x7fELF": "executable"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _decode(data: bytes) -> str:
    """Decode UTF-8 (BOM optional), UTF-16 with BOM or cp1252; normalise newlines and NFC."""
    if not data:
        raise SkipError("empty file")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise SkipError(f"binary file ({kind}), not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SkipError("not UTF-8/UTF-16/cp1252 text (broken UTF-16)") from exc
    elif b"\x00" in data:
        raise SkipError("binary file (NUL bytes)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise SkipError("not UTF-8/UTF-16/cp1252 text") from exc
    text = _normalise(text)
    if not text.strip():
        raise SkipError("empty file (whitespace only)")
    if len(_CONTROL.findall(text[:20_000])) > 0.01 * min(len(text), 20_000):
        raise SkipError("binary file (control characters), not text")
    return text


def _normalise(text: str) -> str:
    """One newline style and composed umlauts, so regexes and doc_ids do not depend on origin."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- tables


def _record_entry(source: str, record: dict[str, Any] | str, max_article_bytes: int) -> _Entry:
    """Turn one table record into an entry; a string record is a ready-made skip reason."""
    if isinstance(record, str):
        return _Entry(source, record)
    text = _normalise(_as_text(record.get("text")))
    if not text:
        return _Entry(source, "empty text")
    meta = {key: value for key, value in record.items() if key != "text"}
    try:
        _check_size(len(text.encode()), max_article_bytes)
        row = _build_row(strip_html(text), meta, source, detect_title=False)
    except SkipError as exc:
        return _Entry(source, str(exc))
    return _Entry(source, row=row)


def _as_text(value: Any) -> str:
    """Table cells may be None, NaN or numbers; documents hold plain strings."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _lower_keys(record: dict[Any, Any]) -> dict[str, Any]:
    """Column and key names are matched case-insensitively ("Text", "TITLE")."""
    return {str(key).strip().lower(): value for key, value in record.items()}


def _csv_records(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Rows of a CSV (delimiter , ; or tab, guessed from the header); bad rows become reasons."""
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as exc:
        raise SkipError(f"unreadable CSV header: {exc}") from exc
    if "text" not in header:
        raise SkipError(f"no 'text' column (columns: {', '.join(header)})")
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield number, f"record {number} (line {line}): unparsable CSV row ({exc})"
            continue
        if not any(field.strip() for field in fields):
            continue
        number += 1
        if len(fields) == len(header):
            yield number, dict(zip(header, fields, strict=True))
        else:
            problem = f"{len(fields)} fields, header has {len(header)}"
            yield number, f"record {number} (line {line}): {problem}"


def _jsonl_records(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """One JSON object per line; N is the line number so reasons point at the broken line."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"line {number}: invalid JSON ({exc.msg}, column {exc.colno})"
            continue
        yield number, _check_record(record, f"line {number}")


def _json_records(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """A JSON list of objects, or an object holding that list under "articles"/"records"."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SkipError(f"invalid JSON ({exc.msg}, line {exc.lineno})") from exc
    if isinstance(data, dict):
        lists = [data[key] for key in ("articles", "records") if isinstance(data.get(key), list)]
        if not lists:
            keys = ", ".join(map(str, data)) or "none"
            raise SkipError(f"JSON is not a list of records (object with keys: {keys})")
        data = lists[0]
    if not isinstance(data, list):
        raise SkipError(f"JSON is not a list of records (got {type(data).__name__})")
    for number, record in enumerate(data, start=1):
        yield number, _check_record(record, f"record {number}")


def _check_record(record: Any, where: str) -> dict[str, Any] | str:
    """A JSON record with lower-cased keys, or the reason it cannot be one."""
    if not isinstance(record, dict):
        return f"{where}: not a JSON object"
    record = _lower_keys(record)
    if "text" not in record:
        return f"{where}: no 'text' field"
    return record


# --------------------------------------------------------------------------- articles


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split '---' YAML front matter from the body; broken YAML is a skip, not a crash."""
    lines = text.split("\n")
    closing = [i for i, line in enumerate(lines) if i and line.strip() in {"---", "..."}]
    if not closing:
        raise SkipError("front matter starts with '---' but is never closed")
    end = closing[0]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        raise SkipError(f"invalid YAML front matter ({exc.__class__.__name__})") from exc
    if not isinstance(meta, dict):
        raise SkipError("YAML front matter is not a mapping of keys")
    return _lower_keys(meta), "\n".join(lines[end + 1 :])


def _build_row(
    text: str, meta: dict[str, Any], source: str, *, detect_title: bool
) -> dict[str, Any]:
    """Clean the body, merge metadata with what the text itself says, and date the article."""
    lines = [line.rstrip() for line in text.split("\n")]
    title, title_agency = "", ""
    if detect_title:
        title, title_agency, lines = _take_title(lines)
    body = _parse_body(lines)
    if not body.paragraphs:
        raise SkipError("no body text after removing title and captions")
    text_body = "\n\n".join(body.paragraphs)

    title = _as_text(meta.get("title")) or title
    published, published_source = _published(meta, body.captions, text_body)
    agency = (
        _as_text(meta.get("agency"))
        or title_agency
        or body.dateline_agency
        or body.byline_agency
        or _as_text(meta.get("source"))
    )
    return {
        "doc_id": doc_id_for(title, text_body),
        "source": source,
        "title": title,
        "author": _as_text(meta.get("author")) or body.author,
        "agency": agency,
        "dateline": body.dateline,
        "published": published,
        "published_source": published_source,
        "url": _as_text(meta.get("url")),
        "text": text_body,
        "captions": "\n".join(body.captions),
    }


def _take_title(lines: list[str]) -> tuple[str, str, list[str]]:
    """Headline: first line with an agency suffix, or a short unpunctuated line before a gap."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if start == len(lines):
        return "", "", lines
    first = lines[start].strip().lstrip("#").strip()
    rest = lines[start + 1 :]
    match = _TITLE_AGENCY.match(first)
    if match and match["agency"].lower() in AGENCIES:
        return match["title"].strip(), AGENCIES[match["agency"].lower()], rest
    looks_like_title = (
        len(first) < 200
        and not first.endswith((".", ":", ";", ","))
        and not _is_furniture(first)
        and bool(rest)
        and not rest[0].strip()
    )
    return (first, "", rest) if looks_like_title else ("", "", lines)


def _is_furniture(line: str) -> bool:
    """Lines that are page furniture rather than headline or body text."""
    return bool(
        _GALLERY.match(line) or _FOOTER.match(line) or line.startswith("©") or _BYLINE.match(line)
    )


@dataclass
class _Body:
    """What the body lines yield besides the paragraphs themselves."""

    paragraphs: list[str]
    captions: list[str]
    author: str = ""
    byline_agency: str = ""
    dateline: str = ""
    dateline_agency: str = ""


def _parse_body(lines: list[str]) -> _Body:
    """Drop gallery counters and footers, collect captions and byline, strip the dateline."""
    body = _Body(paragraphs=[], captions=[])
    current: list[str] = []

    def flush() -> None:
        if current:
            body.paragraphs.append("\n".join(current))
            current.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
        elif _GALLERY.match(line) or _FOOTER.match(line):
            continue
        elif line.startswith("©"):
            flush()
            caption = _clean_caption(line)
            if caption:
                body.captions.append(caption)
        elif not body.paragraphs and not current and (byline := _BYLINE.match(line)):
            body.author = byline["name"]
            body.byline_agency = _agency_name(byline["agency"] or "")
        else:
            current.append(line)
    flush()

    if body.paragraphs:
        match = _DATELINE.match(body.paragraphs[0])
        if match and (match["place"].isupper() or match["agency"].lower() in AGENCIES):
            body.dateline = _place_name(match["place"])
            body.dateline_agency = _agency_name(match["agency"])
            rest = body.paragraphs[0][match.end() :].strip()
            body.paragraphs = [rest, *body.paragraphs[1:]] if rest else body.paragraphs[1:]
    return body


def _clean_caption(line: str) -> str:
    """Caption text without the '© Reuters. ' prefix and the 'REUTERS/Name/Pool' credit."""
    caption = _CAPTION_PREFIX.sub("", line, count=1)
    return _CAPTION_CREDIT.sub("", caption).strip()


def _agency_name(name: str) -> str:
    """Canonical spelling for known agencies ("DPA" → "dpa"), others unchanged."""
    name = name.strip()
    return AGENCIES.get(name.lower(), name)


def _place_name(place: str) -> str:
    """'KIEW/MOSKAU' → 'Kiew/Moskau', 'FRANKFURT AM MAIN' → 'Frankfurt am Main'."""
    place = " ".join(place.split())
    if not place.isupper():
        return place
    words = place.split(" ")
    return " ".join(
        word.lower() if i and word.lower() in _SMALL_PLACE_WORDS else word.title()
        for i, word in enumerate(words)
    )


# --------------------------------------------------------------------------- dates


def _published(
    meta: dict[str, Any], captions: list[str], body: str
) -> tuple[pd.Timestamp | None, str]:
    """Apply the date rule from the module docstring."""
    for key in ("date", "published", "datum"):
        value = _metadata_date(meta.get(key))
        if value is not None:
            return value, "metadata"
    caption_dates = [date for caption in captions for date in _find_dates(caption)]
    body_dates, weekdays = _dates_and_weekdays(body)
    if caption_dates:
        candidate = max(caption_dates)
        if not weekdays or candidate.isoweekday() in weekdays:
            return pd.Timestamp(candidate), "caption"
    if body_dates:
        return pd.Timestamp(max(body_dates)), "text"
    return None, "unknown"


def _metadata_date(value: Any) -> pd.Timestamp | None:
    """Metadata dates: YAML dates, ISO strings (time kept, zone dropped) or German dates.

    Anything else ("2024", "irgendwann") is not guessed at, so inference from the text applies.
    """
    if isinstance(value, dt.datetime | dt.date):
        stamp = pd.Timestamp(value)
    else:
        text = _as_text(value)
        if not text:
            return None
        dates = _find_dates(text)
        if not dates:
            return None
        try:
            stamp = pd.Timestamp(text) if _FULL_DATE.match(text) else pd.Timestamp(dates[0])
        except ValueError:
            stamp = pd.Timestamp(dates[0])
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp if pd.Timestamp.min <= stamp <= pd.Timestamp.max else None


def _find_dates(text: str) -> list[dt.date]:
    """All full calendar dates in German prose: '16. Januar 2024', '16.01.2024', '2024-01-16'."""
    return _dates_and_weekdays(text)[0]


def _dates_and_weekdays(text: str) -> tuple[list[dt.date], set[int]]:
    """Full dates and the ISO weekdays named on their own ("am Dienstag"), via the tagger.

    Without a reference date the tagger resolves nothing relative, so what comes back with a
    full value was written out in full.
    """
    values = [value for *_, kind, value in timex_rows(text, None) if kind in ("DATE", "TIME")]
    dates = [
        date for value in values if _FULL_DATE.fullmatch(value)
        and _EARLIEST <= (date := dt.date.fromisoformat(value)) <= _LATEST
    ]
    weekdays = {int(m[1]) for value in values if (m := _WEEKDAY_VALUE.match(value))}
    return dates, weekdays


# --------------------------------------------------------------------------- frames


def _documents_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Documents with fixed columns and dtypes, also when no file produced a row."""
    frame = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    text_columns = [column for column in DOCUMENT_COLUMNS if column != "published"]
    frame[text_columns] = frame[text_columns].astype(str)
    frame["published"] = pd.to_datetime(frame["published"]).astype("datetime64[ns]")
    return frame
