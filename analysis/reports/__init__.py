"""Reports: the notebooks rendered into a linked set of German HTML pages.

`render_reports` analyses a corpus once, plans the pages (index, corpus, entity and article pages,
see `analysis.site`), renders the notebooks on warm kernels (`kernels`), wraps them in the report's
page shell (`export`) and writes the index (`index`) and the manifest (`build`).
"""

from analysis.reports.build import (
    ARTICLE_NOTEBOOK,
    CORPUS_NOTEBOOK,
    ENTITY_NOTEBOOK,
    MANIFEST_COLUMNS,
    ReportError,
    ReportOutcome,
    build_lock,
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
    "render_notebook",
    "render_reports",
    "report_manifest",
    "select_articles",
]
