"""Small, readable tables that notebooks show under each chart, so the numbers can be searched."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from analysis.entities import WHO_LABELS
from analysis.sentiment import tone_per_sentence, with_textblob


def _who(mentions: pd.DataFrame, labels: Collection[str] | None) -> pd.DataFrame:
    """The mentions of `labels` (all with None): MISC names works and events, not actors."""
    if labels is None or mentions.empty or "label" not in mentions.columns:
        return mentions
    return mentions[mentions["label"].isin(labels)]


def mention_counts(mentions: pd.DataFrame, top: int | None = None,
                   labels: Collection[str] | None = WHO_LABELS) -> pd.DataFrame:
    """Entities by number of mentions (and, in a corpus, the number of articles naming them);
    persons, organisations and places unless `labels` says otherwise (None: all)."""
    mentions = _who(mentions, labels)
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
    """Referenced dates in calendar order with the sentence that refers to them (and, in a
    corpus, the article: doc_id)."""
    columns = ["text", "type", "date_start", "date_end", "value", "entities", "sentence", "doc_id"]
    if timeline.empty:
        return pd.DataFrame(columns=columns)
    ordered = timeline.sort_values(["date_start", "doc_id", "start"], na_position="last")[columns]
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
    """Each sentence with its tone and parts, textblob-de beside it for comparison (computed
    here for the sentences shown when the corpus run left it out)."""
    columns = [
        "sentence_id", "label", "polarity", "positive", "negative", "textblob_polarity", "text",
    ]
    return with_textblob(sentiment[columns].reset_index(drop=True))


def tone_over_time(
    sentiment: pd.DataFrame, documents: pd.DataFrame, mentions: pd.DataFrame, top: int = 5,
    freq: str | None = None,
) -> pd.DataFrame:
    """The numbers behind charts.tone_over_time: tone towards the most mentioned entities per
    period (by default attention_period's; the `day` column then holds the period's first day)."""
    top_entities = mention_counts(mentions, top=top)["entity"].tolist()
    return tone_by_day(sentiment, documents, mentions, top_entities,
                       freq=freq or attention_period(documents))


def documents_overview(documents: pd.DataFrame, article_tone: pd.DataFrame) -> pd.DataFrame:
    """One line per article: date, the article (doc_id), agency and its mean tone."""
    columns = ["published", "doc_id", "agency", "mean_polarity"]
    if documents.empty:
        return pd.DataFrame(columns=columns)
    merged = documents.merge(article_tone[["doc_id", "mean_polarity"]], on="doc_id", how="left")
    return merged.sort_values("published", na_position="last")[columns].reset_index(drop=True)


def quotes_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Who said what: speaker, verb, direct or indirect, the quote, its tone and the article
    (doc_id), in text order."""
    columns = ["speaker", "verb", "kind", "quote", "tone", "doc_id"]
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    table = quotes.sort_values(["doc_id", "start"]) if "doc_id" in quotes else quotes
    shown = [column for column in columns if column in table.columns]
    return table.assign(speaker=table["speaker"].replace("", "(unbekannt)"))[shown].reset_index(
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


def _periods(published: pd.Series, freq: str) -> pd.Series:
    """Publication dates as period starts: days (D), weeks from Monday (W) or months (M)."""
    days = pd.to_datetime(published).dt.normalize()
    if freq == "D":
        return days
    return days.dt.to_period(freq).dt.start_time


def attention_period(documents: pd.DataFrame, *, min_articles: int = 5) -> str:
    """The finest period, "D", "W" or "M", whose median non-empty period holds at least
    `min_articles` articles; "M" when even that is thinner or nothing is dated.

    A share of one article is 0 % or 100 %: with one article a day, daily attention is a sawtooth
    that says nothing, while weekly shares of seven articles show a trend.
    """
    for freq in ("D", "W"):
        per_period = _periods(documents["published"], freq).value_counts()
        if per_period.median() >= min_articles:  # NaN (nothing dated) is not
            return freq
    return "M"


def attention(
    documents: pd.DataFrame, mentions: pd.DataFrame, top: int = 5, freq: str | None = None,
    entities: list[str] | None = None,
) -> pd.DataFrame:
    """Share of each period's articles that mention an entity (Media Cloud's attention measure).

    Normalising by the articles of the period keeps a busy news day from looking like interest.
    Columns period, entity, articles (mentioning it), total (articles that period), share; only
    periods with articles have rows. `freq` defaults to attention_period(documents); the table
    keeps the one used in `attrs["freq"]`, so a chart can name it.
    """
    columns = ["period", "entity", "articles", "total", "share"]
    freq = freq or attention_period(documents)
    dated = documents.assign(period=_periods(documents["published"], freq)).dropna(
        subset=["period"]
    )
    if dated.empty or mentions.empty:
        return pd.DataFrame(columns=columns)
    chosen = entities or mention_counts(mentions, top=top)["entity"].tolist()
    totals = dated.groupby("period")["doc_id"].nunique().rename("total")
    named = (
        mentions.loc[mentions["entity"].isin(chosen), ["doc_id", "entity"]]
        .drop_duplicates()
        .merge(dated[["doc_id", "period"]], on="doc_id")
        .groupby(["period", "entity"])["doc_id"]
        .nunique()
        .rename("articles")
        .reset_index()
    )
    grid = pd.MultiIndex.from_product([totals.index, chosen], names=["period", "entity"])
    table = (
        named.set_index(["period", "entity"]).reindex(grid, fill_value=0).reset_index()
        .merge(totals.reset_index(), on="period")
    )
    table = table.assign(share=table["articles"] / table["total"])[columns]
    table.attrs["freq"] = freq
    return table


def top_entities_by_period(
    documents: pd.DataFrame, mentions: pd.DataFrame, freq: str | None = None, top: int = 5,
    labels: Collection[str] | None = WHO_LABELS,
) -> pd.DataFrame:
    """The most mentioned entities of each period (by articles naming them), ranked; `freq`
    defaults to attention_period(documents), so the periods match the attention chart's;
    persons, organisations and places unless `labels` says otherwise."""
    columns = ["period", "rank", "entity", "label", "articles", "mentions"]
    mentions = _who(mentions, labels)
    freq = freq or attention_period(documents)
    dated = documents.assign(period=_periods(documents["published"], freq)).dropna(
        subset=["period"]
    )
    rows = mentions.merge(dated[["doc_id", "period"]], on="doc_id") if not mentions.empty else None
    if rows is None or rows.empty:
        return pd.DataFrame(columns=columns)
    counts = (
        rows.groupby(["period", "entity", "label"])
        .agg(articles=("doc_id", "nunique"), mentions=("start", "size"))
        .reset_index()
        .sort_values(["period", "articles", "mentions", "entity"],
                     ascending=[True, False, False, True])
    )
    counts["rank"] = counts.groupby("period").cumcount() + 1
    return counts[counts["rank"] <= top][columns].reset_index(drop=True)


def said_by(quotes: pd.DataFrame, entity: str) -> pd.DataFrame:
    """What the entity said: its quotes, direct and indirect, with their tone."""
    return quotes_table(quotes[quotes["speaker"] == entity] if not quotes.empty else quotes)


def said_about(sentiment: pd.DataFrame, mentions: pd.DataFrame, entity: str) -> pd.DataFrame:
    """What was said about the entity: every sentence naming it, with the sentence's tone."""
    columns = ["doc_id", "sentence_id", "label", "polarity", "text"]
    keys = mentions.loc[mentions["entity"] == entity, ["doc_id", "sentence_id"]].drop_duplicates()
    if keys.empty:
        return pd.DataFrame(columns=columns)
    return keys.merge(sentiment, on=["doc_id", "sentence_id"])[columns].reset_index(drop=True)


def co_mentions(mentions: pd.DataFrame, entity: str, top: int = 15) -> pd.DataFrame:
    """Who appears in the same sentences as the entity, and how often."""
    keys = mentions.loc[mentions["entity"] == entity, ["doc_id", "sentence_id"]].drop_duplicates()
    others = mentions.merge(keys, on=["doc_id", "sentence_id"])
    others = others[others["entity"] != entity].drop_duplicates(["doc_id", "sentence_id", "entity"])
    if others.empty:
        return pd.DataFrame(columns=["entity", "label", "sentences"])
    return (
        others.groupby(["entity", "label"]).size().rename("sentences").reset_index()
        .sort_values(["sentences", "entity"], ascending=[False, True], ignore_index=True)
        .head(top)
    )


def resolve_entity(mentions: pd.DataFrame, entity: str | None = None) -> str:
    """The entity a report is about: the given canonical name, or the most mentioned one."""
    counts = mention_counts(mentions)
    if counts.empty:
        raise KeyError("no entities are mentioned in this corpus")
    if entity is None:
        return counts["entity"].iloc[0]
    if entity in set(counts["entity"]):
        return entity
    similar = counts.loc[counts["entity"].str.contains(entity, case=False, regex=False), "entity"]
    hint = f"; did you mean {', '.join(similar.head(5))}?" if len(similar) else ""
    raise KeyError(f"{entity!r} is not a canonical entity name in this corpus{hint}")


PERIOD_COLUMNS = ["published", "period", "references", "articles"]


def periods_by_publication(
    timeline: pd.DataFrame, documents: pd.DataFrame, freq: str = "W", period: str = "Y"
) -> pd.DataFrame:
    """The numbers behind charts.periods_by_publication: references to each year
    (`period="M"`: month) per publication week (`freq`, e.g. "D").

    Shows which periods a corpus talks about as it goes on. A reference counts only when its
    range lies inside one period ("März 2023" for 2023; "die 90er Jahre" for no year), so coarse
    mentions do not smear over many. `published` and `period` hold the first day of their period;
    `articles` counts the articles behind the references.
    """
    empty = pd.DataFrame({
        "published": pd.Series(dtype="datetime64[us]"), "period": pd.Series(dtype="datetime64[us]"),
        "references": pd.Series(dtype="int64"), "articles": pd.Series(dtype="int64"),
    })
    if timeline.empty or documents.empty:
        return empty
    refs = timeline[["doc_id", "date_start", "date_end"]].merge(
        documents[["doc_id", "published"]].drop_duplicates("doc_id"), on="doc_id"
    ).dropna()
    first = pd.to_datetime(refs["date_start"]).dt.to_period(period)
    last = pd.to_datetime(refs["date_end"]).dt.to_period(period)
    refs = refs[first == last].assign(
        published=lambda df: pd.to_datetime(df["published"]).dt.to_period(freq).dt.start_time,
        period=first[first == last].dt.start_time,
    )
    if refs.empty:
        return empty
    table = refs.groupby(["published", "period"], as_index=False).agg(
        references=("doc_id", "size"), articles=("doc_id", "nunique")
    )
    return table.sort_values(["published", "period"], ignore_index=True)[PERIOD_COLUMNS]


def mentions_of(mentions: pd.DataFrame, entity: str) -> pd.DataFrame:
    """The mentions of one entity, for charts that should show only it."""
    return mentions[mentions["entity"] == entity]


KWIC_COLUMNS = ["entity", "published", "left", "mention", "right", "doc_id"]
WORD_SLACK = 30  # how far a context may grow to keep its outermost word whole


def keyword_in_context(
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    entities: list[str] | None = None,
    top: int = 10,
    lines: int = 5,
    width: int = 60,
) -> pd.DataFrame:
    """Keyword-in-context lines: how a name is used, not only how often it is.

    For `entities` (default: the `top` most mentioned), the latest `lines` mentions of each with
    up to `width` characters on either side in whole words, in order of mention count.
    """
    if mentions.empty or documents.empty:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    chosen = entities or mention_counts(mentions, top=top)["entity"].tolist()
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    published = documents.drop_duplicates("doc_id").set_index("doc_id")["published"]
    own = mentions[mentions["entity"].isin(chosen) & mentions["doc_id"].isin(texts.keys())]
    own = own.assign(published=own["doc_id"].map(published))
    rank = {entity: position for position, entity in enumerate(chosen)}
    own = (
        own.sort_values(["published", "doc_id", "start"], ascending=[False, True, True],
                        na_position="last")
        .groupby("entity", sort=False).head(lines)
    )
    own = own.iloc[own["entity"].map(rank).argsort(kind="stable")]
    rows = []
    for entity, day, doc_id, start, end in zip(own["entity"], own["published"], own["doc_id"],
                                               own["start"], own["end"], strict=True):
        text = texts[doc_id]
        rows.append((entity, day, left_context(text, start, width), text[start:end],
                     right_context(text, end, width), doc_id))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def left_context(text: str, start: int, width: int = 60) -> str:
    """About `width` characters before `start` in whole words ("…" where the text goes on),
    whitespace collapsed: a word cut by the window is kept whole, not dropped, so the word next
    to the name is always there."""
    cut = max(0, start - width)
    while cut > 0 and not text[cut - 1].isspace() and start - cut < width + WORD_SLACK:
        cut -= 1
    window = text[cut:start]
    if cut > 0 and not text[cut - 1].isspace():  # one giant token: drop its cut part
        window = window.split(maxsplit=1)[1] if len(window.split(maxsplit=1)) > 1 else ""
    words = " ".join(window.split())
    return f"… {words}".strip() if cut > 0 else words


def right_context(text: str, end: int, width: int = 60) -> str:
    """About `width` characters after `end` in whole words, "…" where the text goes on."""
    cut = min(len(text), end + width)
    while cut < len(text) and not text[cut].isspace() and cut - end < width + WORD_SLACK:
        cut += 1
    window = text[end:cut]
    if cut < len(text) and not text[cut].isspace():
        window = window.rsplit(maxsplit=1)[0] if len(window.split()) > 1 else ""
    words = " ".join(window.split())
    return f"{words} …".strip() if cut < len(text) else words


def entity_counts(mentions: pd.DataFrame,
                  labels: Collection[str] | None = WHO_LABELS) -> pd.DataFrame:
    """Mentions per entity with its most frequent label, ranked so ties are deterministic;
    the "who" of the charts: persons, organisations and places unless `labels` says otherwise."""
    df = mentions.dropna(subset=["entity"])
    df = df.assign(label=df["label"].fillna("MISC").astype(str))
    entity_labels = (
        df.groupby(["entity", "label"]).size().rename("n").reset_index()
        .sort_values(["n", "label"], ascending=[False, True])
        .drop_duplicates("entity")[["entity", "label"]]
    )
    counts = df.groupby("entity").size().rename("mentions").reset_index()
    return _who(entity_labels.merge(counts, on="entity"), labels).sort_values(
        ["mentions", "entity"], ascending=[False, True], ignore_index=True
    )


def cooccurrence(mentions: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Pairs of top entities and the number of sentences in which both occur.

    A sentence is (doc_id, sentence_id); without doc_id the table is treated as one article.
    Pairs are ordered alphabetically within a row and sorted by weight (descending).
    """
    columns = ["source", "target", "weight"]
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=columns).astype({"weight": "int64"})
    missing = [c for c in ("entity", "label", "sentence_id") if c not in mentions.columns]
    if missing:
        raise ValueError(f"mentions table is missing column(s): {', '.join(missing)}")
    keys = ["doc_id", "sentence_id"] if "doc_id" in mentions.columns else ["sentence_id"]
    top_entities = entity_counts(mentions).head(top)["entity"]
    df = mentions.loc[mentions["entity"].isin(top_entities), [*keys, "entity"]].drop_duplicates()
    pairs = df.merge(df, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs["entity_a"] < pairs["entity_b"]]
    table = (
        pairs.groupby(["entity_a", "entity_b"]).size().rename("weight").reset_index()
        .rename(columns={"entity_a": "source", "entity_b": "target"})
    )
    return table.sort_values(
        ["weight", "source", "target"], ascending=[False, True, True], ignore_index=True
    ).astype({"weight": "int64"})[columns]


def tone_by_day(
    sentiment: pd.DataFrame,
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    entities: list[str],
    freq: str = "D",
) -> pd.DataFrame:
    """Mean polarity of the sentences naming each of `entities`, per publication day.

    Columns entity, day, sentences, mean_polarity; undated articles are left out. With a
    mention_tone table as `sentiment` it is the tone towards each entity itself. `freq` "W"
    (weeks from Monday) or "M" pools thin days; `day` is then the period's first day.
    """
    columns = ["entity", "day", "sentences", "mean_polarity"]
    published = pd.to_datetime(documents["published"]).dt.normalize()
    if freq != "D":
        published = published.dt.to_period(freq).dt.start_time
    days = pd.DataFrame({"doc_id": documents["doc_id"], "day": published}).dropna(subset=["day"])
    named = mentions.loc[mentions["entity"].isin(entities)]
    rows = tone_per_sentence(named, sentiment, ["entity"])
    rows = rows.loc[rows["entity"].isin(entities)].merge(days, on="doc_id")
    if rows.empty:
        return pd.DataFrame(columns=columns)
    daily = rows.groupby(["entity", "day"]).agg(
        sentences=("polarity", "size"), mean_polarity=("polarity", "mean")
    )
    return daily.reset_index()[columns]
