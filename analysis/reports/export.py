"""An executed notebook as a report page: its outputs inside the report's own German page.

nbconvert's `basic` template turns the cells into HTML without code; the page around them (title,
navigation, the shared stylesheet and table script under `assets/`) comes from
`analysis/data/reports/page.html.j2`. Cells tagged `nur-notebook` (instructions for JupyterLab
users) and the parameter cells are left out of published pages.
"""

from __future__ import annotations

import datetime
from importlib.metadata import version
from pathlib import Path

import jinja2
import nbformat
from markupsafe import Markup
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from analysis.display import tables_script
from analysis.paths import PACKAGE_DIR
from analysis.site import Links
from analysis.storage import write_text

REPORT_DATA = PACKAGE_DIR / "data" / "reports"
NOTEBOOK_ONLY = "nur-notebook"  # cell tag: shown in JupyterLab, not in published pages
HIDDEN_CELL_TAGS = {NOTEBOOK_ONLY, "parameters", "injected-parameters"}
ASSETS = {"report.css": lambda: (REPORT_DATA / "report.css").read_text(encoding="utf-8"),
          "tables.js": tables_script}


class PageExporter:
    """Turns executed notebooks into pages; one per worker thread (nbconvert keeps state)."""

    def __init__(self) -> None:
        self._cells = HTMLExporter(
            template_name="basic", exclude_input=True, exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
        self._cells.register_preprocessor(
            TagRemovePreprocessor(remove_cell_tags=HIDDEN_CELL_TAGS), enabled=True
        )
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(REPORT_DATA), autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self._page = environment.get_template("page.html.j2")

    def notebook_page(self, notebook: nbformat.NotebookNode, links: Links, title: str,
                      crumb: str = "") -> str:
        body, _ = self._cells.from_notebook_node(notebook)
        return self.page(body, links, title, crumb)

    def page(self, body: str, links: Links, title: str, crumb: str = "",
             tables: bool = True) -> str:
        """A whole page around `body` (trusted HTML: escaped where it was built)."""
        return self._page.render(
            body=Markup(body), links=links, title=title, crumb=crumb, here=links.here,
            tables=tables, built=datetime.date.today().strftime("%d.%m.%Y"),
            version=version("pressespiegel"),
        )


def write_assets(out: Path) -> None:
    """The stylesheet and the table script every page links to, written once per build."""
    for name, content in ASSETS.items():
        write_text(out / "assets" / name, content())
