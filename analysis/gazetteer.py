"""Build the compiled gazetteers in analysis/data/ (run once; the recogniser only reads the files).

    python -m analysis.gazetteer cldr      # countries_de.tsv, cities_de.tsv from babel's CLDR data
    python -m analysis.gazetteer lexicon   # lexicon_de.tsv: word classes from textblob-de

The hand-compiled lists (places_de.tsv, organisations_de.tsv, demonyms_de.tsv) are edited
directly. Every file is `name<TAB>label<TAB>canonical<TAB>count`, one entry per line, with `#`
comment lines naming source and licence. None is built from GermEval, the recogniser's training
and cross-validation data, so gazetteer features cannot leak labels into the evaluation.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).with_name("data")
HEADER = "name\tlabel\tcanonical\tcount"
# CLDR region codes that are organisations or currency areas rather than places.
CLDR_LABELS = {"EU": "ORG", "UN": "ORG", "EZ": None, "ZZ": None, "QO": None}
GERMEVAL_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
ZONE_AREAS = {
    "Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian",
    "Pacific",
}
# Coarse word classes of the textblob-de (pattern) lexicon tags, a feature of the recogniser.
LEXICON_CLASSES = {"NE": "NE", "NN": "NN", "NNS": "NN", "ADJA": "ADJ", "ADJD": "ADJ", "ADJ": "ADJ"}


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


def city_rows() -> list[tuple[str, str, str, int]]:
    """German names of the cities that name IANA time zones (Moskau, Peking, Los Angeles)."""
    import zoneinfo

    from babel.dates import get_timezone_location

    names = set()
    for zone in zoneinfo.available_timezones():
        if zone.count("/") and zone.split("/")[0] in ZONE_AREAS:
            names.add(get_timezone_location(zone, locale="de", return_city=True))
    return sorted((name, "LOC", name, 1) for name in names if name[:1].isupper())


def lexicon_rows() -> list[tuple[str, str]]:
    """(word, coarse class) from the pattern lexicon shipped in textblob-de."""
    import textblob_de

    path = Path(textblob_de.__file__).parent / "ext/_pattern/text/de/de-lexicon.txt"
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and not line.startswith(";"):
            rows.setdefault(fields[0], LEXICON_CLASSES.get(fields[1], fields[1][:1]))
    return sorted(rows.items())


def write(path: Path, comments: list[str], rows: list[tuple[str, str, str, int]]) -> None:
    lines = [f"# {comment}" for comment in comments] + [HEADER]
    lines += ["\t".join(map(str, row)) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("cldr", help="country and city names from babel")
    commands.add_parser("lexicon", help="word classes from textblob-de")
    args = parser.parse_args(argv)
    if args.command == "cldr":
        import babel

        licence = "Licence: CLDR data under the Unicode License v3; babel under BSD-3-Clause."
        source = f"from Unicode CLDR via babel {babel.__version__}."
        write(DATA / "countries_de.tsv",
              [f"German territory names {source}", licence,
               "Built by: python -m analysis.gazetteer cldr"], cldr_rows())
        write(DATA / "cities_de.tsv",
              [f"German names of the cities of IANA time zones {source}", licence,
               "Built by: python -m analysis.gazetteer cldr"], city_rows())
    else:
        import textblob_de

        lines = ["# Word classes (NN noun, NE proper noun, ADJ adjective, V verb, …) of the "
                 f"pattern German lexicon in textblob-de {textblob_de.__version__}.",
                 "# Licence: pattern BSD-3-Clause, textblob-de MIT. Lexicon: G. Schneider, "
                 "M. Volk (1998), Adding Manual Constraints and Lexical Look-up to a Brill-Tagger "
                 "for German.",
                 "# Built by: python -m analysis.gazetteer lexicon"]
        lines += [f"{word}\t{cls}" for word, cls in lexicon_rows()]
        (DATA / "lexicon_de.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.command} data", file=sys.stderr)


if __name__ == "__main__":
    main()
