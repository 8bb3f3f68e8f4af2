"""The timeline table: every dated reference of a corpus with its range, sentence and names.

Used per article by the pipeline (`timeline_rows`, `timeline_frame`) and for a whole corpus at
once (`timeline`); the columns are documented in docs/tables.md.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.document import Doc
from analysis.frames import typed_frame
from analysis.timeline.tagger import COLUMNS, timex_rows
from analysis.timeline.values import _offset_range, value_range

TIMELINE_COLUMNS = [
    "doc_id", "sentence_id", *COLUMNS, "date_start", "date_end", "sentence", "entities",
]


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
