"""Render the notebooks into HTML: one report per article, one for the corpus, index, manifest.

The analysis runs once and is saved as tables; every notebook then reads those tables, so a report
shows exactly the numbers a script would get from `analysis.analyze()`.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import papermill
from nbconvert import HTMLExporter
from tqdm import tqdm

from analysis.cache import article_key, pipeline_version
from analysis.paths import NOTEBOOKS_DIR, PACKAGE_DIR
from analysis.pipeline import Analysis, analyze, summary_line
from analysis.storage import atomic_path, write_text
from analysis.views import mention_counts

KERNEL_NAME = "python3"
KERNEL_START_SECONDS = 180  # a loaded machine starts kernels slowly; a report is not a race
ARTICLE_NOTEBOOK = NOTEBOOKS_DIR / "article.ipynb"
CORPUS_NOTEBOOK = NOTEBOOKS_DIR / "corpus.ipynb"
ENTITY_NOTEBOOK = NOTEBOOKS_DIR / "entity.ipynb"
MANIFEST_COLUMNS = ["source", "status", "reason", "doc_id", "report"]
REPORT_CODE = [PACKAGE_DIR / f"{name}.py" for name in ("charts", "views", "reports")]


class ReportError(RuntimeError):
    """A notebook failed; the message names the report and the failing cell."""


@dataclass(frozen=True)
class ReportOutcome:
    """What a build did: the manifest of every input, failed reports, and the time taken."""

    out: Path
    manifest: pd.DataFrame
    failed: int
    seconds: float

    def _count(self, *statuses: str) -> int:
        return int(self.manifest["status"].isin(statuses).sum())

    @property
    def processed(self) -> int:
        """Articles analysed: processed, plus flagged ones (not German, analysed anyway)."""
        return self._count("processed", "flagged")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def summary(self) -> str:
        failed = f", {self.failed} reports failed" if self.failed else ""
        return (
            f"{summary_line(self.manifest, self.seconds)}{failed}; "
            f"open {self.out / 'index.html'}"
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
                start_timeout=KERNEL_START_SECONDS,
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


def entity_report_name(entity: str) -> str:
    """Entity report file name from a hash of the name: safe whatever characters the name has."""
    return f"entities/{hashlib.sha256(entity.encode()).hexdigest()[:16]}.html"


def article_report_name(doc_id: str) -> str:
    """Report file name from the doc id alone: never from a title, so no path tricks or clashes."""
    return f"articles/{doc_id}.html"


def select_articles(documents: pd.DataFrame, spec: str | int | None = "all") -> pd.DataFrame:
    """Which articles get a report: all, none, the first N by date, listed ids/files, or a query."""
    spec = "all" if spec is None else str(spec).strip()
    if spec == "all":
        return documents
    if spec == "none":
        return documents.iloc[0:0]
    if spec.isdigit():
        return documents.sort_values("published", na_position="last", kind="stable").head(int(spec))
    wanted = {item.strip() for item in spec.split(",") if item.strip()}
    names = documents["source"].map(lambda source: source.rsplit("/", 1)[-1])
    listed = (
        documents["doc_id"].isin(wanted) | documents["source"].isin(wanted) | names.isin(wanted)
    )
    if listed.any():
        return documents[listed]
    try:
        return documents.query(spec)
    except Exception as error:  # pandas raises many kinds for a bad expression
        raise ValueError(
            f"--articles {spec!r} is neither all/none, a count, known doc ids or file names, "
            f"nor a valid query on the documents table: {error}"
        ) from error


def _fingerprint(*parts: str) -> str:
    """What a report depends on: the analysis version, its inputs and the code that draws it."""
    digest = hashlib.sha256()
    for source in [*REPORT_CODE, ARTICLE_NOTEBOOK, CORPUS_NOTEBOOK, ENTITY_NOTEBOOK]:
        digest.update(Path(source).read_bytes())
    for part in (pipeline_version(), *parts):
        digest.update(part.encode())
    return digest.hexdigest()


class BuildState:
    """Fingerprints of the reports in an output folder, so unchanged reports are not re-rendered."""

    def __init__(self, out: Path):
        self.path = out / ".report-state.json"
        self.previous = json.loads(self.path.read_text()) if self.path.exists() else {}
        self.current: dict[str, str] = {}

    def is_current(self, out: Path, name: str, fingerprint: str) -> bool:
        return self.previous.get(name) == fingerprint and (out / name).is_file()

    def record(self, name: str, fingerprint: str) -> None:
        self.current[name] = fingerprint

    def save(self) -> None:
        write_text(self.path, json.dumps(self.current, indent=1, sort_keys=True))


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """One build per output folder at a time; a lock left by a killed build is taken over."""
    out.mkdir(parents=True, exist_ok=True)
    lock = out / ".build.lock"
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        holder = lock.read_text().strip() or "0"
        if holder.isdigit() and _alive(int(holder)):
            raise ReportError(
                f"another report build (process {holder}) is writing to {out}; wait for it to "
                f"finish, or delete {lock} if that process is gone"
            ) from None
        lock.unlink(missing_ok=True)
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    os.write(handle, str(os.getpid()).encode())
    os.close(handle)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def render_reports(
    corpus: str | os.PathLike,
    out: str | os.PathLike,
    workers: int = 1,
    articles: str | int | None = "all",
    entities: int = 10,
    **analysis_options,
) -> ReportOutcome:
    """Analyse `corpus`; write tables, article, corpus and entity reports, index and manifest.

    `articles` selects the article reports (see `select_articles`); `entities` is how many of the
    most mentioned entities get a report; `analysis_options` go to `analyze()` (cache, engine,
    scheduler). Reports whose inputs did not change are kept.
    """
    started = time.perf_counter()
    out = Path(out).resolve()  # notebooks run in notebooks/: a relative path would point elsewhere
    with build_lock(out):
        result = analyze(corpus, workers=workers, progress=True, **analysis_options)
        tables = result.save(out / "tables")
        keys = dict(
            zip(result.documents["doc_id"],
                map(article_key, result.documents["doc_id"], result.documents["published"]),
                strict=True)
        )
        state = BuildState(out)
        chosen = select_articles(result.documents, articles).to_dict("records")
        report_of, failures = _render_articles(chosen, tables, out, keys, state, workers)
        corpus_failure = _render_corpus(tables, out, keys, state)
        top = mention_counts(result.mentions, top=entities)["entity"].tolist() if entities else []
        entity_reports = _render_entities(top, tables, out, keys, state)
        state.save()
        manifest = report_manifest(result.manifest, report_of, failures)
        with atomic_path(out / "manifest.csv") as temporary:
            manifest.to_csv(temporary, index=False)
        write_text(
            out / "index.html",
            index_page(result, report_of, manifest, corpus_failure, entity_reports),
        )
    return ReportOutcome(
        out=out,
        manifest=manifest,
        failed=len(failures) + bool(corpus_failure) + sum(
            not name.endswith(".html") for name in entity_reports.values()
        ),
        seconds=time.perf_counter() - started,
    )


def _render_articles(
    chosen: list[dict], tables: Path, out: Path, keys: dict[str, str], state: BuildState,
    workers: int,
) -> tuple[dict[str, str], dict[str, str]]:
    """Render the chosen article reports in parallel (each runs its own kernel process)."""
    report_of: dict[str, str] = {}
    failures: dict[str, str] = {}
    pending = []
    for document in chosen:
        name = article_report_name(document["doc_id"])
        fingerprint = _fingerprint(keys[document["doc_id"]])
        if state.is_current(out, name, fingerprint):
            report_of[document["doc_id"]] = name
            state.record(name, fingerprint)
        else:
            pending.append((document, name, fingerprint))

    def render(job: tuple[dict, str, str]) -> None:
        document, name, _ = job
        render_notebook(
            ARTICLE_NOTEBOOK, {"tables": str(tables), "doc_id": document["doc_id"]}, out / name,
            document["title"] or document["source"],
        )

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(render, job): job for job in pending}
        for future in tqdm(as_completed(futures), total=len(futures), unit="report",
                           desc="rendering"):
            document, name, fingerprint = futures[future]
            try:
                future.result()
            except ReportError as error:
                failures[document["doc_id"]] = str(error)
                continue
            report_of[document["doc_id"]] = name
            state.record(name, fingerprint)
    return report_of, failures


def _render_corpus(tables: Path, out: Path, keys: dict[str, str], state: BuildState) -> str:
    """The corpus report, unless nothing it shows changed; returns the failure, if any."""
    fingerprint = _fingerprint(*sorted(keys.values()))
    if not state.is_current(out, "corpus.html", fingerprint):
        try:
            render_notebook(CORPUS_NOTEBOOK, {"tables": str(tables)}, out / "corpus.html", "Korpus")
        except ReportError as error:
            return str(error)
    state.record("corpus.html", fingerprint)
    return ""


def _render_entities(
    names: list[str], tables: Path, out: Path, keys: dict[str, str], state: BuildState
) -> dict[str, str]:
    """Reports of the most mentioned entities: entity → report file, or the failure message."""
    corpus_key = _fingerprint(*sorted(keys.values()))
    reports: dict[str, str] = {}
    for name in names:
        target = entity_report_name(name)
        fingerprint = _fingerprint(corpus_key, name)
        if not state.is_current(out, target, fingerprint):
            try:
                render_notebook(ENTITY_NOTEBOOK, {"tables": str(tables), "entity": name},
                                out / target, name)
            except ReportError as error:
                reports[name] = str(error)
                continue
        state.record(target, fingerprint)
        reports[name] = target
    return reports


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
    result: Analysis,
    report_of: dict[str, str],
    manifest: pd.DataFrame,
    corpus_failure: str,
    entity_reports: dict[str, str] | None = None,
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
    entity_items = "".join(
        f'<li><a href="{escape(target)}">{escape(name)}</a></li>'
        if target.endswith(".html")
        else f"<li>{escape(name)}: Bericht fehlgeschlagen – {escape(target)}</li>"
        for name, target in (entity_reports or {}).items()
    )
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Pressespiegel</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}
table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ccc;padding:.3em .6em;text-align:left}}</style>
</head><body>
<h1>Pressespiegel</h1>
{corpus_link}
<h2>Meistgenannte Entitäten</h2>
<ul>{entity_items or "<li>keine</li>"}</ul>
<h2>Artikel ({len(rows)})</h2>
<table><thead><tr><th>Datum</th><th>Titel</th><th>Agentur</th><th>Erwähnungen</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
<h2>Übersprungen, doppelt oder markiert ({len(not_processed)})</h2>
<ul>{problems or "<li>keine</li>"}</ul>
<p><a href="manifest.csv">manifest.csv</a>: jede Eingabe mit Status und Grund ·
<a href="tables/">Tabellen</a> (Parquet und CSV)</p>
</body></html>
"""
