"""Who said what: direct quotes („…“, »…«, "…", ‚…‘) and indirect speech with their speakers.

Rule-based, because German news reports speech in a few fixed frames: a quote followed by
", sagte X", a colon after "X sagte", "X erklärte, dass …", "…, so X", "laut X", and
subjunctive sentences that continue what the last speaker said. Speakers are named entities
(canonical names from `analysis.entities`), pronouns and roles resolved to the person they stand
for ("sagte er", "so der Bürgermeister"), or the organisation a spokesperson speaks for; anything
else ("Manche", "Ende Dezember", "das Büro", an unresolved "er") is unknown: speaker "", with
speaker_start/speaker_end still on the words where they stand, if any (issue 14,
docs/news-speakers.md). Short quoted words without a speech frame are scare quotes
(„kameradschaftliche“ Beziehungen) and are not counted.

Modules:
- `lexicon`: the word lists of `analysis/data/quotes/` and the inflected speech verbs;
- `article`: one parsed article's words, mentions, clauses, noun phrases and speakers;
- `finder`: direct and indirect quotes of one article and the sentences that continue them;
- `table`: quotes as rows (`quote_rows`, for the pipeline) and DataFrames (`extract_quotes`).
"""

from analysis.quotes.lexicon import speech_verbs
from analysis.quotes.table import (
    COLUMNS,
    DOCUMENT_COLUMNS,
    extract_quotes,
    quote_rows,
    quotes,
)

__all__ = [
    "COLUMNS",
    "DOCUMENT_COLUMNS",
    "extract_quotes",
    "quote_rows",
    "quotes",
    "speech_verbs",
]
