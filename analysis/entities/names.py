"""Names the recogniser knows in advance: the curated gazetteers, demonyms and the word-class
lexicon (which also link), and the large compiled name lists (CRF features only), each loaded
once per process; plus the spelling helpers every later step shares (capitals, genitives).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from analysis.paths import PACKAGE_DIR

DATA = PACKAGE_DIR / "data"
# Lowest precedence first: later files override earlier ones for the same name.
GAZETTEERS = (
    "misc_de.tsv", "cities_de.tsv", "people_de.tsv", "countries_de.tsv", "organisations_de.tsv",
    "places_de.tsv",
)
DEMONYMS = DATA / "demonyms_de.tsv"
# Large compiled name lists (Faker, GeoNames, pytickersymbols; `python -m analysis.gazetteer
# names`): CRF features only, too ambiguous to link by (Hans, Essen, Koch). First names and
# surnames alone raised PER F1 on CV folds 1-2 from 0.717 to 0.756 (PER/LOC/ORG 0.686 → 0.697).
NAME_LISTS = {"fn": "first_names.tsv", "ln": "surnames.tsv", "ci": "world_cities.tsv",
              "co": "companies.tsv"}
LEXICON = DATA / "lexicon_de.tsv"
UPPER_WORD = re.compile(r"^[A-ZÄÖÜ]{5,}$")
APOSTROPHE_GENITIVE = re.compile(r"^(?P<stem>.+?[sßxz])['’]$")


def _read_table(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("name\t"):
            yield line.split("\t")


def _inflections(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Case forms of multi-word names with a leading adjective: Vereinigte → Vereinigten Staaten."""
    first = words[0]
    if len(words) < 2 or not first.endswith(("e", "en", "er", "es")):
        return []
    stem = first[:-1] if first.endswith("e") else first[:-2]
    return [(stem + ending, *words[1:]) for ending in ("e", "en", "er", "es", "em")]


@cache
def gazetteer() -> dict[tuple[str, ...], tuple[str, str]]:
    """Curated names by token tuple → (label, canonical name), loaded once per process."""
    exact = {
        tuple(name.split()): (label, canonical)
        for file in GAZETTEERS
        for name, label, canonical, _ in _read_table(DATA / file)
    }
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for words, entry in exact.items():
        for form in _inflections(words):
            table.setdefault(form, entry)
    table.update(exact)
    return table


@cache
def demonyms() -> dict[str, tuple[str, str]]:
    """Lower-case adjective and inhabitant forms → (label, entity): russischen → Russland."""
    table = {}
    for stem, label, entity, _ in _read_table(DEMONYMS):
        endings = ("",) if stem[:1].isupper() else ("", "e", "en", "er", "es", "em")
        forms = [stem + ending for ending in endings]
        for form in forms:
            table[form.lower()] = (label, entity)
    return table


@cache
def lexicon() -> dict[str, str]:
    """Word → coarse class (NN, NE, ADJ, V, …) from the pattern lexicon: a feature for words
    GermEval never shows."""
    return dict(line.split("\t") for line in LEXICON.read_text(encoding="utf-8").splitlines()
                if not line.startswith("#"))


@cache
def _name_list_rows() -> dict[str, list[tuple[str, int]]]:
    return {kind: [(name, int(count)) for name, _, _, count in _read_table(DATA / file)]
            for kind, file in NAME_LISTS.items()}


@cache
def name_lists() -> dict[str, dict[str, int]]:
    """One-word entries of the compiled name lists by kind (fn, ln, ci, co) → count."""
    return {kind: {name: count for name, count in rows if " " not in name}
            for kind, rows in _name_list_rows().items()}


@cache
def list_phrases() -> dict[tuple[str, ...], str]:
    """Multi-word city and company names of the compiled lists → kind (ci, co)."""
    return {tuple(name.split()): kind for kind, rows in _name_list_rows().items()
            for name, _ in rows if " " in name}


@cache
def _phrase_starts() -> tuple[frozenset[str], int]:
    """First words of multi-word curated names (only these can start one), and the longest."""
    table = gazetteer()
    return frozenset(words[0] for words in table if len(words) > 1), max(map(len, table))


def curated_phrases(words: Sequence[str], start: int = 0, stop: int | None = None
                    ) -> list[tuple[int, int, tuple[str, str]]]:
    """(first, end, entry) of the longest multi-word curated names in words[start:stop],
    left to right without overlaps."""
    stop = len(words) if stop is None else stop
    starts, longest = _phrase_starts()
    found = []
    index = start
    while index < stop:
        if title_case(words[index]) in starts:
            for end in range(min(stop, index + longest), index + 1, -1):
                entry = lookup(words[index:end])
                if entry:
                    found.append((index, end, entry))
                    index = end - 1
                    break
        index += 1
    return found


def title_case(word: str) -> str:
    """Dateline capitals to title case (MOSKAU → Moskau); acronyms (NATO, USA) stay."""
    return word.title() if UPPER_WORD.match(word) else word


def lookup(words: Sequence[str]) -> tuple[str, str] | None:
    """The curated entry for a token sequence, also in capitals or the genitive (Russlands)."""
    table = gazetteer()
    key = tuple(words)
    if key in table:
        return table[key]
    key = tuple(title_case(word) for word in words)
    if key in table:
        return table[key]
    stem = genitive_stem(key[-1])
    return table.get((*key[:-1], stem)) if stem else None


def genitive_stem(word: str) -> str | None:
    """The word without a genitive ending, if it may have one (Putins, Scholz'); not checked."""
    apostrophe = APOSTROPHE_GENITIVE.match(word)
    if apostrophe:
        return apostrophe.group("stem")
    if len(word) > 3 and word.endswith("s") and word[-2] not in "sßxz":
        return word[:-1]
    return None
