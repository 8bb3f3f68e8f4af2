"""Publication-date step: the dates a corpus's metadata does not give, read by the temporal tagger.

Loading files (`analysis.corpus`) takes only dates the metadata holds as dates. This step applies
the rest of the date rule; `published_source` says which part of it won:

1. ``metadata``: a date field written as text in front matter or the table (ISO or German
   "16.01.2024", "16. Januar 2024"), checked in the order date, published, datum.
2. ``caption``: the latest full date in the photo captions ("am 16. Januar 2024"), but only if it
   agrees with the body: when the body names weekdays ("am Dienstag", "Dienstagabend") the caption
   date must fall on one of them, otherwise the photo is taken to be older (archive picture) and is
   ignored.
3. ``text``: the latest full explicit date in the body.
4. ``unknown``: NaT.

Dates and weekdays are found by the temporal tagger (`analysis.timeline`) run without a reference
date, so "am 16. Januar" (no year) or "gestern" never count as a full date. Articles the loader
already dated are left as they are, untagged.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import pandas as pd

from analysis.corpus import METADATA_DATES, naive_timestamp
from analysis.timeline import timex_rows

# Values the tagger gives explicit dates when it has no reference date: relative and partial
# dates stay underspecified ("XXXX-01-16", "XXXX-WXX-2"), so only written-out full dates match.
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEKDAY_VALUE = re.compile(r"XXXX-WXX-([1-7])")
# The range a datetime64[ns] column can hold; other dates cannot be a publication date anyway.
_EARLIEST, _LATEST = pd.Timestamp.min.date() + dt.timedelta(days=1), pd.Timestamp.max.date()


def infer_publication_dates(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents with `published` and `published_source` filled where the loader left them
    open (NaT, or metadata dates written as text), without the `METADATA_DATES` column."""
    if METADATA_DATES in documents.columns:
        written = documents[METADATA_DATES].tolist()
    else:
        written = [()] * len(documents)
    result = documents.drop(columns=METADATA_DATES, errors="ignore")
    dates = result["published"].tolist()
    open_rows = [i for i, (texts, date) in enumerate(zip(written, dates, strict=True))
                 if texts or pd.isna(date)]
    if not open_rows:
        return result
    sources = result["published_source"].tolist()
    captions, bodies = result["captions"].tolist(), result["text"].tolist()
    for i in open_rows:
        dates[i], sources[i] = _publication_date(
            written[i], dates[i], sources[i], captions[i], bodies[i]
        )
    result["published"] = pd.to_datetime(
        pd.Series(dates, index=result.index, dtype=object)
    ).astype("datetime64[ns]")
    result["published_source"] = pd.Series(
        sources, index=result.index, dtype=result["published_source"].dtype
    )
    return result


def _publication_date(
    written: tuple[str, ...], published: pd.Timestamp, source: str, captions: str, body: str
) -> tuple[pd.Timestamp | None, str]:
    """Apply the date rule from the module docstring to one article."""
    for text in written:
        value = _metadata_date(text)
        if value is not None:
            return value, "metadata"
    if not pd.isna(published):  # a metadata date the loader read, after the keys above
        return published, source
    caption_lines = captions.split("\n") if captions else []  # one caption per line
    caption_dates = [date for caption in caption_lines for date in _find_dates(caption)]
    body_dates, weekdays = _dates_and_weekdays(body)
    if caption_dates:
        candidate = max(caption_dates)
        if not weekdays or candidate.isoweekday() in weekdays:
            return pd.Timestamp(candidate), "caption"
    if body_dates:
        return pd.Timestamp(max(body_dates)), "text"
    return None, "unknown"


@lru_cache(maxsize=4096)
def _metadata_date(text: str) -> pd.Timestamp | None:
    """A metadata date written as text: ISO strings (time kept, zone dropped) or German dates.

    Anything else ("2024", "irgendwann") is not guessed at, so inference from the text applies.
    A plain ISO day (how exports write dates) is read directly: the tagger would find the same.
    """
    if _FULL_DATE.fullmatch(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None:
            return naive_timestamp(pd.Timestamp(text)) if _EARLIEST <= day <= _LATEST else None
    dates = _find_dates(text)
    if not dates:
        return None
    try:
        stamp = pd.Timestamp(text) if _FULL_DATE.match(text) else pd.Timestamp(dates[0])
    except ValueError:
        stamp = pd.Timestamp(dates[0])
    return naive_timestamp(stamp)


def _find_dates(text: str) -> list[dt.date]:
    """All full calendar dates in German prose: '16. Januar 2024', '16.01.2024', '2024-01-16'."""
    return _dates_and_weekdays(text)[0]


def _dates_and_weekdays(text: str) -> tuple[list[dt.date], set[int]]:
    """Full dates and the ISO weekdays named on their own ("am Dienstag"), via the tagger.

    Without a reference date the tagger resolves nothing relative, so what comes back with a
    full value was written out in full.
    """
    values = [value for *_, kind, value in timex_rows(text, None) if kind in ("DATE", "TIME")]
    dates = [
        date for value in values if _FULL_DATE.fullmatch(value)
        and _EARLIEST <= (date := dt.date.fromisoformat(value)) <= _LATEST
    ]
    weekdays = {int(m[1]) for value in values if (m := _WEEKDAY_VALUE.match(value))}
    return dates, weekdays
