"""Entity recognition and in-article linking, checked on the seed article and small cases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.entities import (
    COLUMNS,
    KINDS,
    MENTION_COLUMNS,
    extract_entities,
    link_corpus,
    mentions,
    sentence_spans,
)
from analysis.entities.linking import SHORT_FORM_WORD
from analysis.language import segment

SEED = Path(__file__).parents[1] / "seeds" / "2024-01-16_reuters_nordkorea-russland-choe-lawrow.txt"


def seed_body(raw: str) -> str:
    """The body as the loader gives it: after the byline, without dateline and footer."""
    body = raw.split("Von Guy Faulconbridge", 1)[1].strip()
    body = body.removeprefix("MOSKAU (Reuters) – ")
    return body[: body.rindex("source site-20")].strip()


@pytest.fixture(scope="module")
def raw() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def body(raw: str) -> str:
    return seed_body(raw)


@pytest.fixture(scope="module")
def seed(body: str) -> pd.DataFrame:
    return extract_entities(body)


def entities(frame: pd.DataFrame, label: str) -> set[str]:
    return set(frame.loc[frame["label"] == label, "entity"])


def assert_offsets(text: str, frame: pd.DataFrame) -> None:
    assert list(frame.columns) == COLUMNS
    assert frame["start"].is_monotonic_increasing
    for start, end, surface in zip(frame["start"], frame["end"], frame["text"], strict=True):
        assert text[start:end] == surface


def test_seed_people_and_places(seed: pd.DataFrame) -> None:
    assert {
        "Wladimir Putin", "Sergej Lawrow", "Choe Son Hui", "Kim Jong Un", "Kim Jong Il",
        "Dmitri Peskow", "Boris Jelzin",
    } <= entities(seed, "PER")
    assert {
        "Nordkorea", "Russland", "Moskau", "Pjöngjang", "Ukraine", "Washington",
        "USA",
    } <= entities(seed, "LOC")


def test_seed_links_every_putin_mention(body: str, seed: pd.DataFrame) -> None:
    putin = seed[seed["entity"] == "Wladimir Putin"]
    assert len(putin) == body.count("Putin")
    assert set(putin["text"]) == {"Wladimir Putin", "Putin", "Putins"}
    assert set(putin["label"]) == {"PER"}
    assert set(seed.loc[seed["text"].isin(["Lawrow"]), "entity"]) == {"Sergej Lawrow"}
    assert set(seed.loc[seed["text"].isin(["Choe", "Choes"]), "entity"]) == {"Choe Son Hui"}


def test_seed_compound_covers_only_the_name(body: str, seed: pd.DataFrame) -> None:
    start = body.index("Putin-Besuch")
    row = seed[seed["start"] == start].iloc[0]
    assert (row["end"], row["text"], row["entity"]) == (start + 5, "Putin", "Wladimir Putin")
    us = seed[seed["start"] == body.index("US-Provokationen")].iloc[0]
    assert (us["text"], us["label"], us["entity"]) == ("US", "LOC", "USA")


def test_seed_has_no_common_nouns(seed: pd.DataFrame) -> None:
    words = {"Beziehungen", "Führer", "Reportern", "Möglichkeit", "Tatsache", "Sowohl"}
    assert not set(seed["text"]) & words
    assert set(seed["label"]) <= {"PER", "LOC", "ORG", "MISC"}


def test_seed_kim_jong_un_and_kim_jong_il_stay_apart(body: str, seed: pd.DataFrame) -> None:
    kims = seed[seed["text"].str.startswith("Kim")]
    assert {"Kim Jong Un", "Kim Jong Il"} <= set(kims["entity"])
    # "Kim" alone links to the most recently named Kim: Kim Jong Un throughout this article.
    assert set(kims.loc[kims["text"].isin(["Kim", "Kims"]), "entity"]) == {"Kim Jong Un"}
    assert_offsets(body, seed)


def test_raw_seed_with_dateline_byline_and_footer(raw: str) -> None:
    frame = extract_entities(raw)
    assert_offsets(raw, frame)
    dateline = frame[frame["start"] == raw.index("MOSKAU (Reuters)")].iloc[0]
    assert (dateline["label"], dateline["entity"]) == ("LOC", "Moskau")
    assert "Von" not in set(frame["text"])
    assert "Reuters" in entities(frame, "ORG")
    assert "Wladimir Putin" in entities(frame, "PER")


def test_genitives_link_to_the_full_name() -> None:
    text = (
        "Bundeskanzlerin Angela Merkel traf Olaf Scholz. Merkels Politik sei gut, sagte Scholz. "
        "Scholz' Regierung widersprach."
    )
    frame = extract_entities(text)
    assert_offsets(text, frame)
    by_text = dict(zip(frame["text"], frame["entity"], strict=True))
    assert by_text["Merkels"] == "Angela Merkel"
    assert by_text.get("Scholz'", by_text.get("Scholz")) == "Olaf Scholz"
    assert set(frame["label"]) == {"PER"}


def test_upper_case_dateline_and_agency() -> None:
    text = "BERLIN (dpa) - Die Regierung in Berlin tagte, wie Nordkoreas Nachbarn."
    frame = extract_entities(text)
    assert_offsets(text, frame)
    assert frame.loc[frame["text"] == "BERLIN", "entity"].tolist() == ["Berlin"]
    assert entities(frame, "ORG") == {"dpa"}
    assert entities(frame, "LOC") == {"Berlin", "Nordkorea"}


def test_kim_links_to_the_most_recent_full_name() -> None:
    text = "Kim Jong Il traf Kim Jong Un. Kim lachte. Dann sprach Kim Jong Il. Kims Sohn schwieg."
    frame = extract_entities(text)
    assert frame["entity"].tolist() == [
        "Kim Jong Il", "Kim Jong Un", "Kim Jong Un", "Kim Jong Il", "Kim Jong Il",
    ]


def test_adjacent_names_are_split() -> None:
    text = "Wladimir Putin traf Kim Jong Un. Als Putin Kim begleitete, lachte Kim."
    frame = extract_entities(text)
    assert frame["text"].tolist() == ["Wladimir Putin", "Kim Jong Un", "Putin", "Kim", "Kim"]


def test_organisations_from_cues_and_gazetteer() -> None:
    text = "Der Chef der Deutschen Bank sagte, die Siemens AG und die NATO seien stark."
    frame = extract_entities(text)
    assert entities(frame, "ORG") >= {"Deutsche Bank", "NATO"}
    assert "Siemens" in "".join(frame.loc[frame["label"] == "ORG", "text"])


@pytest.mark.parametrize("text", ["", "   \n\n ", "keine namen hier.", "123 456"])
def test_no_entities(text: str) -> None:
    frame = extract_entities(text)
    assert frame.empty
    assert list(frame.columns) == COLUMNS


def test_mentions_adds_doc_and_sentence_ids(body: str) -> None:
    short = "Er reiste nach Kiew. Dort traf er Selenskyj."
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [body, "", short]})
    table = mentions(documents)
    assert list(table.columns) == MENTION_COLUMNS
    assert set(table["doc_id"]) == {"a", "c"}
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        rows = table[table["doc_id"] == doc_id]
        sentences = segment(text)
        for sentence_id, start, end in zip(rows["sentence_id"], rows["start"], rows["end"],
                                           strict=True):
            assert sentences[sentence_id].start <= start < end <= sentences[sentence_id].end
    kiew = table[table["text"] == "Kiew"].iloc[0]
    assert (kiew["doc_id"], kiew["sentence_id"], kiew["label"]) == ("c", 0, "LOC")
    assert table[table["text"] == "Selenskyj"]["sentence_id"].tolist() == [1]


def test_mentions_of_no_documents() -> None:
    table = mentions(pd.DataFrame({"doc_id": [], "text": []}))
    assert table.empty
    assert list(table.columns) == MENTION_COLUMNS


def test_hyphen_compound_mentions_the_name() -> None:
    text = "Wladimir Putin reiste ab. Der Putin-Besuch in Pjöngjang war kurz."
    frame = extract_entities(text)
    row = frame[frame["start"] == text.index("Putin-Besuch")].iloc[0]
    assert (row["text"], row["entity"], row["label"]) == ("Putin", "Wladimir Putin", "PER")


def test_demonyms_are_a_separate_kind() -> None:
    text = "Russische Truppen und nordkoreanische Soldaten übten mit Russen an der Grenze."
    assert extract_entities(text).empty
    frame = extract_entities(text, kinds=KINDS)
    assert frame[["text", "entity", "kind"]].values.tolist() == [
        ["Russische", "Russland", "demonym"],
        ["nordkoreanische", "Nordkorea", "demonym"],
        ["Russen", "Russland", "demonym"],
    ]
    assert set(frame["label"]) == {"LOC"}


def test_demonym_inside_a_hyphen_compound() -> None:
    text = "Die nordkoreanisch-russischen Beziehungen sind eng."
    frame = extract_entities(text, kinds=["demonym"])
    assert frame[["text", "entity"]].values.tolist() == [
        ["nordkoreanisch", "Nordkorea"], ["russischen", "Russland"],
    ]
    assert_offsets(text, frame)


# Hand-annotated role descriptions: (text, {role surface: entity or None when it must stay out}).
ROLE_CASES = [
    (
        "Außenministerin Annalena Baerbock ist in Kiew eingetroffen. Die Außenministerin sprach "
        "mit Präsident Wolodymyr Selenskyj. Der Präsident dankte Deutschland.",
        {"Die Außenministerin": "Annalena Baerbock", "Der Präsident": "Wolodymyr Selenskyj"},
    ),
    (
        "Außenminister Sergej Lawrow traf Außenministerin Choe Son Hui. Der Außenminister lobte "
        "das Treffen.",
        {"Der Außenminister": None},
    ),
    (
        "Außenminister Sergej Lawrow empfing Gäste. Die Außenminister beider Länder sprachen.",
        {"Die Außenminister": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_CASES)
def test_roles_link_only_when_unambiguous(text: str, expected: dict[str, str | None]) -> None:
    frame = extract_entities(text, kinds=KINDS)
    roles = frame[frame["kind"] == "role"]
    found = {text[start - 4 : end]: entity
             for start, end, entity in zip(roles["start"], roles["end"], roles["entity"],
                                           strict=True)}
    assert found == {key: value for key, value in expected.items() if value}
    assert set(roles["label"]) <= {"PER"}
    assert "role" not in set(extract_entities(text)["kind"])


def test_alias_table_overrides_linking(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "alias,entity,label\nPutin,Wladimir Wladimirowitsch Putin,\nKremlchef,Wladimir Putin,PER\n",
        encoding="utf-8",
    )
    text = "Putin sprach in Moskau. Der Kremlchef lobte die Gespräche."
    frame = extract_entities(text, kinds=KINDS, aliases=aliases)
    assert frame[["text", "entity", "kind"]].values.tolist() == [
        ["Putin", "Wladimir Wladimirowitsch Putin", "name"],
        ["Moskau", "Moskau", "name"],
        ["Kremlchef", "Wladimir Putin", "role"],
    ]
    without = extract_entities(text, kinds=KINDS, aliases=tmp_path / "missing.csv")
    assert "Kremlchef" not in set(without["text"])


def test_link_corpus_gives_one_name_across_articles() -> None:
    documents = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "text": [
            "Wladimir Putin traf Kim Jong Un in Moskau.",
            "Putin sagte, Putins Pläne seien klar.",
            "Kim Jong Il regierte lange.",
            "Kim sprach in Pjöngjang.",
        ],
    })
    table = mentions(documents)
    by_doc = table.groupby("doc_id")["entity"].apply(list).to_dict()
    assert by_doc["b"] == ["Wladimir Putin", "Wladimir Putin"]
    assert by_doc["d"][0] == "Kim"  # Kim Jong Un and Kim Jong Il are equally likely: kept apart
    assert set(table.loc[table["entity"] == "Wladimir Putin", "label"]) == {"PER"}


def test_link_corpus_unifies_labels_and_applies_aliases(tmp_path: Path) -> None:
    table = pd.DataFrame({
        "doc_id": ["a", "a", "b"], "sentence_id": [0, 0, 0], "start": [0, 10, 0],
        "end": [6, 16, 7], "text": ["Berlin", "Berlin", "Berlins"], "label": ["LOC", "LOC", "ORG"],
        "entity": ["Berlin", "Berlin", "Berlins"], "kind": ["name"] * 3,
    })
    linked = link_corpus(table, aliases=tmp_path / "none.csv")
    assert linked["entity"].tolist() == ["Berlin"] * 3
    assert linked["label"].tolist() == ["LOC"] * 3
    (tmp_path / "aliases.csv").write_text("alias,entity,label\nBerlin,Berlin (Stadt),\n")
    linked = link_corpus(table, aliases=tmp_path / "aliases.csv")
    assert linked["entity"].tolist() == ["Berlin (Stadt)"] * 3


def _names(text: str) -> list[tuple[str, str, str]]:
    return [tuple(row) for row in extract_entities(text)[["text", "label", "entity"]].to_numpy()]


def test_a_function_word_before_a_name_is_not_part_of_it():
    found = _names("Die Falter-Journalistin Nina Horaczek schrieb darüber.")
    assert ("Nina Horaczek", "PER", "Nina Horaczek") in found


def test_a_time_word_after_a_name_is_not_part_of_it():
    words = ["Das", "sagte", "Gerhard", "Huber", "Freitagabend", "in", "Graz", "."]
    spans = sentence_spans(words, ["O", "O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "O"])
    assert (2, 4, "PER") in spans


def test_two_organisations_read_as_one_are_split_at_und():
    words = ["Forscher", "der", "Universität", "Tel", "Aviv", "und", "des", "Massachusetts",
             "Institute", "of", "Technology"]
    tags = ["O", "O", "B-ORG", *["I-ORG"] * 8]
    assert sentence_spans(words, tags) == [(2, 5, "ORG"), (7, 11, "ORG")]
    words = ["Das", "Ministerium", "für", "Arbeit", "und", "Soziales"]
    assert sentence_spans(words, ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"]) == [
        (1, 6, "ORG")], "common nouns on both sides: one name"


def test_an_abbreviation_the_article_introduces_stands_for_the_long_name():
    text = ("Der Bundesnachrichtendienst (BND) warnte am Montag. Später sah der BND keine Gefahr. "
            "Die BND-Zentrale liegt in Berlin.")
    found = _names(text)
    assert [entity for short, _, entity in found if short == "BND"] == [
        "Bundesnachrichtendienst"] * 3
    assert all(label == "ORG" for short, label, _ in found if short == "BND")


def test_a_surname_is_no_abbreviation():
    from analysis.entities.linking import abbreviates

    assert abbreviates("ÖVP", "Österreichische Volkspartei")
    assert not abbreviates("USA", "Vereinigte Staaten")
    assert not SHORT_FORM_WORD.fullmatch("Kim"), "one capital: a name, not an abbreviation"


def test_the_corpus_learns_an_abbreviation_once_introduced():
    documents = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "Die Weltgesundheitsorganisation (WHO) rief den Notstand aus.",
        "Die WHO empfiehlt Masken in Genf.",
    ]})
    table = mentions(documents)
    assert set(table.loc[table["text"] == "WHO", "entity"]) == {"Weltgesundheitsorganisation"}


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Baschar al-Assad", "Bashar al-Assad", True),
        ("Wladimir Putin", "Vladimir Putin", True),
        ("Alexej Nawalny", "Alexei Navalny", True),
        ("Kim Jong Un", "Kim Jong Il", False),
        ("Paul Meier", "Paula Meier", False),
        ("Hans Huber", "Hanna Huber", False),
    ],
)
def test_transliterations_are_one_person_and_near_names_are_not(one, other, same):
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        f"{one} sprach am Montag.", f"{one} reiste nach Wien.", f"{other} kam am Dienstag.",
    ]})
    table = mentions(documents)
    people = set(table.loc[table["label"] == "PER", "entity"])
    assert people == ({one} if same else {one, other})


def test_lower_case_words_end_a_name_unless_particles_or_its_adjectives():
    words = ["Google", "zeigt", "ei-nen", "Film", "."]
    assert sentence_spans(words, ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]) == [(0, 1, "ORG")]
    words = ["der", "Bundesverband", "deutscher", "Banken", "und", "Frankfurt", "am", "Main"]
    tags = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "I-LOC", "I-LOC"]
    assert sentence_spans(words, tags) == [(1, 4, "ORG"), (5, 8, "LOC")]


def test_adjectives_and_time_words_before_a_name_are_cut_off():
    words = ["die", "bosnisch-serbischen", "Republika", "Srpska", "seit", "Herbst", "2014",
             "Reitz"]
    tags = ["O", "B-LOC", "I-LOC", "I-LOC", "O", "B-PER", "I-PER", "I-PER"]
    assert sentence_spans(words, tags) == [(2, 4, "LOC"), (7, 8, "PER")]
    words = ["die", "nanoresins", "AG"]
    assert sentence_spans(words, ["O", "B-ORG", "I-ORG"]) == [(1, 3, "ORG")], "not an adjective"


def test_a_list_of_names_read_as_one_is_split_but_truncated_compounds_stay():
    words = ["AS", "Rom", ",", "Ajax", "Amsterdam", "und", "Manchester", "United"]
    spans = sentence_spans(words, ["B-ORG", *["I-ORG"] * 7])
    assert spans == [(0, 2, "ORG"), (3, 5, "ORG"), (6, 8, "ORG")]
    words = ["die", "Volks-", "und", "Raiffeisenbanken"]
    assert sentence_spans(words, ["O", "B-ORG", "I-ORG", "I-ORG"]) == [(1, 4, "ORG")]


def test_a_noun_describing_a_name_is_cut_off_but_one_belonging_to_it_stays():
    cases = [
        (["die", "Millionenmetropole", "Karachi"], ["O", "B-ORG", "I-ORG"], [(2, 3, "ORG")]),
        (["das", "US-Magazin", "Playboy"], ["O", "B-MISC", "I-MISC"], [(1, 3, "MISC")]),
        (["in", "Bad", "Radkersburg"], ["O", "B-LOC", "I-LOC"], [(1, 3, "LOC")]),
        (["das", "Schauspielhaus", "Zürich"], ["O", "B-ORG", "I-ORG"], [(1, 3, "ORG")]),
        (["die", "Berliner", "Zeitung"], ["O", "B-ORG", "I-ORG"], [(1, 3, "ORG")]),
    ]
    for words, tags, spans in cases:
        assert sentence_spans(words, tags) == spans, words


def test_news_organisations_are_known_by_their_short_and_long_names():
    found = _names("Die Freiheitlichen und die SPÖ stimmten dagegen, berichtete der STANDARD. "
                   "Auch Twitter und die Arbeiterkammer kritisierten das.")
    entities = {entity: label for _, label, entity in found}
    assert entities["FPÖ"] == "ORG"
    assert entities["SPÖ"] == "ORG"
    assert entities["Der Standard"] == "ORG"
    assert entities["Twitter"] == "ORG"
    assert entities["Arbeiterkammer"] == "ORG"


def test_a_name_cut_at_a_capitalised_particle_runs_on_and_its_short_form_links():
    words = ["Alexander", "Van", "der", "Bellen", "gewann", "."]
    assert sentence_spans(words, ["B-PER", "I-PER", "O", "B-PER", "O", "O"])[0] == (0, 4, "PER")
    found = _names("Alexander Van der Bellen gewann die Wahl. Van der Bellen dankte den Wählern.")
    assert {entity for _, label, entity in found if label == "PER"} == {"Alexander Van der Bellen"}


def test_one_person_has_one_spelling_within_an_article():
    found = _names("Mahmoud Abbas traf Netanjahu. Später sagte Mahmud Abbas, er sei enttäuscht.")
    assert {entity for text, _, entity in found if "Abbas" in text} == {"Mahmud Abbas"}


def test_a_currency_alone_is_no_entity():
    words = ["Das", "kostet", "100", "Euro", "oder", "120", "US-Dollar", "."]
    tags = ["O", "O", "O", "B-MISC", "O", "O", "B-MISC", "O"]
    assert sentence_spans(words, tags) == []


def test_curated_names_the_crf_missed_are_added_but_common_words_are_not():
    words = ["Der", "Hauptverband", "der", "Sozialversicherungsträger", "und", "das",
             "Gesundheitsministerium", "tagten", "in", "der", "Welt", "."]
    spans = sentence_spans(words, ["O"] * len(words))
    assert spans == [(1, 4, "ORG"), (6, 7, "ORG")], "no Welt: a common word"
    words = ["Die", "Brennkammer", "des", "Motors", "."]
    assert sentence_spans(words, ["O"] * len(words)) == []


def test_a_lone_person_named_like_a_large_city_is_the_city():
    from analysis.entities.linking import _lone_places

    assert _lone_places({"Hollywood": "PER", "Berkeley": "PER", "Anna": "PER",
                         "Merkel": "PER"}) == {"Hollywood": "LOC", "Berkeley": "LOC"}


def test_interview_labels_are_no_mentions():
    found = _names("Hans Huber ist Bürgermeister. STANDARD: Wie geht es Ihnen? Huber: Gut. "
                   "STANDARD: Und der Gemeinde? Huber: Auch gut.")
    assert [(text, entity) for text, label, entity in found if label != "MISC"] == [
        ("Hans Huber", "Hans Huber")]


@pytest.mark.parametrize("words", [
    ["Solange", "die", "Sonne", "scheint", ",", "bleiben", "wir", "."],
    ["Ernst", "zu", "nehmende", "Kritik", "gab", "es", "nicht", "."],
    ["Momentan", "läuft", "alles", "gut", "."],
])
def test_a_common_word_opening_a_sentence_is_no_name(words):
    from analysis.entities.spans import common_opener

    assert common_opener(words, 0, 1, "PER")


def test_a_name_opening_a_sentence_stays_and_so_does_one_used_again():
    from analysis.entities.spans import common_opener

    assert not common_opener(["Huber", "kam", "am", "Montag", "."], 0, 1, "PER")
    found = _names("Ernst zu nehmende Kritik gab es nicht. Sie kam von Angela Merkel.")
    assert [text for text, _, _ in found] == ["Angela Merkel"]
    found = _names("Ernst sagte, Ernst Huber komme nicht.")
    assert "Ernst" in [text for text, _, _ in found], "used again: a name"


def test_a_place_after_an_organisation_word_names_the_organisation():
    words = ["an", "der", "Universität", "Wien", "und", "der", "Regierung", "Ägyptens"]
    tags = ["O", "O", "O", "B-LOC", "O", "O", "O", "B-LOC"]
    assert sentence_spans(words, tags) == [(2, 4, "ORG"), (7, 8, "LOC")]


def test_a_listed_company_at_the_front_of_a_compound_is_named():
    found = _names("Der Adidas-Chef sprach über die Siemens-Aktie.")
    assert [(text, label) for text, label, _ in found] == [("Adidas", "ORG"), ("Siemens", "ORG")]


def test_an_initial_and_a_surname_link_to_the_full_name_with_that_initial():
    from analysis.entities.linking import _shorter_form

    assert _shorter_form(["S.", "Hofmann"], ["Steffen", "Hofmann"])
    assert not _shorter_form(["S.", "Hofmann"], ["Maximilian", "Hofmann"])
    assert _shorter_form(["Van", "der", "Bellen"], ["Alexander", "Van", "der", "Bellen"])
    assert not _shorter_form(["Hofmann"], ["Hofmann"])


def test_one_noun_describing_a_name_is_cut_off_not_two():
    words = ["die", "Journalistin", "Wal", "Ferrao", "sagte"]
    assert sentence_spans(words, ["O", "B-PER", "I-PER", "I-PER", "O"]) == [(2, 4, "PER")]


def test_a_person_in_the_genitive_before_a_noun_is_named_bare():
    found = _names("Justin Biebers Song lief überall.")
    assert [(text, entity) for text, _, entity in found] == [("Justin Biebers", "Justin Bieber")]
    words = ["Francis", "Poulencs", "Klavierkonzert", "erklang", "."]
    assert sentence_spans(words, ["B-PER", "I-PER", "I-PER", "O", "O"]) == [(0, 2, "PER")]


def test_a_club_word_before_a_place_names_the_club():
    words = ["gegen", "Sporting", "Lissabon", "und", "FC", "Liefering"]
    tags = ["O", "O", "B-LOC", "O", "O", "B-LOC"]
    assert sentence_spans(words, tags) == [(1, 3, "ORG"), (4, 6, "ORG")]


def test_a_full_name_whose_surname_the_article_uses_for_a_person_is_a_person():
    from analysis.entities.linking import _surname_used
    from analysis.entities.recognition import Mention

    full = Mention(0, 11, "Raif Badawi", "ORG", "Raif Badawi")
    alone = Mention(40, 47, "Badawis", "PER", "Badawis")
    assert _surname_used(full, [full, alone])
    described = Mention(0, 18, "Exlobbyist Sardana", "ORG", "Exlobbyist Sardana")
    assert not _surname_used(described, [described, Mention(30, 37, "Sardana", "PER", "Sardana")])


def test_a_lone_word_of_a_club_name_is_the_club():
    found = _names("AS Roma gewann in Mailand. Roma führt nun die Tabelle an.")
    assert {(text, entity) for text, _, entity in found if "Roma" in text} == {
        ("AS Roma", "AS Roma"), ("Roma", "AS Roma")}
    assert {label for text, label, _ in found if "Roma" in text} == {"ORG"}


def test_a_role_after_a_name_is_cut_off_and_a_club_abbreviation_makes_a_club():
    words = ["Kärntens", "Landeshauptmann", "Peter", "Kaiser", "und", "Hertha", "BSC"]
    tags = ["B-PER", "I-PER", "B-PER", "I-PER", "O", "B-PER", "I-PER"]
    assert sentence_spans(words, tags) == [(0, 1, "PER"), (2, 4, "PER"), (5, 7, "ORG")]


def test_array_decoder_gives_crfsuites_tags(body: str) -> None:
    """The cached-score Viterbi is the shipped CRF: on every sentence of the seed, alone and in
    one batch with an empty, a one-word and a very long sentence, its tags are crfsuite's."""
    from analysis.entities.recognition import crfsuite_tags, tag_sentences, tag_words

    sentences = [[token.text for token in s.tokens] for s in segment(body)]
    long = [word for words in sentences[:6] for word in words]
    sentences += [[], ["Scholz"], ["Nordkorea"], long]
    expected = [crfsuite_tags(words) for words in sentences]
    assert tag_sentences(sentences) == expected
    assert [tag_words(words) for words in sentences] == expected
    assert any(tag != "O" for tags in expected for tag in tags)
    assert tag_sentences([]) == []


def _spans(sentence: str, tags: str) -> list[tuple[str, str]]:
    words = sentence.split()
    return [(" ".join(words[a:b]), label)
            for a, b, label in sentence_spans(words, tags.split())]


@pytest.mark.parametrize(("sentence", "tags", "expected"), [
    # an initial before a person's name belongs to it
    ("Regie führte M. Night Shyamalan .", "O O O B-PER I-PER O",
     [("M. Night Shyamalan", "PER")]),
    # a work and its author read as one person: split where "von" and a first name follow
    ("Es läuft Knecht Matti von Milo Rau .", "O O O B-PER I-PER I-PER I-PER O",
     [("Matti", "PER"), ("Milo Rau", "PER")]),
    ("Sie traf Jakob von Gunten .", "O O B-PER I-PER I-PER O", [("Jakob von Gunten", "PER")]),
    # a place's people in the genitive are no part of the name after them
    ("Das Stück des Grazers Ferdinand Schmalz .", "O O O B-ORG I-ORG I-ORG O",
     [("Ferdinand Schmalz", "ORG")]),
    # particles open only persons' names
    ("Eine Reaktion von der Flughafen Wien AG .", "O O B-ORG I-ORG I-ORG I-ORG I-ORG O",
     [("Flughafen Wien AG", "ORG")]),
    # a compound of a name and a common noun describes the name after it
    ("Der Max-Frisch-Klassiker Homo Faber läuft .", "O B-ORG I-ORG I-ORG O O",
     [("Homo Faber", "ORG")]),
    # abbreviations of common nouns and currencies are no names
    ("Das BIP stieg , der Euro fiel .", "O B-ORG O O O B-ORG O O", []),
])
def test_span_boundaries_in_news(sentence: str, tags: str, expected: list) -> None:
    assert _spans(sentence, tags) == expected
