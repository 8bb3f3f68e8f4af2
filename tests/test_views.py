"""Display tables shown under the charts."""

import datetime as dt

import pandas as pd
import pytest

from analysis import views


def _mentions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "sentence_id": [0, 1, 0, 0],
            "start": [0, 10, 0, 20],
            "entity": ["Olaf Scholz", "Olaf Scholz", "Olaf Scholz", "Berlin"],
            "label": ["PER", "PER", "PER", "LOC"],
            "text": ["Olaf Scholz", "Scholz", "Scholz'", "Berlin"],
        }
    )


def test_mention_counts_counts_mentions_and_articles():
    table = views.mention_counts(_mentions())
    assert table.iloc[0].to_dict() == {
        "entity": "Olaf Scholz", "label": "PER", "mentions": 3, "articles": 2,
    }
    assert list(views.mention_counts(_mentions(), top=1)["entity"]) == ["Olaf Scholz"]


def test_works_and_events_are_not_counted_among_who_is_named():
    misc = pd.DataFrame({"doc_id": ["a"] * 3, "sentence_id": [2] * 3, "start": [0, 5, 30],
                         "entity": ["Bundesliga"] * 3, "label": ["MISC"] * 3,
                         "text": ["Bundesliga"] * 3})
    mentions = pd.concat([_mentions(), misc], ignore_index=True)
    assert list(views.mention_counts(mentions)["entity"]) == ["Olaf Scholz", "Berlin"]
    assert list(views.entity_counts(mentions)["entity"]) == ["Olaf Scholz", "Berlin"]
    everything = views.mention_counts(mentions, labels=None)
    assert list(everything["entity"]) == ["Bundesliga", "Olaf Scholz", "Berlin"]
    assert list(views.entity_counts(mentions, labels=["MISC"])["mentions"]) == [3]
    by_period = views.top_entities_by_period(_corpus_documents(), mentions, freq="D")
    assert "Bundesliga" not in set(by_period["entity"])
    assert not by_period.empty


def test_mention_counts_of_nothing():
    assert views.mention_counts(pd.DataFrame()).empty


def _timeline() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "start": [5, 0, 0],
            "value": ["2023-09", "PRESENT_REF", "1948"],
            "type": ["DATE"] * 3,
            "text": ["September", "jetzt", "1948"],
            "date_start": pd.to_datetime(["2023-09-01", None, "1948-01-01"]),
            "date_end": pd.to_datetime(["2023-09-30", None, "1948-12-31"]),
            "entities": ["", "", ""],
            "sentence": ["", "", ""],
        }
    )


def test_timeline_table_is_in_calendar_order_with_days():
    table = views.timeline_table(_timeline())
    assert list(table["value"]) == ["1948", "2023-09", "PRESENT_REF"]
    assert table["date_start"].iloc[0] == dt.date(1948, 1, 1)


def test_referenced_periods_counts_years():
    table = views.referenced_periods(_timeline())
    assert table.to_dict("records") == [
        {"year": 1948, "references": 1, "articles": 1},
        {"year": 2023, "references": 1, "articles": 1},
    ]


def test_tone_over_time_uses_the_top_entities():
    sentiment = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "polarity": [0.5, -0.1, 0.2]}
    )
    documents = pd.DataFrame(
        {"doc_id": ["a", "b"], "published": pd.to_datetime(["2024-01-01", "2024-01-02"])}
    )
    table = views.tone_over_time(sentiment, documents, _mentions(), top=1, freq="D")
    assert set(table["entity"]) == {"Olaf Scholz"}
    first_day = table[table["day"] == pd.Timestamp("2024-01-01")].iloc[0]
    assert first_day["sentences"] == 2
    assert abs(first_day["mean_polarity"] - 0.2) < 1e-9


def test_tone_over_time_pools_a_thin_corpus_into_its_attention_period():
    sentiment = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "polarity": [0.5, -0.1, 0.2]}
    )
    documents = pd.DataFrame(
        {"doc_id": ["a", "b"], "published": pd.to_datetime(["2024-01-03", "2024-01-05"])}
    )
    table = views.tone_over_time(sentiment, documents, _mentions(), top=1)  # two articles: "M"
    assert list(table.columns) == ["entity", "day", "sentences", "mean_polarity"]
    assert table.to_dict("records") == [
        {"entity": "Olaf Scholz", "day": pd.Timestamp("2024-01-01"), "sentences": 3,
         "mean_polarity": pytest.approx(0.2)}
    ]
    weekly = views.tone_over_time(sentiment, documents, _mentions(), top=1, freq="W")
    assert weekly["day"].tolist() == [pd.Timestamp("2024-01-01")]  # the Monday


def _quotes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "start": [10, 50, 5, 40],
            "quote": ["Wir kommen", "man werde reden", "Das ist gut", "nichts"],
            "kind": ["direct", "indirect", "direct", "direct"],
            "verb": ["sagte", "sagte", "erklärte", "sagte"],
            "speaker": ["Olaf Scholz", "Olaf Scholz", "Olaf Scholz", ""],
            "polarity": [0.0, 0.0, 0.8, 0.0],
            "tone": ["neutral", "neutral", "positive", "neutral"],
        }
    )


def test_speakers_counts_kinds_articles_and_tone():
    row = views.speakers(_quotes()).iloc[0]
    assert row["speaker"] == "Olaf Scholz"
    assert (row["quotes"], row["direct"], row["indirect"], row["articles"]) == (3, 2, 1, 2)
    assert row["positive"] == 1
    assert len(views.speakers(_quotes())) == 1, "quotes without speaker are not a speaker"


def test_quote_kinds_shares_add_up():
    table = views.quote_kinds(_quotes())
    assert table.set_index("kind")["quotes"].to_dict() == {"direct": 3, "indirect": 1}
    assert table["share"].sum() == 1.0
    assert views.quote_kinds(pd.DataFrame())["quotes"].sum() == 0


def test_quotes_table_names_unknown_speakers_and_the_article():
    table = views.quotes_table(_quotes())
    assert list(table.columns) == ["speaker", "verb", "kind", "quote", "tone", "doc_id"]
    assert table["speaker"].iloc[-1] == "(unbekannt)"
    one_article = views.quotes_table(_quotes().drop(columns="doc_id"))
    assert "doc_id" not in one_article.columns, "extract_quotes output has no doc_id"


def _corpus_documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "published": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-09"]),
        }
    )


def test_attention_is_the_share_of_the_days_articles():
    table = views.attention(_corpus_documents(), _mentions(), top=2, freq="D")
    assert list(table.columns) == ["period", "entity", "articles", "total", "share"]
    assert table.attrs["freq"] == "D"
    scholz = table[table["entity"] == "Olaf Scholz"].set_index("period")
    assert scholz.loc[pd.Timestamp("2024-01-01"), "share"] == 1.0
    assert scholz.loc[pd.Timestamp("2024-01-09"), "articles"] == 0
    berlin = table[table["entity"] == "Berlin"].set_index("period")
    assert berlin.loc[pd.Timestamp("2024-01-01"), "share"] == 0.5


def test_attention_by_week_starts_on_monday():
    table = views.attention(_corpus_documents(), _mentions(), top=1, freq="W")
    assert sorted(table["period"].dt.day_name().unique()) == ["Monday"]
    assert table["total"].tolist() == [2, 1]


def _published(days: pd.DatetimeIndex) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(days))], "published": days})


def test_attention_period_is_the_finest_with_five_articles_in_a_typical_period():
    five_a_day = pd.date_range("2024-01-01", periods=20, freq="D").repeat(5)
    assert views.attention_period(_published(five_a_day)) == "D"
    one_a_day = pd.date_range("2024-01-01", periods=60, freq="D")
    assert views.attention_period(_published(one_a_day)) == "W"
    one_a_week = pd.date_range("2024-01-01", periods=52, freq="W-WED")
    assert views.attention_period(_published(one_a_week)) == "M"
    # A few busy days do not make a daily corpus: the median day counts.
    busy = five_a_day[:10].append(one_a_day[30:])
    assert views.attention_period(_published(busy)) == "W"
    undated = pd.DataFrame({"doc_id": ["a"], "published": [pd.NaT]})
    assert views.attention_period(undated) == "M"
    assert views.attention_period(_published(one_a_day), min_articles=1) == "D"


def test_attention_defaults_to_the_corpus_period():
    documents = _published(pd.date_range("2024-01-01", periods=60, freq="D"))
    mentions = pd.DataFrame({"doc_id": documents["doc_id"][::2], "start": 0,
                             "entity": "Olaf Scholz", "label": "PER"})
    table = views.attention(documents, mentions)
    assert table.attrs["freq"] == "W"
    assert list(table.columns) == ["period", "entity", "articles", "total", "share"]
    assert set(table["period"].dt.day_name()) == {"Monday"}
    first = table.iloc[0]
    assert (first["articles"], first["total"]) == (4, 7)  # 1, 3, 5, 7 January
    ranked = views.top_entities_by_period(documents, mentions)
    assert ranked["period"].tolist() == table["period"].tolist()


def test_top_entities_by_period_ranks_by_articles():
    table = views.top_entities_by_period(_corpus_documents(), _mentions(), freq="D", top=1)
    assert table.to_dict("records")[0] == {
        "period": pd.Timestamp("2024-01-01"), "rank": 1, "entity": "Olaf Scholz", "label": "PER",
        "articles": 2, "mentions": 3,
    }


def test_entity_views():
    assert len(views.said_by(_quotes(), "Olaf Scholz")) == 3
    sentiment = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "label": ["neutral"] * 3,
         "polarity": [0.0] * 3, "text": ["eins", "zwei", "drei"]}
    )
    assert views.said_about(sentiment, _mentions(), "Berlin")["text"].tolist() == ["drei"]
    co = views.co_mentions(_mentions(), "Berlin")
    assert co.to_dict("records") == [{"entity": "Olaf Scholz", "label": "PER", "sentences": 1}]


def test_resolve_entity_defaults_to_the_most_mentioned_and_hints_at_names():
    assert views.resolve_entity(_mentions()) == "Olaf Scholz"
    assert views.resolve_entity(_mentions(), "Berlin") == "Berlin"
    with pytest.raises(KeyError, match="did you mean Olaf Scholz"):
        views.resolve_entity(_mentions(), "scholz")
    with pytest.raises(KeyError, match="no entities"):
        views.resolve_entity(_mentions().iloc[0:0])


def test_mentions_of_keeps_one_entity():
    assert set(views.mentions_of(_mentions(), "Berlin")["entity"]) == {"Berlin"}


def test_sentence_tone_fills_the_textblob_comparison_a_corpus_run_left_out():
    from analysis.sentiment import sentence_sentiment, textblob_polarity

    documents = pd.DataFrame({"doc_id": ["a"], "text": [
        "Das ist ein sehr gutes Ergebnis. Die Lage ist schlecht und gefährlich."]})
    table = views.sentence_tone(sentence_sentiment(documents, textblob=False))
    assert table["textblob_polarity"].notna().all()
    assert table["textblob_polarity"].tolist() == [textblob_polarity(t) for t in table["text"]]
    assert table["textblob_polarity"].iloc[0] > 0 > table["textblob_polarity"].iloc[1]


def test_keyword_in_context_shows_the_words_around_the_latest_mentions():
    documents = pd.DataFrame({
        "doc_id": ["a", "b"],
        "published": pd.to_datetime(["2024-01-01", "2024-01-02"]),
        "text": ["Gestern traf   Olaf Scholz\nin Berlin ein.", "Scholz sprach lange."],
    })
    mentions = pd.DataFrame({
        "doc_id": ["a", "a", "b"], "sentence_id": [0, 0, 0], "start": [15, 30, 0],
        "end": [26, 36, 6], "entity": ["Olaf Scholz", "Berlin", "Olaf Scholz"],
        "label": ["PER", "LOC", "PER"], "text": ["Olaf Scholz", "Berlin", "Scholz"],
    })
    table = views.keyword_in_context(documents, mentions, top=2, lines=5, width=12)
    assert table["entity"].tolist() == ["Olaf Scholz", "Olaf Scholz", "Berlin"]
    latest, older, berlin = table.to_dict("records")
    assert (latest["doc_id"], latest["left"], latest["mention"], latest["right"]) == (
        "b", "", "Scholz", "sprach lange.")
    assert (older["left"], older["mention"], older["right"]) == ("Gestern traf", "Olaf Scholz",
                                                                 "in Berlin ein.")
    assert berlin["mention"] == "Berlin"
    one = views.keyword_in_context(documents, mentions, entities=["Berlin"], lines=1)
    assert one["entity"].tolist() == ["Berlin"]


def test_keyword_in_context_of_nothing_is_an_empty_table():
    empty = views.keyword_in_context(pd.DataFrame(columns=["doc_id", "published", "text"]),
                                     pd.DataFrame(columns=["doc_id", "entity", "start", "end"]))
    assert empty.empty and list(empty.columns) == views.KWIC_COLUMNS


@pytest.mark.parametrize(
    ("width", "left", "right"),
    [
        (5, "… Präsident", "sagte …"),  # the word next to the name is kept whole, never hidden
        (14, "… russische Präsident", "sagte am Montag …"),
        (24, "Der russische Präsident", "sagte am Montag in Moskau, …"),
        (200, "Der russische Präsident", "sagte am Montag in Moskau, er wolle bald reisen."),
    ],
)
def test_contexts_are_whole_words(width, left, right):
    text = "Der russische Präsident Wladimir Putin sagte am Montag in Moskau, er wolle bald reisen."
    start = text.index("Wladimir")
    end = start + len("Wladimir Putin")
    assert views.left_context(text, start, width) == left
    assert views.right_context(text, end, width) == right


def test_a_giant_token_is_left_out_rather_than_cut():
    text = "Quelle: https://example.org/" + "x" * 200 + " laut Olaf Scholz"
    assert views.left_context(text, text.index("Olaf"), 20) == "… laut"
