"""GermEval reading, span scoring, deterministic training and the evaluation command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.entities import bio_spans
from analysis.evaluation import ner
from analysis.train_ner import read, train

DATA = Path(__file__).parent / "fixtures" / "ner"


def test_read_maps_outer_labels_and_drops_deriv_and_part() -> None:
    examples = read(DATA)
    assert len(examples) == 6
    words, tags = examples[2]
    assert dict(zip(words, tags, strict=True)) == {
        "Der": "O", "deutsche": "O", "Minister": "O", "las": "O", "Faust": "B-MISC", "im": "O",
        "EU-Parlament": "O", ".": "O",
    }
    assert examples[1][1][1:3] == ["B-ORG", "I-ORG"]


def test_bio_spans_start_a_span_at_a_stray_inside_tag() -> None:
    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]
    assert bio_spans(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]


def test_scores_are_exact_span_and_typed() -> None:
    gold = {(0, 0, 2, "PER"), (0, 3, 4, "LOC"), (1, 0, 1, "ORG"), (1, 2, 3, "MISC")}
    predicted = {(0, 0, 2, "PER"), (0, 3, 4, "ORG"), (1, 0, 2, "ORG")}
    result = ner.scores(gold, predicted)
    assert result["PER"][:3] == (1.0, 1.0, 1.0)
    assert result["LOC"][:3] == (0.0, 0.0, 0.0)
    assert result["PER+LOC+ORG"][:3] == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert result["untyped"][:3] == pytest.approx((2 / 3, 2 / 4, 2 * (2 / 3 * 0.5) / (2 / 3 + 0.5)))


def test_training_is_deterministic(tmp_path: Path) -> None:
    examples = read(DATA)
    train(examples, tmp_path / "a.model")
    train(examples, tmp_path / "b.model")
    assert (tmp_path / "a.model").read_bytes() == (tmp_path / "b.model").read_bytes()


def test_cross_validation_tags_every_sentence_with_an_unseen_model() -> None:
    examples = read(DATA)
    predicted = ner.cross_validate(examples, 3, workers=1)
    assert [len(tags) for tags in predicted] == [len(words) for words, _ in examples]


def test_evaluate_command_prints_labels_and_baseline(capsys: pytest.CaptureFixture) -> None:
    assert ner.main(["--gold", str(DATA / "NER-de-test-even.tsv")]) == 0
    out = capsys.readouterr().out
    for label in ("PER ", "LOC ", "ORG ", "MISC", "PER+LOC+ORG", "untyped", "HanTa NE"):
        assert label in out
    assert "gold spans: PER 3, LOC 2, ORG 2, MISC 0" in out


def test_bench_reports_speed_with_and_without_segmentation(capsys: pytest.CaptureFixture) -> None:
    from analysis.benchmarks import entities

    assert entities.main(["--gold", str(DATA / "NER-de-dev.tsv")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"1 texts x 1, 2\d tokens", out)
    assert "segmented text:" in out and "with SoMaJo segmentation:" in out
