"""Target scope from PotTS: which polar words lie in an opinion about a target."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import train_scope
from analysis.sentiment.rules import tokenize
from analysis.sentiment_corpora import load_potts_scope

WORDS = ["Anna", "Berger", "ist", "großartig", ",", "aber", "der", "Stau", "ist", "furchtbar", ".",
         "EOL", "Die", "Rede", "war", "großartig", ".", "Danke", "Anna", "!", "EOL"]
ANNOTATIONS = {
    "annotator-1": (
        [("m1", "word_1..word_4", "positive"), ("m2", "word_7..word_10", "negative"),
         ("m3", "word_13..word_16", "positive")],
        # the last target lies outside its opinion and names it
        [("word_1..word_2", "empty"), ("word_8", "empty"), ("word_19", "sentiment:m3")],
    ),
    # annotator 2 reads the whole first tweet as praise of Anna Berger
    "annotator-2": ([("m1", "word_1..word_11", "positive")], [("word_1..word_2", "empty")]),
}


def _potts(root: Path, names: tuple[str, ...] = ("mini",)) -> Path:
    """A PotTS folder with the tweets of WORDS and the markables of ANNOTATIONS per file."""
    (root / "corpus" / "basedata").mkdir(parents=True)
    words = "".join(f'<word id="word_{i}">{w}</word>' for i, w in enumerate(WORDS, start=1))
    for name in names:
        (root / "corpus" / "basedata" / f"{name}.words.xml").write_text(
            f"<words>{words}</words>", encoding="utf-8")
        for annotator, (opinions, targets) in ANNOTATIONS.items():
            folder = root / "corpus" / annotator / "markables"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}_sentiment_level.xml").write_text("<markables>" + "".join(
                f'<markable id="{i}" span="{span}" sarcasm="false" polarity="{polarity}"/>'
                for i, span, polarity in opinions) + "</markables>", encoding="utf-8")
            (folder / f"{name}_target_level.xml").write_text("<markables>" + "".join(
                f'<markable id="t{i}" span="{span}" sentiment_ref="{ref}"/>'
                for i, (span, ref) in enumerate(targets)) + "</markables>", encoding="utf-8")
    return root


def _labels(pairs: list[train_scope.Pair]) -> list[tuple[str, str, bool, bool]]:
    return [(p.key[0][p.key[1][0]:p.key[1][1]], tokenize(p.key[0])[p.key[2]].text, p.scope,
             p.agrees) for p in pairs]


def test_opinions_about_each_target(tmp_path: Path) -> None:
    examples = load_potts_scope(_potts(tmp_path))
    assert [(e.text[e.target[0]:e.target[1]], [e.text[a:b] for spans, _, _ in e.opinions
                                               for a, b in spans]) for e in examples] == [
        ("Anna Berger", ["Anna Berger ist großartig"]),
        ("Stau", ["der Stau ist furchtbar"]),
        ("Anna", ["Die Rede war großartig"]),  # by its sentiment_ref
    ]


def test_polar_words_in_and_out_of_scope(tmp_path: Path) -> None:
    pairs = train_scope.pairs(load_potts_scope(_potts(tmp_path)))
    assert _labels(pairs) == [
        ("Anna Berger", "großartig", True, True),
        ("Anna Berger", "stau", False, False),
        ("Anna Berger", "furchtbar", False, False),
        ("Stau", "großartig", False, False),  # the target's own word is left out
        ("Stau", "furchtbar", True, True),
        ("Anna", "großartig", True, True),
        ("Anna", "danke", False, False),
    ]
    furchtbar, grossartig = pairs[2].features, pairs[5].features
    assert furchtbar["own_clause"] == 0 and furchtbar["after"] == 1
    assert furchtbar["clause_word"] == 1 and furchtbar["sentence_end"] == 0  # "aber" between
    assert furchtbar["words<=8"] == 1  # six words between
    assert grossartig["after"] == 0 and grossartig["sentence_end"] == 1
    assert pairs[0].features["target_first"] == 1 and pairs[0].features["words<=2"] == 1


def test_agreed_keeps_the_pairs_both_annotators_label_alike(tmp_path: Path) -> None:
    root = _potts(tmp_path)
    found = train_scope.pairs(load_potts_scope(root, "annotator-1")
                              + load_potts_scope(root, "annotator-2"))
    assert _labels(train_scope.agreed(found, "scope")) == [
        ("Anna Berger", "großartig", True, True)]


def test_held_out_regression_learns_what_the_clause_rule_misses() -> None:
    """In scope exactly when no sentence ends between: the own clause is right half the time."""
    pairs = [train_scope.Pair(f"file{n}", "annotator-1", ("", (0, 0), i),
                              {"bias": 1.0, "own_clause": float(own), "sentence_end": float(end)},
                              not end, False)
             for n in range(4) for i, (own, end) in enumerate([(1, 0), (0, 0), (1, 1), (0, 1)])]
    found = train_scope.held_out(pairs, "scope", folds=2)
    assert found["regression"] == 1.0
    assert found["own clause"] == found["majority"] == 0.5
    assert found["one sentence: pairs"] == 8 and found["one sentence: own clause"] == 0.5


def test_command_prints_accuracy_and_weights(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = _potts(tmp_path, tuple(f"file{n}" for n in range(train_scope.FOLDS)))
    assert train_scope.main(["--potts", str(root), "--pairs", "both"]) == 0
    out = capsys.readouterr().out
    assert "pairs                      50" in out  # 7 pairs of annotator 1, 3 of 2, in 5 files
    assert "own clause" in out and "sentence_end" in out
