"""GermEval 2014 NER files: the gold data the recogniser is trained, cross-validated and timed on.

One token per line (`index<TAB>token<TAB>outer tag<TAB>inner tag`), sentences separated by blank
lines, `#` lines naming the source. The outer tags are BIO over PER, LOC, ORG and OTH (plus
`deriv`/`part` variants, which are not names and are skipped).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

# GermEval's outer labels → ours (OTH, "other" names, is MISC).
GERMEVAL_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}


def sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    """(token, outer tag) per sentence of a GermEval TSV file."""
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        fields = line.split("\t")
        sentence.append((fields[1], fields[2]))
    if sentence:
        yield sentence


def spans(sentence: list[tuple[str, str]]) -> Iterator[tuple[int, int, str]]:
    """Outer PER/LOC/ORG/OTH spans (token start, end, type); deriv and part tags are skipped."""
    start, kind = None, None
    for index, (_, tag) in enumerate([*sentence, ("", "O")]):
        inside = tag.startswith("I-") and tag[2:] == kind
        if start is not None and not inside:
            if kind in GERMEVAL_LABELS:
                yield start, index, kind
            start, kind = None, None
        if tag.startswith("B-"):
            start, kind = index, tag[2:]

