"""A report build: analyse once, plan the pages, render them on warm kernels, write the index.

The analysis runs once and is saved as tables; every notebook then reads those tables, so a report
shows exactly the numbers a script would get from `analysis.analyze()`. Pages whose inputs did not
change are kept; pages of a previous corpus that this build does not render are removed.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from papermill import PapermillExecutionError
from tqdm import tqdm

from analysis.cache import article_key, pipeline_version
from analysis.corpus import DOCUMENT_COLUMNS, SUFFIXES
from analysis.errors import UserError
from analysis.paths import NOTEBOOKS_DIR, PACKAGE_DIR
from analysis.pipeline import Analysis, analyze, summary_line
from analysis.reports.export import PageExporter, write_assets
from analysis.reports.index import index_page
from analysis.reports.kernels import KernelPool, WarmKernel
from analysis import reasons, wording
from analysis import site as pages
from analysis.site import CORPUS_PAGE, INDEX_PAGE, Links, Site, article_page_name, \
    entity_page_names
from analysis.storage import atomic_path, write_text
from analysis.views import mention_counts

ARTICLE_NOTEBOOK = NOTEBOOKS_DIR / "article.ipynb"
CORPUS_NOTEBOOK = NOTEBOOKS_DIR / "corpus.ipynb"
ENTITY_NOTEBOOK = NOTEBOOKS_DIR / "entity.ipynb"
MANIFEST_COLUMNS = ["source", "status", "reason", "doc_id", "report"]
PAGE_FOLDERS = ("articles", "entities")
FOLDER_MODE = 0o755
REPORT_CODE = sorted(
    [*(PACKAGE_DIR / "reports").glob("*.py"), *(PACKAGE_DIR / "data" / "reports").glob("*"),
     *(PACKAGE_DIR / "charts").glob("*.py"),
     *(PACKAGE_DIR / f"{name}.py" for name in ("views", "display", "site", "wording")),
     ARTICLE_NOTEBOOK, CORPUS_NOTEBOOK, ENTITY_NOTEBOOK]
)
# What --articles can name that only the read corpus can confirm: doc ids and article files.
# A record inside a file is "file#N" or, in a web archive, "file#URL".
_ARTICLE_SUFFIXES = "|".join(sorted(re.escape(suffix[1:]) for suffix in SUFFIXES))
_ARTICLE_NAME = re.compile(rf"[0-9a-f]{{16}}|.+\.(?i:{_ARTICLE_SUFFIXES})(?:#\S+)?")


class ReportError(RuntimeError, UserError):
    """A report cannot be built as asked: another build holds the folder, --articles names no
    article of the corpus, or a notebook failed (the message names the report and the cell)."""


@dataclass(frozen=True)
class ReportOutcome:
    """What a build did: the manifest of every input, the pages, failures and the time taken."""

    out: Path
    manifest: pd.DataFrame
    failed: int
    seconds: float
    pages: int = 0
    article_pages: int = 0
    articles: int = 0
    rendered: int = 0
    phases: dict[str, float] = field(default_factory=dict)

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
        failed = f", {self.failed} failed" if self.failed else ""
        kept = self.pages - self.rendered
        unchanged = f", {kept} unchanged" if kept else ""
        took = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.phases.items())
        pages = f"; {self.pages} pages{unchanged}{failed}" + (f" ({took})" if took else "")
        if self.article_pages < self.articles:
            pages += (f" (article pages for {self.article_pages} of {self.articles} articles; "
                      f"--articles all renders every one)")
        return f"{summary_line(self.manifest, self.seconds)}{pages}; open {self.out / INDEX_PAGE}"


@dataclass(frozen=True)
class PageJob:
    """One page to render: which notebook, with which parameters, into which file."""

    notebook: Path
    page: str
    title: str
    crumb: str
    fingerprint: str
    parameters: dict = field(default_factory=dict)
    doc_id: str = ""


def select_articles(documents: pd.DataFrame, spec: str | int | None = "auto") -> pd.DataFrame:
    """Which articles get a page: auto (all up to site.DEFAULT_ARTICLE_PAGES, else the latest
    that many), all, none, the first N by date, listed ids or files, or a query on documents."""
    spec = "auto" if spec is None else str(spec).strip()
    if spec == "auto":
        if len(documents) <= pages.DEFAULT_ARTICLE_PAGES:
            return documents
        latest = documents.sort_values("published", ascending=False, na_position="last",
                                        kind="stable")
        return latest.head(pages.DEFAULT_ARTICLE_PAGES)
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
            f"--articles {spec!r} is neither auto/all/none, a count, known doc ids or file "
            f"names, nor a valid query on the documents table: {error}"
        ) from error


def check_articles(spec: str) -> str:
    """`spec` for `select_articles`, checked before the analysis: doc ids and file names need the
    corpus, but anything else must be a query that runs on the documents table's columns."""
    spec = spec.strip()
    names = [item.strip() for item in spec.split(",") if item.strip()]
    if spec in ("auto", "all", "none") or spec.isdigit() or (
        names and all(_ARTICLE_NAME.fullmatch(name) for name in names)
    ):
        return spec
    documents = pd.DataFrame(columns=DOCUMENT_COLUMNS).astype(str).astype(
        {"published": "datetime64[ns]"})
    try:
        documents.query(spec)
    except Exception as error:  # pandas raises many kinds for a bad expression
        raise ValueError(
            f"{spec!r} is neither auto, all, none, a count, doc ids or file names of articles, "
            f"nor a query on the documents table ({', '.join(DOCUMENT_COLUMNS)}) such as "
            f"\"agency == 'dpa'\": {error}"
        ) from error
    return spec


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


class BuildState:
    """Fingerprints of the pages in an output folder, so unchanged pages are not re-rendered."""

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


def _fingerprint(*parts: str) -> str:
    """What a page depends on: the analysis version, its inputs and the code that draws it."""
    digest = hashlib.sha256(_code_fingerprint().encode())
    for part in (pipeline_version(), *parts):
        digest.update(part.encode())
    return digest.hexdigest()


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for source in REPORT_CODE:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def render_reports(
    corpus: str | os.PathLike,
    out: str | os.PathLike,
    workers: int = 1,
    articles: str | int | None = "auto",
    entities: int = 10,
    **analysis_options,
) -> ReportOutcome:
    """Analyse `corpus`; write tables, article, corpus and entity pages, index and manifest.

    `articles` selects the article pages (see `select_articles`); `entities` is how many of the
    most mentioned entities get a page; `analysis_options` go to `analyze()` (cache, engine,
    scheduler, …). All pages render on `workers` warm kernels behind one progress bar.
    """
    started = time.perf_counter()
    out = Path(out).resolve()  # notebooks run in notebooks/: a relative path would point elsewhere
    phases: dict[str, float] = {}
    with build_lock(out), KernelPool(workers, NOTEBOOKS_DIR) as kernels:
        result = analyze(corpus, workers=workers, progress=True, **analysis_options)
        tables = result.save(out / "tables")
        phases["analysis"] = time.perf_counter() - started
        try:
            chosen = select_articles(result.documents, articles)
        except ValueError as error:  # ids or names this corpus lacks: known only once it is read
            raise ReportError(str(error)) from error
        top = mention_counts(result.mentions, top=entities)["entity"].tolist() if entities else []
        site = Site(
            articles={doc_id: article_page_name(doc_id) for doc_id in chosen["doc_id"]},
            entities=entity_page_names(top),
        )
        site_path = site.save(out)
        jobs = _plan(result, chosen, site, tables, site_path)
        state = BuildState(out)
        failures, rendered = _render(jobs, out, state, kernels)
        phases["pages"] = time.perf_counter() - started - phases["analysis"]
        _remove_stale_pages(out, site)
        write_assets(out)
        state.save()
        report_of = {doc_id: page for doc_id, page in site.articles.items()
                     if page not in failures}
        article_failures = {job.doc_id: failures[job.page] for job in jobs
                            if job.doc_id and job.page in failures}
        manifest = report_manifest(result.manifest, report_of, article_failures)
        with atomic_path(out / "manifest.csv") as temporary:
            manifest.to_csv(temporary, index=False)
        write_text(out / INDEX_PAGE, index_page(result, site, manifest, failures))
        _open_up(out)
    return ReportOutcome(
        out=out, manifest=manifest, failed=len(failures),
        seconds=time.perf_counter() - started, pages=len(jobs) + 1,
        article_pages=len(site.articles), articles=len(result.documents),
        rendered=rendered + 1, phases=phases,
    )


def _plan(result: Analysis, chosen: pd.DataFrame, site: Site, tables: Path,
          site_path: Path) -> list[PageJob]:
    """Every page of the build: corpus and entity pages first (the overview a reader wants
    soonest), then the article pages."""
    keys = [article_key(d, p) for d, p in zip(result.documents["doc_id"],
                                              result.documents["published"], strict=True)]
    site_key = json.dumps([site.articles, site.entities], sort_keys=True)
    entity_key = json.dumps(site.entities, sort_keys=True)
    corpus_key = _fingerprint(*sorted(keys), site_key)
    common = {"tables": str(tables), "site": str(site_path)}
    jobs = [PageJob(CORPUS_NOTEBOOK, CORPUS_PAGE, "Korpusbericht", "Korpus", corpus_key,
                    {**common, "here": CORPUS_PAGE})]
    jobs += [
        PageJob(ENTITY_NOTEBOOK, page, name, name, _fingerprint(corpus_key, name),
                {**common, "entity": name, "here": page})
        for name, page in site.entities.items()
    ]
    key_of = dict(zip(result.documents["doc_id"], keys, strict=True))
    names_of = _names_by_article(result)
    for document in chosen.itertuples():
        page = site.articles[document.doc_id]
        title = document.title or document.source.rsplit("/", 1)[-1]
        jobs.append(PageJob(
            ARTICLE_NOTEBOOK, page, title, title,
            _fingerprint(key_of[document.doc_id], names_of.get(document.doc_id, ""), entity_key),
            {**common, "doc_id": document.doc_id, "here": page}, doc_id=document.doc_id,
        ))
    return jobs


def _names_by_article(result: Analysis) -> dict[str, str]:
    """The names each article's page shows, as linked across the corpus: a new article can turn
    "Putin" into "Wladimir Putin" on an older article's page, which must then be rendered again."""
    mentions, quotes = result.mentions, result.quotes
    named = (mentions["entity"].astype(str) + "|" + mentions["label"].astype(str)).groupby(
        mentions["doc_id"]).agg(";".join)
    speakers = quotes["speaker"].astype(str).groupby(quotes["doc_id"]).agg(";".join)
    return {doc_id: f"{named.get(doc_id, '')}#{speakers.get(doc_id, '')}"
            for doc_id in result.documents["doc_id"]}


_exporters = threading.local()


def _render_job(kernel: WarmKernel, job: PageJob, target: Path) -> None:
    """Execute one page's notebook on `kernel` and write it to `target`; all or nothing."""
    try:
        executed = kernel.execute(job.notebook, job.parameters)
    except PapermillExecutionError as error:
        failing_line = next((line for line in error.source.splitlines() if line.strip()), "")
        raise ReportError(reasons.text(
            "page_failed", notebook=job.notebook.name, title=repr(job.title),
            cell=repr(failing_line), error=f"{error.ename}: {error.evalue}",
        )) from error
    if not hasattr(_exporters, "exporter"):
        _exporters.exporter = PageExporter()
    page = _exporters.exporter.notebook_page(
        executed, Links(Site.load(job.parameters["site"]), job.page), job.title, job.crumb
    )
    write_text(target, page)


def _render(jobs: list[PageJob], out: Path, state: BuildState,
            kernels: KernelPool) -> tuple[dict[str, str], int]:
    """Render the pages that changed on warm kernels; returns page → failure message, and how
    many pages were rendered."""
    pending = []
    for job in jobs:
        if state.is_current(out, job.page, job.fingerprint):
            state.record(job.page, job.fingerprint)
        else:
            pending.append(job)
    failures: dict[str, str] = {}
    outcomes = kernels.run(pending, lambda kernel, job: _render_job(kernel, job, out / job.page))
    for job, error in tqdm(outcomes, total=len(pending), unit="page", desc="rendering"):
        if error is None:
            state.record(job.page, job.fingerprint)
        else:
            failures[job.page] = str(error)
            write_text(out / job.page, failure_page(job, str(error)))
    return failures, len(pending)


def failure_page(job: PageJob, reason: str) -> str:
    """What a link to a page that could not be rendered shows: why (in German), instead of
    nothing."""
    body = (f"<h1>{html.escape(job.title)}</h1>"
            '<p class="hinweis">Diese Seite konnte nicht erstellt werden. Grund: '
            f"{html.escape(wording.reason(reason))}</p>")
    return PageExporter().page(body, Links(Site.load(job.parameters["site"]), job.page),
                               job.title, job.crumb, tables=False)


def render_notebook(notebook: Path, parameters: dict, html_path: Path, title: str) -> None:
    """One page on a kernel of its own, outside a build (scripts, tests); all or nothing.

    `parameters` may name `site` and `here` (the page's path in the report folder)."""
    kernel = WarmKernel(NOTEBOOKS_DIR)
    try:
        job = PageJob(notebook, parameters.get("here", html_path.name), title, title, "",
                      {"site": None, **parameters})
        _render_job(kernel, job, html_path)
    finally:
        kernel.close()


def _remove_stale_pages(out: Path, site: Site) -> None:
    """Pages a previous build wrote for articles or entities this build has not: a folder
    rebuilt for another corpus must not show the old one's pages."""
    wanted = {*site.articles.values(), *site.entities.values()}
    for folder in PAGE_FOLDERS:
        for page in (out / folder).glob("*.html"):
            if f"{folder}/{page.name}" not in wanted:
                page.unlink()


def _open_up(out: Path) -> None:
    """Folders of a report readable by others, as its files are (a web server, a colleague)."""
    for folder in [out, *(out / name for name in (*PAGE_FOLDERS, "assets", "tables"))]:
        if folder.is_dir():
            folder.chmod(FOLDER_MODE)


def report_manifest(
    manifest: pd.DataFrame, report_of: dict[str, str], failures: dict[str, str]
) -> pd.DataFrame:
    """The loader's manifest plus each article's page; a failed page is recorded, not hidden."""
    rows = manifest.copy()
    rows["report"] = [report_of.get(doc_id, "") for doc_id in rows["doc_id"]]
    failed = rows["doc_id"].isin(failures)
    rows.loc[failed, "status"] = "failed"
    rows.loc[failed, "reason"] = rows.loc[failed, "doc_id"].map(failures)
    return rows[MANIFEST_COLUMNS]
