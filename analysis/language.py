"""German segmentation, tagging and lemmas, shared by every analysis step.

SoMaJo segments (it keeps ordinal dates such as "16. Januar", abbreviations and „…“ / »…« quotes
together, and needs no download); HanTa tags parts of speech and lemmatises (Putins → Putin). Both
models are loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd

from analysis.paths import PACKAGE_DIR

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_COLUMNS = ["sentence_id", "start", "end", "text"]
TOKEN_COLUMNS = ["sentence_id", "token_id", "start", "end", "text", "kind", "pos", "lemma"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token: surface `text` is always `source[start:end]`."""

    text: str
    start: int
    end: int
    kind: str  # SoMaJo token class: regular, number, ordinal, symbol, abbreviation, …


@dataclass(frozen=True, slots=True)
class Sentence:
    sentence_id: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


@cache
def _somajo():
    from somajo import SoMaJo

    return SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)


@cache
def _hanta():
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blank-line separated paragraphs: sentences never cross them, headings stay apart."""
    spans, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


@lru_cache(maxsize=256)
def segment(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences of tokens with character offsets into `text`."""
    result: list[Sentence] = []
    for para_start, para_end in paragraphs(text):
        paragraph = text[para_start:para_end]
        for somajo_sentence in _somajo().tokenize_text([paragraph]):
            tokens = tuple(
                Token(
                    text=text[para_start + begin : para_start + end],
                    start=para_start + begin,
                    end=para_start + end,
                    kind=token.token_class,
                )
                for token in somajo_sentence
                for begin, end in [token.character_offset]
            )
            if not tokens:
                continue
            start, end = tokens[0].start, tokens[-1].end
            result.append(Sentence(len(result), start, end, text[start:end], tokens))
    return tuple(result)


def sentences(text: str) -> pd.DataFrame:
    """One row per sentence: sentence_id, start, end, text."""
    rows = [(s.sentence_id, s.start, s.end, s.text) for s in segment(text)]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def sentence_index(text: str, offset: int) -> int:
    """Id of the sentence containing character `offset` (the preceding one between sentences)."""
    found = -1
    for sentence in segment(text):
        if sentence.start > offset:
            break
        found = sentence.sentence_id
    return max(found, 0)


def tag(words: list[str]) -> list[tuple[str, str]]:
    """(lemma, STTS tag) per word of one sentence, by HanTa."""
    if not words:
        return []
    return [(lemma, pos) for _, lemma, pos in _hanta().tag_sent(words, taglevel=1)]


def tokens(text: str) -> pd.DataFrame:
    """One row per token with sentence_id, offsets, SoMaJo class, STTS part of speech and lemma."""
    rows = []
    for sentence in segment(text):
        tags = tag([token.text for token in sentence.tokens])
        for token_id, (token, (lemma, pos)) in enumerate(zip(sentence.tokens, tags, strict=True)):
            rows.append(
                (
                    sentence.sentence_id,
                    token_id,
                    token.start,
                    token.end,
                    token.text,
                    token.kind,
                    pos,
                    lemma,
                )
            )
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


GENITIVE_APOSTROPHE = re.compile(r"^(?P<stem>.+?[sßxz])['’]$")


@lru_cache(maxsize=65536)
def name_lemma(word: str) -> str:
    """Base form of a proper name: Putins → Putin, Nordkoreas → Nordkorea, Scholz' → Scholz.

    HanTa decides for the genitive -s, so names that end in s themselves (Paris, Jones) stay whole.
    """
    apostrophe = GENITIVE_APOSTROPHE.match(word)
    if apostrophe:
        return apostrophe.group("stem")
    if len(word) > 3 and word.endswith("s") and word[0].isupper():
        lemma, pos = _hanta().analyze(word)[:2]
        if pos.startswith("NE") and lemma == word[:-1]:
            return lemma
    return word


FUNCTION_WORDS_FILE = PACKAGE_DIR / "data" / "function_words.tsv"
WORD = re.compile(r"[^\W\d_]+")


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Per language, its most frequent function words (analysis/data/function_words.tsv)."""
    table: dict[str, frozenset[str]] = {}
    for line in FUNCTION_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, words = line.split("\t", 1)
            table[language] = frozenset(words.split())
    return table


def detect_language(text: str, sample_words: int = 400) -> tuple[str, float]:
    """The likeliest language of `text` by function words, with the share of words that decided.

    Good enough to flag English, French or Spanish articles in a German corpus; returns
    ("unknown", 0.0) when too few function words occur to tell.
    """
    words = [word.lower() for word in WORD.findall(text[: sample_words * 12])][:sample_words]
    if not words:
        return "unknown", 0.0
    hits = {lang: sum(word in vocab for word in words) for lang, vocab in function_words().items()}
    best = max(hits, key=hits.__getitem__)
    if hits[best] < 3:
        return "unknown", 0.0
    return best, hits[best] / len(words)
