"""PotTS read as tone examples, and extra corpora kept out of the test folds."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import train_sentiment
from analysis.sentiment_corpora import load_potts
from analysis.train_sentiment import Example

POTTS = Path(__file__).parent / "fixtures" / "potts"


def test_potts_targets_in_opinions_and_neutral_tweets() -> None:
    examples = load_potts(POTTS)
    assert [(e.text[e.target[0]:e.target[1]], e.label) for e in examples] == [
        ("Anna Berger", "positive"),  # the target inside a plain positive opinion
        ("Morgen", "neutral"),  # a tweet without any opinion, its first word the target
    ]  # the sarcastic tweet is neither an example nor neutral
    assert examples[0].text == "Die Rede von Anna Berger war großartig !"


def test_potts_needs_its_corpus_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="corpus/basedata"):
        load_potts(tmp_path)


def test_domain_copies_keep_the_plain_features() -> None:
    rows = train_sentiment.domain_copies([{"plain": 0.5, "bias": 1.0}], "tw")
    assert rows == [{"plain": 0.5, "bias": 1.0, "tw:plain": 0.5, "tw:bias": 1.0, "src=tw": 1.0}]


def test_extra_examples_only_train(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every GerNTSA example gets one held-out label; the extra ones never get one."""
    texts = ["Das ist gut.", "Das ist schlecht.", "Das ist ein Haus."] * 4
    labels = ["positive", "negative", "neutral"] * 4
    examples = [Example(f"{text} {i}", (0, 3), label)
                for i, (text, label) in enumerate(zip(texts, labels, strict=True))]
    extra = [Example("Super Tag!", (0, 5), "positive")] * 3
    seen: list[int] = []
    fit = train_sentiment.fit

    def counting(rows, labels, c, texts=None, tune=True):
        seen.append(len(rows))
        return fit(rows, labels, c, texts, tune=False)

    monkeypatch.setattr(train_sentiment, "fit", counting)
    predicted = train_sentiment.cross_validate(examples, "sentence", 3, extra, "tw")
    assert len(predicted) == len(examples) and all(predicted)
    assert seen == [8 + 3] * 3  # two folds of GerNTSA, and the extras, in every training set
