"""Segmentation must keep German dates, abbreviations and quotes whole."""

import pytest

from analysis import language


def _sentence_texts(text: str) -> list[str]:
    return list(language.sentences(text)["text"])


def test_ordinal_date_does_not_end_a_sentence():
    text = "Das Treffen fand am 16. Januar 2024 in Moskau statt. Danach reiste sie ab."
    assert _sentence_texts(text) == [
        "Das Treffen fand am 16. Januar 2024 in Moskau statt.",
        "Danach reiste sie ab.",
    ]


def test_ordinal_tokens_stay_one_token():
    table = language.tokens("Am 3. Oktober feiert Deutschland.")
    assert "3." in list(table["text"])
    assert table.loc[table["text"] == "3.", "kind"].item() == "ordinal"


@pytest.mark.parametrize("abbreviation", ["z. B.", "Dr.", "u. a.", "bzw.", "Nr."])
def test_abbreviations_do_not_split(abbreviation):
    text = f"Es kamen viele Gäste, {abbreviation} Müller aus Bonn. Der Abend war lang."
    assert len(_sentence_texts(text)) == 2


@pytest.mark.parametrize(
    "quoted",
    ["„Wir kommen. Ganz sicher“, sagte Müller.", "»Wir kommen. Ganz sicher«, sagte Müller."],
)
def test_quote_marks_are_separate_tokens_with_offsets(quoted):
    table = language.tokens(quoted)
    assert table["text"].iloc[0] in {"„", "»"}
    for row in table.itertuples():
        assert quoted[row.start : row.end] == row.text


def test_sentences_never_cross_paragraphs():
    text = "Putin-Besuch?\n\nWährend Kims Besuch nahm der Kremlchef eine Einladung an."
    assert _sentence_texts(text) == [
        "Putin-Besuch?",
        "Während Kims Besuch nahm der Kremlchef eine Einladung an.",
    ]


def test_offsets_point_into_the_original_text():
    text = "  Erster Satz hier.\n\n  Zweiter   Satz dort!  "
    for row in language.sentences(text).itertuples():
        assert text[row.start : row.end] == row.text
    assert list(language.sentences(text)["sentence_id"]) == [0, 1]


def test_sentence_index_finds_the_sentence_of_an_offset():
    text = "Eins ist hier. Zwei ist dort."
    assert language.sentence_index(text, 0) == 0
    assert language.sentence_index(text, text.index("Zwei")) == 1


def test_empty_text_has_no_sentences():
    assert language.sentences("").empty
    assert list(language.tokens("   ").columns) == language.TOKEN_COLUMNS


def test_tokens_carry_pos_and_lemma():
    table = language.tokens("Putins Besuch in Nordkoreas Hauptstadt.")
    lemmas = dict(zip(table["text"], table["lemma"], strict=True))
    assert lemmas["Besuch"] == "Besuch"
    assert table.loc[table["text"] == "in", "pos"].item() == "APPR"


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Putins", "Putin"),
        ("Nordkoreas", "Nordkorea"),
        ("Kims", "Kim"),
        ("Scholz'", "Scholz"),
        ("Paris", "Paris"),
        ("Putin", "Putin"),
        ("Jones", "Jones"),
    ],
)
def test_name_lemma_removes_genitive_only(word, lemma):
    assert language.name_lemma(word) == lemma


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Minister sagte am Dienstag, dass die Gespräche mit Russland gut seien.", "de"),
        ("The minister said on Tuesday that the talks with Russia were going well.", "en"),
        ("Le ministre a déclaré mardi que les discussions avec la Russie se passaient bien.", "fr"),
        ("El ministro dijo el martes que las conversaciones con Rusia iban bien y que no.", "es"),
        ("Kiew meldet 3.", "unknown"),
        ("", "unknown"),
    ],
)
def test_detect_language(text, expected):
    assert language.detect_language(text)[0] == expected
