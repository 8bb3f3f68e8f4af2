"""Tone on clear cases: `python -m analysis.evaluate tone --cases FILE [--split dev|test]
[--errors]`.

The cases are sentences written by hand so that any careful reader agrees on the tone towards
one target (tests/fixtures/sentiment/clear_cases.tsv: phenomenon, split, target, label,
sentence), grouped by what makes them hard: negation, contrast between two actors, events that
are good or bad news, modifiers, polar-looking words in neutral reports, the roles of praise and
blame verbs. Printed per phenomenon: accuracy of our tone towards the target, of our sentence
tone (target ignored), of textblob-de and of a plain SentiWS sum; how often each says neutral;
and how often our label contradicts our polarity (it never should).
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis import sentiment
from analysis.evaluation.sentiment import sentiws_sum_label
from analysis.sentiment.rules import NEUTRAL_BAND

COLUMNS = ("phenomenon", "split", "target", "label", "sentence")


@dataclass(frozen=True)
class Case:
    phenomenon: str
    split: str
    target: str
    label: str
    sentence: str

    @property
    def span(self) -> tuple[int, int]:
        start = self.sentence.index(self.target)
        return start, start + len(self.target)


def load_cases(path: Path, split: str | None = None) -> list[Case]:
    """The cases of `path` (of one split when given); a malformed row stops with its line."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = tuple(next(reader, ()))
        if header != COLUMNS:
            raise ValueError(f"{path}: header must be {'/'.join(COLUMNS)}, not {header}")
        cases = []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(COLUMNS):
                raise ValueError(f"{path}:{line}: {len(row)} fields, expected {len(COLUMNS)}")
            case = Case(*row)
            if case.label not in sentiment.LABELS or case.sentence.count(case.target) != 1:
                raise ValueError(f"{path}:{line}: label must be one of {sentiment.LABELS} and "
                                 f"the target must occur once in the sentence")
            cases.append(case)
    return [case for case in cases if split is None or case.split == split]


def _systems() -> dict[str, Callable[[Case], str]]:
    return {
        "ours (target)": lambda c: sentiment.score(c.sentence, c.span).label,
        "ours (sentence)": lambda c: sentiment.score(c.sentence).label,
        "textblob-de": lambda c: sentiment.label_for(sentiment.textblob_polarity(c.sentence)),
        "SentiWS sum": lambda c: sentiws_sum_label(c.sentence),
    }


def contradictions(cases: Sequence[Case]) -> int:
    """Tones whose label disagrees with the sign of their polarity, target given or not."""
    tones = [sentiment.score(c.sentence, span) for c in cases for span in (c.span, None)]
    return sum(sentiment.label_for(tone.polarity) != tone.label for tone in tones)


def evaluate(cases: Sequence[Case]) -> tuple[dict[str, dict[str, float]], dict[str, Counter]]:
    """Accuracy per system and phenomenon ("all" for every case), and each system's labels."""
    by_phenomenon: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_phenomenon[case.phenomenon].append(case)
    accuracy: dict[str, dict[str, float]] = {}
    said: dict[str, Counter] = {}
    for name, system in _systems().items():
        predicted = {id(case): system(case) for case in cases}
        said[name] = Counter(predicted.values())
        accuracy[name] = {
            group: sum(predicted[id(c)] == c.label for c in members) / len(members)
            for group, members in [*sorted(by_phenomenon.items()), ("all", list(cases))]
        }
    return accuracy, said


def render(cases: Sequence[Case], accuracy: dict[str, dict[str, float]],
           said: dict[str, Counter]) -> str:
    groups = list(next(iter(accuracy.values())))
    sizes = Counter(case.phenomenon for case in cases)
    sizes["all"] = len(cases)
    gold = Counter(case.label for case in cases)
    lines = [f"{len(cases)} clear cases; gold " + ", ".join(
        f"{label} {gold[label]}" for label in sentiment.LABELS), "",
        f"{'accuracy':<18}{'cases':>6}" + "".join(f"{name:>17}" for name in accuracy)]
    lines += [f"{group:<18}{sizes[group]:>6}"
              + "".join(f"{accuracy[name][group]:>17.3f}" for name in accuracy)
              for group in groups]
    lines += ["", "labels said: " + "; ".join(
        f"{name} " + ", ".join(f"{label} {counts[label]}" for label in sentiment.LABELS)
        for name, counts in said.items())]
    lines.append(f"label against polarity (±{NEUTRAL_BAND}): "
                 f"{contradictions(cases)} contradictions in {2 * len(cases)} tones")
    return "\n".join(lines)


def errors(cases: Sequence[Case]) -> str:
    """Every case our target tone gets wrong, with its polarity and parts."""
    lines = []
    for case in cases:
        tone = sentiment.score(case.sentence, case.span)
        if tone.label != case.label:
            lines.append(f"[{case.phenomenon}] {case.label} → {tone.label} ({tone.polarity:+.2f}; "
                         f"+{tone.positive:.2f} −{tone.negative:.2f}) {case.target}: "
                         f"{case.sentence}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate tone", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=Path, required=True,
                        help="TSV of clear cases (phenomenon, split, target, label, sentence)")
    parser.add_argument("--split", choices=("dev", "test"), help="only this split")
    parser.add_argument("--errors", action="store_true",
                        help="also list the cases our target tone gets wrong")
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.cases, args.split)
    except (OSError, ValueError) as error:  # one line naming the file, not a traceback
        raise SystemExit(str(error)) from None
    if not cases:
        parser.error(f"{args.cases} has no cases" + (f" in split {args.split}" if args.split
                                                      else ""))
    print(render(cases, *evaluate(cases)))
    if args.errors:
        print("\n" + errors(cases))
    return 0
