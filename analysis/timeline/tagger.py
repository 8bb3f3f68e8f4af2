"""Tagging a text: every pattern over it, overlaps resolved, then the document-wide passes.

After the longest expressions are taken, narratives re-resolve against the last date told,
"am Vortag" counts from the day named before it, clock times get the day mentioned around them
(or the reference date), and a bare "heute" may turn into "nowadays".
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

import pandas as pd

from analysis.timeline.context import _Context, _Handler
from analysis.timeline.dates import PREVIOUS_PERIOD, _h_anaphoric_day, anaphoric_offset
from analysis.timeline.patterns import _DEICTIC_HANDLERS, _PATTERNS
from analysis.timeline.rules import _HABITUAL_BEFORE, _HABITUAL_SENTENCE, _alt
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
# a recurring or hypothetical clock time: a cue word in its sentence, or a range of hours
# ("von 10 bis 15 Uhr"); or a cue word right before it ("jeweils 20 Uhr")
_HABITUAL = re.compile(
    rf"\b(?:{_alt(_HABITUAL_SENTENCE)})\b"
    r"|\b(?:von|zwischen)\s+\d{1,2}(?:[.:]\d\d)?\s*(?:uhr\s*)?(?:bis|und|-|–)\s*\d",
    re.IGNORECASE,
)
_HABITUAL_BEFORE_TIME = re.compile(
    rf"\b(?:{_alt(_HABITUAL_BEFORE)})\s+(?:(?:um|ab|gegen|von|zwischen)\s+)?"
    r"(?:\d{1,2}(?:[.:]\d\d)?\s*(?:uhr\s*)?(?:bis|und|-|–)\s*)?$",  # "täglich von 10 bis 18 Uhr"
    re.IGNORECASE,
)


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


def _anaphoric_days(rows: list[list], ref: dt.date | None) -> None:
    """"am Vortag", "tags darauf" count from the day last named before them, as news and
    histories move their own time along; without one, from the reference date. They do not
    become the anchor themselves: "wie am Vortag ... ihr Sieg vom Vortag" are the same day."""
    day: dt.date | None = None
    for row in rows:
        if row[6] is _h_anaphoric_day:
            if (day or ref) is not None:
                row[4] = ((day or ref) + dt.timedelta(days=anaphoric_offset(row[5]))).isoformat()
        elif _DAY_VALUE.match(row[4]):
            day = dt.date.fromisoformat(row[4][:10])


def _anchor_times(rows: list[list], ctx: _Context, narrative: bool) -> None:
    """Give "20 Uhr"/"am Abend" the day mentioned last before it, or else the first day named
    after it in its sentence ("Um 20 Uhr beginnt am Freitag ...").

    Without a day named, a clock time is on the day the text is about, the reference date,
    unless its sentence makes it habitual or hypothetical ("beispielsweise von 10 bis 15 Uhr"):
    then it stays bare (`T20:00`), as does a clock time in a narrative, whose reference date is
    not the day told about, and one for several days ("am 3. und 4. Mai, jeweils 20 Uhr"). A
    part of day without a day is `XXXX-XX-XXTEV`.
    """
    day: str | None = None
    for i, row in enumerate(rows):
        value = row[4]
        if _DAY_VALUE.match(value):
            day = value[:10]
        elif row[3] == "TIME" and value.startswith("T"):
            if _HABITUAL_BEFORE_TIME.search(ctx.text, max(0, row[0] - 40), row[0]):
                continue
            anchor = day or _day_later_in_sentence(rows, i, ctx)
            if anchor is None and value[1].isdigit() and ctx.ref is not None and not narrative:
                start, end = ctx.sentence(row[0])
                if not _HABITUAL.search(ctx.text, start, end):
                    anchor = ctx.ref.isoformat()
            if anchor:
                row[4] = anchor + value
            elif not value[1].isdigit():
                row[4] = "XXXX-XX-XX" + value


def _day_later_in_sentence(rows: list[list], i: int, ctx: _Context) -> str | None:
    end = ctx.sentence(rows[i][0])[1]
    later = (row[4] for row in rows[i + 1:] if row[0] < end)
    return next((value[:10] for value in later if _DAY_VALUE.match(value)), None)


_WEEK = dt.timedelta(days=7)


def _nowadays(rows: list[list], ref: dt.date, narrative: bool) -> None:
    """A bare "heute" means "nowadays" (PRESENT_REF) unless the text reports on the days just
    past.

    Essays and weekly papers use "heute" against the past; a report naming days of the week
    before its publication ("gestern", "am Freitag", "am 3. Mai") means the day itself. Days
    ahead ("am Sonntag sind Wahlen", "nach Weihnachten") are previews, which essays make too.
    Histories (narratives) tell no days of their own writing.
    """
    reports_days = not narrative and any(
        _DAY_VALUE.match(row[4]) and row[2].lower() != "heute"
        and -_WEEK <= dt.date.fromisoformat(row[4][:10]) - ref <= dt.timedelta(0)
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
    _anaphoric_days(rows, ctx.ref)
    _anchor_times(rows, ctx, narrative)
    if ctx.ref is not None:
        _nowadays(rows, ctx.ref, narrative)
    return [tuple(row[:5]) for row in rows]
