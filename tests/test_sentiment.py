"""The tone scorer: labels, parts, targets, and the per-entity tone table."""

import pandas as pd
import pytest

from analysis import sentiment


def test_positive_sentence():
    tone = sentiment.score("Die Regierung lobte die gute Zusammenarbeit.")
    assert tone.label == "positive"
    assert tone.polarity > 0.1
    assert tone.positive > 0
    assert tone.negative == 0
    assert tone.words >= 1
    assert 0 < tone.coverage <= 1


def test_negation_turns_tone_negative():
    assert sentiment.score("Das Ergebnis ist gut.").label == "positive"
    assert sentiment.score("Das Ergebnis ist nicht gut.").label == "negative"


def test_plain_news_is_neutral():
    tone = sentiment.score("Der Minister reiste am Dienstag nach Moskau.")
    assert tone.label == "neutral"
    assert tone.words == 0
    assert tone.coverage == 0


@pytest.mark.parametrize("text", ["", "   ", "…", "2/2"])
def test_text_without_words_is_neutral(text):
    tone = sentiment.score(text)
    assert (tone.label, tone.polarity, tone.words) == ("neutral", 0.0, 0)


def test_polarity_stays_in_range():
    for text in ["sehr sehr gut gut gut", "schlecht schlimm furchtbar nicht gut"]:
        assert -1 <= sentiment.score(text).polarity <= 1


def test_target_is_scored_on_its_own_clause():
    text = "Die Regierung lobte die gute Zusammenarbeit, aber die Opposition reiste ab."
    regierung = text.index("Regierung")
    opposition = text.index("Opposition")
    assert sentiment.score(text, (regierung, regierung + 9)).label == "positive"
    assert sentiment.score(text, (opposition, opposition + 10)).label == "neutral"


def test_target_clause_stops_at_quotes_and_conjunctions():
    text = "„Das ist gut“, sagte Müller, jedoch widersprach Schmidt."
    start = text.index("Schmidt")
    assert sentiment.target_clause(text, (start, start + 7)).strip() == "widersprach Schmidt."


def test_target_outside_text_is_an_error():
    with pytest.raises(ValueError, match="outside"):
        sentiment.score("kurz", (2, 10))


def _documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a"],
            "text": ["Müller lobte die gute Arbeit. Schmidt reiste ab. Müller ist nicht gut."],
        }
    )


def test_sentence_sentiment_has_one_row_per_sentence():
    table = sentiment.sentence_sentiment(_documents())
    assert list(table.columns) == sentiment.SENTIMENT_COLUMNS
    assert list(table["label"]) == ["positive", "neutral", "negative"]
    assert table["textblob_polarity"].iloc[0] > 0


def test_entity_tone_counts_parts_and_widens_band_for_few_sentences():
    tone_table = sentiment.sentence_sentiment(_documents())
    mentions = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a"],
            "sentence_id": [0, 1, 2],
            "entity": ["Müller", "Schmidt", "Müller"],
            "label": ["PER", "PER", "PER"],
            "start": [0, 30, 49],
        }
    )
    table = sentiment.entity_tone(mentions, tone_table)
    mueller = table.set_index("entity").loc["Müller"]
    assert mueller["mentions"] == 2
    assert (mueller["positive_sentences"], mueller["negative_sentences"]) == (1, 1)
    schmidt = table.set_index("entity").loc["Schmidt"]
    assert (schmidt["ci_low"], schmidt["ci_high"]) == (-1.0, 1.0)
    assert table["entity"].iloc[0] == "Müller"


def test_entity_tone_of_nothing_is_an_empty_table():
    empty = sentiment.entity_tone(pd.DataFrame(), pd.DataFrame())
    assert empty.empty
    assert "mean_polarity" in empty.columns


def test_article_sentiment_counts_labels():
    table = sentiment.article_sentiment(sentiment.sentence_sentiment(_documents()))
    row = table.iloc[0]
    assert (row["positive_sentences"], row["neutral_sentences"], row["negative_sentences"]) == (
        1,
        1,
        1,
    )
