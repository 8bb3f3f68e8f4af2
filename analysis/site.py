"""Where each report page lives and how pages link to one another.

A report build decides up front which article and entity pages it renders, writes that as a
site map (`site.json` in the output folder) and hands its path to every notebook. Tables then
link a name to its entity page and a quote, mention or date to its article page, but only when
that page exists: a link never leads nowhere. In JupyterLab there is no site map and nothing links.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analysis.storage import write_text

INDEX_PAGE = "index.html"
CORPUS_PAGE = "corpus.html"
SITE_FILE = "site.json"
# Article pages a build renders when not told otherwise: every article of a corpus up to this
# size, else the latest this many, so 10,000 articles get their overview in minutes, not hours.
DEFAULT_ARTICLE_PAGES = 300
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae",
                                  "Ö": "Oe", "Ü": "Ue"})
_SLUG_LENGTH = 60


def article_page_name(doc_id: str) -> str:
    """An article's page from its doc id alone: never from a title, so no path tricks or clashes."""
    if not re.fullmatch(r"[0-9a-f]{6,64}", doc_id):
        raise ValueError(f"doc id {doc_id!r} is not hexadecimal")
    return f"articles/{doc_id}.html"


def slug(name: str) -> str:
    """A readable, safe file name stem: "Wladimir Putin" → "wladimir-putin", "Außenministerium"
    → "aussenministerium"; letters without a Latin form fall back to a short hash."""
    latin = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION))
    ascii_only = latin.encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:_SLUG_LENGTH].strip("-")
    return stem or "name-" + hashlib.sha256(name.encode()).hexdigest()[:10]


def entity_page_names(entities: list[str]) -> dict[str, str]:
    """Entity → page, readable and unique: names that spell alike get -2, -3 in the order given
    (most mentioned first), so the best known keeps the plain name."""
    pages: dict[str, str] = {}
    taken: set[str] = set()
    for entity in entities:
        stem = slug(entity)
        candidate, number = stem, 1
        while candidate in taken:
            number += 1
            candidate = f"{stem}-{number}"
        taken.add(candidate)
        pages[entity] = f"entities/{candidate}.html"
    return pages


@dataclass(frozen=True)
class Site:
    """The pages of one report build; paths are relative to the output folder."""

    articles: dict[str, str] = field(default_factory=dict)
    entities: dict[str, str] = field(default_factory=dict)
    has_corpus: bool = True

    def save(self, folder: Path) -> Path:
        """Write the site map for the notebooks of this build."""
        path = folder / SITE_FILE
        write_text(path, json.dumps(
            {"articles": self.articles, "entities": self.entities, "has_corpus": self.has_corpus},
            ensure_ascii=False, sort_keys=True,
        ))
        return path

    @classmethod
    def load(cls, path: str | os.PathLike | None) -> Site:
        """The site map at `path`; without one (JupyterLab) a site with no pages."""
        if path is None:
            return cls(has_corpus=False)
        path = Path(path)
        return _load(path, path.stat().st_mtime_ns)

    @property
    def linked(self) -> bool:
        """Whether this is a report build at all (JupyterLab shows no navigation)."""
        return bool(self.articles or self.entities or self.has_corpus)


@cache
def _load(path: Path, _mtime: int) -> Site:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Site(articles=data["articles"], entities=data["entities"],
                has_corpus=data["has_corpus"])


@dataclass(frozen=True)
class Links:
    """Links as seen from one page: relative, so a report folder can be moved or served."""

    site: Site
    here: str = INDEX_PAGE

    def _relative(self, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(self.here) or ".")

    def article(self, doc_id: str) -> str | None:
        page = self.site.articles.get(doc_id)
        return self._relative(page) if page else None

    def entity(self, name: str) -> str | None:
        page = self.site.entities.get(name)
        return self._relative(page) if page else None

    def index(self) -> str | None:
        return self._relative(INDEX_PAGE) if self.site.linked else None

    def corpus(self) -> str | None:
        return self._relative(CORPUS_PAGE) if self.site.has_corpus else None

    def asset(self, name: str) -> str:
        return self._relative(f"assets/{name}")
