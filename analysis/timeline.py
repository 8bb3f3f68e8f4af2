"""Rule-based German temporal tagger producing TIMEX3 annotations.

Regexes only (compiled at import) so that a corpus of news articles can be tagged at
hundreds of documents per second. Their word lists and normalisation tables (months, holidays,
number words, tense cues, …) are the TSV files in analysis/data/timeline/, one per pattern family.

Extents follow the KRAUTS/TimeML conventions: leading prepositions ("am", "im", "seit", "um")
are left out, determiners and modifiers that belong to the expression ("der vergangenen Woche",
"Ende des Jahres 1999") are kept.
Relative expressions are resolved against the document creation time; bare months and
weekdays look at the tense of their clause to decide between the last and the next one.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from analysis.document import Doc
from analysis.frames import typed_frame

__all__ = [
    "easter_sunday",
    "extract_timexes",
    "load_tables",
    "referenced_periods_by_publication",
    "timeline",
    "value_range",
]

COLUMNS = ["start", "end", "text", "type", "value"]
TIMELINE_COLUMNS = [
    "doc_id", "sentence_id", *COLUMNS, "date_start", "date_end", "sentence", "entities",
]
_DTYPES = {"start": "int64", "end": "int64", "text": "str", "type": "str", "value": "str"}

# ---------------------------------------------------------------------------------------------
# Lexicon: read from the tables in analysis/data/timeline/ (see its README), once at import.
# ---------------------------------------------------------------------------------------------

DATA_DIR = Path(__file__).with_name("data") / "timeline"


def load_tables(folder: Path | str = DATA_DIR) -> dict[str, list[dict[str, str]]]:
    """Every `*.tsv` of `folder` as rows keyed by its header; `#` lines are comments.

    Linguists extend the tagger by adding rows here, so a malformed row fails loudly.
    """
    tables = {}
    for path in sorted(Path(folder).glob("*.tsv")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
        header = lines[0].split("\t")
        rows = []
        for number, line in enumerate(lines[1:], start=2):
            cells = line.split("\t")
            if len(cells) != len(header) or not all(cell.strip() for cell in cells):
                raise ValueError(f"{path.name}: row {number} needs {len(header)} cells: {line!r}")
            rows.append(dict(zip(header, (cell.strip() for cell in cells), strict=True)))
        tables[path.stem] = rows
    return tables


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
_HOLIDAYS = _column("holidays", "name", "rule")
_DIRECTIONS = {stem: int(n) for stem, n in _column("relative_words", "stem", "direction").items()}
_REF_OF = _column("reference_words", "phrase", "value")
_ADVERB_SETS = _column("set_words", "word", "value")


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

# patterns run on the lower-cased text (same offsets), which is several times faster than
# re.IGNORECASE; handlers that care about case look at the original text
_FLAGS = re.VERBOSE

# ---------------------------------------------------------------------------------------------
# Tense cues: the clause (or else the sentence) decides between last and next month/weekday.
# ---------------------------------------------------------------------------------------------

_FUTURE_CUE = re.compile(rf"\b(?:{_cues('future')})\b", re.IGNORECASE)
_PAST_CUE = re.compile(
    rf"\b(?:{_cues('past')})\b|\b[a-zäöü]*(?:{_cues('past_stem')})(?:en)?\b"
)  # case-sensitive on purpose: "Zustand", "Vorschlag" are nouns
# perfect tense: an auxiliary plus a participle ("hat ... besucht", "eingeführt habe"), any order
_AUXILIARY = re.compile(rf"\b(?:{_cues('auxiliary')})\b", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"\b[a-zäöü]{0,6}ge[a-zäöüß]{2,}(?:t|en)\b|\b(?:be|ver|er|ent|zer)[a-zäöüß]{2,}t\b"
)
# weak preterite ("besuchte", "lobte") not followed by a noun, which would make it an adjective
_PRETERITE_CUE = re.compile(
    rf"\b(?!(?:{_cues('not_preterite')})\b)[a-zäöüß]{{2,}}(?<![^s]s)te\b"
    r"(?!\s+[A-ZÄÖÜ])"
)
_SENTENCE_END = re.compile(r"(?<!\d)[.!?]+[\"“”»«']*\s+|\n")
_CLAUSE_MARK = re.compile(r"[,;:–—]")


class _Context:
    """Per-call state: the text, the reference date and lazily computed sentence tense."""

    def __init__(self, text: str, ref: dt.date | None) -> None:
        self.text = text
        self.ref = ref
        self.narrative = False  # switched on while _narrate re-resolves
        self.bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self._tense: dict[tuple[int, int], int] = {}

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.bounds, pos) - 1
        end = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.text)
        return self.bounds[i], end

    def tense(self, start: int, end: int) -> int:
        """-1 past, 1 future, 0 unknown: the clause first, then the whole sentence.

        Narratives are told in the past throughout, so there tense says nothing: 0.
        """
        if self.narrative:
            return 0
        s_start, s_end = self.sentence(start)
        marks = [m.start() for m in _CLAUSE_MARK.finditer(self.text, s_start, s_end)]
        c_start = max([p + 1 for p in marks if p < start], default=s_start)
        c_end = min([p for p in marks if p >= end], default=s_end)
        for span in ((c_start, c_end), (s_start, s_end)):
            if span not in self._tense:
                self._tense[span] = _tense_of(self.text[span[0]:span[1]])
            if self._tense[span]:
                return self._tense[span]
        return 0


def _tense_of(chunk: str) -> int:
    if _FUTURE_CUE.search(chunk):
        return 1
    if (_PAST_CUE.search(chunk) or _PRETERITE_CUE.search(chunk)
            or (_AUXILIARY.search(chunk) and _PARTICIPLE.search(chunk))):
        return -1
    return 0


# ---------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday (anonymous Gregorian algorithm); anchors the movable feasts."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


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


def _number(word: str) -> float | None:
    w = word.lower()
    if w[0].isdigit():
        return float(w.replace(",", "."))
    return _NUMBERS.get(w)


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _nearest_year(ref: dt.date, make: Callable[[int], dt.date | None], tense: int) -> int:
    """Year of the most recent (past), next (future) or nearest occurrence around ref."""
    options = [(y, make(y)) for y in (ref.year - 1, ref.year, ref.year + 1)]
    valid = [(y, d) for y, d in options if d is not None]
    if not valid:
        return ref.year
    if tense < 0:
        past = [y for y, d in valid if d <= ref]
        return past[-1] if past else valid[0][0]
    if tense > 0:
        future = [y for y, d in valid if d >= ref]
        return future[0] if future else valid[-1][0]
    return min(valid, key=lambda yd: (abs((yd[1] - ref).days), -yd[0]))[0]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_year(ref: dt.date, month: int, direction: int | None, tense: int) -> int:
    if direction == -1:
        return ref.year if month < ref.month else ref.year - 1
    if direction == 1:
        return ref.year if month > ref.month else ref.year + 1
    if direction == 0:
        return ref.year
    if tense < 0:
        return ref.year if month <= ref.month else ref.year - 1
    if tense > 0:
        return ref.year if month >= ref.month else ref.year + 1
    diff = month - ref.month
    return ref.year - 1 if diff > 6 else ref.year + 1 if diff < -6 else ref.year


def _week_value(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


# ---------------------------------------------------------------------------------------------
# Handlers: each gets the match and the context and returns (type, value) or None to reject.
# ---------------------------------------------------------------------------------------------

Result = tuple[str, str] | None


def _explicit_or_modified_year(m: re.Match[str], ctx: _Context) -> str | None:
    """Year given by "2024", "des Jahres 2024" or "vorigen Jahres" after the head; else None."""
    if m.group("y"):
        return m.group("y")
    direction = _direction(m.group("ymod"))
    if direction is None:
        return None
    return f"{ctx.ref.year + direction:04d}" if ctx.ref else "XXXX"


def _h_iso(m: re.Match[str], ctx: _Context) -> Result:
    d = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return ("DATE", d.isoformat()) if d else None


def _h_numeric(m: re.Match[str], ctx: _Context) -> Result:
    day, month = int(m["d"]), int(m["mo"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if m["y"]:
        year = int(m["y"])
        if year < 100:
            year += 2000 if year < 50 else 1900
        d = _safe_date(year, month, day)
        return ("DATE", d.isoformat()) if d else None
    return _day_month(day, month, None, m, ctx)


# a day-month date this close to the reference is taken as is: news rarely mean last year's
_SURE_DAYS = 30


def _day_month(day: int, month: int, year: str | None, m: re.Match[str], ctx: _Context) -> Result:
    if year is None or year == "XXXX":
        if ctx.ref is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"

        def make(y: int) -> dt.date | None:
            return _safe_date(y, month, day)

        y = _nearest_year(ctx.ref, make, 0)
        nearest = make(y)
        if nearest is None or abs((nearest - ctx.ref).days) > _SURE_DAYS:
            y = _nearest_year(ctx.ref, make, ctx.tense(m.start(), m.end()))
    else:
        y = int(year)
    d = _safe_date(y, month, day)
    return ("DATE", d.isoformat()) if d else None


def _h_day_month(m: re.Match[str], ctx: _Context) -> Result:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    return _day_month(day, _month_number(m["mon"]), _explicit_or_modified_year(m, ctx), m, ctx)


_NAME_AFTER = re.compile(r"\s+[A-ZÄÖÜ][a-zäöüß]")
_MONTH_CONTEXT_BEFORE = re.compile(
    r"\b(?:im|in|seit|bis|ab|zum|vom|monat|anfang|mitte|ende|beginn)\s+$", re.IGNORECASE
)


def _h_month(m: re.Match[str], ctx: _Context) -> Result:
    word = ctx.text[m.start("mon"):m.end("mon")]
    if word.startswith("mai"):
        return None  # "mai" in lower case is not the month
    month = _month_number(word)
    year = _explicit_or_modified_year(m, ctx)
    before = ctx.text[max(0, m.start() - 10):m.start()]
    if (word == "August" and year is None and not m["mod"] and _NAME_AFTER.match(ctx.text, m.end())
            and not _MONTH_CONTEXT_BEFORE.search(before)):
        return None  # "August Bebel"
    year = year or _year_by_tense(m, ctx, month)
    return "DATE", f"{year or 'XXXX'}-{month:02d}"


def _year_by_tense(m: re.Match[str], ctx: _Context, month: int) -> str | None:
    """The year a bare month falls in: by its modifier, else the clause's tense; None undated."""
    if ctx.ref is None:
        return None
    direction = _direction(m["mod"])
    tense = ctx.tense(m.start(), m.end()) if direction is None else 0
    return f"{_month_year(ctx.ref, month, direction, tense):04d}"


def _h_year_noun(m: re.Match[str], ctx: _Context) -> Result:
    return "DATE", f"{int(m['y']):04d}"


_QUANTITY = "|".join(
    re.escape(row["word"]) + (r"\b" if row["whole_word"] == "yes" else "")
    for row in _TABLES["quantity_words"]
)
_UNIT_AFTER = re.compile(rf"\s*(?:(?:bis|-|–)\s*\d[\d.,]*\s*)?(?:{_QUANTITY})", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(
    r"\b(?:rund|über|mehr\s+als|knapp|fast|ca\.|bis\s+zu|insgesamt|nr\.|nummer|seite|s\.)\s*$",
    re.IGNORECASE,
)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:im|in|seit|bis|ab|von|vom|um|nach|vor|jahr|jahre|jahres|anfang|mitte|ende"
    r"|beginn|frühjahr|frühling|sommer|herbst|winter|zwischen|und|geboren|gestorben"
    r"|gegründet)\s+|[(\[,])$",
    re.IGNORECASE,
)


def _h_year_bare(m: re.Match[str], ctx: _Context) -> Result:
    year = int(m["y"])
    before = ctx.text[max(0, m.start() - 25):m.start()]
    if _UNIT_AFTER.match(ctx.text, m.end()) or _NUMBER_BEFORE.search(before):
        return None
    if year < 1900 and not _YEAR_CONTEXT_BEFORE.search(before):
        return None
    return "DATE", m["y"]


def _h_year_relative(m: re.Match[str], ctx: _Context) -> Result:
    word = m["rel"].lower()
    offset = _DIRECTIONS[word] if word in _YEAR_WORDS else _direction(m["mod"]) or 0
    return "DATE", f"{ctx.ref.year + offset:04d}" if ctx.ref else "XXXX"


def _h_day_of_year(m: re.Match[str], ctx: _Context) -> Result:
    year = _explicit_or_modified_year(m, ctx)
    if year is None:
        year = f"{ctx.ref.year:04d}" if ctx.ref else "XXXX"
    return "DATE", f"{year}-01-01" if m["which"].lower().startswith("erst") else f"{year}-12-31"


def _h_decade(m: re.Match[str], ctx: _Context) -> Result:
    if m["dword"]:
        return "DATE", f"19{_DECADE_WORDS[m['dword'].lower()]}"
    digits = m["dnum"]
    if len(digits) == 4:
        return "DATE", digits[:3]
    return "DATE", ("20" if digits in ("00", "10") else "19") + digits[0]


def _h_century(m: re.Match[str], ctx: _Context) -> Result:
    if m["c"]:
        number = int(m["c"])
        return ("DATE", f"{number - 1:02d}") if 1 <= number <= 21 else None
    if ctx.ref is None:
        return "DATE", "XX"
    offset = _direction(m["mod"]) or 0
    return "DATE", f"{ctx.ref.year // 100 + offset:02d}"


def _season_code(word: str) -> str:
    return next(code for name, code in _SEASONS.items() if word.lower().startswith(name))


def _h_season(m: re.Match[str], ctx: _Context) -> Result:
    season = _season_code(m["s"])
    year = _explicit_or_modified_year(m, ctx) or _year_by_tense(m, ctx, _SEASON_MONTH[season])
    return "DATE", f"{year or 'XXXX'}-{season}"


def _part_year(m: re.Match[str], ctx: _Context, part: int, parts: int) -> str:
    """Year of a quarter/half: explicit, modified, or this year (last year if past tense)."""
    year = _explicit_or_modified_year(m, ctx)
    if year is not None:
        return year
    if ctx.ref is None:
        return "XXXX"
    current = (ctx.ref.month - 1) * parts // 12 + 1
    tense = ctx.tense(m.start(), m.end())
    if tense < 0 and part > current:
        return f"{ctx.ref.year - 1:04d}"
    if tense > 0 and part < current:
        return f"{ctx.ref.year + 1:04d}"
    return f"{ctx.ref.year:04d}"


def _ordinal(m: re.Match[str], word_group: str, digit_group: str) -> int:
    if m[digit_group]:
        return int(m[digit_group])
    return _ORDINALS[re.sub(r"e[nmrs]?$", "", m[word_group].lower())]


def _h_quarter(m: re.Match[str], ctx: _Context) -> Result:
    q = _ordinal(m, "qw", "qd")
    return ("DATE", f"{_part_year(m, ctx, q, 4)}-Q{q}") if 1 <= q <= 4 else None


def _h_half(m: re.Match[str], ctx: _Context) -> Result:
    h = 1 if m["h"].lower().startswith("erst") else 2
    return "DATE", f"{_part_year(m, ctx, h, 2)}-H{h}"


def _h_calendar_week(m: re.Match[str], ctx: _Context) -> Result:
    week = _ordinal(m, "ww", "wd")
    if not 1 <= week <= 53:
        return None
    year = m["y"] or (f"{ctx.ref.year:04d}" if ctx.ref else "XXXX")
    return "DATE", f"{year}-W{week:02d}"


def _h_week(m: re.Match[str], ctx: _Context) -> Result:
    offset = _direction(m["mod"]) or 0
    if ctx.ref is None:
        return "DATE", "XXXX-WXX" + ("-WE" if m["we"] else "")
    value = _week_value(ctx.ref + dt.timedelta(weeks=offset))
    return "DATE", value + ("-WE" if m["we"] else "")


def _weekday_date(wd: int, direction: int | None, tense: int, ref: dt.date) -> dt.date:
    back = (ref.isoweekday() - wd) % 7
    ahead = (wd - ref.isoweekday()) % 7
    if direction == -1:
        return ref - dt.timedelta(days=back or 7)
    if direction == 1:
        return ref + dt.timedelta(days=ahead or 7)
    if direction == 0:
        return ref + dt.timedelta(days=wd - ref.isoweekday())
    if tense < 0 or (tense == 0 and back <= ahead):
        return ref - dt.timedelta(days=back)
    return ref + dt.timedelta(days=ahead)


def _h_weekday(m: re.Match[str], ctx: _Context) -> Result:
    wd = _WEEKDAYS[m["wd"].lower()]
    part = m["part"] or m["part2"]
    suffix = f"T{_PARTS[part.lower()]}" if part else ""
    if ctx.ref is None:
        return ("TIME" if part else "DATE"), f"XXXX-WXX-{wd}{suffix}"
    direction = _direction(m["mod"])
    tense = ctx.tense(m.start(), m.end()) if direction is None else 0
    day = _weekday_date(wd, direction, tense, ctx.ref)
    return ("TIME" if part else "DATE"), day.isoformat() + suffix


_DEICTIC = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2,
            "gestrigen": -1, "morgigen": 1, "vortag": -1, "vortages": -1, "vortags": -1}
_NOT_TOMORROW_BEFORE = re.compile(
    r"\b(?:am|den|dem|des|jeden|einen|guten|diesen|frühen|nächsten|heute|gestern)\s+$",
    re.IGNORECASE,
)


def _h_deictic(m: re.Match[str], ctx: _Context) -> Result:
    word = ctx.text[m.start("w"):m.end("w")]
    if word.lower() == "morgen" and not m["part"]:
        before = ctx.text[max(0, m.start() - 20):m.start()]
        at_start = m.start() == ctx.sentence(m.start())[0]
        if _NOT_TOMORROW_BEFORE.search(before) or (word[0].isupper() and not at_start):
            return None
    offset = _DEICTIC[word.lower()]
    part = m["part"]
    suffix = f"T{_PARTS[part.lower()]}" if part else ""
    kind = "TIME" if part else "DATE"
    if ctx.ref is None:
        return kind, "XXXX-XX-XX" + suffix
    return kind, (ctx.ref + dt.timedelta(days=offset)).isoformat() + suffix


def _h_today(m: re.Match[str], ctx: _Context) -> Result:
    """The reference day itself ("am heutigen Samstag")."""
    return "DATE", ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"


def _h_part_of_day(m: re.Match[str], ctx: _Context) -> Result:
    """"am Abend": a bare "T" value, anchored to a day later by _anchor_times."""
    return "TIME", "T" + _PARTS[m["p"].lower()]


def _clock(hour: int, minute: int, qualifier: str | None) -> str | None:
    if qualifier and qualifier.lower() in ("abends", "nachmittags") and hour < 12:
        hour += 12
    if hour > 24 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


def _h_clock(m: re.Match[str], ctx: _Context) -> Result:
    hour_word = m["h"].lower()
    hour = int(hour_word) if hour_word.isdigit() else int(_NUMBERS.get(hour_word, 99))
    minute = int(m["mi"]) if m["mi"] else 0
    value = _clock(hour, minute, m["q"])
    return ("TIME", value) if value else None


def _h_half_hour(m: re.Match[str], ctx: _Context) -> Result:
    hour_word = m["h"].lower()
    hour = int(hour_word) if hour_word.isdigit() else int(_NUMBERS.get(hour_word, 99))
    value = _clock(hour - 1, 30, None)
    return ("TIME", value) if value and hour >= 1 else None


def _h_holiday(m: re.Match[str], ctx: _Context) -> Result:
    name = re.sub(r"\s+", " ", m["hol"].lower())

    rule = _HOLIDAYS[name]

    def make(year: int) -> dt.date:
        if rule.startswith("easter"):
            return easter_sunday(year) + dt.timedelta(days=int(rule[len("easter"):]))
        return dt.date(year, *map(int, rule.split("-")))

    if m["y"]:
        return "DATE", make(int(m["y"])).isoformat()
    if ctx.ref is None:
        return "DATE", "XXXX-XX-XX" if rule.startswith("easter") else f"XXXX-{rule}"
    direction = _direction(m["mod"])
    if direction == 0:
        return "DATE", make(ctx.ref.year).isoformat()
    tense = direction if direction is not None else ctx.tense(m.start(), m.end())
    return "DATE", make(_nearest_year(ctx.ref, make, tense)).isoformat()


def _h_reference(m: re.Match[str], ctx: _Context) -> Result:
    phrase = " ".join(m.group().lower().split())
    return "DATE", _REF_OF.get(phrase, "PAST_REF")  # else "in letzter Zeit", "vergangene Zeit"


def _duration_part(number: str, unit: str) -> tuple[str, bool] | None:
    """("3Y", False) for "drei Jahre"; X for vague numbers; None for non-units."""
    stem = unit.lower()
    for key, (letter, is_time) in _UNITS.items():
        if stem.startswith(key):
            if " ".join(number.split()) in _VAGUE_WORDS:
                amount = "X"
            else:
                n = _number(number)
                if n is None:
                    return None
                amount = _fmt_num(n)
            if letter == "Q":
                return (f"{amount}M" if amount == "X" else f"{_fmt_num(float(amount) * 3)}M"), False
            return f"{amount}{letter}", is_time
    return None


_AGE_AFTER = re.compile(r"\s*(?:alt|älter|jünger|jährig)", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:ab|unter)\s+$", re.IGNORECASE)


def _h_duration(m: re.Match[str], ctx: _Context) -> Result:
    if m.group() in ("eines tages", "einen tag"):
        return None
    before = ctx.text[max(0, m.start() - 8):m.start()]
    if _AGE_AFTER.match(ctx.text, m.end()) or _AGE_BEFORE.search(before):
        return None  # ages ("22 Jahre alt", "ab 16 Jahren") are not time spans
    parts = [_duration_part(m["n"], m["u"])]
    if m["n2"]:
        parts.append(_duration_part(m["n2"], m["u2"]))
    if None in parts:
        return None
    date_part = "".join(p for p, is_time in parts if not is_time)
    time_part = "".join(p for p, is_time in parts if is_time)
    return "DURATION", "P" + date_part + (f"T{time_part}" if time_part else "")


def _h_vague_duration(m: re.Match[str], ctx: _Context) -> Result:
    stem = next(u for u in (m.groupdict().get(g) for g in ("u", "u2", "u3")) if u)
    letter, is_time = _unit(stem)
    return "DURATION", ("PT" if is_time else "P") + "X" + letter


def _h_compound_duration(m: re.Match[str], ctx: _Context) -> Result:
    """Adjectives like "einwöchigen" ("-jährig" is left out: it mostly gives ages)."""
    letter = _DURATION_ADJECTIVES[m["u"]]
    n = _number(m["n"])
    return ("DURATION", f"P{_fmt_num(n)}{letter}") if n else None


def _h_offset(m: re.Match[str], ctx: _Context) -> Result:
    """"vor einigen Jahren": a vague past or future. With a number ("vor zwei Jahren") KRAUTS
    annotates the duration alone, which the duration pattern finds."""
    return "DATE", "PAST_REF" if m["dir"].lower() == "vor" else "FUTURE_REF"


def _h_set(m: re.Match[str], ctx: _Context) -> Result:
    unit = m["u"]
    every = _ORDINALS[re.sub(r"e[nmrs]?$", "", m["o"])] if m["o"] else 1
    for name, wd in _WEEKDAYS.items():
        if unit.startswith(name):
            part = unit[len(name):]
            return "SET", f"XXXX-WXX-{wd}" + (f"T{_PARTS[part]}" if part in _PARTS else "")
    if unit in _PARTS:
        return "SET", f"T{_PARTS[unit]}"
    if unit.startswith(tuple(_SEASONS)):
        return "SET", f"XXXX-{_season_code(unit)}"
    letter, is_time = _unit(unit)
    return "SET", ("PT" if is_time else "P") + f"{every}{letter}"


def _h_adverb_set(m: re.Match[str], ctx: _Context) -> Result:
    return "SET", _ADVERB_SETS[m["a"].lower()]


def _h_weekday_set(m: re.Match[str], ctx: _Context) -> Result:
    if not ctx.text[m.start()].islower():
        return None  # capitalised "Montags" is a genitive noun, not "every Monday"
    wd = _WEEKDAYS[m["wd"].lower()]
    part = m["part"]
    return "SET", f"XXXX-WXX-{wd}" + (f"T{_PARTS[part.lower()]}" if part else "")


def _h_per_unit(m: re.Match[str], ctx: _Context) -> Result:
    letter, is_time = _unit(m["u"])
    return "SET", ("PT1" if is_time else "P1") + letter


def _h_every_n(m: re.Match[str], ctx: _Context) -> Result:
    n = _number(m["n"])
    letter, is_time = _unit(m["u"])
    return ("SET", ("PT" if is_time else "P") + f"{_fmt_num(n)}{letter}") if n else None


def _h_week_simple(m: re.Match[str], ctx: _Context) -> Result:
    """The reference week for "Anfang der Woche" and "am Wochenende"."""
    weekend = "-WE" if m["we"] else ""
    if ctx.ref is None:
        return "DATE", "XXXX-WXX" + weekend
    return "DATE", _week_value(ctx.ref) + weekend


# ---------------------------------------------------------------------------------------------
# Patterns. A group named "x" marks the extent when context words (prepositions) are matched
# only to decide; otherwise the whole match is the extent. Earlier patterns win ties.
# ---------------------------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], _Context], Result]
# "heute", "gestern" point at the writer's day even inside a narrative
_DEICTIC_HANDLERS = {_h_deictic, _h_today}


def _initials(words: object) -> str:
    """First letters of a lexicon, for the first-character filter of a pattern."""
    return "".join(sorted({w[0] for w in words}))


_I_MOD = _initials(_column("relative_words", "stem", kind="modifier"))
_I_MONTH = _initials(_MONTHS)
_I_WEEKDAY = _initials(_WEEKDAYS)
_I_ORD = _initials(_ORDINALS)
_I_NUM = _initials([*_NUMBERS, *_VAGUE_WORDS])
_I_CARDINAL = _initials(_column("numbers", "word", kind="cardinal"))
_I_HOLIDAY = _I_MOD + _initials(_HOLIDAYS)
_I_ADVERB = _initials(_ADVERB_SETS)


def _rx(first: str, pattern: str) -> re.Pattern[str]:
    """Compile; the first-character lookahead lets the engine skip hopeless positions fast."""
    return re.compile(f"(?=[{first}])" + pattern if first else pattern, _FLAGS)


_PATTERNS: list[tuple[re.Pattern[str], _Handler]] = [
    (_rx(r"\d", r"(?<![\d.\-/])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\d])"), _h_iso),
    (_rx(r"\d", r"(?<![\d.,/])(?P<d>\d{1,2})\.\s?(?P<mo>\d{1,2})\.(?:\s?(?P<y>\d{4}|\d{2})"
                r"(?![\d.]\d))?(?!\d)"), _h_numeric),
    (_rx(r"0-9d" + _I_WEEKDAY, rf"""\b(?:(?:{_WEEKDAY}),?\s+(?:(?:den|dem)\s+)?)?(?:{_ART}\s+)?
                 (?<![\d.,])(?P<d>\d{{1,2}})\.\s*(?P<mon>{_MONTH}){_YEAR_REF}"""),
     _h_day_month),
    (_rx(r"\d", rf"""(?<![\d.,])(?P<d>\d{{1,2}})\.?
                 (?=(?:\s*(?:,|bis|und|sowie|-|–)\s*(?:zum\s+|am\s+)?
                 \d{{1,2}}\.)+\s*(?P<mon>{_MONTH})(?:\s+(?P<y>\d{{4}})\b)?(?P<ymod>))"""),
     _h_day_month),
    (_rx(r"ameb" + _I_MOD + _I_MONTH,
         rf"""\b(?:{_POS}\s+(?:des\s+)?)?(?:(?P<mod>{_MOD})\s+)?(?P<mon>{_MONTH})
                 {_YEAR_REF}"""), _h_month),
    (_rx(r"amebdj", rf"""\b(?:{_POS}\s+)?(?:(?:das|dem|des)\s+)?jahre?s?\s+
                 (?P<y>\d{{3,4}})(?![\d])"""), _h_year_noun),
    (_rx(r"ameb12", rf"""\b(?:\b{_POS}\s+)?(?<![\w.,])(?P<y>1\d{{3}}|20\d{{2}})
                 (?![\d]|[.,]\d|/\d{{1,2}}\b|er\b|er-)"""), _h_year_bare),
    (_rx(r"amebd" + _I_MOD + _initials(_YEAR_WORDS),
         rf"""\b(?:{_POS}\s+)?(?:(?:des|dem|das|der)\s+)?
                 (?P<rel>(?P<mod>{_MOD})\s+jahr(?:es|s)?\b|(?:{_alt(_YEAR_WORDS)})\b)"""),
     _h_year_relative),
    (_rx(r"ameb", rf"""{_POS}\s+(?:des|dieses)\s+(?P<rel>(?P<mod>)jahres)\b(?!\s+\d)"""),
     _h_year_relative),
    (_rx(r"del", rf"""\b(?:{_ART}\s+)?(?P<which>erst|letzt)e[nmrs]?\s+tag(?:e|es)?\s+
                 (?:des\s+jahres|im\s+jahr){_YEAR_REF}"""), _h_day_of_year),
    (_rx(r"amebd0-9" + _initials(_DECADE_WORDS),
         rf"""\b(?:{_POS}\s+)?(?:{_ART}\s+)?(?:(?<!\d)(?P<dnum>(?:1\d|20)?\d0)er
                 |(?P<dword>{_alt(_DECADE_WORDS)}))(?:(?:\s*-\s*|\s+)?jahren?\b|n\b)"""),
     _h_decade),
    (_rx(r"dezameb0-9" + _I_MOD,
         rf"""\b(?:(?:(?:{_ART}\s+)?(?:erst|zweit)e[nmrs]?\s+hälfte|{_POS})\s+
                 (?:des|der)\s+|{_POS}\s+|{_ART}\s+)?
                 (?:(?P<c>\d{{1,2}})\.\s*|(?P<mod>{_MOD})\s+)jahrhunderts?\b"""),
     _h_century),
    (_rx(r"ameb" + _I_MOD + _initials(_SEASONS), rf"""\b(?:{_POS}\s+(?:des\s+)?)?
                 (?:(?P<mod>{_MOD})\s+(?:[a-zäöüß]+e[nmrs]?\s+)?)?(?P<s>{_SEASON})
                 {_YEAR_REF}"""), _h_season),
    (_rx(r"d1-4" + _I_ORD, rf"""\b(?:{_ART}\s+)?(?:(?P<qw>{_ORD})|(?P<qd>[1-4])\.)\s+quartals?\b
                 {_YEAR_REF}"""), _h_quarter),
    (_rx(r"q", r"\bq(?P<qd>[1-4])(?P<qw>)(?:\s*/?\s*(?P<y>\d{4}))?(?P<ymod>)\b"), _h_quarter),
    (_rx(r"dez", rf"""\b(?:{_ART}\s+)?(?P<h>erst|zweit)e[nmrs]?\s+(?:jahreshälfte|halbjahr(?:es|s)?
                 |hälfte\s+des\s+jahres)\b{_YEAR_REF}"""), _h_half),
    (_rx(r"d0-9" + _I_ORD, rf"""\b(?:{_ART}\s+)?(?:(?P<wd>\d{{1,2}})\.|(?P<ww>{_ORD}))\s+
                 kalenderwoche\b
                 (?:\s+(?P<y>\d{{4}})\b)?"""), _h_calendar_week),
    (_rx(r"k", r"\bkw\s*(?P<wd>\d{1,2})(?P<ww>)(?:\s*/?\s*(?P<y>\d{4}))?\b"), _h_calendar_week),
    (_rx(r"d" + _I_MOD, rf"""\b(?:{_ART}\s+)?(?P<mod>{_MOD})\s+
                 (?:woche\b|(?P<we>wochenende)\b)"""), _h_week),
    (_rx(r"amebw", rf"""\b(?:{_POS}\s+(?:der|dieser)\s+woche\b
                 |(?<=\bam\s)(?P<we>wochenende)\b)"""),
     _h_week_simple),
    (_rx(_I_MOD + _I_WEEKDAY, rf"""\b(?:(?P<mod>{_MOD})\s+)?\b(?P<wd>{_WEEKDAY})(?P<part>{_PART})?\b
                 (?:\s+(?P<part2>{_PART})\b)?"""), _h_weekday),
    (_rx(_I_WEEKDAY, rf"""\b(?P<wd>{_WEEKDAY})(?P<part>{_PART})?s\b"""), _h_weekday_set),
    (_rx(r"h", rf"""\bheutige[nm]?\s+(?:{_WEEKDAY}|tag)\b"""), _h_today),
    (_rx(r"hgvüm", rf"""\b(?P<w>heute|gestern|vorgestern|übermorgen|morgen|gestrigen|morgigen
                 |vortag(?:es|s)?)\b(?:\s+(?P<part>{_PART})\b)?"""), _h_deictic),
    (_rx(r"agzbv", r"""\b(?:am|gegen|zum|bis\s+zum|vom)\s+(?P<x>(?:(?:frühen|späten)\s+)?
                 (?P<p>morgen|vormittag|mittag|nachmittag|abend))\b"""), _h_part_of_day),
    (_rx(r"iwm", r"""\b(?:in|während|mitten\s+in)\s+(?P<x>der\s+(?:(?:gleichen|selben)\s+)?
                 (?P<p>nacht))\b"""), _h_part_of_day),
    (_rx(r"0-9" + _I_CARDINAL, rf"""(?<![\d.,:/])(?P<h>[01]?\d|2[0-4]|\b(?:{_HOUR_WORDS}))
                 (?:[:.](?P<mi>[0-5]\d))?\s*uhr\b(?:\s+(?P<q>früh|morgens|abends|nachts
                 |nachmittags)\b)?"""), _h_clock),
    (_rx(r"\d", r"""(?<![\d.,:/])(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?(?P<q>)
                 (?=\s*(?:bis|-|–|/)\s*\d{1,2}(?:[:.]\d\d)?\s*uhr\b)"""), _h_clock),
    (_rx(r"ugab", r"""\b(?:um|gegen|ab|bis)\s+(?P<x>(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d))(?P<q>)
                 (?![\d.]\d)"""), _h_clock),
    (_rx(r"\d", r"(?<![\d.,:/])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?P<q>)(?![\d:])"),
     _h_clock),
    (_rx(r"ugabvn", rf"""\b(?:um|gegen|ab|bis|vor|nach)\s+(?P<x>halb\s+(?P<h>\d{{1,2}}
                 |{_HOUR_WORDS}))\b"""), _h_half_hour),
    (_rx(_I_HOLIDAY, rf"""\b(?:(?P<mod>{_MOD})\s+)?\b(?P<hol>{_HOLIDAY})\b
                 (?:\s+(?P<y>\d{{4}})\b)?"""), _h_holiday),
    (_rx(r"dlv" + _initials(_REF_OF), rf"""\b(?:{_alt(_REF_OF)}
                 |(?:der\s+)?(?:letzte[rn]?|vergangene[rn]?)\s+zeit(?:en)?)\b"""), _h_reference),
    (_rx(r"dlvnkerfgümwczbih0-9" + _I_NUM, rf"""\b(?:{_ART}\s+)?
                 (?:(?:letzte|vergangene|nächste|kommende|ersten)n?\s+)?
                 (?:{_QUAL}\s+)?(?<![\w.,])(?P<n>{_NUM})\s+(?:{_DUR_ADJ}\s+)?(?P<u>{_UNIT})
                 (?:\s+(?:und|,)\s+(?P<n2>{_NUM})\s+(?P<u2>{_UNIT}))?(?:\s+lang\b)?"""),
     _h_duration),
    (_rx(r"jmwts", r"""\b(?P<u>jahr|monat|woche|tag|stunde|jahrzehnt)e?n?lang(?:e[nmrs]?)?\b"""),
     _h_vague_duration),
    (_rx(_I_CARDINAL, rf"""\b(?P<n>{_alt(_column("numbers", "word", kind="cardinal"))})
                 (?P<u>{_alt(_DURATION_ADJECTIVES)})
                 (?:e[nmrs]?)?\b"""), _h_compound_duration),
    (_rx(r"svnüf", r"""\b(?:seit|vor|nach|über|für)\s+(?P<x>(?P<u>jahren|jahrzehnten|monaten
                 |wochen|tagen))\b"""), _h_vague_duration),
    (_rx(r"dvlknüa", rf"""\b(?P<x>(?:{_ART}\s+|diese[nm]?\s+)?(?:vergangenen|letzten|kommenden
                 |nächsten)\s+(?P<u>jahren?|jahrzehnten?|monaten?|wochen|tagen?)|diesen\s+(?P<u2>tagen)
                 |(?:lange|über|all\s+die(?:se)?)\s+(?P<u3>jahre|jahrzehnte))\b"""),
     _h_vague_duration),
    (_rx(r"vi", rf"""\b(?P<dir>vor|in)\s+(?:{_QUAL}\s+)?{_VAGUE}\s+
                 (?P<u>(?:jahrzehnt|jahr|monat|woche|tag)(?:e|en|n)?)\b"""), _h_offset),
    (_rx(r"j", rf"""\bjede[nmrs]?\s+(?:(?P<o>{_ORD})\s+)?(?P<u>{_WEEKDAY}(?:{_PART})?
                 |tag|woche|monat|jahr|stunde|minute|morgen|abend|nacht|wochenende|sommer
                 |winter|herbst|frühling|frühjahr)\b"""), _h_set),
    (_rx(_I_ADVERB, rf"""\b(?P<a>{_alt(_ADVERB_SETS)})(?:e[nmrs]?)?\b"""), _h_adverb_set),
    (_rx(r"ezdmpj0-9", r"""\b(?:(?:einmal|zweimal|dreimal|mehrmals|\d+-?mal)\s+(?:pro|im|in\s+der|am
                 |je)|pro|je)\s+(?P<u>jahr|monat|woche|tag|stunde)\b"""),
     _h_per_unit),
    (_rx(r"jtwm", r"""\b(?P<u>jahr|tag|woche|monat)\s+(?:für|um)\s+(?P=u)\b"""),
     _h_per_unit),
    (_rx(r"a", rf"""\balle\s+(?P<n>{_NUM})\s+(?P<u>jahre|monate|wochen|tage|stunden
                 |minuten)\b"""), _h_every_n),
]


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _to_date(reference_date: str | dt.date | None) -> dt.date | None:
    if reference_date is None:
        return None
    if isinstance(reference_date, dt.datetime):
        return reference_date.date()
    if isinstance(reference_date, dt.date):
        return reference_date
    text = str(reference_date).strip()
    return dt.date.fromisoformat(text[:10]) if text else None


_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _anchor_times(rows: list[list]) -> None:
    """Give "20 Uhr"/"am Abend" the day mentioned last before it; without one, leave it bare.

    KRAUTS annotates an unanchored clock time as `T20:00` and a part of day as `XXXX-XX-XXTEV`
    rather than guessing the publication day.
    """
    day: str | None = None
    for row in rows:
        value = row[4]
        if _DAY_VALUE.match(value):
            day = value[:10]
        elif row[3] == "TIME" and value.startswith("T"):
            if day:
                row[4] = day + value
            elif not value[1].isdigit():
                row[4] = "XXXX-XX-XX" + value


_WEEK = dt.timedelta(days=7)


def _nowadays(rows: list[list], ref: dt.date) -> None:
    """A bare "heute" means "nowadays" (PRESENT_REF) unless the text reports on particular days.

    Essays and weekly papers use "heute" against the past; a report naming days around its
    publication ("gestern", "am Freitag", "am 3. Mai") means the day itself.
    """
    reports_days = any(
        _DAY_VALUE.match(row[4]) and row[2].lower() != "heute"
        and abs(dt.date.fromisoformat(row[4][:10]) - ref) <= _WEEK
        for row in rows
    )
    if not reports_days:
        for row in rows:
            if row[2].lower() == "heute":
                row[4] = "PRESENT_REF"


def _narrate(rows: list[list], ctx: _Context) -> None:
    """Re-resolve relative expressions against the date last mentioned before them.

    Histories move through their own time ("im Mai", "im folgenden Jahr" follow the last date
    told), so each resolved date becomes the anchor: the middle of its range, which puts bare
    months into the year told about.
    """
    blind = _Context(ctx.text, None)
    blind.bounds = ctx.bounds
    document_date = ctx.ref
    ctx.narrative = True
    for row in rows:
        m, handler = row[5], row[6]
        unresolved = handler(m, blind)
        if unresolved is not None and "X" in unresolved[1] and handler not in _DEICTIC_HANDLERS:
            row[3], row[4] = handler(m, ctx) or (row[3], row[4])
        low, high = value_range(row[4])
        if low is not None and high is not None:
            ctx.ref = low + (high - low) / 2
    ctx.ref = document_date
    ctx.narrative = False


def extract_timexes(
    text: str, reference_date: str | dt.date | None = None, *, narrative: bool = False
) -> pd.DataFrame:
    """Temporal expressions in `text` as a timexes table (see docs/tables.md).

    `reference_date` is the document creation time; without it relative expressions keep
    X placeholders (`XXXX-09`) instead of being guessed. With `narrative`, relative expressions
    follow the last date mentioned before them instead (histories, WikiWarsDE style).
    """
    rows = timex_rows(text, reference_date, narrative=narrative)
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES[c]) for c in COLUMNS})
    return pd.DataFrame(dict(zip(COLUMNS, map(list, zip(*rows, strict=True)), strict=True)))


def timex_rows(
    text: str, reference_date: str | dt.date | None = None, *, narrative: bool = False
) -> list[tuple[int, int, str, str, str]]:
    """extract_timexes as (start, end, text, type, value) tuples: no DataFrame for hot loops."""
    if not text:
        return []
    ctx = _Context(text, _to_date(reference_date))
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (e.g. "İ") grow when lower-cased
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    candidates: list[tuple[int, int, int, str, str, re.Match[str], _Handler]] = []
    for priority, (pattern, handler) in enumerate(_PATTERNS):
        for m in pattern.finditer(lowered):
            result = handler(m, ctx)
            if result is None:
                continue
            start, end = m.span("x") if "x" in pattern.groupindex else m.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                candidates.append((start, end, priority, *result, m, handler))
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken_starts: list[int] = []  # accepted spans never overlap, so starts order them
    taken_ends: list[int] = []
    rows: list[list] = []
    for start, end, _, kind, value, m, handler in candidates:
        slot = bisect_right(taken_starts, start)
        if (slot and taken_ends[slot - 1] > start) or (
            slot < len(taken_starts) and taken_starts[slot] < end
        ):
            continue  # overlaps a longer (or earlier-priority) expression already taken
        taken_starts.insert(slot, start)
        taken_ends.insert(slot, end)
        rows.append([start, end, text[start:end], kind, value, m, handler])
    rows.sort(key=lambda r: r[0])
    if narrative and ctx.ref is not None:
        _narrate(rows, ctx)
    _anchor_times(rows)
    if ctx.ref is not None:
        _nowadays(rows, ctx.ref)
    return [tuple(row[:5]) for row in rows]


_VALUE_FORMS = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?"),
     lambda y, m, d: (dt.date(int(y), int(m), int(d)),) * 2),
    (re.compile(r"(\d{4})-(\d{2})"), lambda y, m: (
        dt.date(int(y), int(m), 1),
        dt.date(int(y) + int(m) // 12, int(m) % 12 + 1, 1) - dt.timedelta(days=1))),
    (re.compile(r"(\d{4})"), lambda y: (dt.date(int(y), 1, 1), dt.date(int(y), 12, 31))),
    (re.compile(r"(\d{3})"), lambda y: (dt.date(int(y) * 10, 1, 1),
                                        dt.date(int(y) * 10 + 9, 12, 31))),
    (re.compile(r"(\d{2})"), lambda y: (dt.date(max(int(y) * 100, 1), 1, 1),
                                        dt.date(int(y) * 100 + 99, 12, 31))),
    (re.compile(r"(\d{4})-W(\d{2})(-WE)?"), lambda y, w, we: (
        dt.date.fromisocalendar(int(y), int(w), 6 if we else 1),
        dt.date.fromisocalendar(int(y), int(w), 7))),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), lambda y, s: (
        dt.date(int(y), *_SEASON_RANGE[s][0]),
        dt.date(int(y) + (s == "WI"), *_SEASON_RANGE[s][1]))),
    (re.compile(r"(\d{4})-Q([1-4])"), lambda y, q: (
        dt.date(int(y), 3 * int(q) - 2, 1),
        dt.date(int(y) + (q == "4"), (3 * int(q)) % 12 + 1, 1) - dt.timedelta(days=1))),
    (re.compile(r"(\d{4})-H([12])"), lambda y, h: (
        dt.date(int(y), 1 if h == "1" else 7, 1),
        dt.date(int(y), 6, 30) if h == "1" else dt.date(int(y), 12, 31))),
]


def value_range(value: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last calendar day a DATE/TIME value covers; (None, None) if it is no range.

    Used to place timexes on a timeline: `2023-09` spans September, `199` the 1990s.
    """
    value = (value or "").strip()
    for pattern, build in _VALUE_FORMS:
        m = pattern.fullmatch(value)
        if m:
            try:
                return build(*m.groups())
            except ValueError:
                return None, None
    return None, None


# "vor zwei Wochen", "in drei Jahren": KRAUTS tags the duration alone, the timeline places it
_OFFSET_BEFORE = re.compile(r"\b(?P<dir>vor|in)\s+$", re.IGNORECASE)
_COUNTED = re.compile(rf"(?:{_QUAL}\s+)?{_NUM}\s")
_DURATION_PARTS = re.compile(r"(\d+(?:\.\d+)?)(DE|CE|WE|NI|Y|M|W|D)")
_MONTHS_PER = {"CE": 1200, "DE": 120, "Y": 12, "M": 1}
_DAYS_PER = {"WE": 7, "W": 7, "NI": 1, "D": 1}
# the calendar unit an offset lands in: "vor drei Jahren" is that year, "vor zwei Wochen" that week
_GRAIN: dict[str, Callable[[dt.date], str]] = {
    "CE": lambda day: f"{day.year // 100:02d}",
    "DE": lambda day: f"{day.year // 10:03d}",
    "Y": lambda day: f"{day.year:04d}",
    "M": lambda day: f"{day.year:04d}-{day.month:02d}",
    "W": _week_value,
    "WE": lambda day: _week_value(day) + "-WE",
}


def _offset_range(
    text: str, start: int, value: str, ref: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """Calendar range of a duration after "vor"/"in", counted from the article date.

    Only counted durations ("zwei Wochen", not "den vergangenen zwei Wochen" or "einigen Jahren")
    say how far back or ahead; the range is the unit they count in.
    """
    before = _OFFSET_BEFORE.search(text, max(0, start - 12), start)
    date_part, _, time_part = value.removeprefix("P").partition("T")
    parts = _DURATION_PARTS.findall(date_part)
    if (ref is None or before is None or "X" in value or not (parts or time_part)
            or not _COUNTED.match(text[start:].lower())):
        return None, None
    sign = -1 if before["dir"].lower() == "vor" else 1
    months = sum(float(n) * _MONTHS_PER[u] for n, u in parts if u in _MONTHS_PER)
    days = sum(float(n) * _DAYS_PER[u] for n, u in parts if u in _DAYS_PER) + months % 1 * 30
    offset = pd.DateOffset(months=sign * int(months), days=sign * round(days))
    try:
        day = (pd.Timestamp(ref) + offset).date()
    except (ValueError, OverflowError):  # "vor 8000 Jahren" lies outside the calendar we chart
        return None, None
    grain = _GRAIN.get(parts[-1][1] if parts and not time_part else "D", dt.date.isoformat)
    return value_range(grain(day))


def timeline_rows(doc: Doc, mentions: Iterable[tuple[int, str]] = ()) -> list[tuple]:
    """The dated references of one parsed article (TIMELINE_COLUMNS order), resolved against its
    publication date; `mentions` are (sentence_id, entity) pairs naming who is in each sentence.

    Durations counted back or ahead ("vor zwei Wochen", "in drei Jahren") keep their DURATION
    value but get the calendar range they point at, so they show on the timeline too.
    """
    ref = doc.reference_date
    timexes = timex_rows(doc.text, ref)
    if not timexes:
        return []
    names: dict[int, dict[str, None]] = {}
    for sentence_id, entity in mentions:
        names.setdefault(sentence_id, {})[entity] = None
    rows = []
    for start, end, surface, kind, value in timexes:
        sentence_id = doc.sentence_at(start)
        low, high = (_offset_range(doc.text, start, value, ref) if kind == "DURATION"
                     else value_range(value))
        rows.append((doc.doc_id, sentence_id, start, end, surface, kind, value, low, high,
                     doc.sentences[sentence_id].text if doc.sentences else "",
                     "; ".join(names.get(sentence_id, ()))))
    return rows


def timeline_frame(rows: list[tuple]) -> pd.DataFrame:
    """The timeline table of timeline rows."""
    return typed_frame(rows, TIMELINE_COLUMNS, {
        "sentence_id": "int64", "start": "int64", "end": "int64",
        "date_start": "datetime", "date_end": "datetime",
    })


def timeline(documents: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Dated references of every article, with their calendar range, sentence and the names in it
    (`mentions`: the mentions table of the same documents)."""
    names: dict[str, list[tuple[int, str]]] = {}
    for doc_id, sentence_id, entity in zip(mentions["doc_id"], mentions["sentence_id"],
                                           mentions["entity"], strict=True):
        names.setdefault(doc_id, []).append((sentence_id, entity))
    rows = [row for doc_id, text, published in zip(
                documents["doc_id"], documents["text"], documents["published"], strict=True)
            for row in timeline_rows(Doc.parse(text, doc_id, published), names.get(doc_id, ()))]
    return timeline_frame(rows)


PERIOD_COLUMNS = ["published", "period", "references", "articles"]


def referenced_periods_by_publication(
    timeline: pd.DataFrame, documents: pd.DataFrame, freq: str = "W", period: str = "Y"
) -> pd.DataFrame:
    """References to each year (`period="M"`: month) per publication week (`freq`, e.g. "D").

    Shows which periods a corpus talks about as it goes on. A reference counts only when its
    range lies inside one period ("März 2023" for 2023; "die 90er Jahre" for no year), so coarse
    mentions do not smear over many. `published` and `period` hold the first day of their period;
    `articles` counts the articles behind the references.
    """
    empty = pd.DataFrame({
        "published": pd.Series(dtype="datetime64[us]"), "period": pd.Series(dtype="datetime64[us]"),
        "references": pd.Series(dtype="int64"), "articles": pd.Series(dtype="int64"),
    })
    if timeline.empty or documents.empty:
        return empty
    refs = timeline[["doc_id", "date_start", "date_end"]].merge(
        documents[["doc_id", "published"]].drop_duplicates("doc_id"), on="doc_id"
    ).dropna()
    first = pd.to_datetime(refs["date_start"]).dt.to_period(period)
    last = pd.to_datetime(refs["date_end"]).dt.to_period(period)
    refs = refs[first == last].assign(
        published=lambda df: pd.to_datetime(df["published"]).dt.to_period(freq).dt.start_time,
        period=first[first == last].dt.start_time,
    )
    if refs.empty:
        return empty
    table = refs.groupby(["published", "period"], as_index=False).agg(
        references=("doc_id", "size"), articles=("doc_id", "nunique")
    )
    return table.sort_values(["published", "period"], ignore_index=True)[PERIOD_COLUMNS]
