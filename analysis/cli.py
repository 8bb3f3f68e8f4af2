"""Command line: `python -m analysis analyze|report --corpus PATH --out DIR`.

Exit status: 0 when anything was analysed; 1 when nothing was, or with --strict when anything was
skipped or a page failed; 2 for an error you can put right (a path, an option, a lock, a missing
extra), told in one line `Error: …` (--debug or PRESSESPIEGEL_DEBUG=1 show its traceback too).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tomllib
import traceback
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from analysis.corpus import MAX_ARTICLE_BYTES
from analysis.engines import ENGINES, MAX_DEFAULT_WORKERS, default_workers
from analysis.errors import UserError
from analysis.extras import require
from analysis.paths import PROJECT_DIR, REPORTS_DIR, SEEDS_DIR
from analysis.site import DEFAULT_ARTICLE_PAGES

DEBUG_VARIABLE = "PRESSESPIEGEL_DEBUG"
DEBUG_HELP = f"show an error's traceback too (for bug reports; or {DEBUG_VARIABLE}=1)"
EXAMPLES = {
    "commands": """\
examples:
  python -m analysis report --corpus articles/ --out reports/
  python -m analysis analyze --corpus articles/ --out tables/
  python -m analysis report --help
""",
    "analyze": """\
examples:
  python -m analysis analyze --corpus articles/ --out tables/
  python -m analysis analyze --corpus articles.csv --out tables/ --workers 2 --no-tone
  python -m analysis analyze --corpus articles/ --out tables/ --engine dask --scheduler host:8786
""",
    "report": """\
examples:
  python -m analysis report --corpus articles/ --out reports/
  python -m analysis report --corpus articles/ --out reports/ --articles "agency == 'dpa'"
  python -m analysis report --corpus articles.csv --out reports/ --articles none --entities 20
""",
}


class _Parser(argparse.ArgumentParser):
    """Usage errors end like every other error: one `Error:` line that says where help is."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"Error: {message} (see {self.prog} --help)\n")


def _whole(minimum: int) -> Callable[[str], int]:
    """An option's type: a whole number of at least `minimum`, checked before any work."""

    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {value}")
        return value

    return whole


def _megabytes(text: str) -> float:
    """--max-article-mb: a size above 0 (0 or less would skip every article)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"must be a size in MB above 0, not {text}")
    return value


def _articles(spec: str) -> str:
    """--articles parsed before the analysis, so a bad query does not cost a whole one."""
    from analysis.reports import check_articles  # the report command imports it anyway

    try:
        return check_articles(spec)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _version() -> str:
    """The installed package's version; pyproject.toml's in a source tree not installed."""
    try:
        return metadata.version("pressespiegel")
    except metadata.PackageNotFoundError:
        with (PROJECT_DIR / "pyproject.toml").open("rb") as file:
            return tomllib.load(file)["project"]["version"]


def _common(command: argparse.ArgumentParser, default_out: Path) -> None:
    command.add_argument("--corpus", type=Path, default=SEEDS_DIR,
                         help="folder or single file of articles (default: seeds/)")
    command.add_argument("--out", type=Path, default=default_out,
                         help=f"output folder (default: {default_out})")
    command.add_argument("--workers", type=_whole(1), default=default_workers(),
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
    command.add_argument("--max-article-mb", type=_megabytes, default=MAX_ARTICLE_BYTES / 1e6,
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
    # SUPPRESS: given before the command, --debug must not be reset by the command's default.
    command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog="python -m analysis", description=__doc__, formatter_class=raw,
                     epilog=EXAMPLES["commands"])
    parser.add_argument("--version", action="version", version=f"pressespiegel {_version()}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    commands = parser.add_subparsers(dest="command", required=True)
    about = "write the analysis tables (Parquet and CSV)"
    analyze = commands.add_parser("analyze", help=about, description=about,
                                  epilog=EXAMPLES["analyze"], formatter_class=raw)
    _common(analyze, REPORTS_DIR / "tables")
    analyze.add_argument("--articles-per-part", type=_whole(1), default=None,
                         help="partitioned Parquet datasets (default with --engine dask: 1000)")
    about = "render HTML reports, an index and manifest.csv"
    report = commands.add_parser("report", help=about, description=about,
                                 epilog=EXAMPLES["report"], formatter_class=raw)
    _common(report, REPORTS_DIR)
    report.add_argument("--articles", type=_articles, default="auto",
                        help="which article pages: auto (all of a corpus up to "
                             f"{DEFAULT_ARTICLE_PAGES} articles, else the latest "
                             f"{DEFAULT_ARTICLE_PAGES}), all, none, a count (the first N by "
                             "date), doc ids or file names separated by commas, or a pandas "
                             "query on the documents table such as \"agency == 'dpa'\" "
                             "(default: auto)")
    report.add_argument("--entities", type=_whole(0), default=10,
                        help="pages for this many of the most mentioned entities (default: 10)")
    return parser


def _options(args: argparse.Namespace) -> dict:
    cache = None if args.no_cache else (args.cache or args.out / ".cache")
    return {"workers": args.workers, "engine": args.engine, "scheduler": args.scheduler,
            "cache": cache, "max_article_bytes": int(args.max_article_mb * 1e6),
            "non_german": args.non_german, "textblob": args.textblob, "tone": not args.no_tone}


def _check_corpus(corpus: Path) -> None:
    """A corpus that cannot be read at all is the user's to fix, not a run that finds nothing."""
    what = "pass --corpus a folder or file of articles"
    if not corpus.exists():
        raise UserError(f"corpus {corpus} does not exist: {what}")
    if not (corpus.is_dir() or corpus.is_file()):
        raise UserError(f"corpus {corpus} is neither a folder nor a file: {what}")
    if not os.access(corpus, os.R_OK | (os.X_OK if corpus.is_dir() else 0)):
        raise UserError(f"corpus {corpus} cannot be read (permission denied): {what} you can read")


def _check_folder(folder: Path, option: str) -> None:
    """Create an output folder up front, so that one which cannot be written fails at once."""
    what = f"pass {option} a folder you can write to"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot create {option} {folder} ({error.strerror}): {what}") from error
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"cannot write to {option} {folder} (permission denied): {what}")


def _exit_code(manifest, failed: int, strict: bool) -> int:
    """0 when anything was analysed; with --strict, 1 as soon as anything was skipped or failed."""
    analysed = manifest["status"].isin(["processed", "flagged"]).any()
    troubled = manifest["status"].isin(["skipped", "failed"]).any() or failed > 0
    return 1 if not analysed or (strict and troubled) else 0


def _run(args: argparse.Namespace) -> int:
    """The command, once its paths and engine are known to work: no analysis is lost to them."""
    options = _options(args)
    _check_corpus(args.corpus)
    _check_folder(args.out, "--out")
    if options["cache"] is not None:
        _check_folder(options["cache"], "--cache")
    if args.engine == "dask":
        require("dask.distributed", "dask", "--engine dask")
    if args.command == "analyze":
        from analysis.pipeline import summary_line, timed_analyze

        result, seconds = timed_analyze(args.corpus, **options)
        per_part = args.articles_per_part or (1000 if args.engine == "dask" else None)
        result.save(args.out, articles_per_part=per_part)
        print(summary_line(result.manifest, seconds))
        return _exit_code(result.manifest, 0, args.strict)
    from analysis.reports import render_reports

    outcome = render_reports(
        args.corpus, args.out, articles=args.articles, entities=args.entities, **options
    )
    print(outcome.summary)
    return _exit_code(outcome.manifest, outcome.failed, args.strict)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as error:
        if args.debug or os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
            traceback.print_exc()
        print("Error: " + re.sub(r"\s*\n\s*", " ", str(error).strip()), file=sys.stderr)
        return 2
