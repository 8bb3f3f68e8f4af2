"""Pressespiegel: who is mentioned, which dates and events, and in what tone, in German news.

The functions below return pandas DataFrames whose columns are documented in docs/tables.md;
docs/architecture.md shows how the packages fit together. `analysis.timeline` is the timeline
package (`analysis.timeline.timeline(documents, mentions)` gives the corpus table).
"""

from analysis import timeline
from analysis.entities import extract_entities, mentions
from analysis.pipeline import (
    Analysis,
    analyze,
    load_corpus,
    open_analysis,
    open_article,
    read_corpus,
)
from analysis.sentiment import entity_tone, score, sentence_sentiment
from analysis.timeline import extract_timexes

__all__ = [
    "Analysis",
    "analyze",
    "entity_tone",
    "extract_entities",
    "extract_timexes",
    "load_corpus",
    "mentions",
    "open_analysis",
    "open_article",
    "read_corpus",
    "score",
    "sentence_sentiment",
    "timeline",
]
