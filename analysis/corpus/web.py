"""Web formats: saved pages, RSS/Atom feeds and WARC web archives become article records.

Each gives records like `records` does, a dict with `text` and the metadata `documents` reads
(title, date, author, source, url) or the reason the record is no article, so the dateline,
byline and caption rules of `newstext` apply to web articles as to agency feeds.

* Pages: trafilatura finds the article in the HTML, without navigation, cookie banners,
  "related articles" boxes and footers, and reads title, author, site and (through htmldate)
  the publication date from the page's metadata. Hand-written HTML rules break with every
  site's redesign; its extractor is maintained against thousands of real sites.
* Feeds: feedparser reads RSS 0.9x–2.0 and Atom, one record per item, from its full content
  (`content:encoded`) or else its summary; a summary that is only a teaser is marked as one.
* WARC: warcio streams the archive record by record (a crawl file of several GB never sits in
  memory, only one page at a time); HTML responses become articles like saved pages, every other
  record is named with its type and content type, and a truncated file is reported as such.

Nothing is fetched: trafilatura and feedparser get the bytes, never a URL to download.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import io
import re
import xml.sax
import zlib
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, BinaryIO

import feedparser
import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from analysis import reasons, wordlists
from analysis.corpus.files import SkipError, decode, normalise
from analysis.corpus.newstext import WORD_LISTS, strip_html

Record = dict[str, Any] | str
# A web page may be this many times --max-article-mb: its markup, scripts and inline data are
# most of it, and the limit on the article's own text applies after extraction.
PAGE_SIZE_FACTOR = 10
# The publication date as htmldate finds it in the page's metadata (time and zone kept), not
# guessed from the body: dates in the text are the project's date step's (analysis.published).
_DATE_PARAMS = {"original_date": True, "extensive_search": False,
                "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
# An article has a sentence of at least this many words (a lone heading "Politik" has none).
SENTENCE_WORDS = 5
# A summary of fewer words is taken for a teaser (the article itself is behind the link).
TEASER_WORDS = 60
# "… Weiterlesen": a link text after the end of a sentence, at the end of a summary.
_READ_MORE_PHRASES = "|".join(map(re.escape, wordlists.words(WORD_LISTS / "read_more.tsv")))
_READ_MORE = re.compile(rf"(?<=[.!?…\])“\"])\s*(?:{_READ_MORE_PHRASES})\s*[.:»›>]*\s*$",
                        re.IGNORECASE)
_ELLIPSIS = ("…", "...", "[…]", "[...]")
_MAILBOX = re.compile(r"^\S+@\S+(?:\s*\((?P<name>[^()]+)\))?$")  # RSS: "mail@host (Name)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_BLOCK = 1 << 16
_WARC_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, OSError, zlib.error)


# --------------------------------------------------------------------------- pages


def check_page_size(size: int, max_article_bytes: int) -> None:
    """Refuse pages so large that extracting them would hold up a run (most are broken)."""
    limit = PAGE_SIZE_FACTOR * max_article_bytes
    if size > limit:
        raise SkipError(reasons.text("page_too_large", size=f"{size / 1e6:.1f}",
                                     limit=f"{limit / 1e6:.1f}", factor=PAGE_SIZE_FACTOR))


def page_record(html: str, url: str = "") -> dict[str, Any]:
    """The article of one HTML page with its metadata; SkipError when the page holds none."""
    found = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False,
        include_tables=False, favor_precision=True, date_extraction_params=_DATE_PARAMS,
    )
    lines = [line.strip() for line in (found.text or "").split("\n")] if found else []
    paragraphs = [line for line in lines if line]  # one paragraph a line
    title = (found.title or "") if found else ""
    if paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # a headline inside the article: the title, not the body
    text = "\n\n".join(paragraphs)
    if not found or not _has_sentence(text):
        raise SkipError(reasons.text("page_only", text=repr(text[:60])) if text
                        else reasons.text("page_no_article"))
    return {
        "text": text,
        "title": title,
        "author": found.author or "",
        "date": _page_date(found.date),
        "source": found.sitename or found.hostname or "",
        "url": found.url or url,
    }


def _has_sentence(text: str) -> bool:
    """Whether a line of the text holds a sentence of SENTENCE_WORDS words or more: what is left
    of a page of link lists, a lone heading or a cookie notice does not."""
    pieces = re.split(r"[.!?…]", text)[:-1]  # each ends where a sentence may end
    return any(len(piece.rsplit("\n", 1)[-1].split()) >= SENTENCE_WORDS for piece in pieces)


def _page_date(text: str | None) -> dt.datetime | None:
    """htmldate's date (the time of day, when the page gives it, is kept)."""
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


# --------------------------------------------------------------------------- feeds


def feed_records(data: bytes) -> Iterator[tuple[int, Record, str]]:
    """(item number, record, caveat) for each item of an RSS or Atom feed; the caveat, if any,
    is why the article is to be read with care (a teaser, a malformed feed)."""
    feed = feedparser.parse(io.BytesIO(data))  # bytes as a stream: never taken for a URL
    problem = feed.get("bozo_exception") if feed.get("bozo") else None
    malformed = _xml_problem(problem) if isinstance(problem, xml.sax.SAXException) else ""
    items = [(number, *_item_record(entry)) for number, entry in enumerate(feed.entries, 1)]
    if not any(isinstance(record, dict) for _, record, _ in items):
        if malformed:
            raise SkipError(reasons.text("feed_malformed", problem=malformed))
        if not feed.get("version"):
            raise SkipError(reasons.text("not_a_feed"))
        raise SkipError(reasons.text("feed_no_text" if items else "feed_no_items"))
    site = feed.feed.get("title", "")
    for number, record, caveat in items:
        if isinstance(record, dict):
            record["source"] = record["source"] or site
            if malformed:
                caveat = reasons.joined(
                    caveat, reasons.text("feed_malformed_item", problem=malformed))
        yield number, record, caveat


def _item_record(entry: Any) -> tuple[Record, str]:
    """One feed item as a record and its caveat (a teaser), or the reason it has no text."""
    content = next((part.get("value", "") for part in entry.get("content", [])
                    if part.get("value")), "")
    text = strip_html(content or entry.get("summary", "")).strip()
    shortened = _READ_MORE.sub("", text)
    if not shortened:
        return reasons.text("item_no_text"), ""
    caveat = ""
    words = len(shortened.split())
    if not content and (shortened != text or shortened.endswith(_ELLIPSIS)
                        or words < TEASER_WORDS):
        caveat = reasons.text("teaser", words=words)
    record = {
        "text": shortened,
        "title": strip_html(entry.get("title", "")),
        "author": _item_author(entry),
        "date": _item_date(entry),
        "source": entry.get("source", {}).get("title", ""),
        "url": entry.get("link", ""),
    }
    return record, caveat


def _item_author(entry: Any) -> str:
    """The item's authors' names; RSS's "mail@host (Name)" gives the name, a bare address none."""
    names = [author.get("name", "") for author in entry.get("authors", [])]
    if len(names) < 2:
        names = [entry.get("author", "")]
    people = []
    for name in names:
        mailbox = _MAILBOX.match(name.strip())
        people.append((mailbox["name"] or "") if mailbox else name.strip())
    return ", ".join(filter(None, people))


def _item_date(entry: Any) -> dt.datetime | None:
    """The item's publication date (Atom: else its last update) with the zone it was written in,
    so that the wall-clock time stays the newsroom's."""
    for key in ("published", "updated"):
        text = entry.get(key, "")
        if not text:
            continue
        with suppress(TypeError, ValueError):
            return email.utils.parsedate_to_datetime(text)  # RSS: RFC 822
        with suppress(ValueError):
            return dt.datetime.fromisoformat(text)  # Atom: RFC 3339
        if parsed := entry.get(f"{key}_parsed"):  # other spellings, read by feedparser (UTC)
            return dt.datetime(*parsed[:6])
    return None


def _xml_problem(error: xml.sax.SAXException) -> str:
    """An XML error as a person reads it: what and on which line."""
    line = error.getLineNumber() if isinstance(error, xml.sax.SAXParseException) else None
    if not line:
        return error.getMessage()
    return reasons.text("xml_problem", problem=error.getMessage(), line=line)


# --------------------------------------------------------------------------- web archives


class _Truncated(Exception):
    """The compressed archive ends inside a record. gzip says so with an EOFError, which warcio
    takes for the archive's regular end: this name gets past it."""


class _Unzipped:
    """A gzip stream for warcio, read in pieces, so that the records before a truncation are
    read before the truncation is reported."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            return self.stream.read1(size)
        except EOFError as error:
            raise _Truncated(str(error)) from error


def warc_records(path: Path, max_article_bytes: int) -> Iterator[tuple[str | None, Record]]:
    """(label, record) for every record of a WARC or WARC.gz file, streamed.

    The label is the record's URL (its number when it has none); a label of None reports the
    file itself: damaged or truncated after the records read until then.
    """
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        stream: _Unzipped | BinaryIO = _Unzipped(gzip.GzipFile(fileobj=raw)) if gzipped else raw
        complete = 0
        try:
            for record in ArchiveIterator(stream):
                label = record.rec_headers.get_header("WARC-Target-URI") or str(complete + 1)
                result = _warc_record(record, max_article_bytes)
                complete += 1
                yield label, result
        except _Truncated:
            yield None, reasons.text("warc_truncated", number=complete + 1, read=complete)
        except _WARC_ERRORS as error:
            problem = f"{type(error).__name__}: {error}"
            yield None, (reasons.text("warc_damaged", number=complete, error=problem) if complete
                         else reasons.text("warc_unreadable", error=problem))


def _warc_record(record: ArcWarcRecord, max_article_bytes: int) -> Record:
    """An HTML response as an article record, any other record as the reason it is none; the
    rest of the record is read past, so a record cut off by the file's end is noticed."""
    try:
        result = _warc_page(record, max_article_bytes)
    except SkipError as error:
        result = str(error)
    except (_Truncated, *_WARC_ERRORS):
        raise  # the archive's problem, not the page's: reported for the file
    except Exception as error:  # one odd page must not cost the rest of the archive
        result = reasons.text("unexpected_error", error=f"{type(error).__name__}: {error}")
    while record.raw_stream.read(_BLOCK):
        pass
    if getattr(record.raw_stream, "limit", 0):  # bytes the record declares but the file lacks
        return reasons.text("warc_record_truncated")
    return result


def _warc_page(record: ArcWarcRecord, max_article_bytes: int) -> Record:
    """The article of a response or resource record holding an HTML page."""
    kind = record.rec_type
    http = record.http_headers if kind == "response" else None
    content_type = (http.get_header("Content-Type") if http else record.content_type) or ""
    if kind not in ("response", "resource"):
        return reasons.text("warc_not_page", kind=kind,
                            content_type=content_type or "no content type")
    if http is not None:
        status = http.get_statuscode()
        if not status.startswith("2"):
            location = http.get_header("Location")
            if location and status.startswith("3"):
                return reasons.text("http_redirect", status=status, location=location)
            return reasons.text("http_status", status=status)
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES:
        return (reasons.text("not_web_page", media_type=media_type, kind=kind) if media_type
                else reasons.text("untyped_record", kind=kind))
    check_page_size(record.length or 0, max_article_bytes)
    # bounded also when the page was sent compressed and grows on decompression
    body = record.content_stream().read(PAGE_SIZE_FACTOR * max_article_bytes)
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return page_record(_page_text(body, content_type), url)


def _page_text(body: bytes, content_type: str) -> str:
    """A page's text in the charset its HTTP header names, else decoded like any file."""
    charset = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    if charset:
        with suppress(LookupError):
            return normalise(body.decode(charset[1], errors="replace"))
    return decode(body)
