"""Command line: `python -m analysis analyze|report --corpus PATH --out DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.corpus import MAX_ARTICLE_BYTES
from analysis.engines import ENGINES, MAX_DEFAULT_WORKERS, default_workers
from analysis.paths import REPORTS_DIR, SEEDS_DIR
from analysis.site import DEFAULT_ARTICLE_PAGES


def _common(command: argparse.ArgumentParser, default_out: Path) -> None:
    command.add_argument("--corpus", type=Path, default=SEEDS_DIR,
                         help="folder or single file of articles (default: seeds/)")
    command.add_argument("--out", type=Path, default=default_out,
                         help=f"output folder (default: {default_out})")
    command.add_argument("--workers", type=int, default=default_workers(),
                         help="worker processes for the analysis, and kernels rendering pages "
                              f"(default: one per core, at most {MAX_DEFAULT_WORKERS}: "
                              f"{default_workers()} here)")
    command.add_argument("--engine", choices=ENGINES, default="local",
                         help="local processes, or a Dask cluster (default: local)")
    command.add_argument("--scheduler", default=None,
                         help="Dask scheduler address host:port (default: a local cluster)")
    command.add_argument("--cache", type=Path, default=None,
                         help="result cache folder (default: OUT/.cache)")
    command.add_argument("--no-cache", action="store_true", help="analyse everything afresh")
    command.add_argument("--max-article-mb", type=float, default=MAX_ARTICLE_BYTES / 1e6,
                         help="skip larger articles, with a reason in the manifest "
                              f"(default: {MAX_ARTICLE_BYTES / 1e6:g})")
    command.add_argument("--non-german", choices=("flag", "skip"), default="flag",
                         help="articles not in German: analyse and flag them, or skip them "
                              "(default: flag)")
    command.add_argument("--textblob", action="store_true",
                         help="also fill textblob-de's polarity for every sentence, for comparison "
                              "(about triples the analysis time; article reports show it anyway)")
    command.add_argument("--no-tone", action="store_true",
                         help="leave tone out: the only step that uses SentiWS, which is licensed "
                              "for non-commercial use only (CC BY-NC-SA 3.0)")
    command.add_argument("--strict", action="store_true",
                         help="exit with 1 when any input was skipped or any report failed")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser("analyze", help="write the analysis tables (Parquet and CSV)")
    _common(analyze, REPORTS_DIR / "tables")
    analyze.add_argument("--articles-per-part", type=int, default=None,
                         help="partitioned Parquet datasets (default with --engine dask: 1000)")
    report = commands.add_parser("report", help="render HTML reports, an index and manifest.csv")
    _common(report, REPORTS_DIR)
    report.add_argument("--articles", default="auto",
                        help="which article pages: auto (all of a corpus up to "
                             f"{DEFAULT_ARTICLE_PAGES} articles, else the latest "
                             f"{DEFAULT_ARTICLE_PAGES}), all, none, a count (the first N by "
                             "date), doc ids or file names separated by commas, or a pandas "
                             "query on the documents table such as \"agency == 'dpa'\" "
                             "(default: auto)")
    report.add_argument("--entities", type=int, default=10,
                        help="pages for this many of the most mentioned entities (default: 10)")
    return parser


def _options(args: argparse.Namespace) -> dict:
    cache = None if args.no_cache else (args.cache or args.out / ".cache")
    return {"workers": args.workers, "engine": args.engine, "scheduler": args.scheduler,
            "cache": cache, "max_article_bytes": int(args.max_article_mb * 1e6),
            "non_german": args.non_german, "textblob": args.textblob, "tone": not args.no_tone}


def _exit_code(manifest, failed: int, strict: bool) -> int:
    """0 when anything was analysed; with --strict, 1 as soon as anything was skipped or failed."""
    analysed = manifest["status"].isin(["processed", "flagged"]).any()
    troubled = manifest["status"].isin(["skipped", "failed"]).any() or failed > 0
    return 1 if not analysed or (strict and troubled) else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.corpus.exists():
        print(f"error: corpus {args.corpus} does not exist", file=sys.stderr)
        return 2
    if args.command == "analyze":
        from analysis.pipeline import summary_line, timed_analyze

        result, seconds = timed_analyze(args.corpus, **_options(args))
        per_part = args.articles_per_part or (1000 if args.engine == "dask" else None)
        result.save(args.out, articles_per_part=per_part)
        print(summary_line(result.manifest, seconds))
        return _exit_code(result.manifest, 0, args.strict)
    from analysis.reports import render_reports

    outcome = render_reports(
        args.corpus, args.out, articles=args.articles, entities=args.entities, **_options(args)
    )
    print(outcome.summary)
    return _exit_code(outcome.manifest, outcome.failed, args.strict)
