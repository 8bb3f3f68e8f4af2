"""One article, parsed once: every analysis step reads it and adds its layer.

As with spaCy's `Doc` and its pipeline components, the text is segmented into sentences and
tokens a single time; entity recognition, the timeline, tone and quotes then read those sentences
and each other's layers (quotes and tone need the entity mentions) instead of segmenting again and
passing DataFrames between them. A layer is a list of plain row tuples in the column order of its
table (docs/tables.md); the pipeline turns the rows of a whole batch of articles into one DataFrame
per table.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, repeat

import pandas as pd

from analysis.language import Sentence, Token, segment


@dataclass
class Doc:
    """An article's text, its sentences and tokens with character offsets, and its layers."""

    doc_id: str
    text: str
    published: object = None  # publication date (Timestamp, date or None): relative dates need it
    sentences: tuple[Sentence, ...] = ()
    layers: dict[str, list[tuple]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, doc_id: str = "", published: object = None) -> Doc:
        return cls(doc_id, text, published, segment(text))

    @classmethod
    def from_record(cls, record: dict) -> Doc:
        """A Doc of one documents-table row (doc_id, text, published)."""
        return cls.parse(record["text"], record["doc_id"], record.get("published"))

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    def sentence_at(self, offset: int) -> int:
        """Id of the sentence holding character `offset` (the one before, between sentences)."""
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    @cached_property
    def tokens(self) -> list[Token]:
        """Every token of the text in order."""
        return list(chain.from_iterable(sentence.tokens for sentence in self.sentences))

    @cached_property
    def token_sentences(self) -> list[int]:
        """The sentence id of each token of `tokens`."""
        return list(chain.from_iterable(repeat(sentence.sentence_id, len(sentence.tokens))
                                        for sentence in self.sentences))

    @property
    def reference_date(self) -> object:
        """The publication date as a day, or None when unknown."""
        published = self.published
        return None if published is None or pd.isna(published) else pd.Timestamp(published).date()
