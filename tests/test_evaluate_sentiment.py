"""Training, cross-validation, evaluation and benchmark of the tone model on a tiny fixture."""

import json
from pathlib import Path

import numpy as np
import pytest

from analysis import sentiment, train_sentiment
from analysis.benchmarks import sentiment as bench
from analysis.evaluation import sentiment as evaluation

GOLD = Path(__file__).parent / "fixtures" / "sentiment" / "gerntsa_tiny.json"


@pytest.fixture(scope="module")
def examples() -> list[train_sentiment.Example]:
    return train_sentiment.load_gerntsa(GOLD)


def test_load_reads_text_target_and_label(examples):
    first = examples[0]
    assert first.text[first.target[0] : first.target[1]] == "Frankreich"
    assert first.label == "positive"
    assert {e.label for e in examples} == set(sentiment.LABELS)


def test_folds_keep_each_sentence_in_one_fold(examples):
    doubled = examples + [
        train_sentiment.Example(e.text, (0, 3), e.label) for e in examples[:6]
    ]
    folds = train_sentiment.folds(doubled, 2)
    assert sorted(i for fold in folds for i in fold) == list(range(len(doubled)))
    for fold in folds:
        inside = {doubled[i].text for i in fold}
        outside = {e.text for i, e in enumerate(doubled) if i not in set(fold)}
        assert not inside & outside


def test_fit_learns_the_fixture_and_drops_rare_words(examples):
    rows = train_sentiment.task_features(examples, "sentence")
    for row in rows[:3]:
        row["p:common"] = 1.0  # in 3 of the 12 sentences: kept
    weights = train_sentiment.fit(rows, [e.label for e in examples], c=10.0)
    assert "bias" in weights and "all:rule" in weights and "plain" in weights
    assert "p:common" in weights
    assert "p:glänzenden" not in weights  # in one: left out
    predicted = [
        sentiment.LABELS[max(range(3), key=sentiment.probabilities(weights, row).__getitem__)]
        for row in rows
    ]
    assert sum(p == e.label for p, e in zip(predicted, examples, strict=True)) >= 9


def test_offsets_are_tuned_for_macro_f1():
    # neutral always wins before the offsets, though the logits tell the classes apart
    probabilities = [[0.4, 0.5, 0.1], [0.1, 0.8, 0.1], [0.1, 0.5, 0.4]] * 3
    labels = ["negative", "neutral", "positive"] * 3
    negative, positive = train_sentiment.tune_offsets(np.log(probabilities), labels)
    shifted = np.exp(np.log(probabilities) + np.array([negative, 0.0, positive]))
    shifted /= shifted.sum(axis=1, keepdims=True)
    # the label as score() gives it: from the polarity P(positive) - P(negative)
    assert [sentiment.label_for(p[2] - p[0]) for p in shifted] == labels


def test_offsets_shift_only_the_intercept(examples):
    rows = train_sentiment.task_features(examples, "sentence")
    labels = [e.label for e in examples]
    plain = train_sentiment.fit(rows, labels, c=1.0, tune=False)
    tuned = train_sentiment.fit(rows, labels, c=1.0, texts=[e.text for e in examples])
    assert {k: v for k, v in plain.items() if k != "bias"} == {
        k: v for k, v in tuned.items() if k != "bias"
    }
    assert plain["bias"][1] == tuned["bias"][1]  # neutral is the reference


def test_cross_validate_predicts_every_example(examples):
    for task in train_sentiment.TASKS:
        predicted = train_sentiment.cross_validate(examples, task, k=2)
        assert len(predicted) == len(examples)
        assert set(predicted) <= set(sentiment.LABELS)


def test_training_is_deterministic_and_writes_the_model(tmp_path, capsys):
    outputs = [tmp_path / "a.json", tmp_path / "b.json"]
    for out in outputs:
        assert train_sentiment.main(["--data", str(GOLD), "--out", str(out)]) == 0
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    trained = json.loads(outputs[0].read_text(encoding="utf-8"))
    assert trained["labels"] == list(sentiment.LABELS)
    assert trained["examples"] == 12
    assert set(trained["tasks"]) == {"sentence", "target"}
    assert "wrote" in capsys.readouterr().out


def test_shipped_model_has_both_tasks():
    tasks = sentiment.model()
    assert {"sentence", "target"} <= set(tasks)
    assert all(len(weights) == 3 for weights in tasks["target"].values())


def test_metrics_per_class():
    figures = evaluation.metrics(
        ["positive", "neutral", "negative", "neutral"],
        ["positive", "neutral", "neutral", "neutral"],
    )
    assert figures["accuracy"] == 0.75
    assert figures["f1_positive"] == 1.0 and figures["f1_negative"] == 0.0
    assert figures["macro_f1"] == pytest.approx((1.0 + 0.8 + 0.0) / 3)


def test_sentiws_sum_baseline():
    assert evaluation.sentiws_sum_label("Eine wunderbare Freude.") == "positive"
    assert evaluation.sentiws_sum_label("Eine Katastrophe.") == "negative"
    assert evaluation.sentiws_sum_label("Der Tisch.") == "neutral"


def test_evaluate_prints_both_tasks_with_baselines(capsys):
    assert evaluation.main(["--gold", str(GOLD), "--cv", "2"]) == 0
    out = capsys.readouterr().out
    assert "12 records" in out
    assert "sentence task" in out and "target task" in out
    for system in ("textblob-de", "SentiWS sum", "rules", "model (2-fold CV)"):
        assert out.count(system) == 2
    assert "macro_f1" in out and "f1_negative" in out


def test_evaluate_saves_the_models_figures_for_the_charts(tmp_path, capsys):
    out = tmp_path / "reliability.json"
    assert evaluation.main(["--gold", str(GOLD), "--cv", "2", "--save", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["corpus"] == "GerNTSA" and saved["records"] == 12 and saved["folds"] == 2
    assert saved["command"] == (
        "python -m analysis.evaluate sentiment --gold gerntsa_tiny.json --cv 2"
    )
    # The cross-validated model's rows, not a baseline's (the folds are seeded: same figures).
    measured = evaluation.evaluate(train_sentiment.load_gerntsa(GOLD), 2)
    for task in ("sentence", "target"):
        model = measured[task]["model (2-fold CV)"]
        assert saved[task] == {
            "accuracy": pytest.approx(model["accuracy"], abs=1e-4),
            "macro_f1": pytest.approx(model["macro_f1"], abs=1e-4),
        }


def test_bench_prints_rates(capsys):
    assert bench.main(["--gold", str(GOLD), "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "5 sentences" in out
    assert out.count("sentences/s") == 3


def test_evaluate_trains_with_potts_in_every_fold(capsys):
    potts = Path(__file__).parent / "fixtures" / "potts"
    assert evaluation.main(["--gold", str(GOLD), "--cv", "2", "--potts", str(potts),
                            "--domain"]) == 0
    out = capsys.readouterr().out
    assert "PotTS: 2 examples in every training fold as domain copies" in out
    assert "12 records" in out  # the figures are GerNTSA's alone


def test_potts_figures_are_never_saved_as_the_models(tmp_path):
    potts = Path(__file__).parent / "fixtures" / "potts"
    with pytest.raises(SystemExit) as stop:
        evaluation.main(["--gold", str(GOLD), "--potts", str(potts),
                         "--save", str(tmp_path / "r.json")])
    assert stop.value.code == 2 and not (tmp_path / "r.json").exists()
