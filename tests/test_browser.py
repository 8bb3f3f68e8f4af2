"""The report as a reader gets it: pages opened in headless Chromium after their scripts ran.

The test follows links as a reader would (index → article → entity page → back to the index) and
checks what the browser shows: German throughout, interactive tables with German controls, no
row numbers, no raw values, no text cut mid-word, and no link that leads nowhere.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ARTICLES

from analysis import reports

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(BROWSER is None,
                                reason="no chromium installed (apt-get install chromium)")
ENGLISH = re.compile(  # whole words, not parts of a file path
    r"(?<![/.\w-])(Mentions?|Sentences?|Entity|Entities|Tone|Date|Search|Showing|entries|Previous|Next|"
    r"unknown|direct|indirect|articles|Polarity|Period|Attention|Referenced|quoted|"
    r"rows × \d+ columns)(?![/.\w])"
)
RAW_VALUES = re.compile(r"\b(NaN|NaT|None|nan)\b|\d\.\d{4,}")
CUT_WORD = re.compile(r"\w…")


class Page(HTMLParser):
    """What a browser shows of a DOM: visible text, table cells, links, the page language."""

    SILENT: ClassVar = {"head", "script", "style", "noscript", "template"}

    def __init__(self, dom: str):
        super().__init__()
        self.lang = ""
        self.text: list[str] = []
        self.cells: list[str] = []
        self.headers: list[list[str]] = []
        self.links: list[tuple[str, str]] = []
        self.classes: set[str] = set()
        self._silent = 0
        self._hidden: list[str] = []
        self._cell: list[str] | None = None
        self._link: list | None = None
        self.feed(dom)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.classes.update((attributes.get("class") or "").split())
        if tag == "html":
            self.lang = attributes.get("lang", "")
        if tag in self.SILENT:
            self._silent += 1
        if "hidden" in attributes and tag not in {"input"}:
            self._hidden.append(tag)
        shown = not (self._silent or self._hidden)
        if tag == "tr" and shown:
            self.headers.append([])
        if tag in {"td", "th"} and shown:
            self._cell = [tag]
        if tag == "a" and "href" in attributes:
            self._link = [attributes["href"], ""]

    def handle_endtag(self, tag):
        if tag in self.SILENT:
            self._silent -= 1
        if self._hidden and self._hidden[-1] == tag:
            self._hidden.pop()
        if tag in {"td", "th"} and self._cell is not None:
            kind, *parts = self._cell
            content = " ".join("".join(parts).split())
            if kind == "td":
                self.cells.append(content)
            elif self.headers:
                self.headers[-1].append(content)
            self._cell = None
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def handle_data(self, data):
        if self._silent or self._hidden:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._link is not None:
            self._link[1] += data

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())

    def link(self, pattern: str) -> str:
        """The first link whose target matches `pattern`."""
        return next(href for href, _ in self.links if re.search(pattern, href))


def open_in_browser(path: Path) -> Page:
    dom = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update",
         "--virtual-time-budget=8000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    assert "<body" in dom, f"{path.name}: the browser rendered nothing"
    return Page(dom)


def follow(page_path: Path, href: str) -> Path:
    target = (page_path.parent / unquote(urlsplit(href).path)).resolve()
    assert target.is_file(), f"{page_path.name} links to {href}, which does not exist"
    return target


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "reports"
    outcome = reports.render_reports(ARTICLES, out, entities=3)
    assert outcome.failed == 0
    return out


def _reads_as_german(page: Page, name: str) -> None:
    assert page.lang == "de", name
    english = ENGLISH.findall(page.visible)
    assert not english, f"{name} shows English: {english}"
    raw = [cell for cell in page.cells if RAW_VALUES.search(cell)]
    assert not raw, f"{name} shows raw values: {raw[:5]}"
    cut = [cell for cell in page.cells if CUT_WORD.search(cell)]
    assert not cut, f"{name} cuts words: {cut[:5]}"
    assert all(row[0] for row in page.headers if row), f"{name}: a table has a row-number column"


def test_index_article_entity_and_back(report):
    index_path = report / "index.html"
    index = open_in_browser(index_path)
    _reads_as_german(index, "index.html")
    assert "Pressespiegel" in index.visible and "Meistgenannt" in index.visible

    article_path = next(  # an article naming one of the entities that have a page
        path for path in (follow(index_path, href) for href, _ in index.links
                          if re.fullmatch(r"articles/[0-9a-f]+\.html", href))
        if "../entities/" in path.read_text(encoding="utf-8")
    )
    article = open_in_browser(article_path)
    _reads_as_german(article, article_path.name)
    assert "Wer wird erwähnt" in article.visible and "Datum" in article.visible
    assert follow(article_path, article.link(r"index\.html$")) == index_path
    assert follow(article_path, article.link(r"corpus\.html$")) == report / "corpus.html"

    entity_path = follow(article_path, article.link(r"^\.\./entities/[a-z0-9-]+\.html$"))
    entity = open_in_browser(entity_path)
    _reads_as_german(entity, entity_path.name)
    assert "Erwähnungen" in entity.visible and "Im Kontext" in entity.visible
    back = follow(entity_path, entity.link(r"^\.\./articles/"))
    assert back.parent == article_path.parent, "context lines lead to their article"
    assert follow(entity_path, entity.link(r"index\.html$")) == index_path


def test_corpus_page_tables_are_interactive_and_german(report):
    corpus = open_in_browser(report / "corpus.html")
    _reads_as_german(corpus, "corpus.html")
    assert "dataTable" in corpus.classes, "long tables are searchable and sortable"
    assert "Suchen:" in corpus.visible and "Einträge je Seite" in corpus.visible
    assert "Korpusbericht" in corpus.visible
    assert "Ton automatisch bestimmt" in corpus.visible, "tone charts say how reliable tone is"


def test_no_link_in_the_report_leads_nowhere(report):
    pages = [report / "index.html", report / "corpus.html",
             *sorted((report / "articles").glob("*.html")),
             *sorted((report / "entities").glob("*.html"))]
    for path in pages:
        page = Page(path.read_text(encoding="utf-8"))
        for href, _ in page.links:
            if urlsplit(href).scheme or href.startswith("#"):
                continue
            target = path.parent / unquote(urlsplit(href).path)
            assert target.exists(), f"{path.relative_to(report)} links to missing {href}"
