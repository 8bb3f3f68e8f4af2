"""Small, readable tables that notebooks show under each chart, so the numbers can be searched."""

from __future__ import annotations

import pandas as pd

from analysis.sentiment import tone_by_day

METADATA_FIELDS = {
    "title": "Titel",
    "author": "Autor",
    "agency": "Agentur",
    "dateline": "Ortsmarke",
    "published": "Veröffentlicht",
    "published_source": "Datum ermittelt aus",
    "source": "Datei",
    "doc_id": "doc_id",
}


def article_metadata(documents: pd.DataFrame) -> pd.DataFrame:
    """The metadata of the first article as field/value rows (where its date came from included)."""
    if documents.empty:
        return pd.DataFrame(columns=["Feld", "Wert"])
    row = documents.iloc[0]
    values = []
    for column, name in METADATA_FIELDS.items():
        value = row.get(column, "")
        if column == "published":
            value = "unbekannt" if pd.isna(value) else pd.Timestamp(value).date().isoformat()
        values.append((name, value or "–"))
    return pd.DataFrame(values, columns=["Feld", "Wert"])


def mention_counts(mentions: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Entities by number of mentions (and, in a corpus, the number of articles naming them)."""
    if mentions.empty:
        return pd.DataFrame(columns=["entity", "label", "mentions", "articles"])
    counts = (
        mentions.groupby(["entity", "label"])
        .agg(mentions=("start", "size"), articles=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["mentions", "entity"], ascending=[False, True], ignore_index=True)
    )
    return counts.head(top) if top else counts


def timeline_table(timeline: pd.DataFrame) -> pd.DataFrame:
    """Referenced dates in calendar order with the sentence that refers to them."""
    columns = ["value", "type", "text", "date_start", "date_end", "entities", "sentence"]
    if timeline.empty:
        return pd.DataFrame(columns=columns)
    ordered = timeline.sort_values(["date_start", "start"], na_position="last")[columns]
    for column in ["date_start", "date_end"]:  # days, not midnight timestamps
        ordered[column] = pd.to_datetime(ordered[column]).dt.date
    return ordered.reset_index(drop=True)


def referenced_periods(timeline: pd.DataFrame) -> pd.DataFrame:
    """How often each year is referred to in a corpus (by the start of each dated expression)."""
    dated = timeline.dropna(subset=["date_start"])
    if dated.empty:
        return pd.DataFrame(columns=["year", "references", "articles"])
    years = pd.to_datetime(dated["date_start"]).dt.year
    return (
        dated.assign(year=years)
        .groupby("year")
        .agg(references=("value", "size"), articles=("doc_id", "nunique"))
        .reset_index()
    )


def sentence_tone(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Each sentence with its tone and parts, textblob-de beside it for comparison."""
    columns = [
        "sentence_id", "label", "polarity", "positive", "negative", "textblob_polarity", "text",
    ]
    return sentiment[columns].reset_index(drop=True)


def tone_over_time(
    sentiment: pd.DataFrame, documents: pd.DataFrame, mentions: pd.DataFrame, top: int = 5
) -> pd.DataFrame:
    """The numbers behind charts.tone_over_time: daily tone towards the most mentioned entities."""
    top_entities = mention_counts(mentions, top=top)["entity"].tolist()
    return tone_by_day(sentiment, documents, mentions, top_entities)


def documents_overview(documents: pd.DataFrame, article_tone: pd.DataFrame) -> pd.DataFrame:
    """One line per article: date, title, agency and its mean tone."""
    columns = ["published", "title", "agency", "mean_polarity", "doc_id"]
    if documents.empty:
        return pd.DataFrame(columns=columns)
    merged = documents.merge(article_tone[["doc_id", "mean_polarity"]], on="doc_id", how="left")
    return merged.sort_values("published", na_position="last")[columns].reset_index(drop=True)


def quotes_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Who said what: speaker, verb, direct or indirect, the quote and its tone, in text order."""
    columns = ["speaker", "verb", "kind", "quote", "tone"]
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    table = quotes.sort_values(["doc_id", "start"]) if "doc_id" in quotes else quotes
    return table.assign(speaker=table["speaker"].replace("", "(unbekannt)"))[columns].reset_index(
        drop=True
    )


def speakers(quotes: pd.DataFrame, top: int | None = 20) -> pd.DataFrame:
    """Who is quoted most: quotes per speaker, direct and indirect, and the tone of their words."""
    columns = ["speaker", "quotes", "direct", "indirect", "articles", "mean_polarity",
               "positive", "negative"]
    named = quotes[quotes["speaker"] != ""] if not quotes.empty else quotes
    if named.empty:
        return pd.DataFrame(columns=columns)
    table = (
        named.assign(
            direct=named["kind"] == "direct",
            indirect=named["kind"] == "indirect",
            positive=named["tone"] == "positive",
            negative=named["tone"] == "negative",
        )
        .groupby("speaker")
        .agg(
            quotes=("quote", "size"), direct=("direct", "sum"), indirect=("indirect", "sum"),
            articles=("doc_id", "nunique"), mean_polarity=("polarity", "mean"),
            positive=("positive", "sum"), negative=("negative", "sum"),
        )
        .reset_index()
        .sort_values(["quotes", "speaker"], ascending=[False, True], ignore_index=True)
    )
    return table[columns].head(top) if top else table[columns]


def quote_kinds(quotes: pd.DataFrame) -> pd.DataFrame:
    """Share of direct and indirect speech among all quotes."""
    counts = quotes["kind"].value_counts() if not quotes.empty else pd.Series(dtype=int)
    kinds = ["direct", "indirect"]
    total = int(counts.sum())
    return pd.DataFrame(
        {
            "kind": kinds,
            "quotes": [int(counts.get(kind, 0)) for kind in kinds],
            "share": [counts.get(kind, 0) / total if total else 0.0 for kind in kinds],
        }
    )
