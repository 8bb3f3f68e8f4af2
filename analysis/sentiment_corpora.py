"""PotTS (Potsdam Twitter Sentiment Corpus, MIT) read as tone examples like GerNTSA's.

PotTS is an MMAX2 project: the words of each file (`corpus/basedata/NAME.words.xml`, tweets
separated by "EOL" words) and, per annotator, markables that span words by id
(`corpus/annotator-1/markables/NAME_sentiment_level.xml` with the polarity of an opinion,
`…_target_level.xml` with what it is about). Each target inside a positive or negative,
non-sarcastic opinion becomes an example (tweet text, target offsets, polarity); a tweet without
any opinion becomes a neutral one, its first word the target. Whether these help the news model is
measured by `python -m analysis.evaluate sentiment --potts DIR` (docs/sentiment-training.md).
load_potts_scope gives every target with the opinions about it, from which
`python -m analysis.train_scope` learns which words speak of a target.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.train_sentiment import Example

SPAN_PART = re.compile(r"word_([\d.]+?)(?:\.\.word_([\d.]+))?")
POLAR = frozenset({"positive", "negative"})


def _word_number(word_id: str) -> float:
    """"word_420.5": words added by the annotators sit between the original ones."""
    return float(word_id.split("_", 1)[1])


def _spans(attribute: str) -> list[tuple[float, float]]:
    """(first, last) word numbers of a markable's span ("word_3..word_7,word_9")."""
    found = []
    for part in attribute.split(","):
        match = SPAN_PART.fullmatch(part.strip())
        if match:
            first = float(match.group(1))
            found.append((first, float(match.group(2) or first)))
    return found


def _markables(path: Path) -> list[dict[str, str]]:
    return [dict(m.attrib) for m in ElementTree.parse(path).getroot()] if path.exists() else []


def _tweets(words_file: Path) -> list[tuple[str, dict[float, tuple[int, int]]]]:
    """Each tweet's text (words joined by spaces) and every word's character offsets in it."""
    words = sorted((_word_number(w.get("id", "word_0")), w.text or "")
                   for w in ElementTree.parse(words_file).getroot())
    tweets: list[tuple[str, dict[float, tuple[int, int]]]] = []
    text, offsets = "", {}
    for number, word in [*words, (-1.0, "EOL")]:
        if word == "EOL":
            if text:
                tweets.append((text, offsets))
            text, offsets = "", {}
            continue
        start = len(text) + (1 if text else 0)
        text = f"{text} {word}" if text else word
        offsets[number] = (start, start + len(word))
    return tweets


def _files(root: Path, annotator: str) -> Iterator[tuple[str, Path, Path]]:
    """Each PotTS file's name, its words file and the annotator's markables folder."""
    corpus = Path(root) / "corpus"
    if not (corpus / "basedata").is_dir():
        raise FileNotFoundError(f"{root}: no corpus/basedata folder (is this PotTS?)")
    for words_file in sorted((corpus / "basedata").glob("*.words.xml")):
        yield (words_file.name.removesuffix(".words.xml"), words_file,
               corpus / annotator / "markables")


def load_potts(root: Path, annotator: str = "annotator-1") -> list[Example]:
    """Target examples of one annotator's opinions, and neutral ones for tweets without any."""
    examples = []
    for name, words_file, markables in _files(root, annotator):
        tweets = _tweets(words_file)
        tweet_of = {number: t for t, (_, offsets) in enumerate(tweets) for number in offsets}
        marked = _markables(markables / f"{name}_sentiment_level.xml")
        # any opinion, sarcastic or comparing, makes a tweet not neutral; only plain ones label
        opinionated = {tweet_of[first] for m in marked for first, _ in _spans(m.get("span", ""))
                       if first in tweet_of}
        opinions = [(_spans(m.get("span", "")), m.get("polarity", ""))
                    for m in marked if m.get("sarcasm") != "true"]
        for target in _markables(markables / f"{name}_target_level.xml"):
            spans = _spans(target.get("span", ""))
            if not spans or spans[0][0] not in tweet_of:
                continue
            first, last = spans[0]
            polarity = next((p for s, p in opinions if p in POLAR
                             and any(a <= first and last <= b for a, b in s)), None)
            text, offsets = tweets[tweet_of[first]]
            if polarity and last in offsets:
                examples.append(Example(text, (offsets[first][0], offsets[last][1]), polarity))
        examples += [Example(text, offsets[min(offsets)], "neutral")
                     for t, (text, offsets) in enumerate(tweets) if t not in opinionated]
    return examples


@dataclass(frozen=True, slots=True)
class ScopeExample:
    """A target of one annotator in a tweet and the opinions about it: which words speak of it.

    opinions are (character spans, polarity, sarcastic) of every sentiment markable whose span
    holds the target or that the target names as its own (sentiment_ref).
    """

    name: str
    annotator: str
    text: str
    target: tuple[int, int]
    opinions: tuple[tuple[tuple[tuple[int, int], ...], str, bool], ...]


def _char_spans(spans: list[tuple[float, float]],
                offsets: dict[float, tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Character spans of word spans, as far as their words lie in this tweet."""
    found = []
    for first, last in spans:
        inside = [number for number in offsets if first <= number <= last]
        if inside:
            found.append((offsets[min(inside)][0], offsets[max(inside)][1]))
    return tuple(found)


def load_potts_scope(root: Path, annotator: str = "annotator-1") -> list[ScopeExample]:
    """Every target of one annotator's PotTS markables with the opinions about it."""
    examples = []
    for name, words_file, markables in _files(root, annotator):
        targets = _markables(markables / f"{name}_target_level.xml")
        if not targets:
            continue
        tweets = _tweets(words_file)
        tweet_of = {number: t for t, (_, offsets) in enumerate(tweets) for number in offsets}
        opinions = [(m.get("id", ""), _spans(m.get("span", "")), m.get("polarity", ""),
                     m.get("sarcasm") == "true")
                    for m in _markables(markables / f"{name}_sentiment_level.xml")]
        for target in targets:
            spans = _spans(target.get("span", ""))
            if not spans or spans[0][0] not in tweet_of:
                continue
            first, last = spans[0]
            text, offsets = tweets[tweet_of[first]]
            if last not in offsets:
                continue
            own = target.get("sentiment_ref", "").removeprefix("sentiment:")
            about = tuple(
                (_char_spans(parts, offsets), polarity, sarcastic)
                for ident, parts, polarity, sarcastic in opinions
                if ident == own or any(a <= first and last <= b for a, b in parts)
            )
            examples.append(ScopeExample(name, annotator, text,
                                         (offsets[first][0], offsets[last][1]), about))
    return examples
