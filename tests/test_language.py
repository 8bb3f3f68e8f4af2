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


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(token.text, token.kind) for s in language.segment(text) for token in s.tokens]


def _split(text: str) -> list[str]:
    return [s.text for s in language.segment(text)]


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [("Sie kam am 16. Januar 2024. Dann ging sie.", "16."), ("Am 3. Oktober. Feiertag.", "3.")],
)
def test_regex_segmenter_keeps_ordinal_dates(text, ordinal):
    assert (ordinal, "ordinal") in _tokens(text)
    assert _split(text)[0].startswith(f"{text.split(ordinal)[0]}{ordinal} ")


@pytest.mark.parametrize(
    "abbreviation",
    ["z. B.", "u. a.", "Dr.", "Nr.", "bzw.", "ca.", "Mio.", "Mrd.", "Prof.", "St.", "vgl.", "S.",
     "Jan.", "Sept."],
)
def test_regex_segmenter_keeps_abbreviations(abbreviation):
    text = f"Es kamen {abbreviation} Müller und Gäste. Der Abend war lang."
    assert _split(text) == [f"Es kamen {abbreviation} Müller und Gäste.", "Der Abend war lang."]
    for part in abbreviation.split():
        assert (part, "abbreviation") in _tokens(text)


def test_sentence_final_abbreviations_end_before_a_capital():
    assert _split("Äpfel, Birnen usw. Dann kam er.") == ["Äpfel, Birnen usw.", "Dann kam er."]
    assert _split("Es ist so. Er ist alt. Gut.") == ["Es ist so.", "Er ist alt.", "Gut."]


@pytest.mark.parametrize("number", ["1.250,50", "20.30", "3,5", "1.000.000", "2/2", "-3", "2024"])
def test_regex_segmenter_numbers(number):
    assert _tokens(f"Es sind {number} Punkte.")[2] == (number, "number")


def test_regex_segmenter_dates_times_and_measurements():
    assert ("16.01.2024", "date") in _tokens("Am 16.01.2024 kam er.")
    assert ("11:30", "time") in _tokens("Um 11:30 Uhr.")
    assert _tokens("Er lief 5 km.")[2:4] == [("5", "measurement"), ("km", "measurement")]
    assert _split("Das war 2024. Dann kam 2025.") == ["Das war 2024.", "Dann kam 2025."]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("„Wir kommen.“ Dann ging er.", ["„Wir kommen.“", "Dann ging er."]),
        ("»Wir kommen!« Dann ging er.", ["»Wir kommen!«", "Dann ging er."]),
        ('"Wir kommen." Dann ging er.', ['"Wir kommen."', "Dann ging er."]),
        ("‚Wir kommen?‘ Dann ging er.", ["‚Wir kommen?‘", "Dann ging er."]),
        ("Er sagte: „Nein.“ Sie ging.", ["Er sagte: „Nein.“", "Sie ging."]),
        ("„… Führer”, sagte Choe. Dann ging er.", None),
    ],
)
def test_regex_segmenter_quotes(text, sentences):
    tokens = _tokens(text)
    for mark in "„“»«\"‚‘”":
        if mark in text:
            assert (mark, "symbol") in tokens
    if sentences:
        assert _split(text) == sentences
    else:
        assert _split(text)[-2:] == ["Führer”, sagte Choe.", "Dann ging er."]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Putin-Besuch", "regular"),
        ("US-Provokationen", "regular"),
        ("https://www.example.com/a?b=1", "URL"),
        ("www.derstandard.at", "URL"),
        ("derStandard.at", "URL"),
        ("info@example.com", "email_address"),
        ("geht's", "regular"),
        ("#wien", "hashtag"),
    ],
)
def test_regex_segmenter_single_tokens(word, kind):
    assert _tokens(f"Siehe {word} heute.")[1] == (word, kind)


def test_regex_segmenter_ellipses_dashes_and_urls_at_sentence_end():
    assert _split("Er kam – und ging… Dann nichts... Aus.") == [
        "Er kam – und ging…", "Dann nichts...", "Aus."]
    assert ("–", "symbol") in _tokens("Er kam – und ging…")
    assert _tokens("Mehr auf www.spiegel.de. Ende.")[2:4] == [
        ("www.spiegel.de", "URL"), (".", "symbol")]


def test_regex_segmenter_offsets_and_paragraphs():
    text = "„Ja“, sagte er. Kim-Besuch?\n\nam 3. Mai 2024 kam z. B. Dr. Kim."
    sentences = language.segment(text)
    assert [s.text for s in sentences] == ["„Ja“, sagte er.", "Kim-Besuch?",
                                            "am 3. Mai 2024 kam z. B. Dr. Kim."]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text


def test_somajo_backend_stays_available():
    text = "Am 3. Oktober kam Dr. Müller. Dann ging er."
    fast, somajo = language.segment_fast(text), language.segment_somajo(text)
    assert [s.text for s in fast] == [s.text for s in somajo]
    assert [(t.text, t.kind) for s in fast for t in s.tokens] == [
        (t.text, t.kind) for s in somajo for t in s.tokens]
