"""Timeline step: a rule-based German temporal tagger producing TIMEX3 annotations.

Regexes only (compiled at import), so a corpus of news articles is tagged at hundreds of documents
per second. Extents follow the KRAUTS/TimeML conventions: leading prepositions ("am", "im") are
left out, determiners and modifiers that belong to the expression ("der vergangenen Woche") are
kept. Relative expressions are resolved against the document creation time.

- `rules`: the lexicon tables of analysis/data/timeline/ and the regex fragments built from them.
- `context`: the text, reference date and clause tense a handler sees; calendar helpers.
- `dates`: handlers of DATE and TIME matches.
- `durations`: handlers of DURATION and SET matches.
- `patterns`: the ordered pattern -> handler table.
- `tagger`: `timex_rows`/`extract_timexes`: overlaps, narratives, days counted from the day
  named before them, clock times, "heute".
- `values`: `value_range`, the calendar range of a TIMEX3 value.
- `table`: the timeline table of an article or a corpus.
- `periods`: references per period and publication week, for a chart.
"""

from analysis.timeline.context import easter_sunday
from analysis.timeline.rules import DATA_DIR, load_tables
from analysis.timeline.table import TIMELINE_COLUMNS, timeline, timeline_frame, timeline_rows
from analysis.timeline.tagger import COLUMNS, extract_timexes, timex_rows
from analysis.timeline.values import value_range

__all__ = [
    "COLUMNS",
    "DATA_DIR",
    "TIMELINE_COLUMNS",
    "easter_sunday",
    "extract_timexes",
    "load_tables",
    "timeline",
    "timeline_frame",
    "timeline_rows",
    "timex_rows",
    "value_range",
]
