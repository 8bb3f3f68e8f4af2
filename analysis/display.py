"""How tables and summaries look on a page: German, rounded, linked, searchable, never cut.

Notebooks pass the tables of `analysis.views` through a `Page`; it renames columns and codes into
German (`analysis.wording`), rounds numbers, shows dates as dates and missing values as blanks,
links names to their entity pages and rows to their article pages (only pages the report build
renders, see `analysis.site`), and turns long tables into searchable, sortable ones (itables, in
offline mode: JupyterLab and the HTML reports work without a network).
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import itables
import pandas as pd
from IPython.display import HTML
from itables.javascript import generate_init_offline_itables_html

from analysis.paths import PACKAGE_DIR
from analysis.site import Links, Site
from analysis.wording import german, number, percent, reason, words

DATA_TABLES_GERMAN = PACKAGE_DIR / "data" / "reports" / "datatables_de.json"
STATIC_ROWS = 10  # up to this many rows a plain table; longer ones get search, sorting and pages
PAGE_LENGTH = 15
LONG_TABLE_ROWS = 1000  # a table longer than this shows its first rows and says so
# Columns whose values are codes, and the wording group that names them in German.
CODE_GROUPS = {"label": ("label", "tone"), "tone": ("tone",), "kind": ("kind",),
               "type": ("timex",), "published_source": ("date_source",), "status": ("status",)}
ENTITY_COLUMNS = ("entity", "speaker", "source", "target")
# Headers for tables whose label column is a tone, not an entity type (sentences, said_about).
TONE_COLUMNS = {"label": "Ton"}
# Headers for the co-mention pairs of charts.cooccurrence.
PAIR_COLUMNS = {"source": "Name", "target": "zusammen mit", "weight": "gemeinsame Sätze"}
SHARE_COLUMNS = ("share",)
DATE_COLUMNS = ("published", "date_start", "date_end", "period", "day")
TWO_DECIMALS = ("polarity", "mean_polarity", "ci_low", "ci_high", "textblob_polarity",
                "positive", "negative")


def tables_script() -> str:
    """The JavaScript that loads itables' offline bundle: inline in a notebook, a shared file
    (`assets/tables.js`) in a report, so 60 pages do not carry 60 copies of it."""
    source = generate_init_offline_itables_html(itables.options.dt_bundle)
    match = re.search(r"<script>(.*?)</script>", source, flags=re.DOTALL)
    if match is None:
        raise RuntimeError(f"itables {itables.__version__}: offline loader not found")
    return match.group(1)


@cache
def _datatables_language() -> dict:
    return json.loads(DATA_TABLES_GERMAN.read_text(encoding="utf-8"))


def setup(site: str | os.PathLike | None = None, here: str | None = None) -> Page:
    """The page a notebook writes into. In JupyterLab (no site map) this loads itables' offline
    bundle into the notebook; report pages get it from the shared assets file instead."""
    page = Page(Links(Site.load(site), here or "index.html"))
    if site is None:
        itables.init_notebook_mode(all_interactive=False, connected=False)
    return page


@dataclass(frozen=True)
class Page:
    """Renders tables and summaries for one page, with links as seen from that page."""

    links: Links

    def table(
        self,
        frame: pd.DataFrame,
        columns: dict[str, str] | None = None,
        titles: pd.DataFrame | None = None,
        empty: str = "Keine Einträge.",
        hide: Iterable[str] = (),
        limit: int | None = LONG_TABLE_ROWS,
        note: str = "",
    ) -> HTML:
        """`frame` for reading: German headers (`columns` overrides the usual names), cells
        formatted and linked; `titles` (documents) names articles in a `doc_id` column.

        `hide` leaves columns out; beyond `limit` rows only the first ones are shown, and a note
        says how many there are in all (a page of a large corpus must stay light).
        """
        if frame.empty:
            return HTML(f'<p class="leer">{html.escape(empty)}</p>')
        frame = frame.drop(columns=[column for column in hide if column in frame.columns])
        if limit is not None and len(frame) > limit:
            note = " ".join(filter(None, [
                f"Die ersten {number(limit)} von {number(len(frame))} Zeilen; alle stehen in "
                "den Tabellen unter tables/.", note]))
            frame = frame.head(limit)
        headers = {**words("column"), **(columns or {})}
        title_of = _titles(titles)
        cells = {
            headers.get(column, column): [
                self._cell(column, value, title_of) for value in frame[column].tolist()
            ]
            for column in frame.columns
        }
        shown = pd.DataFrame(cells)
        classes = _column_classes(frame)
        footer = f'<p class="tabellennotiz">{html.escape(note)}</p>' if note else ""
        if len(shown) <= STATIC_ROWS:
            return HTML(_static_table(shown, classes) + footer)
        interactive = itables.to_html_datatable(
            shown, connected=False, allow_html=True, showIndex=False, maxBytes=0,
            classes="display compact", style="width:100%", pageLength=PAGE_LENGTH,
            lengthMenu=[PAGE_LENGTH, 50, 100, -1], order=[], autoWidth=False,
            language=_datatables_language(),
            columnDefs=[{"targets": [i for i, kind in enumerate(classes) if kind == name],
                         "className": name} for name in ("zahl", "datum")],
        )
        return HTML(f'<div class="tabelle">{interactive}</div>{footer}')

    def title(self, heading: str, summary: pd.DataFrame | None = None) -> HTML:
        """The page's heading and, below it, its summary box."""
        box = self.facts(summary).data if summary is not None else ""
        return HTML(f"<h1>{html.escape(heading)}</h1>{box}")

    def facts(self, summary: pd.DataFrame) -> HTML:
        """A summary box from rows of field, value, entity (rows of one field are listed
        together; a value with an entity links to its page)."""
        items = []
        for field, rows in summary.groupby("field", sort=False):
            values = ", ".join(
                self._entity_link(entity, value) if entity else html.escape(str(value))
                for value, entity in zip(rows["value"], rows["entity"], strict=True)
            )
            items.append(f"<dt>{html.escape(str(field))}</dt><dd>{values}</dd>")
        return HTML(f'<dl class="eckdaten">{"".join(items)}</dl>')

    def keyword_in_context(self, lines: pd.DataFrame, titles: pd.DataFrame | None = None,
                           show_entity: bool = True) -> HTML:
        """Concordance lines: left context | name | right context, the name linked to its
        article, contexts in whole words, aligned on the name (`show_entity`: a column with the
        canonical name, pointless on that entity's own page)."""
        if lines.empty:
            return HTML('<p class="leer">Keine Erwähnungen.</p>')
        title_of = _titles(titles)
        rows = []
        for line in lines.itertuples(index=False):
            name = html.escape(line.mention)
            href = self.links.article(line.doc_id)
            label = html.escape(title_of.get(line.doc_id, ""), quote=True)
            name = (f'<a href="{html.escape(href)}" title="{label}">{name}</a>'
                    if href else name)
            entity = (f"<td>{self._entity_link(line.entity, line.entity)}</td>"
                      if show_entity else "")
            rows.append(
                f'<tr>{entity}<td class="datum">{_format_date(line.published)}</td>'
                f'<td class="davor">{html.escape(line.left)}</td>'
                f'<td class="name">{name}</td>'
                f'<td class="danach">{html.escape(line.right)}</td></tr>'
            )
        entity_header = "<th>Name</th>" if show_entity else ""
        return HTML(
            f'<table class="kwic"><thead><tr>{entity_header}<th>Datum</th><th>davor</th>'
            "<th>Erwähnung</th><th>danach</th></tr></thead>"
            f'<tbody>{"".join(rows)}</tbody></table>'
        )

    def _entity_link(self, entity: str, text: object) -> str:
        href = self.links.entity(entity)
        label = html.escape(str(text))
        return f'<a href="{html.escape(href)}">{label}</a>' if href else label

    def _cell(self, column: str, value: object, title_of: dict[str, str]) -> str:
        if _missing(value):
            return ""
        if column == "doc_id":
            href = self.links.article(str(value))
            label = html.escape(title_of.get(str(value)) or str(value))
            return f'<a href="{html.escape(href)}">{label}</a>' if href else label
        if column in ENTITY_COLUMNS and isinstance(value, str):
            return self._entity_link(value, value) if value else ""
        if column == "entities" and isinstance(value, str):
            return ", ".join(self._entity_link(name, name) for name in value.split("; ") if name)
        return html.escape(format_value(column, value))


def format_value(column: str, value: object) -> str:
    """One cell as a German reader expects it: codes in words, numbers rounded with a decimal
    comma, shares in percent, dates as dates, missing values blank."""
    if _missing(value):
        return ""
    if column in CODE_GROUPS:
        return _code(CODE_GROUPS[column], value)
    if column == "reason":  # the manifest keeps English texts; a reader gets German
        return reason(str(value))
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if column == "year":
        return str(int(value))
    if column == "sentence_id":  # readers count sentences from 1; the tables from 0
        return number(int(value) + 1)
    if isinstance(value, pd.Timestamp):
        return _format_date(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()
                                  and column not in TWO_DECIMALS + SHARE_COLUMNS):
        return number(value)
    if isinstance(value, float):
        return percent(value) if column in SHARE_COLUMNS else number(value, 2)
    if hasattr(value, "isoformat"):  # datetime.date
        return value.isoformat()
    return str(value)


def _code(groups: Iterable[str], value: object) -> str:
    for group in groups:
        word = german(group, value)
        if word != str(value):
            return word
    return str(value)


def _format_date(value: object) -> str:
    if _missing(value):
        return ""
    stamp = pd.Timestamp(value)
    if stamp == stamp.normalize():
        return stamp.date().isoformat()
    return stamp.isoformat(" ", "minutes")


def _missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, str | list | tuple) else False
    except (TypeError, ValueError):
        return False


def _column_classes(frame: pd.DataFrame) -> list[str]:
    """Numbers right-aligned so digits line up ("zahl"), dates kept on one line ("datum")."""
    classes = []
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            classes.append("")
        elif pd.api.types.is_numeric_dtype(values):
            classes.append("zahl")
        elif pd.api.types.is_datetime64_any_dtype(values) or column in DATE_COLUMNS:
            classes.append("datum")
        else:
            classes.append("")
    return classes


def _titles(documents: pd.DataFrame | None) -> dict[str, str]:
    """doc_id → a name for the article: its title, else its source file."""
    if documents is None:
        return {}
    names = documents["title"].where(documents["title"].astype(bool), documents["source"])
    return dict(zip(documents["doc_id"], names, strict=True))


def _static_table(shown: pd.DataFrame, classes: list[str]) -> str:
    def attribute(kind: str) -> str:
        return f' class="{kind}"' if kind else ""

    head = "".join(
        f"<th{attribute(kind)}>{html.escape(str(column))}</th>"
        for column, kind in zip(shown.columns, classes, strict=True)
    )
    body = "".join(
        "<tr>" + "".join(
            f"<td{attribute(kind)}>{cell}</td>" for cell, kind in zip(row, classes, strict=True)
        ) + "</tr>"
        for row in shown.itertuples(index=False, name=None)
    )
    return f'<table class="daten"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
