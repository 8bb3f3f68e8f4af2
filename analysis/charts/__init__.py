"""Matplotlib figures for the analysis tables (see docs/tables.md).

Every chart returns a ``matplotlib.figure.Figure`` created without pyplot, so nothing stays open in
a notebook or a headless run, and every figure carries ``fig.alt_text``: a sentence with the key
numbers that :func:`display_figure` puts into the ``alt`` attribute and caption of the HTML report.
Everything a reader sees is German (words for the tables' codes come from :mod:`analysis.wording`);
colours are fixed per entity type and per tone label so that all charts of a report agree. Tone
charts say on the figure and in the caption how often the tone model was right when measured.

Modules:
- `style`: colours, the shared matplotlib style, alt text, labels, legends, German ticks and dates.
- `periods`: publication periods (day, week, month) on the x axis of charts over time.
- `entities`: the most mentioned names and which of them share sentences.
- `timeline`: the dates an article refers to; the periods a corpus refers to per week.
- `tone`: tone through an article, towards the top names, and towards them over time.
- `attention`: attention over time and the most quoted speakers.
- `output`: figures as inline SVG HTML with their alt text, shown in Jupyter.
"""

from analysis.charts.attention import attention_over_time, quoted_speakers
from analysis.charts.entities import cooccurrence_network, entity_mentions
from analysis.charts.output import display_figure, figure_html
from analysis.charts.style import LABEL_COLOURS, TONE_COLOURS, with_alt_text
from analysis.charts.timeline import periods_by_publication, timeline_chart
from analysis.charts.tone import entity_tone, sentiment_through_article, tone_over_time

__all__ = [
    "LABEL_COLOURS",
    "TONE_COLOURS",
    "attention_over_time",
    "cooccurrence_network",
    "display_figure",
    "entity_mentions",
    "entity_tone",
    "figure_html",
    "periods_by_publication",
    "quoted_speakers",
    "sentiment_through_article",
    "timeline_chart",
    "tone_over_time",
    "with_alt_text",
]
