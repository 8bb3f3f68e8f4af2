"""The tagger's lexicon: the TSV tables of analysis/data/timeline/ and what is built from them.

Linguists extend the tagger by adding rows to those tables (see their README); this module reads
them once at import into word -> value lookups and the regex fragments (months, units, modifiers,
number words, …) that the patterns and the tense cues are made of.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis import wordlists

DATA_DIR = Path(__file__).parents[1] / "data" / "timeline"


def load_tables(folder: Path | str = DATA_DIR) -> dict[str, list[dict[str, str]]]:
    """Every `*.tsv` of `folder` as rows keyed by its header (`analysis.wordlists` reads them:
    linguists extend the tagger by adding rows, so a malformed row fails loudly)."""
    return {path.stem: [dict(zip(wordlists.header(path), cells, strict=True))
                        for cells in wordlists.rows(path)]
            for path in sorted(Path(folder).glob("*.tsv"))}


_TABLES = load_tables()


def _column(table: str, key: str, value: str | None = None, **where: str) -> dict[str, str]:
    """`key` -> `value` (or -> "") for the rows of a table matching `where`."""
    return {row[key]: row[value] if value else "" for row in _TABLES[table]
            if all(row[k] == v for k, v in where.items())}


_MONTHS = {word: int(n) for word, n in _column("months", "word", "month").items()}
_WEEKDAYS = {word: int(n) for word, n in _column("weekdays", "word", "iso_day").items()}
_PARTS = _column("parts_of_day", "word", "code")
_SEASONS = _column("seasons", "word", "code")
_SEASON_MONTH = {row["code"]: int(row["anchor_month"]) for row in _TABLES["seasons"]}
_SEASON_RANGE = {
    row["code"]: (tuple(map(int, row["first_day"].split("-"))),
                  tuple(map(int, row["last_day"].split("-"))))
    for row in _TABLES["seasons"]
}
_NUMBERS = {row["word"]: float(row["value"]) for row in _TABLES["numbers"]
            if row["kind"] != "vague"}
_VAGUE_WORDS = _column("numbers", "word", kind="vague")
_ORDINALS = {stem: int(n) for stem, n in _column("ordinals", "stem", "value").items()}
_DECADE_WORDS = {word: int(n) for word, n in _column("decades", "word", "decade").items()}
# unit word stem -> (TIMEX3 duration letter, whether it goes after the "T" of the value),
# longest first so that "jahrzehnt" wins over "jahr" in prefix look-ups
_UNITS = {
    row["stem"]: (row["letter"], row["clock"] == "yes")
    for row in sorted(_TABLES["units"], key=lambda row: len(row["stem"]), reverse=True)
}
_DURATION_ADJECTIVES = _column("duration_adjectives", "suffix", "letter")
# (letter, clock?) -> half of one unit as (amount, letter, clock?) of the next smaller unit
_HALVES = {(row["letter"], row["clock"] == "yes"):
           (float(row["amount"]), row["half_letter"], row["half_clock"] == "yes")
           for row in _TABLES["halves"]}
_HOLIDAYS = _column("holidays", "name", "rule")
_DIRECTIONS = {stem: int(n) for stem, n in _column("relative_words", "stem", "direction").items()}
_REF_OF = _column("reference_words", "phrase", "value")
_ANAPHORIC_DAYS = {phrase: int(n)
                   for phrase, n in _column("anaphoric_days", "phrase", "offset").items()}
_ADVERB_SETS = _column("set_words", "word", "value")
_RATES = _column("rate_phrases", "phrase", "value")
_HABITUAL_SENTENCE = _column("habitual_cues", "phrase", where="sentence")
_HABITUAL_BEFORE = _column("habitual_cues", "phrase", where="before")
_VAGUE_PERIODS = _column("vague_periods", "stem", "value")
_VAGUE_DAY_BEFORE = _column("vague_day_cues", "phrase", where="before")
_VAGUE_DAY_SENTENCE = _column("vague_day_cues", "phrase", where="sentence")


def _alt(words: object) -> str:
    """Alternation with longest words first, so the regex engine prefers the full form."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words),
                           key=len, reverse=True))


def _inflected(stems: object, endings: str = "e[nmrs]?") -> str:
    """Stems followed by an adjective ending: "vergangen" -> vergangene, vergangenen, …"""
    return f"(?:{_alt(stems)}){endings}"


def _month_forms() -> str:
    names = _column("months", "word", form="name")
    abbreviations = _column("months", "word", form="abbreviation")
    return rf"(?:(?:{_alt(names)})s?\b|(?:{_alt(abbreviations)})\.)"


def _unit_forms() -> str:
    """Each unit stem with its endings ("jahr(?:es|en|e|s)?"), longest stems first."""
    forms = []
    for row in sorted(_TABLES["units"], key=lambda row: len(row["stem"]), reverse=True):
        endings = [ending for ending in row["endings"].split(",") if ending != "-"]
        optional = "?" if "-" in row["endings"].split(",") else ""
        forms.append(re.escape(row["stem"]) + (f"(?:{_alt(endings)}){optional}" if endings else ""))
    return rf"(?:{'|'.join(forms)})\b"


def _cues(cue: str) -> str:
    """Alternation of the tense cue words of one kind, with their endings where they inflect."""
    rows = [row for row in _TABLES["tense_cues"] if row["cue"] == cue]
    plain = [row["word"] for row in rows if row["inflected"] == "no"]
    inflected = [row["word"] for row in rows if row["inflected"] == "yes"]
    parts = [_alt(plain)] if plain else []
    if inflected:
        parts.append(_inflected(inflected, "[nmrs]?"))
    return "|".join(parts)


_MONTH = _month_forms()
_WEEKDAY = _alt(_WEEKDAYS)
_PART = _alt(_PARTS)
_SEASON = rf"(?:{_alt(_SEASONS)})(?:e?s)?\b"
_ART = r"(?:der|die|das|den|dem|des)"
_MOD = _inflected(_column("relative_words", "stem", kind="modifier"))
_YEAR_WORDS = _column("relative_words", "stem", kind="year")
_YEAR_WORD_GENITIVE = _alt(word for word in _YEAR_WORDS if word.endswith("s"))
_POS = r"(?:anfang|mitte|ende|beginn)"
_ORD = _inflected(_ORDINALS)
_VAGUE = rf"(?:{_alt(_VAGUE_WORDS)})"
_NUM = rf"(?:\d+(?:,\d+)?|{_alt(_NUMBERS)}|{_VAGUE})"
_UNIT = _unit_forms()
_QUAL = (
    r"(?:rund|etwa|fast|knapp|gut|über|mehr\s+als|weniger\s+als|genau|nur|mindestens"
    r"|höchstens|circa|ca\.|zirka|bis\s+zu|ganze[n]?|insgesamt)"
)
_DUR_ADJ = r"(?:[a-zäöüß]{3,}(?:e|en|er|es))"  # "17 lange Jahre", "360 ehrenamtliche Stunden"
_YEAR_REF = (
    rf"(?:\s+(?:(?:des\s+jahres\s+)?(?P<y>\d{{4}})\b"
    rf"|(?:des\s+)?(?P<ymod>{_MOD}\s+jahres|{_YEAR_WORD_GENITIVE})\b))?"
)
_HOLIDAY = _alt(_HOLIDAYS)
# clock hours in words: the uninflected cardinals up to twelve ("um acht Uhr", "halb zwei")
_HOUR_WORDS = _alt(row["word"] for row in _TABLES["numbers"]
                   if row["kind"] == "cardinal" and float(row["value"]) in range(1, 13))
# words after a number that make it no year ("2000 Euro", "1500 Menschen")
_QUANTITY = "|".join(
    re.escape(row["word"]) + (r"\b" if row["whole_word"] == "yes" else "")
    for row in _TABLES["quantity_words"]
)


# ---------------------------------------------------------------------------------------------
# Reading matched words with the lexicon
# ---------------------------------------------------------------------------------------------


def _direction(word: str | None) -> int | None:
    """Map a modifier ("vergangenen", "nächste", "diesen") to -1, 1 or 0; None if absent."""
    if not word:
        return None
    w = word.lower()
    return next((d for stem, d in _DIRECTIONS.items() if w.startswith(stem)), 0)


def _unit(stem: str) -> tuple[str, bool]:
    """TIMEX3 letter of a unit word ("Jahren" -> Y) and whether it is a time-of-day unit."""
    return next(value for key, value in _UNITS.items() if stem.startswith(key))


def _month_number(word: str) -> int:
    """Month of a name or abbreviation as matched: "Januars", "Jan.", "jänner"."""
    w = word.lower().rstrip(".")
    return _MONTHS[w] if w in _MONTHS else _MONTHS[w[:-1]]


def _season_code(word: str) -> str:
    return next(code for name, code in _SEASONS.items() if word.lower().startswith(name))


def _number(word: str) -> float | None:
    w = word.lower()
    if w[0].isdigit():
        return float(w.replace(",", "."))
    return _NUMBERS.get(w)
