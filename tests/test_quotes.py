"""Quotes and speakers: the seed article (issue 8) and each frame German news uses."""

import pandas as pd
import pytest
from conftest import SEED

import analysis
from analysis.document import Doc
from analysis.quotes import COLUMNS, DOCUMENT_COLUMNS, extract_quotes, lexicon, quotes, speech_verbs
from analysis.quotes.article import _Article


def people(text: str, *names: tuple[str, str]) -> pd.DataFrame:
    """Hand-made entity frame (mention, canonical name), so edge cases do not hang on the NER."""
    rows, position = [], 0
    for mention, entity in names:
        start = text.index(mention, position)
        label = "LOC" if entity in {"Moskau", "Russland"} else "PER"
        rows.append((start, start + len(mention), mention, label, entity))
        position = start + len(mention)
    return pd.DataFrame(rows, columns=["start", "end", "text", "label", "entity"])


def only(frame: pd.DataFrame, **values: str) -> pd.Series:
    chosen = frame
    for column, value in values.items():
        chosen = chosen[chosen[column] == value]
    assert len(chosen) == 1, frame
    return chosen.iloc[0]


@pytest.fixture(scope="module")
def seed():
    article = analysis.load_corpus(SEED).iloc[0]
    text = f"{article['title']}\n\n{article['text']}"
    return text, extract_quotes(text)


def test_choe_is_quoted_directly_with_mixed_marks(seed):
    text, found = seed
    choe = only(found, speaker="Choe Son Hui", kind="direct")
    assert choe["quote"].startswith("Die Tatsache, dass sich die Außenminister")
    assert choe["quote"].endswith("voranschreiten Führer")
    assert choe["verb"] == "sagte"
    assert text[choe["speaker_start"] : choe["speaker_end"]] == "Choe"


def test_peskow_is_quoted_directly(seed):
    text, found = seed
    peskow = only(found, speaker="Dmitri Peskow", kind="direct")
    assert peskow["verb"] == "sagte"
    assert peskow["quote"].startswith("Was Putins Besuch angeht")
    assert text[peskow["speaker_start"] : peskow["speaker_end"]] == "Dmitri Peskow"


def test_lawrow_speaks_indirectly_twice(seed):
    _, found = seed
    lawrow = found[found["speaker"] == "Sergej Lawrow"]
    assert set(lawrow["kind"]) == {"indirect"}
    assert list(lawrow["verb"]) == ["sagte", "warnte"]
    assert lawrow.iloc[0]["quote"] == (
        "man werde die allgemeinere Lage auf der koreanischen Halbinsel besprechen"
    )
    assert lawrow.iloc[1]["quote"] == "Drohungen aus Washington wenig bewirken würden"


def test_moscow_declares_with_a_dass_clause(seed):
    _, found = seed
    moskau = only(found, speaker="Moskau")
    assert (moskau["kind"], moskau["verb"]) == ("indirect", "erklärt")
    assert moskau["quote"].startswith("es Beziehungen zu allen Ländern aufbauen werde")
    assert moskau["quote"].endswith("nicht im Widerspruch zu internationalen Vereinbarungen stehe")


def test_scare_quotes_are_not_quotes(seed):
    text, found = seed
    assert "kameradschaftliche" not in set(found["quote"])
    assert found["start"].min() > text.index("\n\n")  # nothing quoted in the title
    assert list(found.columns) == COLUMNS
    assert (found["kind"] == "direct").sum() == 2


def test_putin_sagt_in_a_relative_clause_and_er_is_putin(seed):
    _, found = seed
    putin = found[found["speaker"] == "Wladimir Putin"]
    assert list(putin["quote"]) == [
        "Russland befinde sich in einem existenziellen Kampf mit dem Westen um die Ukraine",
        "Russland Pjöngjang beim Bau von Satelliten helfen werde",
    ]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("»Wir sind bereit«, sagte Scholz.", "Wir sind bereit"),
        ('"Wir sind bereit", sagte Scholz.', "Wir sind bereit"),
        ("‚Wir sind bereit‘, sagte Scholz.", "Wir sind bereit"),
        ("„Wir sind bereit“, sagte Scholz.", "Wir sind bereit"),
        ("Scholz sagte: „Wir sind bereit.“", "Wir sind bereit."),
    ],
)
def test_every_kind_of_quote_mark(text, quote):
    found = only(extract_quotes(text, people(text, ("Scholz", "Olaf Scholz"))), kind="direct")
    assert (found["quote"], found["speaker"]) == (quote, "Olaf Scholz")


def test_a_quote_over_two_sentences_is_one_quote():
    text = "„Wir haben lange verhandelt. Jetzt liegt ein Kompromiss vor“, sagte Lauterbach."
    found = only(
        extract_quotes(text, people(text, ("Lauterbach", "Karl Lauterbach"))), kind="direct"
    )
    assert found["quote"] == "Wir haben lange verhandelt. Jetzt liegt ein Kompromiss vor"
    assert (found["speaker"], found["sentence_id"]) == ("Karl Lauterbach", 0)


def test_speaker_before_the_quote_and_the_verb():
    text = "Choe sagte: „Die Beziehungen sind gut.“ Danach sagte Lawrow, man werde weiter reden."
    found = extract_quotes(
        text, people(text, ("Choe", "Choe Son Hui"), ("Lawrow", "Sergej Lawrow"))
    )
    assert list(found["speaker"]) == ["Choe Son Hui", "Sergej Lawrow"]
    assert list(found["kind"]) == ["direct", "indirect"]
    assert found.iloc[1]["quote"] == "man werde weiter reden"


def test_er_is_the_last_man_and_sie_the_last_woman():
    text = (
        "Außenministerin Annalena Baerbock traf Kremlsprecher Dmitri Peskow. "
        "„Das war ein offenes Gespräch“, sagte sie. „Wir reden weiter“, sagte er."
    )
    found = extract_quotes(
        text,
        people(
            text, ("Annalena Baerbock", "Annalena Baerbock"), ("Dmitri Peskow", "Dmitri Peskow")
        ),
    )
    assert list(found["speaker"]) == ["Annalena Baerbock", "Dmitri Peskow"]
    assert text[found.iloc[0]["speaker_start"] : found.iloc[0]["speaker_end"]] == "sie"


def test_gender_comes_from_the_role_noun_or_a_female_first_name():
    """Choe (Choe Son Hui) is a Korean surname: her gender comes from "Außenministerin"."""
    text = "Außenministerin Choe Son Hui, Kanzler Olaf Scholz, Annalena Baerbock und Choe Son Hui."
    names = [("Choe Son Hui", "Choe Son Hui"), ("Olaf Scholz", "Olaf Scholz"),
             ("Annalena Baerbock", "Annalena Baerbock")]
    mentions = people(text, *names).drop(columns="text").itertuples(index=False)
    assert _Article(Doc.parse(text), mentions).gender == {
        "Choe Son Hui": "f", "Olaf Scholz": "m", "Annalena Baerbock": "f"
    }
    bare = "Choe Son Hui traf Lawrow."
    mentions = people(bare, ("Choe Son Hui", "Choe Son Hui")).drop(columns="text")
    assert _Article(Doc.parse(bare), mentions.itertuples(index=False)).gender == {}


def test_a_word_list_row_with_a_missing_cell_fails_loudly(tmp_path, monkeypatch):
    (tmp_path / "pronouns.tsv").write_text("# word, gender\nword\tgender\ner\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "WORD_LISTS", tmp_path)
    with pytest.raises(ValueError, match=r"pronouns\.tsv: row 2 needs 2 cells"):
        lexicon._rows("pronouns.tsv")


def test_an_unresolved_pronoun_is_unknown_but_located():
    """Issue 14: "er" with nobody to stand for is shown as unknown, not as the word "er"."""
    text = "„Das ist falsch“, sagte er."
    found = only(extract_quotes(text, people("")), kind="direct")
    assert found["speaker"] == ""
    assert text[found["speaker_start"] : found["speaker_end"]] == "er"


def test_a_role_without_a_name_is_unknown():
    text = "Der Brand sei inzwischen gelöscht, sagte ein Sprecher der Feuerwehr."
    found = only(extract_quotes(text, people(text)), kind="indirect")
    assert found["quote"] == "Der Brand sei inzwischen gelöscht"
    assert found["speaker"] == ""
    assert text[found["speaker_start"] : found["speaker_end"]] == "ein Sprecher der Feuerwehr"


# Issue 14: junk speakers seen on real news, one per class; each names nobody.
@pytest.mark.parametrize(
    "text",
    [
        "„Das stimmt so nicht“, sagt der eine.",  # determiner
        "Manche sagen, die Reform komme zu spät.",  # quantifier
        "Einer sagte, die Lage sei ernst.",  # quantifier
        "„Wir sind bereit“, hieß es Ende Dezember.",  # time expression
        "„Wir prüfen das“, teilte das Büro am Montag mit.",  # common noun
        "Mein Grundsatz lautet: „Erst denken, dann reden.“",  # possessive and common noun
        "„Das wird teurer“, sagt Pickerl.",  # a word that is no known name
    ],
)
def test_junk_is_never_a_speaker(text):
    (found,) = extract_quotes(text, people(text)).itertuples()
    assert found.speaker == ""


def test_a_time_expression_is_passed_over_for_the_subject():
    text = "Ende Dezember erklärte Kanzler Olaf Scholz, die Lage sei ernst."
    found = only(extract_quotes(text, people(text, ("Olaf Scholz", "Olaf Scholz"))),
                 kind="indirect")
    assert found["speaker"] == "Olaf Scholz"


def test_a_place_after_a_preposition_is_no_speaker():
    text = "In den USA sagte Tarantino: „Ich drehe keinen Film mehr.“"
    mentions = people(text, ("USA", "USA"), ("Tarantino", "Quentin Tarantino"))
    mentions.loc[0, "label"] = "LOC"
    assert only(extract_quotes(text, mentions), kind="direct")["speaker"] == "Quentin Tarantino"


def test_a_pronoun_is_the_nearest_person_before_it():
    text = ("Olaf Scholz traf am Montag Kanzleramtschef Wolfgang Schmidt. Danach reiste Friedrich "
            "Merz an. Er sagte, man habe sich geeinigt.")
    names = [("Olaf Scholz", "Olaf Scholz"), ("Wolfgang Schmidt", "Wolfgang Schmidt"),
             ("Friedrich Merz", "Friedrich Merz")]
    assert only(extract_quotes(text, people(text, *names)), kind="indirect")["speaker"] == (
        "Friedrich Merz"
    )


def test_a_role_is_the_person_named_with_it():
    text = ("Bürgermeister Hans Meier eröffnete die Sitzung. "
            "Der Haushalt sei ausgeglichen, so der Bürgermeister.")
    found = only(extract_quotes(text, people(text, ("Hans Meier", "Hans Meier"))),
                 kind="indirect")
    assert found["speaker"] == "Hans Meier"
    assert text[found["speaker_start"] : found["speaker_end"]] == "der Bürgermeister"


def test_a_spokesperson_speaks_for_the_organisation():
    text = "Die Kontrollen würden verlängert, sagte ein Sprecher des Bundesinnenministeriums."
    assert only(extract_quotes(text, people(text)), kind="indirect")["speaker"] == (
        "Bundesinnenministerium"
    )


def test_a_name_in_front_of_a_compound_does_not_speak():
    """ "EU-Diplomaten" are nobody in particular, though "EU" is a mention."""
    text = "Laut EU-Diplomaten unterstützen Deutschland und Frankreich die Idee."
    mentions = people(text, ("EU", "Europäische Union"))
    mentions.loc[0, "label"] = "ORG"
    assert only(extract_quotes(text, mentions), kind="indirect")["speaker"] == ""


def test_a_quote_inside_reported_speech_has_its_speaker():
    text = ("Die Abgeordnete Ska Keller sagte, die Pläne läsen sich „wie der Wunschzettel von "
            "Horst Seehofer und seinen Freunden im Ministerium“.")
    found = extract_quotes(text, people(text, ("Ska Keller", "Ska Keller")))
    assert list(found["kind"]) == ["indirect", "direct"]
    assert list(found["speaker"]) == ["Ska Keller", "Ska Keller"]
    assert found.iloc[0]["quote"] == "die Pläne läsen sich"


def test_das_sagte_after_a_dash_frames_the_quote():
    text = "„Deutschland und Italien sind zentral für Europa“ – das sagte Giorgio Squinzi."
    found = only(extract_quotes(text, people(text, ("Giorgio Squinzi", "Giorgio Squinzi"))),
                 kind="direct")
    assert (found["verb"], found["speaker"]) == ("sagte", "Giorgio Squinzi")


def test_a_frameless_quote_continues_an_indirect_speaker():
    text = ("Deshalb, so Zimmermann, können wir an dem alten Begriff nicht festhalten. "
            "„Wie immer sie es anstellen, ihr Ansatz lebt von einer Unterstellung.“")
    found = extract_quotes(text, people(text, ("Zimmermann", "Rolf Zimmermann")))
    assert list(found["kind"]) == ["indirect", "direct"]
    assert list(found["speaker"]) == ["Rolf Zimmermann", "Rolf Zimmermann"]


@pytest.mark.parametrize(
    ("text", "verb", "quote"),
    [
        (
            "Die Schuldenbremse gelte auch in Krisen, so Lindner.",
            "so",
            "Die Schuldenbremse gelte auch in Krisen",
        ),
        (
            "Laut Lindner gilt die Schuldenbremse auch in Krisen.",
            "laut",
            "gilt die Schuldenbremse auch in Krisen",
        ),
        (
            "Lindner teilte am Freitag mit, dass die Schuldenbremse gelte.",
            "teilte mit",
            "die Schuldenbremse gelte",
        ),
    ],
)
def test_so_laut_and_separable_verbs(text, verb, quote):
    found = only(
        extract_quotes(text, people(text, ("Lindner", "Christian Lindner"))), kind="indirect"
    )
    assert (found["verb"], found["quote"], found["speaker"]) == (verb, quote, "Christian Lindner")


def test_subjunctive_sentence_continues_the_speaker():
    text = "Blinken sagte, beide Seiten wollten reden. Man habe offen über Taiwan gesprochen."
    found = extract_quotes(text, people(text, ("Blinken", "Antony Blinken")))
    assert list(found["speaker"]) == ["Antony Blinken", "Antony Blinken"]
    assert found.iloc[1]["quote"] == "Man habe offen über Taiwan gesprochen"


@pytest.mark.parametrize(
    "text",
    [
        "Die Opposition spricht von einer „Zeitenwende light“.",
        "Quelle: „Mähr. Tagbl.“",
        "Der Begriff ‚Wumms‘ steht im Duden, das geht’s nicht an.",
    ],
)
def test_terms_and_titles_in_quote_marks_are_not_quotes(text):
    assert extract_quotes(text, people(text)).empty


def test_speech_verbs_come_in_all_finite_forms():
    verbs = speech_verbs()
    for form in [
        "sagt",
        "sagte",
        "sagten",
        "erklärt",
        "betonte",
        "antwortete",
        "erinnerte",
        "kritisierte",
        "schrieb",
        "mitteilte",
        "mitgeteilt",
        "hinzugefügt",
        "wies",
    ]:
        assert form in verbs, form
    assert verbs["teilte"] == ("mitteilen", "mit")
    assert "meinen" not in verbs  # the pronoun, far more often than the verb


def test_quotes_over_documents_puts_doc_id_first():
    documents = pd.DataFrame(
        {"doc_id": ["a", "b"], "text": ["„Wir sind bereit“, sagte er.", "Nichts gesagt."]}
    )
    found = quotes(documents)
    assert list(found.columns) == DOCUMENT_COLUMNS
    assert list(found["doc_id"]) == ["a"]
    assert list(quotes(documents.iloc[:0]).columns) == DOCUMENT_COLUMNS
