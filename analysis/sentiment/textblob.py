"""textblob-de's own polarity, kept as a column so users can compare it with ours."""

from __future__ import annotations

import re
from functools import cache

WORD = re.compile(r"\w+")


@cache
def _textblob_analyzer():
    # imported here, not at the top: textblob-de takes 1.8 s to import (NLTK) and only this
    # comparison column needs it, so runs that leave the column out never pay for it
    from textblob_de.sentiments import PatternAnalyzer
    from textblob_de.tokenizers import PatternTokenizer

    return PatternAnalyzer(tokenizer=PatternTokenizer())


def textblob_polarity(text: str) -> float:
    """textblob-de's own polarity, kept as a column so users can compare."""
    return float(_textblob_analyzer().analyze(text).polarity) if WORD.search(text) else 0.0
