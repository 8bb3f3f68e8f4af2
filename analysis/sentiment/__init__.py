"""Tone of sentences, articles and of the text around an entity (analysis step).

Two German lexicons weigh the words, rules handle what a plain sum gets wrong (negation scope,
intensifiers and downtoners, contrast, quoted speech, and for a target the clause it stands in),
and a small logistic regression over the rules' parts decides the label, except where the rules
see clear wording. Modules:

- lexicon: SentiWS and textblob-de's lexicon, their inflections, compound heads (word_weights).
- rules: tokens and clauses, polar words with negation, modifiers and contrast; the rule tone.
- scoring: the model's features, the shipped weights, score() and how reliable it is.
- textblob: textblob-de's own polarity, a comparison column.
- tables: the sentence, mention, article, entity and per-day tone tables.
"""

from analysis.sentiment.lexicon import DATA_DIR, lexicons, word_weights
from analysis.sentiment.rules import (
    LABELS,
    Tone,
    contrasted,
    label_for,
    polar_words,
    rule_score,
    target_clause,
    target_tokens,
    tokenize,
)
from analysis.sentiment.scoring import (
    MODEL_PATH,
    combine,
    features,
    model,
    probabilities,
    reliability,
    score,
    score_batch,
)
from analysis.sentiment.tables import (
    MENTION_TONE_COLUMNS,
    SENTIMENT_COLUMNS,
    TONE_COLUMNS,
    article_sentiment,
    entity_tone,
    mention_tone,
    mention_tone_rows,
    sentence_rows,
    sentence_sentiment,
    tone_per_sentence,
    with_textblob,
)
from analysis.sentiment.textblob import WORD, textblob_polarity

__all__ = [
    "DATA_DIR",
    "LABELS",
    "MENTION_TONE_COLUMNS",
    "MODEL_PATH",
    "SENTIMENT_COLUMNS",
    "TONE_COLUMNS",
    "WORD",
    "Tone",
    "article_sentiment",
    "combine",
    "contrasted",
    "entity_tone",
    "features",
    "label_for",
    "lexicons",
    "mention_tone",
    "mention_tone_rows",
    "model",
    "polar_words",
    "probabilities",
    "reliability",
    "rule_score",
    "score",
    "score_batch",
    "sentence_rows",
    "sentence_sentiment",
    "target_clause",
    "target_tokens",
    "textblob_polarity",
    "tokenize",
    "tone_per_sentence",
    "with_textblob",
    "word_weights",
]
