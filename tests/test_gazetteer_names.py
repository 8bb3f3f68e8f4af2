"""The compiled name lists (Faker, GeoNames, pytickersymbols) and the features built on them."""

import pytest

from analysis.entities import DATA, NAME_LISTS, sentence_features
from analysis.entities.features import _list_phrase_marks, _name_marks, compound_head
from analysis.gazetteer import LEGAL_FORMS, transcribe


@pytest.mark.parametrize("file", NAME_LISTS.values())
def test_name_lists_record_source_and_licence(file: str) -> None:
    head = [line for line in (DATA / file).read_text(encoding="utf-8").splitlines()[:5]
            if line.startswith("#")]
    assert any("Licence:" in line for line in head)
    assert any("python -m analysis.gazetteer names" in line for line in head)
    assert not any("germeval" in line.lower() for line in head)


@pytest.mark.parametrize(("word", "marks"), [
    ("Hans", "fn"), ("Müller", "ln"), ("Iwanow", "ln"), ("Hamburg", "ci2"), ("Commerzbank", "co"),
])
def test_name_marks(word: str, marks: str) -> None:
    assert marks in _name_marks(word)


def test_common_words_carry_no_name_marks() -> None:
    assert _name_marks("der") == ""
    assert _name_marks("und") == ""


@pytest.mark.parametrize(("word", "head"), [
    ("bundesverfassungsgericht", "gericht"), ("außenministerin", "ministerin"),
    ("landesbank", "bank"), ("berlin", ""),
])
def test_compound_head(word: str, head: str) -> None:
    assert compound_head(word) == head


def test_multi_word_listed_names_are_marked() -> None:
    words = ["Die", "Deutsche", "Bank", "zieht", "nach", "Los", "Angeles", "und", "New", "York"]
    assert _list_phrase_marks(words) == ["", "B-co", "I-co", "", "", "B-ci", "I-ci", "",
                                         "B-ci", "I-ci"]
    features = sentence_features(words)
    assert "N=B-co" in features[1]
    assert "N=I-ci" in features[6]


def test_cyrillic_names_get_the_german_transcription() -> None:
    assert transcribe("Смирнов") == "Smirnow"
    assert transcribe("Шевченко") == "Schewtschenko"
    assert transcribe("Müller") == "Müller"


@pytest.mark.parametrize(("listed", "short"), [
    ("Adobe Inc.", "Adobe"), ("Aegon N.V.", "Aegon"), ("Siemens Energy AG", "Siemens Energy"),
    ("Merck KGaA", "Merck"), ("Commerzbank", "Commerzbank"),
])
def test_legal_forms_are_dropped(listed: str, short: str) -> None:
    assert LEGAL_FORMS.sub("", listed) == short
