"""The quote finder's results as table rows: per parsed article for the pipeline, or as
DataFrames for a text or a set of documents.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.document import Doc
from analysis.entities import extract_entities
from analysis.quotes.article import _Article
from analysis.quotes.finder import _Finder

COLUMNS = [
    "start",
    "end",
    "quote",
    "kind",
    "verb",
    "speaker_start",
    "speaker_end",
    "speaker",
    "sentence_id",
]
DOCUMENT_COLUMNS = ["doc_id", *COLUMNS]


def quote_rows(doc: Doc, mentions: Iterable[tuple[int, int, str, str]]) -> list[tuple]:
    """The quotes of a parsed article as rows in COLUMNS order, by start.

    `mentions` are the article's named mentions as (start, end, label, entity): they name
    speakers. speaker_start/speaker_end locate the speaker mention (-1 when none was found).
    """
    finder = _Finder(_Article(doc, mentions))
    finder.direct()
    finder.indirect()
    text = doc.text
    return [
        (q.start, q.end, text[q.start : q.end], q.kind, q.verb, q.speaker.start, q.speaker.end,
         q.speaker.name, q.sentence_id)
        for q in sorted(finder.quotes, key=lambda q: q.start)
    ]


def extract_quotes(text: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Direct and indirect quotes of one article with verb and speaker, one row per quote.

    `entities` is the article's `extract_entities` frame (computed when None): it names speakers.
    speaker_start/speaker_end locate the speaker mention (-1 when none was found).
    """
    if entities is None:
        entities = extract_entities(text)
    mentions = zip(entities["start"], entities["end"], entities["label"], entities["entity"],
                   strict=True)
    return pd.DataFrame(quote_rows(Doc.parse(text), mentions), columns=COLUMNS)


def quotes(documents: pd.DataFrame) -> pd.DataFrame:
    """Quotes of every document (columns doc_id, text), with doc_id first."""
    frames = [
        extract_quotes(text).assign(doc_id=doc_id)
        for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
    ]
    if not frames:
        return pd.DataFrame(columns=DOCUMENT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[DOCUMENT_COLUMNS]
