"""Role descriptions: linked through their heads, and scored against hand annotations."""

from pathlib import Path

import pytest

from analysis.entities import KINDS, extract_entities
from analysis.evaluation import roles

FIXTURES = Path(__file__).parent / "fixtures" / "roles"


def _role_links(text: str) -> list[tuple[str, str]]:
    frame = extract_entities(text, kinds=KINDS)
    frame = frame[frame["kind"] == "role"]
    return list(zip(frame["text"], frame["entity"], strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    ("Bundeskanzler Olaf Scholz reiste nach Paris. Der Kanzler traf dort Unternehmer.",
     [("Kanzler", "Olaf Scholz")]),
    ("Kremlsprecher Dmitri Peskow wies das zurück. Der Sprecher nannte es eine Provokation.",
     [("Sprecher", "Dmitri Peskow")]),
])
def test_a_shorter_head_of_the_role_links_to_the_person(text, expected):
    assert _role_links(text) == expected


def test_two_people_sharing_a_head_leave_the_role_unlinked():
    text = ("Bundeskanzler Olaf Scholz traf Altkanzler Gerhard Schröder. Der Kanzler schwieg.")
    assert ("Kanzler", "Olaf Scholz") not in _role_links(text)
    assert ("Kanzler", "Gerhard Schröder") not in _role_links(text)


def test_score_record_counts_right_and_wrong_links():
    # a sentence the recogniser reads with confidence (P(O) for "Trainer" 0.92): the test is
    # about the counting, not about a borderline tag
    record = {"text": "Trainer Thomas Tuchel verlor. Der Trainer sprach danach von Pech.",
              "roles": [{"surface": "Der Trainer", "occurrence": 0, "entity": "Thomas Tuchel"}]}
    counts = roles.score_record(record)
    assert (counts.roles, counts.linkable, counts.linked, counts.right) == (1, 1, 1, 1)
    record["roles"][0]["entity"] = None  # a link where the annotation says "not clear" is wrong
    counts = roles.score_record(record)
    assert (counts.linkable, counts.linked, counts.right) == (0, 1, 0)


def test_seed_record_reads_the_article_from_seeds():
    record = roles.read_gold(FIXTURES / "seed.jsonl")[0]
    assert "Kremlchef" in roles.text_of(record)


def test_missing_surface_is_a_clear_error():
    with pytest.raises(ValueError, match="does not occur 1 times"):
        roles.score_record({"text": "Nichts.", "roles": [
            {"surface": "Der Papst", "occurrence": 0, "entity": None}]})


def test_evaluate_roles_prints_every_set_and_the_total(capsys):
    assert roles.main(["--gold", str(FIXTURES / "seed.jsonl"), str(FIXTURES / "roles.jsonl")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["set", "texts", "roles", "to", "link", "linked", "right",
                                "precision", "recall"]
    by_set = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert set(by_set) == {"seed", "roles", "all"}
    assert by_set["seed"][:3] == ["1", "3", "2"]
    assert by_set["roles"][:3] == ["16", "21", "17"]
    assert 0.0 <= float(by_set["all"][-1]) <= 1.0


def test_a_broken_gold_line_names_the_file_and_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "roles": []}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl: line 2: invalid JSON"):
        roles.read_gold(gold)
