"""Tone of sentences, articles and of the text around an entity.

This first scorer is textblob-de's lexicon (the one users know), fed our own sentences so that no
NLTK data is needed. It keeps the parts of the tone (positive and negative weight, words scored,
coverage) rather than one number, and scores a target on its own clause, not the whole sentence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis.language import segment

NEUTRAL_BAND = 0.1  # |polarity| below this is neutral: textblob-de calls most plain news positive
WORD = re.compile(r"\w+")
CLAUSE_BREAK = re.compile(
    r"[,;:–—(){}\[\]„“”»«\"]|\b(?:aber|jedoch|doch|sondern|während|obwohl|weil|dass)\b"
)
SENTIMENT_COLUMNS = [
    "doc_id",
    "sentence_id",
    "start",
    "end",
    "text",
    "polarity",
    "label",
    "positive",
    "negative",
    "words",
    "textblob_polarity",
]
TONE_COLUMNS = [
    "entity",
    "label",
    "mentions",
    "sentences",
    "mean_polarity",
    "positive_sentences",
    "neutral_sentences",
    "negative_sentences",
    "ci_low",
    "ci_high",
]


@dataclass(frozen=True, slots=True)
class Tone:
    """The tone of a text, in parts.

    positive and negative are the summed lexicon weights of the positive and negative words (both
    ≥ 0); words is how many words the lexicon scored; coverage is their share of all words.
    """

    label: str
    polarity: float
    positive: float
    negative: float
    words: int
    coverage: float


@cache
def _textblob_parts():
    from textblob_de.sentiments import PatternAnalyzer, sentiment
    from textblob_de.tokenizers import PatternTokenizer

    return PatternAnalyzer(tokenizer=PatternTokenizer()), sentiment


def label_for(polarity: float) -> str:
    if polarity > NEUTRAL_BAND:
        return "positive"
    if polarity < -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def target_clause(text: str, target: tuple[int, int]) -> str:
    """The clause around the target: what the sentence says next to the entity, not elsewhere."""
    start, end = target
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"target {target} lies outside the text of length {len(text)}")
    breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(text)]
    clause_start = max((b_end for b_start, b_end in breaks if b_end <= start), default=0)
    clause_end = min((b_start for b_start, _ in breaks if b_start >= end), default=len(text))
    return text[clause_start:clause_end]


def score(text: str, target: tuple[int, int] | None = None) -> Tone:
    """Tone of `text`; with `target` (char offsets of a mention) the tone towards that mention."""
    scope = target_clause(text, target) if target is not None else text
    analyzer, lexicon = _textblob_parts()
    lemmas = analyzer._lemmatize(scope) if WORD.search(scope) else ""
    assessment = lexicon(lemmas)
    weights = [polarity for _, polarity, _, _ in assessment.assessments]
    word_count = len(WORD.findall(scope))
    polarity = float(assessment[0])
    return Tone(
        label=label_for(polarity),
        polarity=polarity,
        positive=sum((w for w in weights if w > 0), 0.0),
        negative=-sum((w for w in weights if w < 0), 0.0),
        words=len(weights),
        coverage=len(weights) / word_count if word_count else 0.0,
    )


def textblob_polarity(text: str) -> float:
    """textblob-de's own polarity, kept as a column so users can compare."""
    analyzer, _ = _textblob_parts()
    return float(analyzer.analyze(text).polarity) if WORD.search(text) else 0.0


def sentence_sentiment(documents: pd.DataFrame) -> pd.DataFrame:
    """Tone of every sentence of every article (columns in docs/tables.md)."""
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        for sentence in segment(text):
            tone = score(sentence.text)
            rows.append(
                (
                    doc_id,
                    sentence.sentence_id,
                    sentence.start,
                    sentence.end,
                    sentence.text,
                    tone.polarity,
                    tone.label,
                    tone.positive,
                    tone.negative,
                    tone.words,
                    textblob_polarity(sentence.text),
                )
            )
    return pd.DataFrame(rows, columns=SENTIMENT_COLUMNS)


def article_sentiment(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Per article: mean sentence polarity and counts of positive, neutral, negative sentences."""
    counts = pd.crosstab(sentiment["doc_id"], sentiment["label"]).reindex(
        columns=["positive", "neutral", "negative"], fill_value=0
    )
    counts.columns = [f"{label}_sentences" for label in counts.columns]
    means = sentiment.groupby("doc_id").agg(
        mean_polarity=("polarity", "mean"), textblob_polarity=("textblob_polarity", "mean")
    )
    return means.join(counts).reset_index()


def _mean_band(values: pd.Series) -> tuple[float, float]:
    """95 % band of a mean; with one value the band spans the whole scale (we know little)."""
    if len(values) < 2:
        return -1.0, 1.0
    half = 1.96 * values.std(ddof=1) / math.sqrt(len(values))
    half = max(half, 1.0 / math.sqrt(len(values)))  # few sentences never look certain
    mean = values.mean()
    return max(-1.0, mean - half), min(1.0, mean + half)


def entity_tone(
    mentions: pd.DataFrame, sentiment: pd.DataFrame, by_doc: bool = False
) -> pd.DataFrame:
    """Tone towards each entity from the sentences naming it, in parts (as GDELT reports it)."""
    columns = (["doc_id"] if by_doc else []) + TONE_COLUMNS
    if mentions.empty or sentiment.empty:
        return pd.DataFrame(columns=columns)
    keys = ["doc_id", "sentence_id"]
    mention_counts = mentions.groupby([*(["doc_id"] if by_doc else []), "entity", "label"]).size()
    per_sentence = (
        mentions[[*keys, "entity", "label"]]
        .drop_duplicates()
        .merge(sentiment[[*keys, "polarity", "label"]].rename(columns={"label": "tone"}), on=keys)
    )
    rows = []
    group_keys = [*(["doc_id"] if by_doc else []), "entity", "label"]
    for key, group in per_sentence.groupby(group_keys, sort=False):
        low, high = _mean_band(group["polarity"])
        tones = group["tone"].value_counts()
        rows.append(
            (
                *key,
                int(mention_counts[key]),
                len(group),
                float(group["polarity"].mean()),
                int(tones.get("positive", 0)),
                int(tones.get("neutral", 0)),
                int(tones.get("negative", 0)),
                low,
                high,
            )
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["mentions", "entity"], ascending=[False, True], ignore_index=True)


def tone_by_day(
    sentiment: pd.DataFrame,
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    entities: list[str],
) -> pd.DataFrame:
    """Mean polarity of the sentences naming each of `entities`, per publication day.

    Columns entity, day, sentences, mean_polarity; undated articles are left out.
    """
    columns = ["entity", "day", "sentences", "mean_polarity"]
    keys = ["doc_id", "sentence_id"]
    published = pd.to_datetime(documents["published"]).dt.normalize()
    days = pd.DataFrame({"doc_id": documents["doc_id"], "day": published}).dropna(subset=["day"])
    named = mentions.loc[mentions["entity"].isin(entities), [*keys, "entity"]].drop_duplicates()
    rows = named.merge(sentiment[[*keys, "polarity"]], on=keys).merge(days, on="doc_id")
    if rows.empty:
        return pd.DataFrame(columns=columns)
    daily = rows.groupby(["entity", "day"]).agg(
        sentences=("polarity", "size"), mean_polarity=("polarity", "mean")
    )
    return daily.reset_index()[columns]
