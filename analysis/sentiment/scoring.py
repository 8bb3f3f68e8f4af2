"""The tone model: what it sees of a text, the shipped weights, and when the rules win instead.

A small logistic regression over the rules' sums and the lexicon words themselves, trained on
GerNTSA by `python -m analysis.train_sentiment`, decides the label, because news uses many
lexicon words in phrases of no tone ("so gut wie keine", "gut versteckt"), except where the rules
see clear wording, a negation or a contrast. reliability() says how often it was right.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from analysis.sentiment.lexicon import DATA_DIR, lexicons
from analysis.sentiment.rules import (
    SCOPE_WINDOW,
    Polar,
    Token,
    Tone,
    _analyse,
    _rule_polarity,
    _rule_tone,
    _sums,
    analysed,
    clause_contrast,
    contrasted,
    label_for,
    set_apart,
    target_tokens,
)

MODEL_PATH = DATA_DIR / "model.json"
SHAPED_WIN = 0.2  # the same where decisive wording shapes the tone (rules_threshold)
RULES_WIN = 0.4  # |rule polarity| from here on: clear evaluative wording outweighs the model
LETTER = re.compile(r"[^\W\d_]")  # text without letters ("2/2") has no tone to model


def _scope_features(prefix: str, polar: list[Polar], contrast: bool = False) -> dict[str, float]:
    """Rule sums over some of the scored words; with contrast as for the whole sentence."""
    scale = [item.contrast if contrast else 1.0 for item in polar]
    sentiws_pos, sentiws_neg, _ = _sums(p.sentiws * f for p, f in zip(polar, scale, strict=True))
    textblob_pos, textblob_neg, _ = _sums(p.textblob * f for p, f in zip(polar, scale, strict=True))
    positive, negative, _ = _sums(p.weight * f for p, f in zip(polar, scale, strict=True))
    return {
        f"{prefix}:sentiws_pos": sentiws_pos,
        f"{prefix}:sentiws_neg": sentiws_neg,
        f"{prefix}:textblob_pos": textblob_pos,
        f"{prefix}:textblob_neg": textblob_neg,
        f"{prefix}:count_pos": float(sum(item.weight > 0 for item in polar)),
        f"{prefix}:count_neg": float(sum(item.weight < 0 for item in polar)),
        f"{prefix}:negated": float(sum(item.negated for item in polar)),
        f"{prefix}:rule": _rule_polarity(positive, negative),
    } if polar else {}


def features(text: str, target: tuple[int, int] | None = None) -> dict[str, float]:
    """What the model sees: rule sums over the sentence (and target scopes), its lexicon words."""
    return _features(text, *_analyse(text, target), target)


def _features(
    text: str, tokens: list[Token], polar: list[Polar], target: tuple[int, int] | None
) -> dict[str, float]:
    """Rule sums and the scored words themselves, but not every word of the sentence.

    Cross-validated on GerNTSA, a bag of all words (sentence, target clause, target string) lost
    0.01–0.02 macro-F1 against these: 1,900 sentences are too few to learn news vocabulary, while
    letting the model re-weigh each lexicon word ("p:", "p:-" when negated) for news helps.
    """
    found = dict(_sentence_features(text))
    if target is None:
        return found
    first, last, clause = target_tokens(tokens, target)
    found.update(_scope_features("clause", [p for p in polar if tokens[p.index].clause == clause]))
    found.update(
        _scope_features(
            "near", [p for p in polar if first - SCOPE_WINDOW <= p.index <= last + SCOPE_WINDOW]
        )
    )
    found.update(_scope_features("self", [p for p in polar if first <= p.index <= last]))
    found["target_quoted"] = float(tokens[first].quoted) if tokens else 0.0
    return found


@lru_cache(maxsize=4096)
def _sentence_features(text: str) -> tuple[tuple[str, float], ...]:
    """The features of the whole sentence, the same for the sentence and every mention in it:
    worked out once per sentence (the order is kept, so the model's sums stay the same)."""
    tokens, polar = analysed(text)
    sentiws = lexicons()[0]
    words = [token.text for token in tokens if token.kind == "word"]
    weights = [item.weight for item in polar]
    mass = sum(abs(w) for w in weights)
    found: dict[str, float] = {
        "bias": 1.0,
        "length": math.log1p(len(words)),
        "quoted": float(any(token.kind == "quote" for token in tokens)),
        "question": float("?" in text),
        "plain": sum(sentiws.get(word, 0.0) for word in words),  # SentiWS as it stands, no rules
        "mass": math.log1p(mass),
        "max_pos": max([0.0, *weights]),
        "max_neg": -min([0.0, *weights]),
        **_scope_features("all", polar, contrast=True),
    }
    found.update(
        (f"p:{'-' if item.negated else ''}{tokens[item.index].text}", 1.0) for item in polar
    )
    return tuple(found.items())


@cache
def model() -> dict[str, dict[str, list[float]]]:
    """The shipped weights: per task ("sentence", "target") a list of class weights per feature."""
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))["tasks"]


def probabilities(weights: dict[str, list[float]], found: dict[str, float]) -> list[float]:
    """Class probabilities (LABELS order) of a logistic regression stored as feature → weights."""
    negative = neutral = positive = 0.0
    for name, value in found.items():
        coefficients = weights.get(name)
        if coefficients:
            negative += coefficients[0] * value
            neutral += coefficients[1] * value
            positive += coefficients[2] * value
    logits = (negative, neutral, positive)
    top = max(logits)
    exps = [math.exp(logit - top) for logit in logits]
    total = sum(exps)
    return [e / total for e in exps]


def combine(p: list[float], rules: Tone, rules_from: float = RULES_WIN) -> Tone:
    """The model's tone unless the rules' label is not neutral and their |polarity| reaches
    `rules_from` (see `rules_threshold`).

    The model knows which events readers find good or bad news but learnt from 1,900 noisy crowd
    labels and sees sums, not word order, so "nicht gut" and "gut, aber schrecklich" are beyond
    it; the rules handle both. A higher RULES_WIN (0.6) would leave "nicht gut" to the model,
    which calls it neutral.
    """
    if rules.label != "neutral" and abs(rules.polarity) >= rules_from:
        return rules
    polarity = p[2] - p[0]
    return Tone(label_for(polarity), polarity, rules.positive, rules.negative, rules.words,
                rules.coverage)


def rules_threshold(tokens: list[Token], polar: list[Polar],
                    target: tuple[int, int] | None) -> float:
    """From which |rule polarity| the rules decide: at once where tones turn (opposite tones
    around "aber" or the like, or, for a target, between its own clause and the others); from
    SHAPED_WIN where decisive wording shapes the tone: a negated, intensified or downtoned word
    ("keineswegs schlecht", "etwas enttäuschend"), an event of the news weights or collocations
    ("Insolvenz", "trat … zurück") or a verb of praise, blame, winning or losing, and for a
    target in a sentence that sets parts against each other ("während", "trotz …", see
    set_apart); else from RULES_WIN. The model sees none of these."""
    if contrasted(tokens, polar) or (
            target is not None and clause_contrast(tokens, polar, target)):
        return 0.0
    if any(item.decisive for item in polar) or (target is not None and set_apart(tokens)):
        return SHAPED_WIN
    return RULES_WIN


def score(text: str, target: tuple[int, int] | None = None) -> Tone:
    """Tone of `text`; with `target` (char offsets of a mention) the tone towards that mention."""
    tokens, polar = _analyse(text, target)
    rules = _rule_tone(tokens, polar, target)
    if not LETTER.search(text):
        return rules
    task = "sentence" if target is None else "target"
    p = probabilities(model()[task], _features(text, tokens, polar, target))
    return decide(p, rules, tokens, polar, target)


def decide(p: list[float], rules: Tone, tokens: list[Token], polar: list[Polar],
           target: tuple[int, int] | None) -> Tone:
    """The tone from the model's probabilities `p` and the rules: the rules' alone where every
    polar word lies inside the target (its own words say nothing of it: "Erfolg & Co."), else
    as `combine` and `rules_threshold` say."""
    if target is not None and polar:
        first, last, _ = target_tokens(tokens, target)
        if all(first <= item.index <= last for item in polar):
            return rules
    return combine(p, rules, rules_threshold(tokens, polar, target))


def score_batch(
    texts: Iterable[str], targets: Iterable[tuple[int, int] | None] | None = None
) -> list[Tone]:
    """score() over many texts (targets optional, one per text)."""
    texts = list(texts)
    targets = [None] * len(texts) if targets is None else targets
    return [score(text, target) for text, target in zip(texts, targets, strict=True)]


@cache
def reliability() -> dict[str, Any]:
    """How often the tone model was right on GerNTSA, as `python -m analysis.evaluate sentiment
    --save` measured it: charts state it from this file, so it never drifts from the model."""
    return json.loads((DATA_DIR / "reliability.json").read_text(encoding="utf-8"))
