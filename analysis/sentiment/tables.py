"""The tone tables: per sentence, per mention, per article, per entity and per day.

Their columns are documented in docs/tables.md; the pipeline builds the per-article rows
(sentence_rows, mention_tone_rows) and the summaries (article_sentiment, entity_tone) from them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from analysis.document import Doc
from analysis.sentiment.scoring import score
from analysis.sentiment.textblob import textblob_polarity

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
MENTION_TONE_COLUMNS = [
    "doc_id",
    "sentence_id",
    "start",
    "end",
    "entity",
    "label",
    "polarity",
    "tone",
    "positive",
    "negative",
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


def sentence_rows(doc: Doc, textblob: bool = True) -> list[tuple]:
    """The tone layer of one article: a row per sentence in SENTIMENT_COLUMNS order."""
    rows = []
    for sentence in doc.sentences:
        tone = score(sentence.text)
        rows.append((doc.doc_id, sentence.sentence_id, sentence.start, sentence.end, sentence.text,
                     tone.polarity, tone.label, tone.positive, tone.negative, tone.words,
                     textblob_polarity(sentence.text) if textblob else math.nan))
    return rows


def sentence_sentiment(documents: pd.DataFrame, textblob: bool = True) -> pd.DataFrame:
    """Tone of every sentence of every article (columns in docs/tables.md).

    textblob-de's comparison polarity costs more than the rest of the analysis together (its
    pattern parser lemmatises every sentence), so corpus runs may leave it out with
    `textblob=False`: the column is then NaN until `with_textblob` fills it where it is shown.
    """
    rows = [row for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
            for row in sentence_rows(Doc.parse(text, doc_id), textblob)]
    return pd.DataFrame(rows, columns=SENTIMENT_COLUMNS)


def with_textblob(table: pd.DataFrame) -> pd.DataFrame:
    """`table` (sentence sentiment) with textblob-de's polarity filled in where it was left out."""
    missing = table["textblob_polarity"].isna()
    if not missing.any():
        return table
    filled = table["textblob_polarity"].copy()
    filled[missing] = [textblob_polarity(text) for text in table.loc[missing, "text"]]
    return table.assign(textblob_polarity=filled.astype("float64"))


def mention_tone_rows(doc: Doc, mentions: Iterable[tuple]) -> list[tuple]:
    """Tone towards each mention of one article, scored on its sentence with the mention as
    target; `mentions` are rows starting doc_id, sentence_id, start, end, entity, label."""
    rows = []
    for doc_id, sentence_id, start, end, entity, label in mentions:
        sentence = doc.sentences[sentence_id]
        first = min(max(start - sentence.start, 0), len(sentence.text))
        last = min(max(end - sentence.start, first), len(sentence.text))
        tone = score(sentence.text, (first, last))
        rows.append((doc_id, sentence_id, start, end, entity, label, tone.polarity, tone.label,
                     tone.positive, tone.negative))
    return rows


def mention_tone(documents: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Tone towards every mention, scored on its sentence with the mention as target.

    `mentions` needs doc_id, sentence_id, start, end (offsets in the article), entity, label; the
    result's label is the entity type and tone the target tone (columns in MENTION_TONE_COLUMNS).
    """
    if mentions.empty or documents.empty:
        return pd.DataFrame(columns=MENTION_TONE_COLUMNS)
    columns = ["doc_id", "sentence_id", "start", "end", "entity", "label"]
    docs = {doc_id: Doc.parse(text, doc_id)
            for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)}
    rows = [tone for mention in zip(*(mentions[c].tolist() for c in columns), strict=True)
            for tone in mention_tone_rows(docs[mention[0]], [mention])]
    return pd.DataFrame(rows, columns=MENTION_TONE_COLUMNS)


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


def tone_per_sentence(
    mentions: pd.DataFrame, sentiment: pd.DataFrame, entity: list[str]
) -> pd.DataFrame:
    """One row per entity (the `entity` columns) and sentence naming it, with polarity and tone.

    From per-mention target tone when `sentiment` is a mention_tone table (several mentions in one
    sentence: their mean polarity and the label of the most polar one), else the tone of the whole
    sentence.
    """
    keys = ["doc_id", "sentence_id"]
    if "entity" in sentiment.columns:
        strongest_first = sentiment.iloc[
            sentiment["polarity"].abs().argsort(kind="stable")[::-1].to_numpy()
        ]
        return strongest_first.groupby([*keys, *entity], as_index=False).agg(
            polarity=("polarity", "mean"), tone=("tone", "first")
        )
    tones = sentiment[[c for c in (*keys, "polarity", "label") if c in sentiment.columns]]
    return (
        mentions[[*keys, *entity]]
        .drop_duplicates()
        .merge(tones.rename(columns={"label": "tone"}), on=keys)
    )


def entity_tone(
    mentions: pd.DataFrame, sentiment: pd.DataFrame, by_doc: bool = False
) -> pd.DataFrame:
    """Tone towards each entity from the sentences naming it, in parts (as GDELT reports it).

    `sentiment` is either the sentence table (tone of the sentences naming the entity) or, better,
    mention_tone(documents, mentions) (tone towards the entity itself in each sentence).
    """
    columns = (["doc_id"] if by_doc else []) + TONE_COLUMNS
    if mentions.empty or sentiment.empty:
        return pd.DataFrame(columns=columns)
    group_keys = [*(["doc_id"] if by_doc else []), "entity", "label"]
    per_sentence = tone_per_sentence(mentions, sentiment, ["entity", "label"])
    if per_sentence.empty:
        return pd.DataFrame(columns=columns)
    # whole-column aggregates: a Python loop over groups took seconds at 10,000 articles
    grouped = per_sentence.groupby(group_keys, sort=False)
    table = grouped["polarity"].agg(sentences="size", mean_polarity="mean", spread="std")
    table.insert(0, "mentions", mentions.groupby(group_keys).size().reindex(table.index))
    labels = ["positive", "neutral", "negative"]
    tones = (per_sentence.groupby([*group_keys, "tone"], sort=False).size().unstack("tone")
             .reindex(index=table.index, columns=labels).fillna(0).astype("int64"))
    for tone in labels:
        table[f"{tone}_sentences"] = tones[tone]
    count = table["sentences"].to_numpy()
    half = (1.96 * table["spread"].fillna(0) / count**0.5).clip(lower=1.0 / count**0.5)
    few = count < 2  # one sentence: the band spans the whole scale (we know little)
    table["ci_low"] = (table["mean_polarity"] - half).clip(lower=-1.0).mask(few, -1.0)
    table["ci_high"] = (table["mean_polarity"] + half).clip(upper=1.0).mask(few, 1.0)
    table = table.reset_index()[columns].astype({"mentions": "int64", "sentences": "int64"})
    return table.sort_values(["mentions", "entity"], ascending=[False, True], ignore_index=True)
