"""Render the notebooks into HTML: one report per article, one for the corpus, index, manifest.

The analysis runs once and is saved as tables; every notebook then reads those tables, so a report
shows exactly the numbers a script would get from `analysis.analyze()`.
"""

from __future__ import annotations

import html
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import papermill
from nbconvert import HTMLExporter
from tqdm import tqdm

from analysis.paths import NOTEBOOKS_DIR
from analysis.pipeline import Analysis, analyze
from analysis.storage import atomic_path, write_text

KERNEL_NAME = "python3"
ARTICLE_NOTEBOOK = NOTEBOOKS_DIR / "article.ipynb"
CORPUS_NOTEBOOK = NOTEBOOKS_DIR / "corpus.ipynb"
MANIFEST_COLUMNS = ["source", "status", "reason", "doc_id", "report"]


class ReportError(RuntimeError):
    """A notebook failed; the message names the report and the failing cell."""


@dataclass(frozen=True)
class ReportOutcome:
    out: Path
    processed: int
    skipped: int
    failed: int
    seconds: float

    @property
    def summary(self) -> str:
        return (
            f"{self.processed} articles processed, {self.skipped} skipped, {self.failed} reports "
            f"failed in {self.seconds:.1f} s; open {self.out / 'index.html'}"
        )


def render_notebook(notebook: Path, parameters: dict, html_path: Path, title: str) -> None:
    """Execute `notebook` with `parameters` and write it as HTML without code; all or nothing."""
    with tempfile.TemporaryDirectory(prefix="pressespiegel-") as scratch:
        executed = Path(scratch) / notebook.name
        try:
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=parameters,
                kernel_name=KERNEL_NAME,
                cwd=str(notebook.parent),
                progress_bar=False,
            )
        except papermill.PapermillExecutionError as error:
            failing_line = next((line for line in error.source.splitlines() if line.strip()), "")
            raise ReportError(
                f"{notebook.name} failed for {title!r} in the cell starting {failing_line!r}: "
                f"{error.ename}: {error.evalue}"
            ) from error
        exporter = HTMLExporter(
            template_name="lab",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
        body, _ = exporter.from_notebook_node(
            nbformat.read(executed, as_version=4), resources={"metadata": {"name": title}}
        )
    write_text(html_path, body)


def article_report_name(doc_id: str) -> str:
    """Report file name from the doc id alone: never from a title, so no path tricks or clashes."""
    return f"articles/{doc_id}.html"


def _render_article(tables: Path, out: Path, document: dict) -> tuple[str, str]:
    name = article_report_name(document["doc_id"])
    render_notebook(
        ARTICLE_NOTEBOOK,
        {"tables": str(tables), "doc_id": document["doc_id"]},
        out / name,
        document["title"] or document["source"],
    )
    return document["doc_id"], name


def render_reports(
    corpus: str | os.PathLike, out: str | os.PathLike, workers: int = 1
) -> ReportOutcome:
    """Analyse `corpus` and write tables, article reports, the corpus report, index and manifest."""
    started = time.perf_counter()
    out = Path(out).resolve()  # notebooks run in notebooks/: a relative path would point elsewhere
    result = analyze(corpus, workers=workers, progress=True)
    tables = result.save(out / "tables")
    report_of: dict[str, str] = {}
    failures: dict[str, str] = {}
    documents = result.documents.to_dict("records")
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_render_article, tables, out, doc): doc for doc in documents}
        for future in tqdm(futures, total=len(futures), unit="report", desc="rendering"):
            try:
                doc_id, name = future.result()
                report_of[doc_id] = name
            except ReportError as error:
                failures[futures[future]["doc_id"]] = str(error)
    corpus_failure = ""
    try:
        render_notebook(CORPUS_NOTEBOOK, {"tables": str(tables)}, out / "corpus.html", "Korpus")
    except ReportError as error:
        corpus_failure = str(error)
    manifest = report_manifest(result.manifest, report_of, failures)
    with atomic_path(out / "manifest.csv") as temporary:
        manifest.to_csv(temporary, index=False)
    write_text(out / "index.html", index_page(result, report_of, manifest, corpus_failure))
    status = manifest["status"].value_counts()
    return ReportOutcome(
        out=out,
        processed=int(status.get("processed", 0)),
        skipped=int(status.get("skipped", 0)),
        failed=len(failures) + bool(corpus_failure),
        seconds=time.perf_counter() - started,
    )


def report_manifest(
    manifest: pd.DataFrame, report_of: dict[str, str], failures: dict[str, str]
) -> pd.DataFrame:
    """The loader's manifest plus each article's report; a failed report is recorded, not hidden."""
    rows = manifest.copy()
    rows["report"] = [report_of.get(doc_id, "") for doc_id in rows["doc_id"]]
    failed = rows["doc_id"].isin(failures)
    rows.loc[failed, "status"] = "failed"
    rows.loc[failed, "reason"] = rows.loc[failed, "doc_id"].map(failures)
    return rows[MANIFEST_COLUMNS]


def index_page(
    result: Analysis, report_of: dict[str, str], manifest: pd.DataFrame, corpus_failure: str
) -> str:
    """A plain HTML index; everything taken from articles is escaped."""
    escape = html.escape
    articles = result.documents.sort_values("published", na_position="last")
    counts = result.mentions.groupby("doc_id").size() if not result.mentions.empty else {}
    rows = []
    for article in articles.itertuples():
        published = "" if pd.isna(article.published) else pd.Timestamp(article.published).date()
        link = report_of.get(article.doc_id)
        title = escape(article.title or article.source)
        title_cell = f'<a href="{escape(link)}">{title}</a>' if link else title
        rows.append(
            f"<tr><td>{published}</td><td>{title_cell}</td><td>{escape(article.agency)}</td>"
            f"<td>{int(counts.get(article.doc_id, 0))}</td></tr>"
        )
    not_processed = manifest[manifest["status"] != "processed"]
    problems = "".join(
        f"<li>{escape(str(row.source))}: {escape(row.status)} – {escape(str(row.reason))}</li>"
        for row in not_processed.itertuples()
    )
    corpus_link = (
        f"<p>Korpusbericht fehlgeschlagen: {escape(corpus_failure)}</p>"
        if corpus_failure
        else '<p><a href="corpus.html">Korpusbericht</a>: alle Artikel zusammen</p>'
    )
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Pressespiegel</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}
table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ccc;padding:.3em .6em;text-align:left}}</style>
</head><body>
<h1>Pressespiegel</h1>
{corpus_link}
<h2>Artikel ({len(rows)})</h2>
<table><thead><tr><th>Datum</th><th>Titel</th><th>Agentur</th><th>Erwähnungen</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<h2>Nicht verarbeitet ({len(not_processed)})</h2>
<ul>{problems or "<li>keine</li>"}</ul>
<p><a href="manifest.csv">manifest.csv</a>: jede Eingabe mit Status und Grund ·
<a href="tables/">Tabellen</a> (Parquet und CSV)</p>
</body></html>
"""
