"""The calendar range a TIMEX3 value covers, so that timexes can be placed on a timeline.

`2023-09` spans September, `199` the 1990s; a duration counted back or ahead from the article
date ("vor zwei Wochen") spans the unit it counts in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from analysis.timeline.context import _week_value
from analysis.timeline.rules import _NUM, _QUAL, _SEASON_RANGE

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
