"""What a reader should see before any chart: a few facts at the top of each page.

Each function returns rows of `field`, `value`, `entity`: several rows may share a field (the
three most named people), and a row whose `entity` is set names that entity, so a page can link
it. `display.Page.facts` renders them as a summary box.
"""

from __future__ import annotations

import pandas as pd

from analysis.views import co_mentions, mention_counts
from analysis.wording import german, number, plural

SUMMARY_COLUMNS = ["field", "value", "entity"]


def _rows(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _day(value: object) -> str:
    return "unbekannt" if pd.isna(value) else pd.Timestamp(value).strftime("%d.%m.%Y")


def period_text(published: pd.Series) -> str:
    """The span of publication dates: "16.01.2024", "01.01.–29.02.2024", or unknown."""
    dates = pd.to_datetime(published).dropna()
    if dates.empty:
        return "unbekannt"
    first, last = dates.min(), dates.max()
    if first.normalize() == last.normalize():
        return _day(first)
    head = first.strftime("%d.%m.") if first.year == last.year else _day(first)
    return f"{head}–{_day(last)}"


def _named(mentions: pd.DataFrame, field: str, top: int) -> list[tuple[str, str, str]]:
    counts = mention_counts(mentions, top=top)
    return [(field, f"{row.entity} ({number(row.mentions)})", row.entity)
            for row in counts.itertuples()]


def _quoted(quotes: pd.DataFrame, field: str, top: int) -> list[tuple[str, str, str]]:
    named = quotes[quotes["speaker"] != ""] if not quotes.empty else quotes
    if named.empty:
        return [(field, "niemand mit Namen", "")]
    counts = named.groupby("speaker").size().sort_values(ascending=False, kind="stable")
    return [(field, f"{speaker} ({number(count)})", speaker)
            for speaker, count in counts.head(top).items()]


def corpus_summary(documents: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame,
                   top: int = 3) -> pd.DataFrame:
    """Articles, period, agencies, the most named and the most quoted."""
    agencies = documents["agency"][documents["agency"] != ""].value_counts()
    rows = [
        ("Artikel", number(len(documents)), ""),
        ("Zeitraum", period_text(documents["published"]), ""),
    ]
    undated = int(pd.to_datetime(documents["published"]).isna().sum())
    if undated:
        rows.append(("Ohne Datum", plural(undated, "Artikel", "Artikel"), ""))
    rows += [("Agenturen", f"{agency} ({number(count)})", "")
             for agency, count in agencies.head(top).items()]
    rows += _named(mentions, "Meistgenannt", top) or [("Meistgenannt", "niemand", "")]
    rows += _quoted(quotes, "Meistzitiert", top)
    return _rows(rows)


def article_title(documents: pd.DataFrame) -> str:
    """The article's headline, else its file name (a page always has a heading)."""
    if documents.empty:
        return "Artikel"
    article = documents.iloc[0]
    return article["title"] or str(article["source"]).rsplit("/", 1)[-1]


def article_summary(documents: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame,
                    top: int = 3) -> pd.DataFrame:
    """One article's facts: date and where it came from, agency, author, dateline, file, the
    most named and who is quoted."""
    if documents.empty:
        return _rows([])
    article = documents.iloc[0]
    date = _day(article["published"])
    source = german("date_source", article["published_source"])
    rows = [("Datum", f"{date} (aus: {source})" if date != "unbekannt" else date, "")]
    rows += [(field, str(article[column]), "")
             for field, column in (("Agentur", "agency"), ("Autor", "author"),
                                   ("Ortsmarke", "dateline")) if article[column]]
    rows.append(("Datei", str(article["source"]), ""))
    if article.get("url"):
        rows.append(("Adresse", str(article["url"]), ""))
    rows += _named(mentions, "Meistgenannt", top) or [("Meistgenannt", "niemand", "")]
    rows += _quoted(quotes, "Zitiert", top)
    return _rows(rows)


def entity_summary(documents: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame,
                   entity: str, top: int = 3) -> pd.DataFrame:
    """One entity at a glance: type, mentions, articles, period, spellings, who it is named
    with and how often it is quoted."""
    own = mentions[mentions["entity"] == entity]
    if own.empty:
        raise KeyError(f"{entity!r} is not mentioned in this corpus")
    dates = documents.loc[documents["doc_id"].isin(own["doc_id"]), "published"]
    said = int((quotes["speaker"] == entity).sum()) if not quotes.empty else 0
    rows = [
        ("Typ", german("label", own["label"].mode().iloc[0]), ""),
        ("Erwähnungen", number(len(own)), ""),
        ("Artikel", number(own["doc_id"].nunique()), ""),
        ("Zeitraum", period_text(dates), ""),
        ("Schreibweisen", ", ".join(sorted(set(own["text"]))), ""),
        ("Zitate", number(said), ""),
    ]
    partners = co_mentions(mentions, entity, top=top)
    rows += [("Oft genannt mit", f"{row.entity} ({plural(row.sentences, 'Satz', 'Sätze')})",
              row.entity) for row in partners.itertuples()] or [("Oft genannt mit", "niemand", "")]
    return _rows(rows)
