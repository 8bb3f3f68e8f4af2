"""The seed article end to end, as issue 2 states what must be right on it."""

import pytest
from conftest import SEED

import analysis

PEOPLE = ["Wladimir Putin", "Sergej Lawrow", "Choe Son Hui", "Kim Jong Un", "Kim Jong Il",
          "Dmitri Peskow", "Boris Jelzin"]
PLACES = ["Nordkorea", "Russland", "Moskau", "Pjöngjang", "Ukraine", "Washington"]
DATES = ["2024-01-16", "2023-09", "2023-10", "2022", "1999-12-31", "2000-07", "1948"]


@pytest.fixture(scope="module")
def seed():
    return analysis.load_corpus(SEED).iloc[0]


def test_metadata_is_separated_from_the_body(seed):
    assert seed["author"] == "Guy Faulconbridge"
    assert seed["agency"] == "Reuters"
    assert seed["dateline"] == "Moskau"
    assert str(seed["published"].date()) == "2024-01-16"
    assert seed["published_source"] == "caption"
    for not_body in ["Faulconbridge", "©", "2/2", "source site", "MOSKAU (Reuters)"]:
        assert not_body not in seed["text"], not_body
    assert "Choe Son Hui trifft sich am 16. Januar 2024" in seed["captions"]


@pytest.fixture(scope="module")
def entities(seed):
    return analysis.extract_entities(seed["text"])


@pytest.mark.parametrize(("names", "label"), [(PEOPLE, "PER"), (PLACES, "LOC")])
def test_entities_are_found_with_their_type(entities, names, label):
    typed = set(entities.loc[entities["label"] == label, "entity"])
    assert set(names) <= typed


def test_name_forms_are_one_entity_and_kims_stay_apart(entities, seed):
    putin = entities[entities["entity"] == "Wladimir Putin"]
    assert {"Putin", "Putins", "Wladimir Putin"} <= set(putin["text"])
    assert len(putin) == seed["text"].count("Putin")
    assert "Guy Faulconbridge" not in set(entities["entity"])


def test_timeline_holds_the_referenced_dates(seed):
    timexes = analysis.extract_timexes(seed["text"], seed["published"].date())
    assert set(DATES) <= set(timexes["value"])


def test_the_seed_timeline_names_who_is_in_each_dated_sentence(seed):
    import pandas as pd

    documents = pd.DataFrame([seed])
    table = analysis.timeline.timeline(documents, analysis.mentions(documents))
    september = table[table["value"] == "2023-09"].iloc[0]
    assert "Choe Son Hui" in september["entities"]
    assert september["date_start"] == pd.Timestamp("2023-09-01")
