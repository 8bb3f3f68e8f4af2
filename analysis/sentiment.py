"""Tone of sentences, articles and of the text around an entity.

Two German lexicons weigh the words: SentiWS (Leipzig; lemmas with their inflected forms) and
textblob-de's own lexicon (Klenner et al.; lemmas only, so we generate the inflected forms, and we
look nouns up whatever their case: textblob-de itself never matches its capitalised nouns). Rules
handle what a plain sum gets wrong: negation scope, intensifiers and downtoners, contrast, quoted
speech, and for a target the clause it stands in. The rules give the parts of the tone (positive
and negative weight, words scored, coverage); a small logistic regression over those parts and
the lexicon words themselves, trained on GerNTSA by `python -m analysis.train_sentiment`, decides
the label, because news uses many lexicon words in phrases of no tone ("so gut wie keine", "gut
versteckt"), except where the rules see clear wording, a negation or a contrast.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from analysis.document import Doc
from analysis.paths import PACKAGE_DIR

DATA_DIR = PACKAGE_DIR / "data" / "sentiment"
SENTIWS_FILES = ("SentiWS_v2.0_Positive.txt", "SentiWS_v2.0_Negative.txt")
MODEL_PATH = DATA_DIR / "model.json"
# Where textblob-de's lexicon lies, found without importing the package (that takes 1.8 s: NLTK).
TEXTBLOB_PACKAGE = find_spec("textblob_de")
LABELS = ("negative", "neutral", "positive")
NEUTRAL_BAND = 0.1  # |polarity| below this is neutral: most news sentences report, not judge
RULE_SMOOTHING = 0.5  # weight sums this small stay near 0: a lone weak lexicon word is not a tone

TOKEN = re.compile(
    r"(?P<word>\w+(?:[-'’]\w+)*)|(?P<quote>[„“”»«\"])|(?P<stop>[.!?]+)|(?P<comma>[,;:–—()\[\]{}])"
)
WORD = re.compile(r"\w+")
LETTER = re.compile(r"[^\W\d_]")  # text without letters ("2/2") has no tone to model
CLAUSE_WORDS = frozenset(
    ["aber", "jedoch", "doch", "sondern", "während", "obwohl", "obgleich", "weil", "dass",
     "denn", "wobei", "allerdings"]
)
CONTRAST_WORDS = frozenset(["aber", "jedoch", "allerdings", "sondern", "dennoch", "trotzdem"])
NEGATORS = frozenset(
    ["nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals",
     "nichts", "ohne", "weder"]
)
POST_NEGATORS = frozenset(["nicht", "nie", "niemals"])  # "Das gefällt mir nicht": after the verb
MODIFIERS = {  # factor on the next polar word; kaum both weakens and turns ("kaum Hoffnung")
    **dict.fromkeys(["sehr", "besonders", "total", "völlig", "absolut", "wirklich", "ganz"], 1.5),
    **dict.fromkeys(["äußerst", "extrem", "höchst", "überaus", "enorm", "zutiefst", "massiv"], 1.8),
    **dict.fromkeys(["etwas", "wenig", "leicht", "eher", "einigermaßen", "halbwegs"], 0.5),
    "kaum": -0.5,
}
SCOPE_WINDOW = 4  # tokens a negator or modifier reaches
CONTRAST_BEFORE = 0.5  # what precedes "aber" counts half: the clause after it is the point
QUOTED = 0.75  # quoted or reported words are the speaker's tone, weaker evidence for the text's
OTHER_CLAUSE = 0.25  # for a target: words in other clauses count a quarter
TEXTBLOB_SCALE = 0.3  # textblob-de's ±0.7/±1 brought to SentiWS's range (gut: 0.37)
RULES_WIN = 0.4  # |rule polarity| from here on: clear evaluative wording outweighs the model

SENTIMENT_COLUMNS = [
    "doc_id",
    "sentence_id",
    "start",
    "end",
    "text",
    "polarity",
    "label",
    "positive",
    "negative",
    "words",
    "textblob_polarity",
]
MENTION_TONE_COLUMNS = [
    "doc_id",
    "sentence_id",
    "start",
    "end",
    "entity",
    "label",
    "polarity",
    "tone",
    "positive",
    "negative",
]
TONE_COLUMNS = [
    "entity",
    "label",
    "mentions",
    "sentences",
    "mean_polarity",
    "positive_sentences",
    "neutral_sentences",
    "negative_sentences",
    "ci_low",
    "ci_high",
]


@dataclass(frozen=True, slots=True)
class Tone:
    """The tone of a text, in parts.

    positive and negative are the summed lexicon weights of the positive and negative words after
    negation and modifiers (both ≥ 0); words is how many words the lexicons scored; coverage is
    their share of all words. label and polarity (P(positive) − P(negative)) are the model's,
    unless the rules see clear evaluative wording (see combine); then they are the rules'.
    """

    label: str
    polarity: float
    positive: float
    negative: float
    words: int
    coverage: float


class Token(NamedTuple):
    """A word or clause mark (text lower-cased), its clause number and whether it is quoted."""

    text: str
    start: int
    end: int
    kind: str  # word, quote, stop or comma
    clause: int
    quoted: bool


@dataclass(frozen=True, slots=True)
class Polar:
    """One scored word: its lexicon weights after negation, modifiers and quotes.

    contrast is its factor for the whole sentence's tone (half before "aber"); a target's tone
    ignores it, since there the target's own clause decides.
    """

    index: int
    sentiws: float
    textblob: float
    negated: bool
    contrast: float

    @property
    def weight(self) -> float:
        """One weight per word: the stronger of SentiWS's and textblob-de's (scaled).

        SentiWS weighs some strong words next to nothing (schrecklich −0.02).
        """
        return max(self.sentiws, TEXTBLOB_SCALE * self.textblob, key=abs)


# --- lexicons -----------------------------------------------------------------------------------

NOUN_ENDINGS = ("s", "es", "e", "en", "er")  # genitive and plural of nouns not ending in -e


def _inflections(lemma: str, pos: str) -> Iterator[str]:
    """Regular German forms of a textblob-de lemma (the lexicon lists lemmas only)."""
    yield lemma
    if pos == "JJ":
        yield from (lemma + ending for ending in ("e", "en", "em", "er", "es"))
    elif pos == "NN":
        yield from (lemma + ending for ending in (("n",) if lemma.endswith("e") else NOUN_ENDINGS))
    elif pos == "VB" and lemma.endswith("n"):
        stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
        yield from (stem + ending for ending in ("e", "st", "t", "et", "te", "ten", "tet", "test"))
        yield "ge" + stem + "t"


@cache
def lexicons() -> tuple[dict[str, float], dict[str, float]]:
    """SentiWS and textblob-de weights by lower-cased word form, inflected forms included."""
    sentiws: dict[str, float] = {}
    for name in SENTIWS_FILES:
        for line in (DATA_DIR / name).read_text(encoding="utf-8-sig").splitlines():
            lemma_pos, weight, *forms = line.split("\t")
            words = [lemma_pos.split("|")[0], *",".join(forms).split(",")]
            sentiws.update((word.lower(), float(weight)) for word in words if word)
    path = Path(TEXTBLOB_PACKAGE.submodule_search_locations[0]) / "data" / "de-sentiment.xml"
    entries = [
        (word.get("form", ""), word.get("pos", ""), float(word.get("polarity", 0)))
        for word in ElementTree.parse(path).getroot()
    ]
    textblob: dict[str, float] = {}
    for lemma, pos, polarity in entries:  # generated forms first, so a real lemma entry wins
        if polarity:
            textblob.update((form.lower(), polarity) for form in _inflections(lemma, pos))
    textblob.update((lemma.lower(), polarity) for lemma, _, polarity in entries if polarity)
    return sentiws, textblob


@cache
def _known_names() -> frozenset[str]:
    """Lower-cased one-word names and demonyms of the entity gazetteers: they are not compounds
    (Frankreich is no kind of "reich", Österreich none either)."""
    from analysis.entities import demonyms, gazetteer

    names = {words[0].lower() for words in gazetteer() if len(words) == 1}
    return frozenset(names | {word.lower() for word in demonyms()})


@lru_cache(maxsize=65536)
def word_weights(word: str) -> tuple[float, float]:
    """(SentiWS, textblob-de) weight of a lower-cased word; a compound takes its head's weight."""
    sentiws, textblob = lexicons()
    found = sentiws.get(word, 0.0), textblob.get(word, 0.0)
    if found != (0.0, 0.0) or len(word) < 9 or word in _known_names():
        return found
    for cut in range(3, len(word) - 4):  # Polizeigewalt → gewalt: longest head first
        head = word[cut:]
        if head in sentiws or head in textblob:
            return sentiws.get(head, 0.0), textblob.get(head, 0.0)
    return 0.0, 0.0


# --- rules --------------------------------------------------------------------------------------


def tokenize(text: str) -> list[Token]:
    """Words and clause-ending marks, with their clause number and whether they are quoted."""
    tokens, clause, quoted = [], 0, False
    new = tuple.__new__  # skips NamedTuple's Python-level constructor: this is the hot loop
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        lower = match.group().lower()
        if kind != "word" or lower in CLAUSE_WORDS:
            clause += 1
            quoted ^= kind == "quote"
        tokens.append(new(Token, (lower, *match.span(), kind, clause, quoted)))
    return tokens


def _modifier(tokens: list[Token], index: int) -> tuple[float, bool]:
    """Factor from negators and modifiers in the few words before `index`, and whether negated."""
    factor, negated = 1.0, False
    clause = tokens[index].clause
    for token in tokens[max(0, index - SCOPE_WINDOW) : index]:
        if token.clause != clause:
            continue
        if token.text in NEGATORS:
            factor, negated = -factor, True
        elif token.text in MODIFIERS:
            factor *= MODIFIERS[token.text]
    return factor, negated


def polar_words(tokens: list[Token]) -> list[Polar]:
    """Every word a lexicon scores, with negation (before or after it), modifiers and quotes."""
    found = []
    for index, (word, _, _, kind, _, _) in enumerate(tokens):
        if kind == "word" and word not in MODIFIERS and word not in NEGATORS:
            sentiws, textblob = word_weights(word)
            if sentiws or textblob:
                factor, negated = _modifier(tokens, index)
                found.append([index, factor * sentiws, factor * textblob, negated])
    for index, token in enumerate(tokens):  # "nicht" with nothing polar after it turns the verb
        if token.text in POST_NEGATORS and not any(
            index < item[0] <= index + SCOPE_WINDOW and tokens[item[0]].clause == token.clause
            for item in found
        ):
            before = [item for item in found if item[0] < index]
            if before and tokens[before[-1][0]].clause == token.clause and not before[-1][3]:
                before[-1][1:] = [-before[-1][1], -before[-1][2], True]
    contrast = _last_contrast(tokens)
    return [
        Polar(
            index,
            sentiws * (scale := QUOTED if tokens[index].quoted else 1.0),
            textblob * scale,
            negated,
            CONTRAST_BEFORE if index < contrast else 1.0,
        )
        for index, sentiws, textblob, negated in found
    ]


def target_tokens(tokens: list[Token], target: tuple[int, int]) -> tuple[int, int, int]:
    """First and last token index of the target and the clause it stands in."""
    start, end = target
    inside = [i for i, token in enumerate(tokens) if token.end > start and token.start < end]
    if not inside:
        before = [i for i, token in enumerate(tokens) if token.start < start]
        inside = [before[-1] if before else 0]
    return inside[0], inside[-1], tokens[inside[0]].clause if tokens else 0


def _check_target(text: str, target: tuple[int, int] | None) -> None:
    if target is not None and not 0 <= target[0] <= target[1] <= len(text):
        raise ValueError(f"target {target} lies outside the text of length {len(text)}")


def target_clause(text: str, target: tuple[int, int]) -> str:
    """The clause around the target: what the sentence says next to the entity, not elsewhere."""
    _check_target(text, target)
    tokens = tokenize(text)
    if not tokens:
        return text
    _, _, clause = target_tokens(tokens, target)
    inside = [token for token in tokens if token.clause == clause]
    start = inside[0].start if inside[0].kind == "word" else inside[0].end
    return text[start : max(token.end for token in inside)]


def _sums(weights: Iterable[float]) -> tuple[float, float, int]:
    """Positive weight, negative weight (as a positive number) and how many weights count."""
    positive = negative = 0.0
    count = 0
    for weight in weights:
        if weight > 0:
            positive += weight
            count += 1
        elif weight < 0:
            negative -= weight
            count += 1
    return positive, negative, count


def _rule_polarity(positive: float, negative: float) -> float:
    return (positive - negative) / (positive + negative + RULE_SMOOTHING)


def label_for(polarity: float) -> str:
    if polarity > NEUTRAL_BAND:
        return "positive"
    if polarity < -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def _weighted(
    tokens: list[Token], polar: list[Polar], target: tuple[int, int] | None
) -> list[float]:
    """Word weights as they bear on the sentence (contrast) or the target (its own clause fully,
    other clauses a quarter)."""
    if target is None:
        return [item.weight * item.contrast for item in polar]
    _, _, clause = target_tokens(tokens, target)
    return [
        item.weight * (1.0 if tokens[item.index].clause == clause else OTHER_CLAUSE)
        for item in polar
    ]


def _analyse(text: str, target: tuple[int, int] | None) -> tuple[list[Token], list[Polar]]:
    _check_target(text, target)
    return _analysed(text)


@lru_cache(maxsize=4096)
def _analysed(text: str) -> tuple[list[Token], list[Polar]]:
    """Tokens and polar words of a text, which do not depend on the target: a sentence is scored
    once as a whole and once for each mention in it (callers must not change the lists)."""
    tokens = tokenize(text)
    return tokens, polar_words(tokens)


def _rule_tone(tokens: list[Token], polar: list[Polar], target: tuple[int, int] | None) -> Tone:
    positive, negative, words = _sums(_weighted(tokens, polar, target))
    word_count = sum(token.kind == "word" for token in tokens)
    polarity = _rule_polarity(positive, negative)
    return Tone(
        label_for(polarity),
        polarity,
        positive,
        negative,
        words,
        words / word_count if word_count else 0.0,
    )


def rule_score(text: str, target: tuple[int, int] | None = None) -> Tone:
    """Tone from the lexicons and rules alone (also the parts of the model's tone)."""
    return _rule_tone(*_analyse(text, target), target)


# --- features and the model ---------------------------------------------------------------------


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


def _last_contrast(tokens: list[Token]) -> int:
    """Index of the last "aber" (or the like), -1 when there is none: what follows it decides."""
    return max((i for i, token in enumerate(tokens) if token.text in CONTRAST_WORDS), default=-1)


def contrasted(tokens: list[Token], polar: list[Polar]) -> bool:
    """Whether polar words of opposite tone stand before and after the last "aber" (or the like)."""
    turn = _last_contrast(tokens)
    before = sum(item.weight for item in polar if item.index < turn)
    after = sum(item.weight for item in polar if item.index > turn)
    return turn >= 0 and before * after < 0


def combine(p: list[float], rules: Tone, contrast: bool = False) -> Tone:
    """The model's label and polarity unless the rules see clear evaluative wording or a contrast
    (`contrasted`).

    The model knows which events readers find good or bad news but learnt from 1,900 noisy crowd
    labels and sees sums, not word order, so "nicht gut" and "gut, aber schrecklich" are beyond
    it; the rules handle both. Cross-validated on GerNTSA the exceptions cost 0.008 (sentence) and
    0.005 (target) macro-F1 against the model alone, within the spread between folds; a higher
    RULES_WIN (0.6) would save most of that but leave "nicht gut" to the model, which calls it
    neutral.
    """
    if rules.label != "neutral" and (abs(rules.polarity) >= RULES_WIN or contrast):
        return rules
    label = LABELS[max(range(3), key=p.__getitem__)]
    return Tone(label, p[2] - p[0], rules.positive, rules.negative, rules.words, rules.coverage)


def score(text: str, target: tuple[int, int] | None = None) -> Tone:
    """Tone of `text`; with `target` (char offsets of a mention) the tone towards that mention."""
    tokens, polar = _analyse(text, target)
    rules = _rule_tone(tokens, polar, target)
    if not LETTER.search(text):
        return rules
    task = "sentence" if target is None else "target"
    p = probabilities(model()[task], _features(text, tokens, polar, target))
    return combine(p, rules, contrasted(tokens, polar))


def score_batch(
    texts: Iterable[str], targets: Iterable[tuple[int, int] | None] | None = None
) -> list[Tone]:
    """score() over many texts (targets optional, one per text)."""
    texts = list(texts)
    targets = [None] * len(texts) if targets is None else targets
    return [score(text, target) for text, target in zip(texts, targets, strict=True)]


# --- textblob-de, kept for comparison -----------------------------------------------------------


@cache
def _textblob_analyzer():
    from textblob_de.sentiments import PatternAnalyzer
    from textblob_de.tokenizers import PatternTokenizer

    return PatternAnalyzer(tokenizer=PatternTokenizer())


def textblob_polarity(text: str) -> float:
    """textblob-de's own polarity, kept as a column so users can compare."""
    return float(_textblob_analyzer().analyze(text).polarity) if WORD.search(text) else 0.0


# --- tables -------------------------------------------------------------------------------------


def sentence_rows(doc: Doc, textblob: bool = True) -> list[tuple]:
    """The tone layer of one article: a row per sentence in SENTIMENT_COLUMNS order."""
    rows = []
    for sentence in doc.sentences:
        tone = score(sentence.text)
        rows.append((doc.doc_id, sentence.sentence_id, sentence.start, sentence.end, sentence.text,
                     tone.polarity, tone.label, tone.positive, tone.negative, tone.words,
                     textblob_polarity(sentence.text) if textblob else math.nan))
    return rows


def sentence_sentiment(documents: pd.DataFrame, textblob: bool = True) -> pd.DataFrame:
    """Tone of every sentence of every article (columns in docs/tables.md).

    textblob-de's comparison polarity costs more than the rest of the analysis together (its
    pattern parser lemmatises every sentence), so corpus runs may leave it out with
    `textblob=False`: the column is then NaN until `with_textblob` fills it where it is shown.
    """
    rows = [row for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
            for row in sentence_rows(Doc.parse(text, doc_id), textblob)]
    return pd.DataFrame(rows, columns=SENTIMENT_COLUMNS)


def with_textblob(table: pd.DataFrame) -> pd.DataFrame:
    """`table` (sentence sentiment) with textblob-de's polarity filled in where it was left out."""
    missing = table["textblob_polarity"].isna()
    if not missing.any():
        return table
    filled = table["textblob_polarity"].copy()
    filled[missing] = [textblob_polarity(text) for text in table.loc[missing, "text"]]
    return table.assign(textblob_polarity=filled.astype("float64"))


def mention_tone_rows(doc: Doc, mentions: Iterable[tuple]) -> list[tuple]:
    """Tone towards each mention of one article, scored on its sentence with the mention as
    target; `mentions` are rows starting doc_id, sentence_id, start, end, entity, label."""
    rows = []
    for doc_id, sentence_id, start, end, entity, label in mentions:
        sentence = doc.sentences[sentence_id]
        first = min(max(start - sentence.start, 0), len(sentence.text))
        last = min(max(end - sentence.start, first), len(sentence.text))
        tone = score(sentence.text, (first, last))
        rows.append((doc_id, sentence_id, start, end, entity, label, tone.polarity, tone.label,
                     tone.positive, tone.negative))
    return rows


def mention_tone(documents: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Tone towards every mention, scored on its sentence with the mention as target.

    `mentions` needs doc_id, sentence_id, start, end (offsets in the article), entity, label; the
    result's label is the entity type and tone the target tone (columns in MENTION_TONE_COLUMNS).
    """
    if mentions.empty or documents.empty:
        return pd.DataFrame(columns=MENTION_TONE_COLUMNS)
    columns = ["doc_id", "sentence_id", "start", "end", "entity", "label"]
    docs = {doc_id: Doc.parse(text, doc_id)
            for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)}
    rows = [tone for mention in zip(*(mentions[c].tolist() for c in columns), strict=True)
            for tone in mention_tone_rows(docs[mention[0]], [mention])]
    return pd.DataFrame(rows, columns=MENTION_TONE_COLUMNS)


def article_sentiment(sentiment: pd.DataFrame) -> pd.DataFrame:
    """Per article: mean sentence polarity and counts of positive, neutral, negative sentences."""
    counts = pd.crosstab(sentiment["doc_id"], sentiment["label"]).reindex(
        columns=["positive", "neutral", "negative"], fill_value=0
    )
    counts.columns = [f"{label}_sentences" for label in counts.columns]
    means = sentiment.groupby("doc_id").agg(
        mean_polarity=("polarity", "mean"), textblob_polarity=("textblob_polarity", "mean")
    )
    return means.join(counts).reset_index()


def _tone_per_sentence(
    mentions: pd.DataFrame, sentiment: pd.DataFrame, entity: list[str]
) -> pd.DataFrame:
    """One row per entity (the `entity` columns) and sentence naming it, with polarity and tone.

    From per-mention target tone when `sentiment` is a mention_tone table (several mentions in one
    sentence: their mean polarity and the label of the most polar one), else the tone of the whole
    sentence.
    """
    keys = ["doc_id", "sentence_id"]
    if "entity" in sentiment.columns:
        strongest_first = sentiment.iloc[
            sentiment["polarity"].abs().argsort(kind="stable")[::-1].to_numpy()
        ]
        return strongest_first.groupby([*keys, *entity], as_index=False).agg(
            polarity=("polarity", "mean"), tone=("tone", "first")
        )
    tones = sentiment[[c for c in (*keys, "polarity", "label") if c in sentiment.columns]]
    return (
        mentions[[*keys, *entity]]
        .drop_duplicates()
        .merge(tones.rename(columns={"label": "tone"}), on=keys)
    )


def entity_tone(
    mentions: pd.DataFrame, sentiment: pd.DataFrame, by_doc: bool = False
) -> pd.DataFrame:
    """Tone towards each entity from the sentences naming it, in parts (as GDELT reports it).

    `sentiment` is either the sentence table (tone of the sentences naming the entity) or, better,
    mention_tone(documents, mentions) (tone towards the entity itself in each sentence).
    """
    columns = (["doc_id"] if by_doc else []) + TONE_COLUMNS
    if mentions.empty or sentiment.empty:
        return pd.DataFrame(columns=columns)
    group_keys = [*(["doc_id"] if by_doc else []), "entity", "label"]
    per_sentence = _tone_per_sentence(mentions, sentiment, ["entity", "label"])
    if per_sentence.empty:
        return pd.DataFrame(columns=columns)
    # whole-column aggregates: a Python loop over groups took seconds at 10,000 articles
    grouped = per_sentence.groupby(group_keys, sort=False)
    table = grouped["polarity"].agg(sentences="size", mean_polarity="mean", spread="std")
    table.insert(0, "mentions", mentions.groupby(group_keys).size().reindex(table.index))
    labels = ["positive", "neutral", "negative"]
    tones = (per_sentence.groupby([*group_keys, "tone"], sort=False).size().unstack("tone")
             .reindex(index=table.index, columns=labels).fillna(0).astype("int64"))
    for tone in labels:
        table[f"{tone}_sentences"] = tones[tone]
    count = table["sentences"].to_numpy()
    half = (1.96 * table["spread"].fillna(0) / count**0.5).clip(lower=1.0 / count**0.5)
    few = count < 2  # one sentence: the band spans the whole scale (we know little)
    table["ci_low"] = (table["mean_polarity"] - half).clip(lower=-1.0).mask(few, -1.0)
    table["ci_high"] = (table["mean_polarity"] + half).clip(upper=1.0).mask(few, 1.0)
    table = table.reset_index()[columns].astype({"mentions": "int64", "sentences": "int64"})
    return table.sort_values(["mentions", "entity"], ascending=[False, True], ignore_index=True)


def tone_by_day(
    sentiment: pd.DataFrame,
    documents: pd.DataFrame,
    mentions: pd.DataFrame,
    entities: list[str],
    freq: str = "D",
) -> pd.DataFrame:
    """Mean polarity of the sentences naming each of `entities`, per publication day.

    Columns entity, day, sentences, mean_polarity; undated articles are left out. With a
    mention_tone table as `sentiment` it is the tone towards each entity itself. `freq` "W"
    (weeks from Monday) or "M" pools thin days; `day` is then the period's first day.
    """
    columns = ["entity", "day", "sentences", "mean_polarity"]
    published = pd.to_datetime(documents["published"]).dt.normalize()
    if freq != "D":
        published = published.dt.to_period(freq).dt.start_time
    days = pd.DataFrame({"doc_id": documents["doc_id"], "day": published}).dropna(subset=["day"])
    named = mentions.loc[mentions["entity"].isin(entities)]
    rows = _tone_per_sentence(named, sentiment, ["entity"])
    rows = rows.loc[rows["entity"].isin(entities)].merge(days, on="doc_id")
    if rows.empty:
        return pd.DataFrame(columns=columns)
    daily = rows.groupby(["entity", "day"]).agg(
        sentences=("polarity", "size"), mean_polarity=("polarity", "mean")
    )
    return daily.reset_index()[columns]


@cache
def reliability() -> dict[str, Any]:
    """How often the tone model was right on GerNTSA, as `python -m analysis.evaluate sentiment
    --save` measured it: charts state it from this file, so it never drifts from the model."""
    return json.loads((DATA_DIR / "reliability.json").read_text(encoding="utf-8"))
