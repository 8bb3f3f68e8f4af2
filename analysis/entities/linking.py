"""Linking within one article: every mention gets a canonical entity name. Names the CRF found
give the evidence for base forms (Putins → Putin), for words it missed (names named elsewhere,
hyphen compounds, demonyms) and for full names (Putin → Wladimir Putin); each entity gets one
label, roles link to persons, and the user-editable alias table overrides the result.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from analysis.entities.names import (
    DATA,
    demonyms,
    genitive_stem,
    lookup,
    name_lists,
    title_case,
)
from analysis.entities.recognition import Mention, tag_sentences
from analysis.entities.roles import link_roles
from analysis.entities.spans import common_noun, common_opener, sentence_names
from analysis.entities.spelling import spelling_variants
from analysis.entities.words import function_word
from analysis.language import Sentence

# User-editable: alias,entity[,label] rows that override automatic linking (see docs/tables.md).
ALIASES = DATA / "aliases.csv"
NEXT_WORD = re.compile(r"\s+([A-ZÄÖÜ][a-zäöüß]+)\b")
LARGE_CITY = 100_000  # inhabitants (GeoNames) from which a lone "person" of that name is the city
# An abbreviation in brackets right after a name: "Bundesnachrichtendienst (BND)".
# An abbreviation: two capitals at least (BND, ÖVP, EU; not a surname standing for a full name).
SHORT_FORM_WORD = re.compile(r"(?=[^)\s]*[A-ZÄÖÜ][^)\s]*[A-ZÄÖÜ])[A-ZÄÖÜ][A-Za-zÄÖÜäöü&]{1,7}")
SHORT_FORM = re.compile(rf"\s*\((?P<short>{SHORT_FORM_WORD.pattern})\)")


def _surname_used(mention: Mention, found: list[Mention]) -> bool:
    """Whether the article names the last word of an uncurated name alone as a person: then the
    name is a person's, whatever the CRF typed it ("Raif Badawi" ORG, "Badawis" PER)."""
    first, *_, last = mention.name.split()
    if mention.curated or common_noun(first) or function_word(first) or first.isupper():
        return False  # not "Exlobbyist Sardana", "AS Roma"
    return any(m.label == "PER" and not m.curated and last in (m.name, genitive_stem(m.name))
               for m in found if " " not in m.name)


class _Names:
    """The names of one article, as evidence for base forms (Putins → Putin) and missed mentions."""

    def __init__(self, found: list[Mention]) -> None:
        self.labels: dict[str, str] = {}
        for mention in found:
            self.labels.setdefault(mention.name, mention.label)
        self.full = {m.name: m for m in found if " " in m.name
                     and (m.label == "PER" or _surname_used(m, found))}
        single = {n: label for n, label in self.labels.items() if " " not in n}
        self.starts = {name.split()[0]: "PER" for name in self.full} | single
        self.ends = {name.split()[-1]: "PER" for name in self.full} | single
        self.words = self.starts | self.ends

    def base(self, name: str) -> str:
        """`name` without a genitive ending when the article (or gazetteer) knows the bare form."""
        words = name.split()
        stem = genitive_stem(words[-1])
        if stem is None:
            return name
        bare = " ".join([*words[:-1], stem])
        if bare in self.labels or (len(words) == 1 and stem in self.words) or lookup([stem]):
            return bare
        return name

    def known(self, word: str) -> tuple[str, str] | None:
        """(label, base name) of a single word the article names elsewhere."""
        name = self.base(title_case(word))
        label = self.words.get(name)
        return (label, name) if label else None


def _token_mentions(sentence: Sentence, names: _Names, covered: set[int]
                    ) -> list[Mention]:
    """Names the CRF missed: words named elsewhere in the article, hyphen compounds
    ("Putin-Besuch" → Putin, "US-Provokationen" → USA, "Adidas-Chef" → Adidas by the company
    list), and demonyms (russischen → Russland)."""
    found = []
    for token in sentence.tokens:
        if token.kind != "regular" or token.start in covered or token.end - 1 in covered:
            continue
        known = names.known(token.text) if token.text[:1].isupper() else None
        if known:
            found.append(Mention(token.start, token.end, token.text, known[0], known[1]))
            continue
        parts = token.text.split("-")
        offset = token.start
        for index, part in enumerate(parts):
            head = index < len(parts) - 1 and part[:1].isupper()
            entry = lookup([part]) if head else None
            known = names.known(part) if head else None
            demonym = demonyms().get(part.lower())
            span = (offset, offset + len(part))
            if entry:
                found.append(Mention(*span, part, entry[0], entry[1], "name", True))
            elif known:
                found.append(Mention(*span, part, known[0], known[1]))
            elif demonym:
                found.append(Mention(*span, part, demonym[0], demonym[1], "demonym", True))
            elif head and index == 0 and part in name_lists()["co"]:  # "Adidas-Chef"
                found.append(Mention(*span, part, "ORG", part))
            offset += len(part) + 1
    return found


def _split_adjacent(mention: Mention, sentence: Sentence, names: _Names) -> list[Mention]:
    """Split a run such as "Putin Kim" into a name that ends one the article names ("Wladimir
    Putin") and one that starts one ("Kim Jong Un")."""
    if mention.curated or " " not in mention.name:
        return [mention]
    tokens = [t for t in sentence.tokens if mention.start <= t.start < mention.end]
    for cut in range(1, len(tokens)):
        genitive = genitive_stem(tokens[cut - 1].text)
        if genitive and title_case(genitive) in names.words:  # "Putins Pläne": keep Putins
            return [Mention(tokens[0].start, tokens[cut - 1].end, "", "PER",
                            " ".join(title_case(t.text) for t in tokens[:cut]))]
        left = names.base(" ".join(title_case(t.text) for t in tokens[:cut]))
        right = names.base(title_case(tokens[cut].text))
        if left in names.ends and right in names.starts:
            rest = [right, *(title_case(t.text) for t in tokens[cut + 1:])]
            return [
                Mention(tokens[0].start, tokens[cut - 1].end, "", names.ends[left], left),
                *_split_adjacent(Mention(tokens[cut].start, tokens[-1].end, "",
                                         names.starts[right], " ".join(rest)), sentence, names),
            ]
    return [mention]


def _before_noun(mention: Mention, text: str) -> Mention:
    """A person's name in the genitive before the noun it owns ("Justin Biebers Song",
    "Francis Poulencs Klavierkonzert") under its bare form."""
    stem = genitive_stem(mention.name.split()[-1]) if mention.label == "PER" else None
    after = NEXT_WORD.match(text, mention.end) if stem and not mention.curated else None
    if after is None or not common_noun(after[1]):
        return mention
    return replace(mention, name=mention.name[: len(mention.name) - 1])


def _organisation_name(mention: Mention, found: list[Mention]) -> str | None:
    """The article's organisation a lone word that is no known place stands for: its first or
    last word ("Roma" → AS Roma, "Sturm" → Sturm Graz, not Graz); only when one fits."""
    word = mention.name
    place = lookup([word])
    if " " in word or mention.label == "LOC" or (place and place[0] == "LOC"):
        return None
    fits = {m.name for m in found if m.label == "ORG" and " " in m.name
            and word in (m.name.split()[0], m.name.split()[-1])}
    return fits.pop() if len(fits) == 1 else None


def _shorter_form(words: list[str], full: list[str]) -> bool:
    """Whether `words` name the person `full` names in full: its first or last words
    (Van der Bellen), or an initial and the surname (S. Hofmann → Steffen Hofmann)."""
    initial = words[0]
    if len(initial) == 2 and initial[1] == "." and words[1:] == full[-1:] and len(full) > 1:
        return full[0].startswith(initial[0])
    return len(full) > len(words) and words in (full[:len(words)], full[-len(words):])


def _full_name(mention: Mention, names: _Names, order: list[Mention]) -> str | None:
    """The full person name a one-word mention, or a person's shorter name, stands for (Putins
    → Wladimir Putin, Van der Bellen → Alexander Van der Bellen, S. Hofmann → Steffen Hofmann).

    Candidates are the article's multi-word person names whose first or last word is the
    mention's name. With several (Kim → Kim Jong Un or Kim Jong Il) the one mentioned most
    recently before it wins; when none precedes it, the most frequent (then the first) wins.
    """
    words = mention.name.split()
    candidates = [m for m in order if m.name in names.full and _shorter_form(words, m.name.split())]
    if not candidates:
        return None
    before = [m for m in candidates if m.start < mention.start]
    if before:
        return before[-1].name
    counts = Counter(m.name for m in candidates)
    return max(candidates, key=lambda m: (counts[m.name], -m.start)).name


def link(text: str, sentences: Sequence[Sentence],
         aliases: dict[str, tuple[str, str | None]] | None = None) -> list[tuple[Mention, str]]:
    """All mentions of one article with their canonical entity name, sorted by start.

    Names come from the CRF, then words the article names elsewhere, compounds and demonyms;
    one-word names link to a full name, each entity gets one label (curated names and full person
    names decide), roles link to a person, and the alias table overrides the result.
    """
    aliases = load_aliases() if aliases is None else aliases
    labels = _interview_labels(sentences)
    tags = tag_sentences([[token.text for token in s.tokens] for s in sentences])
    per_sentence = [(s, [m for m in sentence_names(s, sentence_tags)
                         if m.start not in labels and not _common_opener(text, s, m)])
                    for s, sentence_tags in zip(sentences, tags, strict=True)]
    first = _Names([m for _, found in per_sentence for m in found])
    found = [part for s, ms in per_sentence for m in ms for part in _split_adjacent(m, s, first)]
    names = _Names(found)
    found = [_before_noun(replace(m, name=names.base(m.name)), text) for m in found]
    covered = {offset for m in found for offset in range(m.start, m.end)} | labels
    for sentence in sentences:
        found.extend(_token_mentions(sentence, names, covered))
    found = sorted((replace(m, text=text[m.start:m.end]) for m in found),
                   key=lambda m: (m.start, m.end))
    short_forms = _short_forms(text, found)
    found = _with_short_forms(sentences, found, short_forms)
    linked = []
    for mention in found:
        entity = mention.name
        if mention.name in short_forms:
            long_form = short_forms[mention.name]
            mention, entity = replace(mention, label=long_form.label), long_form.name
        elif mention.kind == "name" and not mention.curated and (
                " " not in entity or mention.label == "PER"):
            entity = (_full_name(mention, names, found) or _organisation_name(mention, found)
                      or entity)
        linked.append((mention, entity))
    linked = _one_spelling(linked)
    labels = _entity_labels((m, e) for m, e in linked if m.kind == "name")
    labels.update({name: "PER" for name in names.full})
    labels.update(_lone_places(labels))
    linked = [(replace(m, label=labels.get(e, m.label)), e) for m, e in linked]
    linked += link_roles(sentences, linked, aliases)
    linked = [_alias(m, e, aliases) for m, e in linked]
    return sorted(linked, key=lambda pair: (pair[0].start, pair[0].end))


def _one_spelling(linked: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """Each person under one spelling in the article: the curated one (the gazetteer's Mahmud
    Abbas for the text's Mahmoud Abbas), else the most frequent."""
    persons: Counter[str] = Counter()
    for mention, entity in linked:
        if mention.kind == "name" and mention.label == "PER":
            persons[entity] += len(linked) if mention.curated else 1
    spelling = spelling_variants(persons)
    return [(m, spelling.get(e, e)) for m, e in linked] if spelling else linked


def _common_opener(text: str, sentence: Sentence, mention: Mention) -> bool:
    """A word opening a sentence that the article uses nowhere else and that is a common word
    there (`recognition.common_opener`): "Solange die Sonne scheint"."""
    words = [token.text for token in sentence.tokens]
    first = next((i for i, token in enumerate(sentence.tokens) if token.start == mention.start),
                 None)
    if first is None or mention.curated or text.count(words[first]) > 1:
        return False
    return common_opener(words, first, first + 1, mention.label) and mention.end == (
        sentence.tokens[first].end)


def _interview_labels(sentences: Sequence[Sentence]) -> set[int]:
    """Offsets of the words that label the turns of an interview ("STANDARD: Wie …", "Huber:
    Gut."): a word opening two sentences or more before a colon marks who speaks, and is no
    mention of a name."""
    openers: dict[str, list[range]] = defaultdict(list)
    for sentence in sentences:
        tokens = sentence.tokens
        if len(tokens) > 2 and tokens[1].text == ":" and tokens[0].text[:1].isupper():
            openers[tokens[0].text].append(range(tokens[0].start, tokens[0].end))
    return {offset for words in openers.values() if len(words) > 1
            for word in words for offset in word}


def _lone_places(labels: dict[str, str]) -> dict[str, str]:
    """One-word "persons" (not linked to a full name of the article) that are large cities by
    the GeoNames list and no first name or common surname (Hollywood, Berkeley): places."""
    lists = name_lists()
    return {
        entity: "LOC" for entity, label in labels.items()
        if label == "PER" and " " not in entity and entity not in lists["fn"]
        and lists["ci"].get(entity, 0) >= LARGE_CITY and lists["ln"].get(entity, 0) <= 1
    }


def _short_forms(text: str, found: list[Mention]) -> dict[str, Mention]:
    """Abbreviations the article introduces itself: "Bundesnachrichtendienst (BND)" makes every
    BND of the article that name. The letters must follow the long form's (B…N…D)."""
    forms: dict[str, Mention] = {}
    for mention in found:
        after = SHORT_FORM.match(text, mention.end)
        if mention.kind == "name" and after and abbreviates(after["short"], mention.name):
            forms.setdefault(after["short"], mention)
    return forms


def abbreviates(short: str, name: str) -> bool:
    """Whether `short` can stand for `name`: same first letter, its letters in order in the name
    ("ÖVP" in "Österreichische Volkspartei"), and shorter than any word of it."""
    letters = iter(name.upper())
    return (short[0].upper() == name[0].upper() and len(short) < len(name)
            and all(letter in letters for letter in short.upper()))


def _with_short_forms(sentences: Sequence[Sentence], found: list[Mention],
                      forms: dict[str, Mention]) -> list[Mention]:
    """The mentions plus each use of an introduced abbreviation the recogniser missed."""
    if not forms:
        return found
    covered = {offset for m in found for offset in range(m.start, m.end)}
    added = [
        Mention(token.start, token.end, token.text, forms[token.text].label, token.text)
        for sentence in sentences for token in sentence.tokens
        if token.text in forms and token.start not in covered
    ]
    return sorted([*found, *added], key=lambda m: (m.start, m.end))


def _entity_labels(pairs: Iterable[tuple[Mention, str]]) -> dict[str, str]:
    """One label per entity: curated mentions decide, otherwise the most frequent label."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, entity in pairs:
        votes[entity][mention.label] += 1000 if mention.curated else 1
    return {entity: count.most_common(1)[0][0] for entity, count in votes.items()}


def _alias(mention: Mention, entity: str, aliases: dict[str, tuple[str, str | None]]
           ) -> tuple[Mention, str]:
    for key in (mention.text, mention.name, entity):
        if key in aliases:
            target, label = aliases[key]
            return replace(mention, label=label or mention.label), target
    return mention, entity


def load_aliases(path: Path | str | None = None) -> dict[str, tuple[str, str | None]]:
    """The alias table (CSV: alias,entity[,label]); default `analysis/data/aliases.csv`."""
    path = Path(path) if path else ALIASES
    if not path.exists():
        return {}
    return dict(_read_aliases(path, path.stat().st_mtime_ns))


@lru_cache(maxsize=8)
def _read_aliases(path: Path, _mtime: int) -> tuple[tuple[str, tuple[str, str | None]], ...]:
    """Parsed once per file version: editing the CSV takes effect without a restart."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("alias") and row.get("entity")]
    return tuple((r["alias"].strip(), (r["entity"].strip(), (r.get("label") or "").strip() or None))
                 for r in rows)
