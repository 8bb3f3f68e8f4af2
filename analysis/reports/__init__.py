"""Reports: the notebooks rendered into a linked set of German HTML pages.

`render_reports` analyses a corpus once, plans the pages (index, corpus, entity and article pages,
see `analysis.site`), renders the notebooks on warm kernels (`kernels`), wraps them in the report's
page shell (`export`) and writes the index (`index`) and the manifest (`build`).
"""

import sys

# nbformat imports jsonschema, which builds the rfc3987-syntax grammar (1.4 s, on every build) for
# IRI format checks that notebooks never need: without the module jsonschema simply skips them.
sys.modules.setdefault("rfc3987_syntax", None)

from analysis.reports.build import (  # noqa: E402 (after the line above)
    ARTICLE_NOTEBOOK,
    CORPUS_NOTEBOOK,
    ENTITY_NOTEBOOK,
    MANIFEST_COLUMNS,
    ReportError,
    ReportOutcome,
    build_lock,
    check_articles,
    render_notebook,
    render_reports,
    report_manifest,
    select_articles,
)
from analysis.reports.kernels import KERNEL_NAME, KERNEL_START_SECONDS, WarmKernel

__all__ = [
    "ARTICLE_NOTEBOOK",
    "CORPUS_NOTEBOOK",
    "ENTITY_NOTEBOOK",
    "KERNEL_NAME",
    "KERNEL_START_SECONDS",
    "MANIFEST_COLUMNS",
    "ReportError",
    "ReportOutcome",
    "WarmKernel",
    "build_lock",
    "check_articles",
    "render_notebook",
    "render_reports",
    "report_manifest",
    "select_articles",
]
