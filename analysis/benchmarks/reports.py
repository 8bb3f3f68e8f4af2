"""Report builds as a user runs them: `python -m analysis.bench reports --corpus PATH [...]`.

Times `python -m analysis report` as a whole command (start-up included) on a fresh output folder,
`--runs` times, then an unchanged rebuild into the same folder. A 10kGNAD file (`label;'text'`) is
turned into a corpus of `--articles` × `--copies` articles over `--days` days, with titles, as
a news archive export would give them; any other path is used as it is (a folder, the seeds). With
`--cells`, a sample of pages is rendered on one warm kernel and the median time of every notebook
cell is printed: where a page's time goes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

from analysis.benchmarks.pipeline import read_gnad
from analysis.paths import NOTEBOOKS_DIR
from analysis.reports.build import ARTICLE_NOTEBOOK, CORPUS_NOTEBOOK, ENTITY_NOTEBOOK
from analysis.reports.export import PageExporter
from analysis.reports.kernels import WarmKernel
from analysis.site import SITE_FILE, Links, Site

SUMMARY = re.compile(r"^\d+ articles processed.*$", flags=re.MULTILINE)


def gnad_corpus(source: Path, articles: int, copies: int, days: int, folder: Path) -> Path:
    """`articles` × `copies` 10kGNAD texts as one CSV: a title (the teaser's first sentence),
    dates spread evenly over `days` days from 2024-01-01, copies made distinct so nothing is a
    duplicate."""
    texts = read_gnad(source)[:articles]
    total = len(texts) * copies
    rows = []
    for copy in range(copies):
        for number, text in enumerate(texts):
            position = copy * len(texts) + number
            day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=position * days // total)
            rows.append({"title": _headline(text), "date": day.date().isoformat(),
                         "source": "derStandard",
                         "text": text if copy == 0 else f"Meldung {copy}-{number}.\n\n{text}"})
    path = folder / "articles.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _headline(text: str, width: int = 140) -> str:
    """The teaser's first sentence, shortened between words when it runs long."""
    first = text.split(". ")[0]
    return first if len(first) <= width else first[:width].rsplit(" ", 1)[0] + " …"


def build(corpus: Path, out: Path, workers: int, articles: str) -> tuple[float, str]:
    """Seconds of one `python -m analysis report` run, and its summary line."""
    command = [sys.executable, "-m", "analysis", "report", "--corpus", str(corpus), "--out",
               str(out), "--workers", str(workers), "--articles", articles]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"report build failed ({done.returncode}):\n{done.stderr[-3000:]}")
    found = SUMMARY.search(done.stdout)
    return seconds, found.group(0) if found else done.stdout.strip()


def cell_times(out: Path, sample: int) -> str:
    """Median seconds of each notebook cell over `sample` article pages, the corpus page and the
    entity pages of a finished build, rendered again on one warm kernel; export time beside."""
    site = Site.load(out / SITE_FILE)
    common = {"tables": str(out / "tables"), "site": str(out / SITE_FILE)}
    jobs = [(ARTICLE_NOTEBOOK, {"doc_id": doc_id, "here": page})
            for doc_id, page in list(site.articles.items())[:sample]]
    jobs += [(CORPUS_NOTEBOOK, {"here": "corpus.html"})]
    jobs += [(ENTITY_NOTEBOOK, {"entity": name, "here": page})
             for name, page in list(site.entities.items())[:sample]]
    cells: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    kernel = WarmKernel(NOTEBOOKS_DIR)
    exporter = PageExporter()
    try:
        for notebook, parameters in jobs:
            started = time.perf_counter()
            executed = kernel.execute(notebook, {**common, **parameters})
            ran = time.perf_counter()
            exporter.notebook_page(executed, Links(site, parameters["here"]), "Seite")
            timings = cells[notebook.name]
            timings["whole page (execute)"].append(ran - started)
            timings["whole page (export to HTML)"].append(time.perf_counter() - ran)
            for cell in executed.cells:
                if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
                    first = " ".join(cell.source.split())[:72]
                    timings[first].append(cell.metadata.papermill.get("duration") or 0.0)
    finally:
        kernel.close()
    lines = []
    for name, timings in cells.items():
        pages = len(timings["whole page (execute)"])
        lines.append(f"{name} ({pages} pages), median seconds:")
        lines += [f"  {statistics.median(values):7.3f}  {cell}" for cell, values in
                  timings.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench reports", description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True,
                        help="a 10kGNAD .csv file, or a folder or file of articles")
    parser.add_argument("--articles", type=int, default=60,
                        help="10kGNAD articles to take (default 60)")
    parser.add_argument("--copies", type=int, default=1, help="copies of them (default 1)")
    parser.add_argument("--days", type=int, default=60,
                        help="days the articles are spread over (default 60: with 60 articles, "
                             "one a day)")
    parser.add_argument("--pages", default="auto",
                        help="which article pages, as report --articles (default auto)")
    parser.add_argument("--workers", type=int, default=2, help="workers (default 2)")
    parser.add_argument("--runs", type=int, default=1, help="fresh builds to time (default 1)")
    parser.add_argument("--cells", type=int, default=0,
                        help="also time every notebook cell on this many pages of each kind")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="pressespiegel-bench-reports-"))
    try:
        corpus = args.corpus
        if corpus.suffix == ".csv" and corpus.read_text(encoding="utf-8")[:200].count(";'"):
            corpus = gnad_corpus(args.corpus, args.articles, args.copies, args.days, scratch)
        fresh = []
        for run in range(args.runs):
            out = scratch / f"out-{run}"
            seconds, line = build(corpus, out, args.workers, args.pages)
            fresh.append(seconds)
            print(f"fresh build {run + 1}: {seconds:.1f} s  [{line}]")
        rebuild, line = build(corpus, out, args.workers, args.pages)
        print(f"fresh build, {args.workers} workers: min {min(fresh):.1f} s, median "
              f"{statistics.median(fresh):.1f} s, max {max(fresh):.1f} s ({args.runs} runs)")
        print(f"unchanged rebuild: {rebuild:.1f} s  [{line}]")
        size = sum(path.stat().st_size for path in out.rglob("*.html"))
        pages = len(list(out.rglob("*.html")))
        print(f"{pages} pages, {size / 2**20:.1f} MiB of HTML "
              f"(+ {_folder_mib(out / 'assets'):.1f} MiB of shared assets)")
        if args.cells:
            print(cell_times(out, args.cells))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def _folder_mib(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 2**20
