"""Quote scoring as a pure function on hand-counted spans, and the gold readers."""

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.evaluation.quotes import (
    FIXTURE,
    SPEAKER_FIXTURES,
    WORD,
    Aligned,
    Span,
    Words,
    align,
    anchor_words,
    choose_articles,
    corpus_texts,
    gold_problem,
    main,
    read_jsonl,
    read_redewiedergabe_file,
    read_speaker_gold,
    report,
    same_speaker,
    score,
    sha1,
    speaker_matches,
    speaker_report,
)

KRAUTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "KRAUTS"


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
    assert "give --gold PATH, or --speakers GOLD.jsonl with --corpus PATH" in (
        capsys.readouterr().err
    )
    with pytest.raises(SystemExit):
        main(["--speakers", str(SPEAKER_FIXTURES / "news_speakers_dev.jsonl")])
    assert "--speakers needs --corpus" in capsys.readouterr().err
    missing = tmp_path / "redewiedergabe"
    with pytest.raises(SystemExit):
        main(["--gold", str(FIXTURE), "--gold", str(missing)])
    assert f"--gold {missing}: no such file or folder" in capsys.readouterr().err
    missing.mkdir()
    assert str(missing / "metadata.tsv") in gold_problem(missing)
    assert gold_problem(FIXTURE) is None


def test_main_scores_a_jsonl_gold_file(tmp_path, capsys):
    record = {"id": 1, "text": "„Wir sind bereit“, sagte Olaf Scholz.",
              "quotes": [{"kind": "direct", "quote": "Wir sind bereit", "speaker": "Olaf Scholz"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--gold", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path} (1 documents)" in out and "speaker accuracy 1.000" in out


# Speaker set (issue 14): anchors and names over a corpus the repository does not hold ----------


@pytest.mark.parametrize(
    ("gold", "system", "right"),
    [
        ("Angela Merkel", "Merkel", True),
        ("angela merkel", "Angela Merkel", True),
        ("", "", True),
        ("Angela Merkel", "", False),
        ("", "Manche", False),
        ("Angela Merkel", "Olaf Scholz", False),
    ],
)
def test_speaker_names_match_by_surname_and_unknown_only_unknown(gold, system, right):
    assert speaker_matches(gold, system) is right


def rows(text: str, *quotes: tuple[str, str]) -> pd.DataFrame:
    spans = [(text.index(q), text.index(q) + len(q), q, speaker) for q, speaker in quotes]
    return pd.DataFrame(spans, columns=["start", "end", "quote", "speaker"])


def test_align_pairs_anchors_with_quotes_one_to_one():
    text = "„Wir sind bereit zu reden“, sagte Scholz. „Wir auch“, sagte Merz. Ende."
    gold = [{"anchor": "Wir sind bereit", "speaker": "Olaf Scholz"},
            {"anchor": "Wir auch", "speaker": "Friedrich Merz"},
            {"anchor": "Ende", "speaker": ""}]
    system = rows(text, ("Wir sind bereit zu reden", "Scholz"), ("Wir auch", "Ende Dezember"),
                  ("sagte Merz", "Merz"))
    aligned, rest = align("d", text, gold, system)
    assert [a.system for a in aligned] == ["Scholz", "Ende Dezember", None]
    assert [row.quote for row in rest] == ["sagte Merz"]


def test_speaker_report_counts_by_hand():
    aligned = [
        Aligned("d", "a", "Angela Merkel", "Merkel"),  # right
        Aligned("d", "b", "Angela Merkel", ""),  # unknown where gold names one
        Aligned("d", "c", "", "Manche"),  # junk
        Aligned("d", "e", "", ""),  # right: both unknown
        Aligned("d", "f", "Olaf Scholz", "Friedrich Merz"),  # junk: a different person
        Aligned("d", "g", "Olaf Scholz", None),  # missed
    ]
    figures = speaker_report(aligned, spurious=2, spurious_named=1)
    assert (figures["gold"], figures["found"]) == (6, 5)
    assert figures["recall"] == pytest.approx(5 / 6)
    assert figures["speaker_accuracy"] == pytest.approx(2 / 5)
    assert figures["unknown_share"] == pytest.approx(1 / 3)  # of 3 found with a gold name
    assert figures["junk_share"] == pytest.approx(2 / 3)  # of 3 named by the system
    assert (figures["spurious"], figures["spurious_named"]) == (2, 1)


def test_corpus_texts_reads_10kgnad_csv_and_krauts_folders(tmp_path):
    csv_file = tmp_path / "train.csv"
    csv_file.write_text("Inland;'Erster Text'\r\nWeb;'„Zweiter“ Text'\r\n", encoding="utf-8")
    assert corpus_texts(csv_file) == {"0": "Erster Text", "1": "„Zweiter“ Text"}
    folder = tmp_path / "KRAUTS" / "KRAUTS_X_raw-text"
    folder.mkdir(parents=True)
    (folder / "a.tml").write_text("<TimeML><TEXT>\nEr sagte &quot;Ja&quot;.\n</TEXT></TimeML>",
                                  encoding="utf-8")
    assert corpus_texts(tmp_path / "KRAUTS") == {"KRAUTS_X_raw-text/a.tml": '\nEr sagte "Ja".\n'}


def test_choose_articles_is_fixed_by_the_seed_and_needs_quote_marks():
    texts = {str(i): f"Text {i} „zitiert“" if i % 2 else f"Text {i}" for i in range(40)}
    chosen = choose_articles(texts, 5)
    assert chosen == choose_articles(dict(reversed(texts.items())), 5)
    assert all(int(key) % 2 for key in chosen)


def test_main_scores_speakers_over_a_corpus(tmp_path, capsys):
    text = "Olaf Scholz traf Friedrich Merz. „Wir sind bereit“, sagte Scholz."
    corpus = tmp_path / "train.csv"
    corpus.write_text(f"Inland;'{text}'\r\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    record = {"doc": "0", "sha1": sha1(text),
              "quotes": [{"kind": "direct", "anchor": "Wir sind bereit", "speaker": "Olaf Scholz"}]}
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--speakers", str(gold), "--corpus", str(corpus), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "gold quotes 1, found 1 (recall 1.000)" in out
    assert "speaker accuracy 1.000 over found quotes" in out
    record["sha1"] = sha1("another text")
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="text changed"):
        main(["--speakers", str(gold), "--corpus", str(corpus)])


def test_speaker_fixtures_hold_15_dev_and_25_test_articles():
    dev, test = (read_speaker_gold(SPEAKER_FIXTURES / f"news_speakers_{part}.jsonl")
                 for part in ("dev", "test"))
    assert (len(dev), len(test)) == (15, 25)
    assert not {r["doc"] for r in dev} & {r["doc"] for r in test}
    for record in dev + test:
        assert set(record) == {"corpus", "doc", "sha1", "quotes"}
        for quote in record["quotes"]:
            assert set(quote) == {"kind", "anchor", "speaker"} and quote["kind"] in {
                "direct", "indirect"}


@pytest.mark.skipif(not KRAUTS.is_dir(), reason="needs ../shared/data/KRAUTS")
def test_speaker_fixtures_match_the_corpus_they_were_drawn_from():
    """The stored sha1s and anchors fit KRAUTS, and the seed draws exactly these articles."""
    texts = corpus_texts(KRAUTS)
    records = [*read_speaker_gold(SPEAKER_FIXTURES / "news_speakers_dev.jsonl"),
               *read_speaker_gold(SPEAKER_FIXTURES / "news_speakers_test.jsonl")]
    assert [r["doc"] for r in records] == choose_articles(texts, 40)
    for record in records:
        text = texts[record["doc"]]
        assert sha1(text) == record["sha1"]
        text_words = [word.casefold() for word in WORD.findall(text)]
        for quote in record["quotes"]:
            assert anchor_words(text_words, quote["anchor"]), (record["doc"], quote)
