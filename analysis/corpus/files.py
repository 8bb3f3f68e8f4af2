"""Files on disk: which ones a corpus folder holds and the text inside them.

Kept apart from what the text means, so that walking a folder (sorted, hidden names skipped,
symlink loops stopped, a saved page's asset folder one entry), the file kinds (by suffix), the
size limit and decoding (UTF-8, UTF-16, cp1252, binary detection) can be read and tested on their
own. A file that cannot become text raises SkipError with the reason the manifest shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis import reasons, wordlists
from analysis.paths import PACKAGE_DIR

TEXT_SUFFIXES = {".txt", ".md"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".json"}
PAGE_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
ARCHIVE_SUFFIXES = {".warc", ".warc.gz"}
SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES | PAGE_SUFFIXES | FEED_SUFFIXES | ARCHIVE_SUFFIXES
# "Seite_files" beside "Seite.html": the images, scripts and styles of a saved page.
SAVED_PAGE_FOLDER_ENDINGS = tuple(
    wordlists.words(PACKAGE_DIR / "data" / "corpus" / "saved_page_folders.tsv"))

_MAGIC = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF",
          b"PK\x03\x04": "ZIP/Office", b"\x1f\x8b": "gzip", b"\x7fELF": "executable"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SkipError(ValueError):
    """Content that cannot become a document; the message is the manifest reason."""


@dataclass
class Entry:
    """One manifest row plus the document it produced, if any."""

    source: str
    reason: str = ""
    row: dict[str, Any] | None = None
    status: str = ""  # set when not simply processed/skipped, e.g. "duplicate"


def suffix_of(file: Path) -> str:
    """The suffix that says how a file is read, lower case; ".warc.gz" counts as one."""
    name = file.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else file.suffix.lower()


def relative(file: Path, base: Path) -> str:
    """Source label: path relative to the corpus folder's parent, with forward slashes."""
    try:
        return file.relative_to(base).as_posix()
    except ValueError:
        return file.as_posix()


def walk(root: Path, base: Path, entries: list[Entry]) -> Iterator[Path]:
    """Yield files in sorted order, skipping hidden names; resolved dirs stop symlink loops.

    A saved page's asset folder is not walked: it becomes one skipped entry naming its page,
    where its images and scripts would each be an unsupported file."""
    seen: set[Path] = set()

    def visit(folder: Path) -> Iterator[Path]:
        real = folder.resolve()
        if real in seen:
            return
        seen.add(real)
        try:
            children = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            entries.append(Entry(relative(folder, base),
                                 reasons.text("folder_unreadable", error=exc.strerror)))
            return
        pages = {child.name.lower(): child.name for child in children
                 if suffix_of(child) in PAGE_SUFFIXES and child.is_file()}
        for child in children:
            if child.name.startswith("."):
                continue
            if child.is_dir() and (page := saved_page(child.name, pages)):
                entries.append(Entry(relative(child, base),
                                     reasons.text("saved_page_assets", page=page)))
            elif child.is_dir():
                yield from visit(child)
            elif child.is_file():
                yield child
            else:
                entries.append(Entry(relative(child, base), reasons.text("not_regular_file")))

    return visit(root)


def saved_page(folder: str, pages: dict[str, str]) -> str:
    """The page whose assets a browser saved in `folder` ("Seite_files" holds those of
    "Seite.html"), "" if none; `pages` maps the lower-cased names of the pages beside it."""
    for ending in SAVED_PAGE_FOLDER_ENDINGS:
        stem = folder.removesuffix(ending)
        for suffix in sorted(PAGE_SUFFIXES):
            if stem != folder and f"{stem}{suffix}".lower() in pages:
                return pages[f"{stem}{suffix}".lower()]
    return ""


def check_size(size: int, limit: int) -> None:
    """Refuse oversized articles before parsing them: parsing is what would take the time."""
    if size > limit:
        raise SkipError(reasons.text("too_large", size=f"{size / 1e6:.1f}",
                                     limit=f"{limit / 1e6:.1f}"))


def decode(data: bytes) -> str:
    """Decode UTF-8 (BOM optional), UTF-16 with BOM or cp1252; normalise newlines and NFC."""
    if not data:
        raise SkipError(reasons.text("empty_file"))
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise SkipError(reasons.text("binary_kind", kind=kind))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SkipError(reasons.text("broken_utf16")) from exc
    elif b"\x00" in data:
        raise SkipError(reasons.text("binary_nul"))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise SkipError(reasons.text("undecodable")) from exc
    text = normalise(text)
    if not text.strip():
        raise SkipError(reasons.text("whitespace_only"))
    if len(_CONTROL.findall(text[:20_000])) > 0.01 * min(len(text), 20_000):
        raise SkipError(reasons.text("binary_control"))
    return text


def normalise(text: str) -> str:
    """One newline style and composed umlauts, so regexes and doc_ids do not depend on origin."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
