"""The tone scorer: lexicons, rules (negation, modifiers, contrast, quotes, targets), the model's
decision, and the per-mention and per-entity tone tables."""

import pandas as pd
import pytest

from analysis import sentiment, views


def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_positive_sentence():
    tone = sentiment.score("Die Regierung lobte die gute Zusammenarbeit.")
    assert tone.label == "positive"
    assert tone.polarity > 0.1
    assert tone.positive > 0
    assert tone.negative == 0
    assert tone.words >= 1
    assert 0 < tone.coverage <= 1


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
    for text in ["sehr sehr gut gut gut", "schlecht schlimm furchtbar nicht gut", "äußerst " * 40]:
        assert -1 <= sentiment.score(text).polarity <= 1
        assert -1 <= sentiment.rule_score(text).polarity <= 1


# --- lexicons ------------------------------------------------------------------------------------


def test_inflected_forms_and_capitalised_nouns_are_found():
    sentiws, textblob = sentiment.word_weights("gelobt")  # SentiWS lists the participle
    assert sentiws > 0 and textblob > 0
    assert sentiment.word_weights("katastrophe")[0] < 0  # a noun, whatever its case in the text
    assert sentiment.word_weights("schrecklichen")[1] < 0  # generated from textblob-de's lemma
    assert sentiment.word_weights("tisch") == (0.0, 0.0)


def test_compound_takes_the_weight_of_its_head():
    assert sentiment.word_weights("polizeigewalt")[1] < 0
    assert sentiment.word_weights("kriegsverbrechen")[1] < 0


def test_a_strong_word_is_not_lost_to_a_tiny_sentiws_weight():
    # SentiWS weighs "schrecklich" −0.02; textblob-de calls it −1
    assert sentiment.rule_score("Das war schrecklich.").negative >= 0.25


# --- negation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Das Ergebnis ist nicht gut.",
        "Das Projekt hatte keinen Erfolg.",
        "Das Projekt endete ohne Erfolg.",
        "Das Projekt war weder erfolgreich noch sinnvoll.",
    ],
)
def test_negation_turns_tone_negative(text):
    tone = sentiment.score(text)
    assert tone.label == "negative"
    assert tone.positive == 0 and tone.negative > 0


def test_negation_after_the_verb_turns_it():
    tone = sentiment.rule_score("Der Plan gefällt mir nicht.")
    assert (tone.label, tone.positive) == ("negative", 0)
    assert sentiment.rule_score("Der Plan gefällt mir.").label == "positive"


def test_negation_stays_in_its_clause():
    tone = sentiment.rule_score("Er kam nicht, das Ergebnis ist gut.")
    assert tone.positive > 0 and tone.negative == 0


# --- intensifiers, downtoners, contrast, quotes --------------------------------------------------


def test_intensifiers_and_downtoners_scale_the_weight():
    plain = sentiment.score("Das Ergebnis ist gut.").positive
    assert sentiment.score("Das Ergebnis ist sehr gut.").positive == pytest.approx(1.5 * plain)
    assert sentiment.score("Das Ergebnis ist extrem gut.").positive > 1.5 * plain
    assert sentiment.score("Das Ergebnis ist etwas gut.").positive == pytest.approx(0.7 * plain)


def test_kaum_weakens_and_turns():
    hope = sentiment.rule_score("Es gibt Hoffnung.")
    little = sentiment.rule_score("Es gibt kaum Hoffnung.")
    assert hope.positive > 0 and little.positive == 0
    assert 0 < little.negative < hope.positive


def test_what_follows_aber_decides():
    assert sentiment.score("Das Essen war gut, aber der Service war schrecklich.").label == (
        "negative"
    )
    assert sentiment.score("Der Service war schrecklich, aber das Essen war gut.").label == (
        "positive"
    )


def test_quoted_words_weigh_less():
    said = sentiment.rule_score("Er sagte: „Das ist eine Katastrophe.“")
    stated = sentiment.rule_score("Das ist eine Katastrophe.")
    assert 0 < said.negative < stated.negative


# --- targets -------------------------------------------------------------------------------------


def test_target_is_scored_on_its_own_clause():
    text = "Die Regierung lobte die gute Zusammenarbeit, aber die Opposition reiste ab."
    government = sentiment.score(text, _span(text, "Regierung"))
    opposition = sentiment.score(text, _span(text, "Opposition"))
    assert government.label == "positive"
    assert government.positive > opposition.positive


def test_target_tone_differs_within_one_sentence():
    text = "Müller wurde gelobt, Schmidt ist nicht gut."
    assert sentiment.rule_score(text, _span(text, "Müller")).label == "positive"
    assert sentiment.rule_score(text, _span(text, "Schmidt")).label == "negative"
    towards = {name: sentiment.score(text, _span(text, name)) for name in ("Müller", "Schmidt")}
    assert towards["Müller"].polarity > towards["Schmidt"].polarity
    assert towards["Schmidt"].negative > towards["Schmidt"].positive


def test_target_clause_stops_at_quotes_and_conjunctions():
    text = "„Das ist gut“, sagte Müller, jedoch widersprach Schmidt."
    clause = sentiment.target_clause(text, _span(text, "Schmidt"))
    assert clause.strip() == "jedoch widersprach Schmidt"
    assert sentiment.target_clause(text, _span(text, "Müller")).strip() == "sagte Müller"


def test_target_inside_a_word_belongs_to_that_word():
    text = "Die Berliner spielten glänzend."
    first, last, _ = sentiment.target_tokens(sentiment.tokenize(text), (4, 10))
    assert (first, last) == (1, 1)


def test_target_outside_text_is_an_error():
    with pytest.raises(ValueError, match="outside"):
        sentiment.score("kurz", (2, 10))


def test_score_batch_matches_score():
    texts = ["Das ist gut.", "Müller ist nicht gut."]
    targets = [None, (0, 6)]
    one_by_one = [sentiment.score(t, g) for t, g in zip(texts, targets, strict=True)]
    assert sentiment.score_batch(texts, targets) == one_by_one
    assert sentiment.score_batch(texts) == [sentiment.score(t) for t in texts]


# --- the model's decision ------------------------------------------------------------------------


def test_probabilities_of_a_stored_model():
    weights = {"bias": [0.0, 1.0, 0.0], "w:gut": [0.0, 0.0, 3.0]}
    assert sentiment.probabilities(weights, {"bias": 1.0, "w:gut": 1.0, "w:unknown": 1.0})[2] > 0.8
    assert sum(sentiment.probabilities(weights, {})) == pytest.approx(1.0)


def test_rules_win_on_clear_wording_and_the_model_decides_the_rest():
    clear = sentiment.Tone("negative", -0.6, 0.0, 1.0, 1, 0.5)
    assert sentiment.combine([0.1, 0.2, 0.7], clear) is clear
    faint_negative = sentiment.Tone("negative", -0.2, 0.0, 0.3, 1, 0.5)
    assert sentiment.combine([0.3, 0.4, 0.3], faint_negative).label == "neutral"
    assert sentiment.combine([0.3, 0.4, 0.3], faint_negative, rules_from=0.0) is faint_negative


def test_contrast_needs_opposite_tones_on_both_sides():
    def contrasted(text: str) -> bool:
        tokens = sentiment.tokenize(text)
        return sentiment.contrasted(tokens, sentiment.polar_words(tokens))

    assert contrasted("Das Essen war gut, aber der Service war schrecklich.")
    assert not contrasted("Das Essen war gut, aber der Service war freundlich.")
    assert not contrasted("Das Essen war gut und der Service war schrecklich.")
    faint = sentiment.Tone("positive", 0.2, 0.1, 0.0, 1, 0.5)
    decided = sentiment.combine([0.1, 0.7, 0.2], faint)
    assert (decided.label, decided.polarity) == ("neutral", pytest.approx(0.1))
    assert (decided.positive, decided.words) == (0.1, 1)


def test_features_cover_sentence_and_target_scopes():
    text = "Die Polizei lobte Müller, aber die Lage bleibt schwierig."
    sentence = sentiment.features(text)
    target = sentiment.features(text, _span(text, "Müller"))
    assert sentence["p:lobte"] == 1.0 and sentence["p:schwierig"] == 1.0  # lexicon words only
    assert not any(name.startswith(("w:", "c:", "t:")) for name in {**sentence, **target})
    assert sentence["max_pos"] > 0 and sentence["max_neg"] > 0 and sentence["mass"] > 0
    assert "clause:sentiws_pos" not in sentence
    assert target["clause:sentiws_pos"] > 0 and target["clause:sentiws_neg"] == 0  # own clause
    assert sentiment.features("Das ist nicht gut.")["p:-gut"] == 1.0  # negated: its own feature


# --- tables --------------------------------------------------------------------------------------


def _documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a"],
            "published": ["2024-05-01"],
            "text": ["Müller lobte die gute Arbeit. Schmidt reiste ab. Müller ist nicht gut."],
        }
    )


def _mentions() -> pd.DataFrame:
    text = _documents()["text"][0]
    rows = [
        (0, "Müller", 0),
        (1, "Schmidt", text.index("Schmidt")),
        (2, "Müller", text.rindex("Müller")),
    ]
    return pd.DataFrame(
        {
            "doc_id": ["a"] * 3,
            "sentence_id": [sentence for sentence, _, _ in rows],
            "start": [start for _, _, start in rows],
            "end": [start + len(name) for _, name, start in rows],
            "text": [name for _, name, _ in rows],
            "label": ["PER"] * 3,
            "entity": [name for _, name, _ in rows],
        }
    )


def test_sentence_sentiment_has_one_row_per_sentence():
    table = sentiment.sentence_sentiment(_documents())
    assert list(table.columns) == sentiment.SENTIMENT_COLUMNS
    assert list(table["label"]) == ["positive", "neutral", "negative"]
    assert table["textblob_polarity"].iloc[0] > 0


def test_mention_tone_scores_each_mention_as_target():
    table = sentiment.mention_tone(_documents(), _mentions())
    assert list(table.columns) == sentiment.MENTION_TONE_COLUMNS
    assert list(table["tone"]) == ["positive", "neutral", "negative"]
    assert list(table["label"]) == ["PER"] * 3
    assert table["positive"].iloc[0] > 0 and table["negative"].iloc[2] > 0


def test_mention_tone_of_nothing_is_an_empty_table():
    empty = sentiment.mention_tone(_documents(), _mentions().iloc[:0])
    assert empty.empty and list(empty.columns) == sentiment.MENTION_TONE_COLUMNS


def test_entity_tone_counts_parts_and_widens_band_for_few_sentences():
    tone_table = sentiment.sentence_sentiment(_documents())
    table = sentiment.entity_tone(_mentions(), tone_table)
    mueller = table.set_index("entity").loc["Müller"]
    assert mueller["mentions"] == 2
    assert (mueller["positive_sentences"], mueller["negative_sentences"]) == (1, 1)
    schmidt = table.set_index("entity").loc["Schmidt"]
    assert (schmidt["ci_low"], schmidt["ci_high"]) == (-1.0, 1.0)
    assert table["entity"].iloc[0] == "Müller"


def test_entity_tone_from_mention_tone_is_the_tone_towards_the_entity():
    text = "Müller lobte die Arbeit, Schmidt ist nicht gut."
    documents = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    mentions = pd.DataFrame(
        {
            "doc_id": ["a", "a"],
            "sentence_id": [0, 0],
            "start": [0, text.index("Schmidt")],
            "end": [6, text.index("Schmidt") + 7],
            "label": ["PER", "PER"],
            "entity": ["Müller", "Schmidt"],
        }
    )
    by_sentence = sentiment.entity_tone(mentions, sentiment.sentence_sentiment(documents))
    by_mention = sentiment.entity_tone(mentions, sentiment.mention_tone(documents, mentions))
    assert list(by_mention.columns) == sentiment.TONE_COLUMNS
    sentence_tone = by_sentence.set_index("entity")["mean_polarity"]
    assert sentence_tone["Müller"] == sentence_tone["Schmidt"]  # one sentence, one tone
    tone = by_mention.set_index("entity")
    assert tone.loc["Müller", "mean_polarity"] > tone.loc["Schmidt", "mean_polarity"]
    assert tone["sentences"].tolist() == [1, 1]


def test_entity_tone_merges_mentions_in_one_sentence():
    mention_tone = pd.DataFrame(
        {
            "doc_id": ["a", "a"],
            "sentence_id": [0, 0],
            "start": [0, 20],
            "end": [6, 26],
            "entity": ["Müller", "Müller"],
            "label": ["PER", "PER"],
            "polarity": [0.8, 0.4],
            "tone": ["positive", "neutral"],
            "positive": [1.0, 0.2],
            "negative": [0.0, 0.0],
        }
    )
    row = sentiment.entity_tone(mention_tone, mention_tone).iloc[0]
    assert (row["mentions"], row["sentences"], row["positive_sentences"]) == (2, 1, 1)
    assert row["mean_polarity"] == pytest.approx(0.6)


def test_entity_tone_by_doc_keeps_the_old_call():
    sentences = sentiment.sentence_sentiment(_documents())
    table = sentiment.entity_tone(_mentions(), sentences, by_doc=True)
    assert list(table.columns) == ["doc_id", *sentiment.TONE_COLUMNS]


def test_entity_tone_of_nothing_is_an_empty_table():
    empty = sentiment.entity_tone(pd.DataFrame(), pd.DataFrame())
    assert empty.empty
    assert "mean_polarity" in empty.columns


def test_both_tone_tables_feed_the_tone_over_time_view():
    documents, mentions = _documents(), _mentions()
    for table in (
        sentiment.sentence_sentiment(documents),
        sentiment.mention_tone(documents, mentions),
    ):
        daily = views.tone_by_day(table, documents, mentions, ["Müller"])
        assert list(daily.columns) == ["entity", "day", "sentences", "mean_polarity"]
        assert daily["sentences"].tolist() == [2]
    assert views.tone_by_day(table, documents, mentions, ["Niemand"]).empty


def test_article_sentiment_counts_labels():
    table = sentiment.article_sentiment(sentiment.sentence_sentiment(_documents()))
    row = table.iloc[0]
    assert (row["positive_sentences"], row["neutral_sentences"], row["negative_sentences"]) == (
        1,
        1,
        1,
    )


def test_country_names_are_not_read_as_compounds_of_polar_words():
    from analysis.sentiment import word_weights

    assert word_weights("frankreich") == (0.0, 0.0)  # not "Frank" + "reich" (rich)
    assert word_weights("österreich") == (0.0, 0.0)
    assert word_weights("regierungskrise")[0] < 0  # real compounds still take their head's weight
    assert sentiment.score("Frankreich und Österreich verhandeln.").label == "neutral"
