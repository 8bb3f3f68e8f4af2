"""Speed: `python -m analysis.bench TASK [...]`; with `--corpus FILE` and no task, the pipeline.

Each task is a module in `analysis.benchmarks` with a `main(argv) -> int`.
"""

from __future__ import annotations

import sys

from analysis.evaluate import dispatch

TASKS = {
    "timex": "temporal tagging on KRAUTS documents (documents/s on one core)",
    "entities": "entity recognition and linking (tokens/s on one core)",
    "sentiment": "sentence tone (sentences/s on one core)",
    "segmentation": "regex segmenter vs SoMaJo: tokens/s and agreement",
    "pipeline": "the whole analysis of a corpus, beside a textblob-de baseline",
    "reports": "report builds as a user runs them: fresh, unchanged, and where a page's time goes",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0].startswith("--corpus"):
        argv = ["pipeline", *argv]
    return dispatch("analysis.benchmarks", TASKS, argv, "analysis.bench")


if __name__ == "__main__":
    raise SystemExit(main())
