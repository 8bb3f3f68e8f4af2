"""How often role descriptions are linked to a person, and how often rightly:
`python -m analysis.evaluate roles --gold FILE [FILE ...]`.

Gold files are JSON lines (tests/fixtures/roles/README.md): a text (or a file in seeds/) and its
role descriptions ("der Kremlchef") with the person each refers to, or null where the text leaves
it open. A role mention the recogniser links counts as right when it lies inside a gold role
description with that person; links elsewhere, or inside a description marked null, are wrong.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from analysis.entities import KINDS, extract_entities
from analysis.paths import SEEDS_DIR
from analysis.pipeline import read_corpus


@dataclass
class RoleCounts:
    """Gold roles, roles that should be linked, links made, links that are right."""

    roles: int = 0
    linkable: int = 0
    linked: int = 0
    right: int = 0

    def add(self, other: RoleCounts) -> None:
        self.roles += other.roles
        self.linkable += other.linkable
        self.linked += other.linked
        self.right += other.right

    @property
    def precision(self) -> float:
        return self.right / self.linked if self.linked else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.linkable if self.linkable else 0.0


def text_of(record: dict) -> str:
    """The record's text, or the body of its seed article as the pipeline reads it."""
    if "text" in record:
        return record["text"]
    documents, _ = read_corpus(SEEDS_DIR / record["seed"])
    if documents.empty:
        raise ValueError(f"seed {record['seed']!r} could not be read")
    return documents["text"].iloc[0]


def _span(text: str, surface: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(surface, start + 1)
        if start < 0:
            raise ValueError(f"{surface!r} does not occur {occurrence + 1} times in the text")
    return start, start + len(surface)


def score_record(record: dict) -> RoleCounts:
    """Counts for one annotated text."""
    text = text_of(record)
    try:
        gold = [(*_span(text, role["surface"], role["occurrence"]), role["entity"])
                for role in record["roles"]]
    except ValueError as error:
        raise ValueError(f"record {record.get('id', '?')!r}: {error}") from None
    found = extract_entities(text, kinds=KINDS)
    found = found[found["kind"] == "role"]
    counts = RoleCounts(roles=len(gold), linkable=sum(entity is not None for *_, entity in gold))
    for start, end, entity in zip(found["start"], found["end"], found["entity"], strict=True):
        counts.linked += 1
        inside = [g for g in gold if g[0] <= start and end <= g[1]]
        counts.right += bool(inside) and inside[0][2] == entity
    return counts


def read_gold(path: Path) -> list[dict]:
    """The records of a JSON-lines gold file; a broken line is an error naming file and line."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: line {number}: invalid JSON ({error.msg})") from None
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate roles",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, nargs="+", required=True,
                        help="JSON-lines files of annotated role descriptions")
    args = parser.parse_args(argv)
    print(f"{'set':<14}{'texts':>6}{'roles':>7}{'to link':>9}{'linked':>8}{'right':>7}"
          f"{'precision':>11}{'recall':>8}")
    total, texts = RoleCounts(), 0
    for path in args.gold:
        records = read_gold(path)
        counts = RoleCounts()
        for record in records:
            counts.add(score_record(record))
        total.add(counts)
        texts += len(records)
        print(_row(path.stem, len(records), counts))
    if len(args.gold) > 1:
        print(_row("all", texts, total))
    return 0


def _row(name: str, texts: int, counts: RoleCounts) -> str:
    return (f"{name:<14}{texts:>6}{counts.roles:>7}{counts.linkable:>9}{counts.linked:>8}"
            f"{counts.right:>7}{counts.precision:>11.2f}{counts.recall:>8.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
