"""The facts at the top of each page."""

import pandas as pd
import pytest

from analysis import summaries

DOCUMENTS = pd.DataFrame({
    "doc_id": ["a", "b", "c"], "title": ["Eins", "", "Drei"], "source": ["x/eins.txt",
                                                                    "x/zwei.txt", "x/drei.txt"],
    "agency": ["dpa", "dpa", "Reuters"], "author": ["", "", "Anna Beispiel"],
    "dateline": ["Berlin", "", ""], "url": ["", "", ""],
    "published": pd.to_datetime(["2024-01-02", "2024-02-28", None]),
    "published_source": ["metadata", "text", "unknown"],
})
MENTIONS = pd.DataFrame({
    "doc_id": ["a", "a", "b", "c"], "sentence_id": [0, 0, 0, 1], "start": [0, 9, 0, 4],
    "entity": ["Olaf Scholz", "Berlin", "Olaf Scholz", "Berlin"], "label": ["PER", "LOC",
                                                                           "PER", "LOC"],
    "text": ["Scholz", "Berlin", "Olaf Scholz", "Berlins"],
})
QUOTES = pd.DataFrame({"doc_id": ["a", "b"], "speaker": ["Olaf Scholz", ""],
                       "quote": ["Gut.", "Na ja."], "kind": ["direct", "indirect"]})


def _fields(summary: pd.DataFrame) -> dict[str, list[str]]:
    return summary.groupby("field", sort=False)["value"].apply(list).to_dict()


def test_corpus_summary_names_period_agencies_most_named_and_quoted():
    summary = summaries.corpus_summary(DOCUMENTS, MENTIONS, QUOTES)
    fields = _fields(summary)
    assert fields["Artikel"] == ["3"]
    assert fields["Zeitraum"] == ["02.01.–28.02.2024"]
    assert fields["Ohne Datum"] == ["1 Artikel"]
    assert fields["Agenturen"] == ["dpa (2)", "Reuters (1)"]
    assert fields["Meistgenannt"] == ["Berlin (2)", "Olaf Scholz (2)"]
    assert fields["Meistzitiert"] == ["Olaf Scholz (1)"]
    named = summary[summary["field"] == "Meistgenannt"]
    assert list(named["entity"]) == ["Berlin", "Olaf Scholz"], "entities to link"


def test_article_summary_says_where_the_date_came_from():
    article = DOCUMENTS.iloc[[1]]
    fields = _fields(summaries.article_summary(article, MENTIONS[MENTIONS.doc_id == "b"],
                                               QUOTES[QUOTES.doc_id == "b"]))
    assert fields["Datum"] == ["28.02.2024 (aus: Artikeltext)"]
    assert fields["Zitiert"] == ["niemand mit Namen"]
    assert "Autor" not in fields, "empty fields are left out"
    assert summaries.article_title(article) == "zwei.txt"


def test_entity_summary_in_german():
    fields = _fields(summaries.entity_summary(DOCUMENTS, MENTIONS, QUOTES, "Berlin"))
    assert fields["Typ"] == ["Ort"]
    assert fields["Erwähnungen"] == ["2"] and fields["Artikel"] == ["2"]
    assert fields["Schreibweisen"] == ["Berlin, Berlins"]
    assert fields["Oft genannt mit"] == ["Olaf Scholz (1 Satz)"]
    assert fields["Zitate"] == ["0"]
    with pytest.raises(KeyError, match="not mentioned"):
        summaries.entity_summary(DOCUMENTS, MENTIONS, QUOTES, "Paris")


@pytest.mark.parametrize(
    ("dates", "expected"),
    [(["2024-01-16"], "16.01.2024"), (["2023-12-30", "2024-01-02"], "30.12.2023–02.01.2024"),
     ([None], "unbekannt")],
)
def test_period_text(dates, expected):
    assert summaries.period_text(pd.Series(pd.to_datetime(dates))) == expected
