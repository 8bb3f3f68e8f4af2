"""German segmentation, tagging and lemmas, shared by every analysis step.

A regex segmenter following SoMaJo's rules segments (it keeps ordinal dates such as "16. Januar",
abbreviations and „…“ / »…« quotes together; SoMaJo itself stays as `segment_somajo`);
HanTa tags parts of speech and lemmatises (Putins → Putin). Both
models are loaded once per process.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd
from HanTa import HanoverTagger

from analysis.extras import require
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
    somajo = require("somajo", "bench", "The SoMaJo segmenter (segment_somajo)")
    return somajo.SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)


@cache
def _hanta() -> HanoverTagger.HanoverTagger:
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
    """Split `text` into sentences of tokens with character offsets into `text`.

    The regex segmenter (`segment_fast`): SoMaJo's token classes and sentence rules at ~20x its
    speed, agreeing on 99.9 % of sentence boundaries and 99.8 % of tokens on 10kGNAD
    (`python -m analysis.bench segmentation`); `segment_somajo` stays for comparison.
    """
    return segment_fast(text)


@lru_cache(maxsize=256)
def segment_somajo(text: str) -> tuple[Sentence, ...]:
    """`segment` by SoMaJo (de_CMC), the reference the regex segmenter is measured against."""
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


# --- Fast regex segmenter: SoMaJo's token classes and sentence rules at ~20x the speed ----------

ABBREVIATIONS_FILE = PACKAGE_DIR / "data" / "abbreviations_de.txt"
# abbreviations that often close a sentence: they end one when a capitalised word follows
EOS_ABBREVIATIONS = frozenset({"usw.", "usf.", "etc.", "uvam."})
_UNITS = (
    "bit cent cm cm2 cm3 cm² cm³ dm dm2 dm3 dm² dm³ eur f ft g gbit/s ghz h hz kg km km/h km2 km3 "
    "km² km³ l lb m m2 m3 m² m³ mbit/s min ml mm mm2 mm3 mm² mm³ qm s sek"
)
UNITS = frozenset(_UNITS.split())
# units written onto the number ("5km"); single letters ("5s", "3D") are too ambiguous
_UNIT = (
    r"(?i:km/h|[gm]bit/s|(?:[cdk]?m|mm|qm)[23²³]|(?:[cdk]m|mm|qm)|cent|eur|ghz|hz|kg|ml|min|sek)"
)
_TLD = r"(?:de|at|ch|com|org|net|eu|info|gv\.at|co\.uk|uk|fr|it|es|ru|io|tv)"
_URL_TAIL = r"""[^\s<>"„“”»«]*(?<![.,;:!?)'"])"""
TOKEN_PATTERN = re.compile(
    rf"""
    (?P<URL>(?:https?://|ftp://|www\.){_URL_TAIL}
      | (?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.{_TLD}(?![\w@.-]|\.\w))
    | (?P<email_address>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    | (?P<date>(?<![\w.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.
        (?:\d{{4}}|\d{{2}})?(?![\w.]\d|\d))
    | (?P<time>(?<![\w.:])(?:[01]?\d|2[0-4]):[0-5]\d(?![\w:]))
    | (?P<ordinal>(?<![\w.,])(?:\d{{1,3}}|\d{{5,}}|[3-9]\d{{3}})\.(?![\d.]))
    | (?P<number>(?<![\w.,])[-+]?\d+(?:[.,]\d+)*(?:/\d+)?(?:(?![\w'’-])|(?={_UNIT}(?!\w))))
    | (?P<hashtag>(?<!\w)\#\w(?:[\w-]*\w)?)
    | (?P<mention>(?<![\w.])@\w+)
    | (?P<emoticon>(?<!\w)[:;]-[()DPp])
    | (?P<regular>(?<!\w)['’][sn](?!\w)|\w+(?:[-'’]\w+)*
        (?:-(?=\s*,?\s*(?:und|oder|bzw\.|sowie|als)\s)|(?<=[sßxzSXZ])['’](?!\w))?(?:\.(?![.\d]))?)
    | (?P<symbol>\.{{2,}}|…+\.*|[!?]+|--+|\S)
    """,
    re.VERBOSE,
)
SENTENCE_END = re.compile(r"(?:\.+|…+\.*|[!?]+)")
ROMAN_ORDINAL = re.compile(r"M{0,4}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\.")
_LETTERS_AND_DOT = re.compile(r"[^\W\d_]{2,3}\.")
REGULAR_SYMBOLS = frozenset({"-", "§"})  # SoMaJo classes these as regular
PROBLEMATIC_QUOTES = frozenset('"»«›‹“‘')


@cache
def abbreviations() -> frozenset[str]:
    """German abbreviations with their dot (analysis/data/abbreviations_de.txt), case-sensitive
    ("alt." and "so." are words) but lower-case ones also capitalised, as at a sentence start."""
    lines = ABBREVIATIONS_FILE.read_text(encoding="utf-8").splitlines()
    listed = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(listed | {word[0].upper() + word[1:] for word in listed})


@lru_cache(maxsize=4096)
def _punctuation(text: str) -> tuple[bool, bool]:
    """(opening, closing) as SoMaJo's sentence splitter classes a token."""
    if len(text) != 1:
        return len(text) > 1 and set(text) == {"-"}, False
    category = unicodedata.category(text)
    return text in "'\"¿¡–—" or category in ("Pi", "Ps"), text in "'\"" or category in ("Pf", "Pe")


def _tokenize(paragraph: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every token of one paragraph, kinds named as SoMaJo's classes."""
    known = abbreviations()
    spans: list[tuple[int, int, str]] = []
    append = spans.append
    for match in TOKEN_PATTERN.finditer(paragraph):
        kind = match.lastgroup
        start, end = match.span()
        full_stop = False
        if kind == "regular":
            if paragraph[end - 1] == ".":
                word = paragraph[start:end]
                if end - start > 2 and ROMAN_ORDINAL.fullmatch(word):
                    append((start, end, "ordinal"))
                    continue
                head, hyphen, tail = word.rpartition("-")
                if hyphen and tail[:-1].isdigit():  # "Weltranglisten-19.": ordinal after hyphen
                    append((start, start + len(head) + 1, "regular"))
                    append((start + len(head) + 1, end, "ordinal"))
                    continue
                if (
                    word in known
                    or (hyphen and tail in known)  # "ATP-Nr."
                    or (end - start == 2 and not _LETTERS_AND_DOT.match(paragraph, end))
                    or (word.endswith("str.") and word[0].isupper())
                ):
                    append((start, end, "abbreviation"))
                    continue
                end, full_stop = end - 1, True
            if (
                spans
                and spans[-1][2] == "number"
                and spans[-1][1] >= start - 1
                and paragraph[start:end].lower() in UNITS
                and paragraph[start - 1] in " 0123456789"
            ):
                number_start, number_end, _ = spans.pop()
                append((number_start, number_end, "measurement"))
                kind = "measurement"
        elif kind == "symbol" and paragraph[start:end] in REGULAR_SYMBOLS:
            kind = "regular"
        append((start, end, kind))
        if full_stop:
            append((end, end + 1, "symbol"))
    return spans


def _sentence_ends(paragraph: str, spans: list[tuple[int, int, str]]) -> list[int]:
    """Indices one past the last token of each sentence: SoMaJo's rule, punctuation then a capital,
    a number, a mention or a hashtag; closing quotes and brackets stay with the sentence."""
    ends = []
    count = len(spans)
    for i, (start, end, kind) in enumerate(spans):
        text = paragraph[start:end]
        if not (
            (kind == "symbol" and SENTENCE_END.fullmatch(text))
            or (kind == "abbreviation" and text.lower() in EOS_ABBREVIATIONS)
        ):
            continue
        if ends and ends[-1] > i:  # already inside a closing quote that ended the sentence
            continue
        last, previous = i, ""
        for j in range(i + 1, count):
            next_start, next_end, next_kind = spans[j]
            word = paragraph[next_start:next_end]
            opening = closing = False
            if word in PROBLEMATIC_QUOTES:
                before = paragraph[spans[j - 1][0] : spans[j - 1][1]]
                if spans[j - 1][1] < next_start or _punctuation(before)[0]:
                    opening = True
                elif j == count - 1 or spans[j + 1][0] > next_end or _punctuation(
                    paragraph[spans[j + 1][0] : spans[j + 1][1]]
                )[1]:
                    closing = True
            if (word[0].isupper() or word.isnumeric() or next_kind in ("mention", "hashtag")):
                ends.append(last + 1)
                break
            is_opening, is_closing = _punctuation(word)
            if next_kind == "emoticon" and previous != "opening":
                last = j
            elif opening or (is_opening and not closing):
                previous = "opening"
            elif (closing or (is_closing and not opening)) and previous != "opening":
                last, previous = j, "closing"
            else:
                break
    if not ends or ends[-1] != count:
        ends.append(count)
    return ends


def segment_fast(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences of tokens by regular expressions (SoMaJo's classes and rules)."""
    result: list[Sentence] = []
    for para_start, para_end in paragraphs(text):
        paragraph = text[para_start:para_end]
        spans = _tokenize(paragraph)
        begin = 0
        for stop in _sentence_ends(paragraph, spans):
            if stop <= begin:
                continue
            tokens = tuple(
                Token(paragraph[s:e], para_start + s, para_start + e, kind)
                for s, e, kind in spans[begin:stop]
            )
            begin = stop
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


def detect_language(text: str, sample_words: int = 200) -> tuple[str, float]:
    """The likeliest language of `text` by function words, with the share of words that decided.

    Good enough to flag English, French or Spanish articles in a German corpus; returns
    ("unknown", 0.0) when too few function words occur to tell. It runs on every article each
    time a corpus is read, cached or not, so it reads only the opening 200 words: half of an
    unchanged re-run's time went here with 400.
    """
    words = WORD.findall(text[: sample_words * 12].lower())[:sample_words]
    if not words:
        return "unknown", 0.0
    counts = Counter(words)
    hits = {lang: sum(counts[word] for word in vocab.intersection(counts))
            for lang, vocab in function_words().items()}
    best = max(hits, key=hits.__getitem__)
    if hits[best] < 3:
        return "unknown", 0.0
    return best, hits[best] / len(words)
