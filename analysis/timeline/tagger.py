"""Tagging a text: every pattern over it, overlaps resolved, then the document-wide passes.

After the longest expressions are taken, narratives re-resolve against the last date told,
clock times get the day mentioned before them, and a bare "heute" may turn into "nowadays".
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

import pandas as pd

from analysis.timeline.context import _Context, _Handler
from analysis.timeline.dates import PREVIOUS_PERIOD
from analysis.timeline.patterns import _DEICTIC_HANDLERS, _PATTERNS
from analysis.timeline.values import value_range

COLUMNS = ["start", "end", "text", "type", "value"]
_DTYPES = {"start": "int64", "end": "int64", "text": "str", "type": "str", "value": "str"}


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


_PERIOD_VALUE = re.compile(r"(\d{4})(-(?:Q[1-4]|H[12]|\d{2}|SP|SU|FA|WI))?$")


def _previous_periods(rows: list[list], ref: dt.date | None) -> None:
    """"im selben Zeitraum des Vorjahres" after "im zweiten Quartal 2011" is 2010-Q2: the last
    year or period named before it, a year earlier; without one, the year before the text's."""
    period: tuple[int, str] | None = None
    for row in rows:
        found = _PERIOD_VALUE.match(row[4])
        if found:
            period = int(found[1]), found[2] or ""
        elif row[4] == PREVIOUS_PERIOD:
            if period is not None:
                row[4] = f"{period[0] - 1:04d}{period[1]}"
            else:
                row[4] = f"{ref.year - 1:04d}" if ref is not None else "XXXX"


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
    _previous_periods(rows, ctx.ref)
    _anchor_times(rows)
    if ctx.ref is not None:
        _nowadays(rows, ctx.ref)
    return [tuple(row[:5]) for row in rows]
