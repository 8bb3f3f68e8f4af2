"""Entity recognition and in-article linking, checked on the seed article and small cases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.entities import COLUMNS, MENTION_COLUMNS, extract_entities, mentions
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
        "Vereinigte Staaten",
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
