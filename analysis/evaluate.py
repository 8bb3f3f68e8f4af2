"""Quality against gold data: `python -m analysis.evaluate TASK --gold PATH [...]`.

Each task is a module in `analysis.evaluation` with a `main(argv) -> int`; `--help` after the task
name lists its options.
"""

from __future__ import annotations

import importlib
import sys

TASKS = {
    "timex": "temporal expressions against KRAUTS / WikiWarsDE, beside HeidelTime",
    "ner": "named entities against GermEval 2014, beside a HanTa proper-noun baseline",
    "sentiment": "sentence and target tone against GerNTSA, beside textblob-de and SentiWS",
    "tone": "tone towards a target on hand-written clear cases, per phenomenon",
    "quotes": "direct and indirect speech against redewiedergabe; speakers of news quotes",
    "roles": "role descriptions (der Kremlchef) linked to persons, against hand annotations",
    "news": "distinct entities per 10kGNAD article against hand annotations (entity sets)",
}


def dispatch(package: str, tasks: dict[str, str], argv: list[str], prog: str) -> int:
    """Run `package.<task>.main(rest)`; shared by evaluate and bench."""
    if not argv or argv[0] not in tasks:
        lines = [f"usage: python -m {prog} TASK [options]", "", "tasks:"]
        lines += [f"  {name:<10} {purpose}" for name, purpose in tasks.items()]
        print("\n".join(lines), file=sys.stderr)
        return 2
    module = importlib.import_module(f"{package}.{argv[0]}")
    return module.main(argv[1:])


def main(argv: list[str] | None = None) -> int:
    return dispatch(
        "analysis.evaluation", TASKS, sys.argv[1:] if argv is None else argv, "analysis.evaluate"
    )


if __name__ == "__main__":
    raise SystemExit(main())
