"""Command line: `python -m analysis analyze|report --corpus PATH --out DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.paths import REPORTS_DIR, SEEDS_DIR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text, default_out in (
        ("analyze", "write the analysis tables (Parquet and CSV)", REPORTS_DIR / "tables"),
        ("report", "render HTML reports, an index and manifest.csv", REPORTS_DIR),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "--corpus",
            type=Path,
            default=SEEDS_DIR,
            help="folder or single file of articles (default: seeds/)",
        )
        command.add_argument(
            "--out", type=Path, default=default_out, help=f"output folder (default: {default_out})"
        )
        command.add_argument("--workers", type=int, default=1, help="worker processes")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.corpus.exists():
        print(f"error: corpus {args.corpus} does not exist", file=sys.stderr)
        return 2
    if args.command == "analyze":
        from analysis.pipeline import summary_line, timed_analyze

        result, seconds = timed_analyze(args.corpus, args.workers)
        result.save(args.out)
        print(summary_line(result, seconds))
        return 0
    from analysis.reports import render_reports

    outcome = render_reports(args.corpus, args.out, workers=args.workers)
    print(outcome.summary)
    return 0 if outcome.processed else 1
