"""What a handler knows besides its match: the text, its reference date and the tense of a clause.

Bare months and weekdays ("im Mai", "am Freitag") look at the tense of their clause to decide
between the last and the next one; the calendar helpers below turn such decisions into dates.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable

from analysis.timeline.rules import _cues

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


# a handler turns a match in its context into (type, value), or None to reject the match
Result = tuple[str, str] | None
_Handler = Callable[[re.Match[str], _Context], Result]


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
