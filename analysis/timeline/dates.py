"""Handlers of the DATE and TIME patterns: a regex match and its context -> (type, value).

Each handler gets the match (on the lower-cased text) and the context and returns the TIMEX3
type and value, or None to reject the match ("Mai" as a name, "2000 Euro" as no year).
"""

from __future__ import annotations

import datetime as dt
import re

from analysis.timeline.context import (
    Result,
    _Context,
    _month_year,
    _nearest_year,
    _safe_date,
    _week_value,
    easter_sunday,
)
from analysis.timeline.rules import (
    _ANAPHORIC_DAYS,
    _DECADE_WORDS,
    _DIRECTIONS,
    _HOLIDAYS,
    _NUMBERS,
    _ORDINALS,
    _PARTS,
    _QUANTITY,
    _REF_OF,
    _SEASON_MONTH,
    _VAGUE_DAY_BEFORE,
    _VAGUE_DAY_SENTENCE,
    _VAGUE_PERIODS,
    _WEEKDAYS,
    _YEAR_WORDS,
    _alt,
    _direction,
    _month_number,
    _season_code,
)


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


PREVIOUS_PERIOD = "PREVIOUS_PERIOD"  # resolved by the tagger from the period named before it


def _h_previous_period(m: re.Match[str], ctx: _Context) -> Result:
    """"im selben Zeitraum des Vorjahres", "Vorjahresquartal": the period just named, a year
    earlier (the tagger fills it in once it knows what came before)."""
    return "DATE", PREVIOUS_PERIOD


def _h_year_noun(m: re.Match[str], ctx: _Context) -> Result:
    return "DATE", f"{int(m['y']):04d}"


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


def _h_week_simple(m: re.Match[str], ctx: _Context) -> Result:
    """The reference week for "Anfang der Woche" and "am Wochenende"."""
    weekend = "-WE" if m["we"] else ""
    if ctx.ref is None:
        return "DATE", "XXXX-WXX" + weekend
    return "DATE", _week_value(ctx.ref) + weekend


def _weekday_date(wd: int, direction: int | None, tense: int, ref: dt.date) -> dt.date:
    """The weekday's date: by its modifier, else the last one in the past tense and the next one
    otherwise, since news report the past in past tenses and announce in the present ("Am
    Freitag findet ... statt"). The reference day's own weekday is that day."""
    back = (ref.isoweekday() - wd) % 7
    ahead = (wd - ref.isoweekday()) % 7
    if direction == -1:
        return ref - dt.timedelta(days=back or 7)
    if direction == 1:
        return ref + dt.timedelta(days=ahead or 7)
    if direction == 0:
        return ref + dt.timedelta(days=wd - ref.isoweekday())
    if tense < 0:
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
            "gestrigen": -1, "morgigen": 1}
_NOT_TOMORROW_BEFORE = re.compile(
    r"\b(?:am|den|dem|des|jeden|einen|guten|diesen|frühen|nächsten|heute|gestern)\s+$",
    re.IGNORECASE,
)


# "von heute", "damals ... heute": the present, past or future at large, not a day
_VAGUE_DAY = {"heute": "PRESENT_REF", "gestern": "PAST_REF", "morgen": "FUTURE_REF"}
_VAGUE_BEFORE = re.compile(rf"\b(?:{_alt(_VAGUE_DAY_BEFORE)})\s+$", re.IGNORECASE)
_NOT_VAGUE_AFTER = re.compile(r"\s+(?:an|auf)\b", re.IGNORECASE)  # "von heute an"
_CONTRAST = re.compile(rf"\b(?:{_alt(_VAGUE_DAY_SENTENCE)})\b", re.IGNORECASE)


def _vague_day(word: str, m: re.Match[str], ctx: _Context) -> str | None:
    """PRESENT_REF/PAST_REF/FUTURE_REF for "die Menschen von heute", "damals ... heute"."""
    if word not in _VAGUE_DAY or m["part"]:
        return None
    before = ctx.text[max(0, m.start() - 10):m.start()]
    if _VAGUE_BEFORE.search(before) and not _NOT_VAGUE_AFTER.match(ctx.text, m.end()):
        return _VAGUE_DAY[word]
    if word == "heute" and _CONTRAST.search(ctx.text, *ctx.sentence(m.start())):
        return _VAGUE_DAY[word]
    return None


def _h_deictic(m: re.Match[str], ctx: _Context) -> Result:
    word = ctx.text[m.start("w"):m.end("w")]
    vague = _vague_day(word.lower(), m, ctx)
    if vague:
        return "DATE", vague
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


def anaphoric_offset(m: re.Match[str]) -> int:
    """Days after the day last named: "am Vortag" -1, "am selben Tag" 0, "tags darauf" 1."""
    return _ANAPHORIC_DAYS[" ".join(m["a"].split())]


def _h_anaphoric_day(m: re.Match[str], ctx: _Context) -> Result:
    """"am Vortag", "am Tag darauf": counted from the reference date here; the tagger moves it
    to the day last named before it, if any."""
    if ctx.ref is None:
        return "DATE", "XXXX-XX-XX"
    return "DATE", (ctx.ref + dt.timedelta(days=anaphoric_offset(m))).isoformat()


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


def _h_vague_period(m: re.Match[str], ctx: _Context) -> Result:
    """"in den letzten Monaten" PAST_REF, "in den nächsten Jahren" FUTURE_REF, "in diesen
    Wochen" PRESENT_REF: a vague time rather than a duration."""
    stem = next(stem for stem in _VAGUE_PERIODS if m["mod"].lower().startswith(stem))
    return "DATE", _VAGUE_PERIODS[stem]
