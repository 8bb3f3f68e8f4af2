"""Scoring and gold readers of `python -m analysis.evaluate timex`, on hand-made fixtures.

The expected figures are counted by hand from tests/fixtures/timex (see the comments).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.benchmarks import timex as bench
from analysis.evaluation.timex import (
    Timex,
    load_documents,
    main,
    match,
    normalise_value,
    read_timeml,
    read_timex2,
    score,
    split,
    total,
    value_class,
    value_errors,
)

FIXTURES = Path(__file__).parent / "fixtures" / "timex"
KRAUTS = FIXTURES / "krauts"
WIKIWARS = FIXTURES / "wikiwars"


def test_timeml_reader_gives_plain_text_offsets_and_skips_empty_anchors() -> None:
    text, dct, timexes = read_timeml(KRAUTS / "KRAUTS_Mini" / "a.tml")
    assert dct == "2024-03-15"
    assert "&" in text and "&amp;" not in text and "<" not in text
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("Dienstag", "DATE", "2024-03-12"),
        ("jede Woche", "SET", "P1W"),
        ("drei Jahren", "DURATION", "P3Y"),
        ("20.30 Uhr", "TIME", "2024-03-12T20:30"),  # the gold's dotted clock, normalised
    ]
    assert all(text[t.start:t.end] == t.text for t in timexes)
    assert timexes[0].start == 4  # after "\nAm "


def test_timex2_reader_derives_types_from_values() -> None:
    text, dct, timexes = read_timex2(WIKIWARS / "keyinline" / "01_Test.key.xml")
    assert dct == "2011-02-16"
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("August 1914", "DATE", "1914-08"), ("Dezember", "DATE", "1914-12"),
        ("vier Jahre", "DURATION", "P4Y"),
    ]
    assert all(text[t.start:t.end] == t.text for t in timexes)


def test_value_spelling_variants_are_normalised() -> None:
    assert normalise_value("2010-02-25T20.30") == "2010-02-25T20:30"
    assert normalise_value("PRESNT_REF") == "PRESENT_REF"
    assert normalise_value("2010-02-25") == "2010-02-25"


def test_split_is_even_and_odd_sorted_positions() -> None:
    names = ["c.tml", "a.tml", "d.tml", "b.tml"]
    assert split(names, "tune") == ["a.tml", "c.tml"]
    assert split(names, "check") == ["b.tml", "d.tml"]
    assert split(names, "all") == ["a.tml", "b.tml", "c.tml", "d.tml"]


def test_match_is_one_to_one_by_largest_overlap() -> None:
    gold = [Timex(0, 10, "", "DATE", "x"), Timex(12, 14, "", "DATE", "y")]
    system = [Timex(2, 13, "", "DATE", "x"), Timex(8, 10, "", "DATE", "x")]
    # the long system span overlaps gold 0 by 8 and gold 1 by 1: it takes gold 0
    assert match(gold, system) == [(gold[0], system[0])]


def test_scores_of_heideltime_fixture_by_hand() -> None:
    """a.tml: 4 gold, 4 HeidelTime; "Am Dienstag" overlaps only, "drei Jahren" has the wrong
    type and value, "20.30 Uhr" is missed and "Schluss" spurious. b.tml: "April" vs "im April".
    Strict 2/5, relaxed 4/5, type 3/4, value 3/4."""
    _, documents = load_documents(KRAUTS)
    scores = total(score(d.gold, d.heideltime) for d in documents)
    assert (scores.gold, scores.system, scores.strict, scores.relaxed) == (5, 5, 2, 4)
    assert (scores.type_ok, scores.value_ok) == (3, 3)
    figures = scores.figures()
    assert figures["strict F1"] == pytest.approx(0.4)
    assert figures["relaxed P"] == pytest.approx(0.8)
    assert figures["relaxed F1"] == pytest.approx(0.8)
    assert figures["type accuracy"] == pytest.approx(0.75)
    assert figures["value F1"] == pytest.approx(0.8 * 0.75)
    kinds = sorted(kind.split()[-1] for kind, _, _ in scores.errors)
    assert kinds == ["extent", "extent", "missed", "spurious", "value"]


def test_empty_inputs_score_zero_without_dividing_by_zero() -> None:
    assert score([], []).figures()["value F1"] == 0.0


def test_split_selects_documents_per_sub_corpus() -> None:
    assert [d.name for d in load_documents(KRAUTS, "tune")[1]] == ["KRAUTS_Mini/a.tml"]
    assert [d.name for d in load_documents(KRAUTS, "check")[1]] == ["KRAUTS_Mini/b.tml"]


def test_command_prints_ours_beside_heideltime(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gold", str(KRAUTS), "--per-document", "--errors", "3"]) == 0
    out = capsys.readouterr().out
    assert "ours" in out and "HeidelTime" in out
    assert "KRAUTS_Mini/b.tml" in out
    assert "0.400" in out  # HeidelTime's strict F1


def test_command_on_wikiwars_uses_narrative_resolution(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gold", str(WIKIWARS)]) == 0
    out = capsys.readouterr().out
    assert "narrative on" in out and "HeidelTime" not in out
    # all three found with the gold's values: "Dezember" follows "August 1914", not the DCT
    assert "value F1               1.000" in out


def test_bench_reports_speed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench, "_pin_to_one_core", lambda: "not pinned")  # keep pytest's cores
    assert bench.main(["--gold", str(KRAUTS), "--repeat", "1"]) == 0
    assert "documents/s" in capsys.readouterr().out


@pytest.mark.parametrize(("gold", "ours", "kind"), [
    (("19 Uhr", "TIME", "2024-01-16T19:00"), ("TIME", "T19:00"), "clock time"),
    (("Montag", "DATE", "2024-01-15"), ("DATE", "2024-01-22"), "direction"),
    (("eine halbe Stunde", "DURATION", "PT30M"), ("DURATION", "PT1H"), "fraction"),
    (("heute", "DATE", "PRESENT_REF"), ("DATE", "2024-01-16"), "vague reference"),
    (("donnerstags", "SET", "XXXX-WXX-4"), ("DATE", "2024-01-18"), "recurring"),
    (("zweiten Quartal", "DATE", "2011-Q2"), ("DATE", "2011"), "quarter or period"),
    (("drei Jahre", "DURATION", "P3Y"), ("DURATION", "P2Y"), "duration"),
])
def test_value_errors_by_class(gold: tuple, ours: tuple, kind: str) -> None:
    text, gold_type, gold_value = gold
    assert value_class(Timex(0, len(text), text, gold_type, gold_value),
                       Timex(0, len(text), text, *ours)) == kind


def test_value_errors_count_only_matched_extents_with_another_value() -> None:
    gold = [Timex(0, 6, "Montag", "DATE", "2024-01-15"), Timex(10, 16, "heute", "DATE",
                                                               "PRESENT_REF"),
            Timex(20, 27, "19 Uhr", "TIME", "2024-01-16T19:00")]
    ours = [Timex(0, 6, "Montag", "DATE", "2024-01-22"), Timex(10, 16, "heute", "DATE",
                                                               "PRESENT_REF"),
            Timex(20, 24, "19 U", "TIME", "T19:00")]  # another extent: not a value error
    assert value_errors(score(gold, ours)) == {"direction": 1}


def test_command_prints_value_errors_by_class(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gold", str(KRAUTS)]) == 0
    assert "value errors by class: ours" in capsys.readouterr().out
