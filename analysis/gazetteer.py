"""Build the compiled gazetteers in analysis/data/ (run once; the recogniser only reads the files).

    python -m analysis.gazetteer cldr                # countries_de.tsv from babel's CLDR data
    python -m analysis.gazetteer germeval PATH ...   # germeval_names.tsv from GermEval 2014

The hand-compiled lists (places_de.tsv, organisations_de.tsv) are edited directly. Every file is
`name<TAB>label<TAB>canonical<TAB>count`, one entry per line, with `#` comment lines naming source
and licence. The GermEval list is built from NER-de-test-even.tsv only, so the dev split stays a
clean held-out check.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

DATA = Path(__file__).with_name("data")
HEADER = "name\tlabel\tcanonical\tcount"
# CLDR region codes that are organisations or currency areas rather than places.
CLDR_LABELS = {"EU": "ORG", "UN": "ORG", "EZ": None, "ZZ": None, "QO": None}
GERMEVAL_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
# An entry is kept when its tokens are this entity in at least this share of their occurrences.
MIN_PRECISION = 0.6


def cldr_rows() -> list[tuple[str, str, str, int]]:
    """German names of countries and world regions (LOC), and of EU and UN (ORG)."""
    from babel import Locale

    rows = []
    for code, name in Locale("de").territories.items():
        label = CLDR_LABELS.get(code, "LOC")
        if label:
            rows.append((name, label, name, 1))
    return sorted(rows)


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


def germeval_rows(paths: Iterable[Path]) -> list[tuple[str, str, str, int]]:
    """Names that are mostly entities of one type wherever their tokens occur in the data."""
    labelled: Counter[tuple[str, str]] = Counter()
    corpus = [sentence for path in paths for sentence in sentences(path)]
    for sentence in corpus:
        for start, end, kind in spans(sentence):
            name = " ".join(token for token, _ in sentence[start:end])
            if name[:1].isupper():
                labelled[name, GERMEVAL_LABELS[kind]] += 1
    names = {name for name, _ in labelled}
    longest = max((name.count(" ") + 1 for name in names), default=0)
    occurrences: Counter[str] = Counter()
    for sentence in corpus:
        words = [token for token, _ in sentence]
        for size in range(1, longest + 1):
            for start in range(len(words) - size + 1):
                candidate = " ".join(words[start : start + size])
                if candidate in names:
                    occurrences[candidate] += 1
    best: dict[str, tuple[str, int]] = {}
    for (name, label), count in labelled.most_common():
        best.setdefault(name, (label, count))
    return sorted(
        (name, label, name, count)
        for name, (label, count) in best.items()
        if count / occurrences[name] >= MIN_PRECISION
    )


def write(path: Path, comments: list[str], rows: list[tuple[str, str, str, int]]) -> None:
    lines = [f"# {comment}" for comment in comments] + [HEADER]
    lines += ["\t".join(map(str, row)) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("cldr", help="country names from babel")
    germeval = commands.add_parser("germeval", help="names from GermEval 2014 TSV files")
    germeval.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "cldr":
        import babel

        write(
            DATA / "countries_de.tsv",
            [
                f"German territory names from Unicode CLDR via babel {babel.__version__}.",
                "Licence: CLDR data under the Unicode License v3; babel under BSD-3-Clause.",
                "Built by: python -m analysis.gazetteer cldr",
            ],
            cldr_rows(),
        )
    else:
        write(
            DATA / "germeval_names.tsv",
            [
                "Names from GermEval 2014 NER (NoSta-D): "
                + ", ".join(path.name for path in args.paths) + ".",
                "Licence: CC BY 4.0. Cite: D. Benikova, C. Biemann, M. Reznicek. NoSta-D Named "
                "Entity Annotation for German: Guidelines and Dataset. LREC 2014.",
                f"Kept: outer PER/LOC/ORG/OTH(=MISC) spans that are that entity in >= "
                f"{MIN_PRECISION:.0%} of the occurrences of their tokens; count = times labelled.",
                "Built by: python -m analysis.gazetteer germeval PATH",
            ],
            germeval_rows(args.paths),
        )
    print(f"wrote {args.command} gazetteer", file=sys.stderr)


if __name__ == "__main__":
    main()
