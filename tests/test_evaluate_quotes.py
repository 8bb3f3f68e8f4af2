"""Quote scoring as a pure function on hand-counted spans, and the gold readers."""

import json

import pytest

from analysis.evaluation.quotes import (
    FIXTURE,
    Span,
    Words,
    gold_problem,
    main,
    read_jsonl,
    read_redewiedergabe_file,
    report,
    same_speaker,
    score,
)


def span(kind: str, words: range, speaker: str = "", speaker_words: range = range(0)) -> Span:
    return Span(kind, frozenset(words), speaker, frozenset(speaker_words))


GOLD = [
    span("direct", range(0, 5), "Olaf Scholz", range(7, 8)),  # found, speaker by mention
    span("direct", range(10, 14), "Choe Son Hui"),  # found as indirect only
    span("indirect", range(20, 26), "Sergej Lawrow"),  # found, wrong speaker
    span("indirect", range(30, 33)),  # missed, no speaker
]
PREDICTED = [
    span("direct", range(1, 5), "Scholz", range(7, 8)),
    span("indirect", range(12, 14), "Choe"),
    span("indirect", range(22, 28), "Dmitri Peskow"),
    span("direct", range(40, 42)),  # spurious
]


def test_score_counts_by_hand():
    counts = score(GOLD, PREDICTED)
    # direct: gold 2, predicted 2; one predicted direct overlaps a gold direct.
    assert (counts["direct_gold"], counts["direct_predicted"]) == (2, 2)
    assert (counts["direct_found"], counts["direct_right"]) == (1, 1)
    # direct words: gold {0-4, 10-13} = 9, predicted {1-4, 40-41} = 6, shared {1-4} = 4.
    assert (
        counts["direct_gold_words"],
        counts["direct_predicted_words"],
        counts["direct_shared_words"],
    ) == (9, 6, 4)
    # indirect: gold 2, predicted 2 (the Choe span overlaps only a direct gold span).
    assert (counts["indirect_found"], counts["indirect_right"]) == (1, 1)
    # indirect words: gold {20-25, 30-32} = 9, predicted {12-13, 22-27} = 8, shared {22-25} = 4.
    assert (
        counts["indirect_gold_words"],
        counts["indirect_predicted_words"],
        counts["indirect_shared_words"],
    ) == (9, 8, 4)
    # speakers: Scholz (mention overlap) right, Choe (name suffix, any kind) right, Lawrow wrong.
    assert (counts["speaker_judged"], counts["speaker_right"], counts["speaker_missed"]) == (
        3,
        2,
        0,
    )


def test_report_turns_counts_into_figures():
    frame = report(score(GOLD, PREDICTED)).set_index("kind")
    assert frame.loc["direct", "precision"] == pytest.approx(0.5)
    assert frame.loc["direct", "recall"] == pytest.approx(0.5)
    assert frame.loc["direct", "f1"] == pytest.approx(0.5)
    # word level: P = 4/6, R = 4/9 → F1 = 2·4 / (6 + 9)
    assert frame.loc["direct", "word_f1"] == pytest.approx(8 / 15)
    assert frame.attrs["speaker_accuracy"] == pytest.approx(2 / 3)


def test_empty_scores_are_zero_not_errors():
    frame = report(score([], []))
    assert (frame["f1"] == 0).all() and frame.attrs["speaker_accuracy"] == 0


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Dmitri Peskow", "Peskow", True),
        ("Peskow", "Dmitri Peskow", True),
        ("Dmitri Peskow", "Wladimir Putin", False),
        ("Peskow", "", False),
    ],
)
def test_speaker_names_agree_on_their_last_words(gold, predicted, same):
    assert same_speaker(span("direct", range(1), gold), span("direct", range(1), predicted)) is same


def test_words_of_a_character_span():
    words = Words("„Wir sind bereit“, sagte Scholz.")
    assert words.within(1, 16) == frozenset({0, 1, 2})
    assert words.within(25, 31) == frozenset({4})


def test_jsonl_gold_locates_quotes(tmp_path):
    record = {
        "id": 1,
        "text": "„Ja“, sagte er. Er sagte, es sei gut.",
        "quotes": [
            {"kind": "direct", "quote": "Ja", "speaker": "Olaf Scholz"},
            {"kind": "indirect", "quote": "es sei gut", "speaker": "Olaf Scholz"},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (document,) = read_jsonl(path)
    assert [q.words for q in document.quotes] == [frozenset({0}), frozenset({5, 6, 7})]
    assert len(list(read_jsonl(FIXTURE))) >= 30


def test_redewiedergabe_tokens_become_text_and_spans(tmp_path):
    header = "tok\tnormtok\tlemma\tpos\trfpos\tsentstart\tstwr\tframe\tspeaker\tintexpr\tnote"
    rows = [
        ("Er", "-", "speaker.1"),
        ("sagte", "-", "-"),
        (":", "-", "-"),
        ("„", "direct.speech.1", "-"),
        ("Nein", "direct.speech.1", "-"),
        ("!", "direct.speech.1", "-"),
        ("“", "direct.speech.1", "-"),
        ("Es", "reported.speech.2", "-"),
    ]
    lines = [header] + [
        f"{tok}\t-\t-\t-\t-\tno\t{stwr}\t-\t{speaker}\t-\t-" for tok, stwr, speaker in rows
    ]
    path = tmp_path / "sample.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = read_redewiedergabe_file(path)
    assert document.text == "Er sagte: „Nein!“ Es"
    (quote,) = document.quotes  # reported speech is not scored
    assert (quote.kind, quote.words, quote.speaker, quote.speaker_words) == (
        "direct",
        frozenset({2}),
        "Er",
        frozenset({0}),
    )


def test_gold_path_is_required_and_checked(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main([])
    assert "the following arguments are required: --gold" in capsys.readouterr().err
    missing = tmp_path / "redewiedergabe"
    with pytest.raises(SystemExit):
        main(["--gold", str(FIXTURE), "--gold", str(missing)])
    assert f"--gold {missing}: no such file or folder" in capsys.readouterr().err
    missing.mkdir()
    assert str(missing / "metadata.tsv") in gold_problem(missing)
    assert gold_problem(FIXTURE) is None


def test_main_scores_a_jsonl_gold_file(tmp_path, capsys):
    record = {"id": 1, "text": "„Wir sind bereit“, sagte er.",
              "quotes": [{"kind": "direct", "quote": "Wir sind bereit", "speaker": "er"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--gold", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path} (1 documents)" in out and "speaker accuracy 1.000" in out
