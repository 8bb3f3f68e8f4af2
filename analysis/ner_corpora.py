"""Extra German NER corpora read into GermEval's shape, so the CRF can train on more than GermEval.

Each reader yields sentences as `analysis.germeval.sentences` does: (token, outer tag) pairs with
BIO tags over PER, LOC, ORG and OTH (GermEval's "other" names, trained as MISC), so
`analysis.train_ner.bio` takes them unchanged. Each corpus's own labels are mapped by
`analysis/data/entities/label_maps.tsv` (kept as data: a mapping is a judgement, measured in
docs/ner-training.md); a label missing there, or a line a reader cannot parse, stops reading with
the file and line named. The corpora and their licences: /work/shared/data/ner-extra/README.md
(SmartData, MobIE, LER: CC BY 4.0; Europeana Newspapers: CC0).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from analysis import wordlists
from analysis.entities.names import demonyms, lookup, name_lists
from analysis.language import segment
from analysis.paths import PACKAGE_DIR

LABEL_MAPS = PACKAGE_DIR / "data" / "entities" / "label_maps.tsv"
# "drop": the label hides names it does not annotate (LER's citations "BVerfG, Beschluss vom …",
# "§ 5 BGB"), so a sentence with it is left out rather than taught that those names are O.
TARGETS = frozenset({"PER", "LOC", "ORG", "OTH", "O", "drop"})
# Europeana has no sentence boundaries: a pseudo-sentence ends at . ! ? before a capital, or at
# the first token outside a name once it is this long (CRF training cost grows with length).
WINDOW = 40
_TAG = re.compile(r"([BI])[-_.]([A-Za-z]+)")

Sentence = list[tuple[str, str]]


class CorpusError(ValueError):
    """Malformed corpus input; the message starts with the file (and line) at fault."""


@cache
def label_maps() -> dict[str, dict[str, str]]:
    """Per corpus, its label → PER, LOC, ORG, OTH or O."""
    maps: dict[str, dict[str, str]] = {}
    for corpus, label, target in wordlists.rows(LABEL_MAPS):
        if target not in TARGETS:
            raise ValueError(f"{LABEL_MAPS.name}: {corpus} {label} → unknown target {target!r}")
        maps.setdefault(corpus, {})[label] = target
    return maps


def _target(corpus: str, label: str, where: str) -> str:
    try:
        return label_maps()[corpus][label]
    except KeyError:
        raise CorpusError(f"{where}: label {label!r} is not in {LABEL_MAPS.name} for {corpus}"
                          ) from None


def to_germeval(corpus: str, tagged: Iterable[tuple[str, str]], where: str) -> Sentence | None:
    """(token, corpus BIO tag) → (token, GermEval tag): labels mapped, and an I- tag whose
    source label differs from its predecessor's starts a new name (B-), as GermEval's reader
    would otherwise drop it; None for a sentence with a label mapped to "drop"."""
    result: Sentence = []
    previous = ""
    for token, tag in tagged:
        if tag == "O":
            result.append((token, "O"))
            previous = ""
            continue
        prefix, label = tag[:2], tag[2:]
        if prefix not in ("B-", "I-") or not label:
            raise CorpusError(f"{where}: {tag!r} is not a BIO tag")
        target = _target(corpus, label, where)
        if target == "drop":
            return None
        if target == "O":
            result.append((token, "O"))
            previous = ""
            continue
        inside = prefix == "I-" and label == previous
        result.append((token, ("I-" if inside else "B-") + target))
        previous = label
    return without_derivations(result)


def derived(word: str) -> bool:
    """Whether a word is derived from a place (Russen, russische, Berliner, Kölner): the DFKI
    corpora tag such words LOC, GermEval's outer level does not (LOCderiv)."""
    if word.lower() in demonyms():
        return True
    if not word.endswith("er") or len(word) < 5 or _place(word):
        return False
    return _place(word[:-2])


def _place(word: str) -> bool:
    entry = lookup([word])
    return bool(entry and entry[0] == "LOC") or word in name_lists()["ci"]


def without_derivations(sentence: Sentence) -> Sentence:
    """The sentence with one-word places that are `derived` from a place set to O."""
    result = list(sentence)
    for i, (word, tag) in enumerate(sentence):
        alone = i + 1 == len(sentence) or not sentence[i + 1][1].startswith("I-")
        if tag == "B-LOC" and alone and derived(word):
            result[i] = (word, "O")
    return result


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines without line ends (LER's bverwg.conll has CRLF)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: {error}") from error
    for number, line in enumerate(text.splitlines(), start=1):
        yield number, line.rstrip("\r")


def _files(folder: Path, pattern: str) -> list[Path]:
    files = sorted(folder.glob(pattern))
    if not files:
        raise CorpusError(f"{folder}: no {pattern} files")
    return files


def _columns(corpus: str, path: Path, width: int, skip: str = "") -> Iterator[Sentence]:
    """Blank-line separated sentences of `width` whitespace-separated columns, the last the tag."""
    sentence: list[tuple[str, str]] = []
    where = str(path)
    for number, line in _lines(path):
        if skip and line.startswith(skip):
            continue
        fields = line.split()
        if not fields:
            if sentence and (converted := to_germeval(corpus, sentence, where)) is not None:
                yield converted
            sentence = []
            continue
        where = f"{path}:{number}"
        if len(fields) != width:
            raise CorpusError(f"{where}: expected {width} columns, got {len(fields)}: {line!r}")
        sentence.append((fields[0], fields[-1]))
    if sentence and (converted := to_germeval(corpus, sentence, where)) is not None:
        yield converted


def mobie(folder: Path) -> Iterator[Sentence]:
    """MobIE's CoNLL-2003 files (token, POS, chunk, tag; `-DOCSTART-` lines), in name order."""
    for path in _files(folder, "*.conll2003"):
        yield from _columns("mobie", path, 4, skip="-DOCSTART-")


def ler(folder: Path) -> Iterator[Sentence]:
    """The Legal Entity Recognition files (`token TAG`), one per court, in name order."""
    for path in _files(folder, "*.conll"):
        yield from _columns("ler", path, 2)


def _europeana_tag(field: str) -> str | None:
    """A tag as Europeana writes it, repaired (B-PEr, B_LOC, B.PER → B-PER, B-LOC); None if the
    field is no tag (a few lines of enp_DE.sbb.bio have a token and no tag)."""
    if field == "O":
        return "O"
    match = _TAG.fullmatch(field)
    return f"{match[1]}-{match[2].upper()}" if match else None


def europeana(folder: Path) -> Iterator[Sentence]:
    """Europeana Newspapers' German files (`token TAG`, `#` lines start a new document), cut into
    pseudo-sentences. A line of several tokens before the tag ("Deutsche Bank B-ORG") gives one
    token each, the first with the tag; a line without a tag is an untagged token (O)."""
    for path in _files(folder, "enp_DE.*.bio"):
        words: list[tuple[str, str]] = []
        where = str(path)
        for number, line in _lines(path):
            fields = line.split()
            if line.startswith("#") or not fields:
                yield from _pseudo_sentences(words, where)
                words = []
                continue
            where = f"{path}:{number}"
            tag = _europeana_tag(fields[-1]) if len(fields) > 1 else None
            if tag is None:
                words.extend((token, "O") for token in fields)
                continue
            inside = "I-" + tag[2:] if tag != "O" else "O"
            words.extend((token, tag if i == 0 else inside) for i, token in enumerate(fields[:-1]))
        yield from _pseudo_sentences(words, where)


def _pseudo_sentences(words: list[tuple[str, str]], where: str) -> Iterator[Sentence]:
    """Cut a document at . ! ? before a capital, and long stretches before a token outside a
    name, so that no name is split."""
    if not words:
        return
    tagged = to_germeval("europeana", words, where)
    if tagged is None:
        return
    start = 0
    for i in range(1, len(tagged) + 1):
        end_of_text = i == len(tagged)
        if not end_of_text:
            previous, (word, tag) = tagged[i - 1][0], tagged[i]
            full_stop = previous in (".", "!", "?") and word[:1].isupper()
            too_long = i - start >= WINDOW and not tag.startswith("I-")
            if not (full_stop or too_long):
                continue
        yield tagged[start:i]
        start = i


def _json_documents(path: Path) -> Iterator[dict]:
    """The documents of a SmartData file (gzipped or not): JSON objects one after another, not
    a list."""
    try:
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: {error}") from error
    decoder = json.JSONDecoder()
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            return
        try:
            document, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}: document at character {position}: {error}") from error
        yield document


def _mentions(document: dict, where: str) -> list[tuple[int, int, str]]:
    """(start, end, target) of the document's name mentions, outermost first where two overlap
    (58 pairs per file), in text order; "drop" mentions are kept apart from the others."""
    try:
        text = document["text"]["string"]
        found = []
        for mention in (document.get("conceptMentions") or {}).get("array") or []:
            start, end = mention["span"]["start"], mention["span"]["end"]
            target = _target("smartdata", mention["type"], where)
            if not 0 <= start < end <= len(text):
                raise CorpusError(f"{where}: mention {start}-{end} outside the text")
            if target != "O":
                found.append((start, end, target))
    except (KeyError, TypeError) as error:
        raise CorpusError(f"{where}: missing or malformed field {error}") from error
    kept = [mention for mention in found if mention[2] == "drop"]
    for start, end, target in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if target != "drop" and all(end <= s or start >= e for s, e, t in kept if t != "drop"):
            kept.append((start, end, target))
    return sorted(kept)


def tag_text(text: str, mentions: list[tuple[int, int, str]]) -> list[Sentence]:
    """The project's segmentation of `text` (each line on its own: headlines and datelines end
    without a full stop) with BIO tags from character-offset mentions. A token is in a mention
    when all its letters and digits are ("#Bahn" in "Bahn"); a mention inside one token
    (Siemens in "Siemens-Chef") is dropped, as GermEval's outer level drops such parts; a
    sentence that a "drop" mention overlaps is left out."""
    result = []
    offset = 0
    for line in text.split("\n"):
        for sentence in segment(line):
            tags = ["O"] * len(sentence.tokens)
            first, last = offset + sentence.start, offset + sentence.end
            if any(t == "drop" and s < last and e > first for s, e, t in mentions):
                continue
            for start, end, target in mentions:
                inside = [i for i, token in enumerate(sentence.tokens)
                          if _covered(token.text, offset + token.start, start, end)]
                for n, i in enumerate(inside):
                    tags[i] = ("I-" if n else "B-") + target
            result.append(without_derivations(
                [(token.text, tag) for token, tag in zip(sentence.tokens, tags, strict=True)]))
        offset += len(line) + 1
    return result


def _covered(token: str, position: int, start: int, end: int) -> bool:
    """Whether the token overlaps [start, end) with none of its letters or digits outside."""
    if position >= end or position + len(token) <= start:
        return False
    outside = token[: max(0, start - position)] + token[max(0, end - position):]
    return not any(char.isalnum() for char in outside)


def smartdata(folder: Path) -> Iterator[Sentence]:
    """SmartData's documents (`*.json.gz` or `*.json`, in name order), segmented by
    `analysis.language.segment` so its tokens are the ones the pipeline gives the recogniser."""
    for path in _files(folder, "*.json*"):
        for number, document in enumerate(_json_documents(path), start=1):
            where = f"{path}: document {number}"
            mentions = _mentions(document, where)
            yield from tag_text(document["text"]["string"], mentions)


# name → (reader of its folder, the domain its sentences carry with `--domain`)
CORPORA: dict[str, tuple[Callable[[Path], Iterator[Sentence]], str]] = {
    "smartdata": (smartdata, "web"),
    "mobie": (mobie, "traffic"),
    "ler": (ler, "legal"),
    "europeana": (europeana, "historic"),
}


def read(name: str, folder: Path) -> list[Sentence]:
    """All sentences of corpus `name` from its folder (`folder` holds one folder per corpus)."""
    if name not in CORPORA:
        raise CorpusError(f"unknown corpus {name!r}; known: {', '.join(CORPORA)}")
    reader, _ = CORPORA[name]
    return list(reader(folder / name))
