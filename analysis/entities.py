"""Entity mentions (PER, LOC, ORG, MISC), their kind and canonical names.

Recognition is a CRF (python-crfsuite) trained on GermEval 2014 by `analysis.train_ner`, over word
shape, affixes, compound heads, neighbouring words, curated gazetteers, large compiled name lists
(first names and surnames from Faker, GeoNames cities, listed companies) and trigger words
(titles, functions, organisation words). It needs no part-of-speech tagger at run time, so it
keeps pace with segmentation. Linking then gives every mention a canonical name: within an
article (`link`: surname → full name, genitive and dateline forms, hyphen compounds, demonyms,
role descriptions) and across a corpus (`link_corpus`), with a user-editable alias table
overriding both.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from analysis.document import Doc
from analysis.frames import typed_frame
from analysis.language import Sentence, segment

COLUMNS = ["start", "end", "text", "label", "entity", "kind"]
MENTION_COLUMNS = ["doc_id", "sentence_id", *COLUMNS]
# name: the entity is named; demonym: an adjective or inhabitant noun of a place (russischen →
# Russland); role: a function standing for a person named in the article (der Kremlchef).
KINDS = ("name", "demonym", "role")
DATA = Path(__file__).with_name("data")
MODEL = DATA / "ner_crf.model"
# User-editable: alias,entity[,label] rows that override automatic linking (see docs/tables.md).
ALIASES = DATA / "aliases.csv"
# Lowest precedence first: later files override earlier ones for the same name.
GAZETTEERS = (
    "cities_de.tsv", "people_de.tsv", "countries_de.tsv", "organisations_de.tsv", "places_de.tsv",
)
DEMONYMS = DATA / "demonyms_de.tsv"
# Large compiled name lists (Faker, GeoNames, pytickersymbols; `python -m analysis.gazetteer
# names`): CRF features only, too ambiguous to link by (Hans, Essen, Koch). First names and
# surnames alone raised PER F1 on CV folds 1-2 from 0.717 to 0.756 (PER/LOC/ORG 0.686 → 0.697).
NAME_LISTS = {"fn": "first_names.tsv", "ln": "surnames.tsv", "ci": "world_cities.tsv",
              "co": "companies.tsv"}
LEXICON = DATA / "lexicon_de.tsv"

# Endings of words that introduce a person (Außenministerin, Kremlsprecher, Präsidenten).
PERSON_TITLE_ENDINGS = (
    "präsident", "minister", "kanzler", "sprecher", "chef", "botschafter", "senator", "general",
    "abgeordnete", "kandidat", "machthaber", "diktator", "könig", "papst", "trainer", "autor",
    "gründer", "vorsitzende", "direktor", "leiter", "kollege", "herr", "frau", "sohn", "tochter",
    "vater", "mutter", "bruder", "schwester", "witwe", "reporter", "korrespondent", "experte",
    "analyst", "sekretär", "kommissar", "bürgermeister", "gouverneur", "premier", "regent",
    "fürst", "prinz", "prinzessin", "herzog", "bischof", "sänger", "schauspieler", "spieler",
    "dr.", "prof.",
)
ROLE_INFLECTIONS = ("innen", "in", "en", "n", "s")
# Title words that introduce a name but, alone, do not stand for one person (die Frau, der Vater).
NOT_ROLES = ("herr", "frau", "sohn", "tochter", "vater", "mutter", "bruder", "schwester", "witwe",
             "dr.", "prof.")
# Words inside or after a name that make it an organisation: "Deutsche Bank", "Siemens AG".
ORG_WORDS = frozenset(
    [
        "AG", "GmbH", "SE", "KG", "KGaA", "Inc.", "Ltd.", "Co.", "e.V.", "Partei",
        "Ministerium", "Bank", "Rat", "Union", "Kommission", "Verband", "Gruppe", "Konzern",
        "Stiftung", "Institut", "Universität", "Agentur", "Gericht", "Behörde", "Bündnis",
        "Armee", "Parlament", "Zeitung", "Club", "Verein", "FC", "Nachrichtenagentur", "Sender",
        "Unternehmen", "Firma", "Verlag"
    ]
)
ORG_ENDINGS = (
    "partei", "ministerium", "bank", "verband", "kommission", "konzern", "stiftung", "institut",
    "gericht", "behörde", "agentur", "zeitung", "sender", "verlag", "amt", "rat", "gesellschaft",
    "verein", "werke", "union", "bund", "hochschule", "universität", "akademie", "fraktion",
    "regierung", "polizei", "bundestag", "landtag", "kammer", "gewerkschaft", "holding",
    "versicherung", "kirche", "museum", "theater", "orchester", "klinik", "klinikum", "schule",
    "komitee", "allianz", "organisation", "gruppe", "group", "airlines", "bahn", "dienst", "senat",
    "bundesliga",
)
LOC_WORDS = frozenset([
    "in", "nach", "aus", "bei", "von", "im", "am", "nahe", "Stadt", "Hauptstadt", "Region",
    "Provinz"
])
# Tokens after which a capitalised word starts a sentence or quote and may be a common noun.
OPENERS = frozenset(["„", "“", '"', "»", "«", "‚", "'", "(", "[", "–", "—", "-", ":", "/"])
CONTENT_CLASSES = frozenset({"NN", "NE", "ADJ", "V"})
DETERMINERS = frozenset(["der", "die", "das", "den", "dem", "des"])
UPPER_WORD = re.compile(r"^[A-ZÄÖÜ]{5,}$")
APOSTROPHE_GENITIVE = re.compile(r"^(?P<stem>.+?[sßxz])['’]$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised span; `name` is its base form (Putins → Putin) before linking."""

    start: int
    end: int
    text: str
    label: str
    name: str
    kind: str = "name"
    curated: bool = False


def _read_table(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("name\t"):
            yield line.split("\t")


def _inflections(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Case forms of multi-word names with a leading adjective: Vereinigte → Vereinigten Staaten."""
    first = words[0]
    if len(words) < 2 or not first.endswith(("e", "en", "er", "es")):
        return []
    stem = first[:-1] if first.endswith("e") else first[:-2]
    return [(stem + ending, *words[1:]) for ending in ("e", "en", "er", "es", "em")]


@cache
def gazetteer() -> dict[tuple[str, ...], tuple[str, str]]:
    """Curated names by token tuple → (label, canonical name), loaded once per process."""
    exact = {
        tuple(name.split()): (label, canonical)
        for file in GAZETTEERS
        for name, label, canonical, _ in _read_table(DATA / file)
    }
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for words, entry in exact.items():
        for form in _inflections(words):
            table.setdefault(form, entry)
    table.update(exact)
    return table


@cache
def _longest_name() -> int:
    return max(len(words) for words in gazetteer())


@cache
def _first_words() -> frozenset[str]:
    """First words of multi-word curated names: only these can start a phrase match."""
    return frozenset(words[0] for words in gazetteer() if len(words) > 1)


@cache
def demonyms() -> dict[str, tuple[str, str]]:
    """Lower-case adjective and inhabitant forms → (label, entity): russischen → Russland."""
    table = {}
    for stem, label, entity, _ in _read_table(DEMONYMS):
        endings = ("",) if stem[:1].isupper() else ("", "e", "en", "er", "es", "em")
        forms = [stem + ending for ending in endings]
        for form in forms:
            table[form.lower()] = (label, entity)
    return table


@cache
def lexicon() -> dict[str, str]:
    """Word → coarse class (NN, NE, ADJ, V, …) from the pattern lexicon: a feature for words
    GermEval never shows."""
    return dict(line.split("\t") for line in LEXICON.read_text(encoding="utf-8").splitlines()
                if not line.startswith("#"))


@cache
def _name_list_rows() -> dict[str, list[tuple[str, int]]]:
    return {kind: [(name, int(count)) for name, _, _, count in _read_table(DATA / file)]
            for kind, file in NAME_LISTS.items()}


@cache
def name_lists() -> dict[str, dict[str, int]]:
    """One-word entries of the compiled name lists by kind (fn, ln, ci, co) → count."""
    return {kind: {name: count for name, count in rows if " " not in name}
            for kind, rows in _name_list_rows().items()}


@cache
def list_phrases() -> dict[tuple[str, ...], str]:
    """Multi-word city and company names of the compiled lists → kind (ci, co)."""
    return {tuple(name.split()): kind for kind, rows in _name_list_rows().items()
            for name, _ in rows if " " in name}


@cache
def _list_phrase_starts() -> tuple[frozenset[str], int]:
    phrases = list_phrases()
    return frozenset(words[0] for words in phrases), max(map(len, phrases))


def _list_phrase_marks(words: Sequence[str]) -> list[str]:
    """B-/I- marks of the longest multi-word city or company names of the compiled lists."""
    marks = [""] * len(words)
    phrases = list_phrases()
    starts, longest = _list_phrase_starts()
    index = 0
    while index < len(words):
        if words[index] in starts:
            for last in range(min(len(words), index + longest), index + 1, -1):
                kind = phrases.get(tuple(words[index:last]))
                if kind:
                    marks[index:last] = ["B-" + kind] + ["I-" + kind] * (last - index - 1)
                    index = last - 1
                    break
        index += 1
    return marks


def _name_marks(word: str) -> str:
    """Which compiled lists know the word, with a coarse frequency: fn2ln1ci2 (first name in
    several locales, surname in one, city of 100,000+)."""
    lists = name_lists()
    marks = []
    for kind, table in lists.items():
        count = table.get(word)
        if count is not None:
            big = count >= 100_000 if kind == "ci" else count >= 3
            marks.append(kind + ("2" if big else "1"))
    return "".join(marks)


@cache
def _nouns() -> frozenset[str]:
    """Lower-case common nouns of the lexicon: candidate compound heads."""
    return frozenset(word.lower() for word, cls in lexicon().items() if cls == "NN")


def _compound_head(lower: str) -> str:
    """The longest lexicon noun ending a compound (bundesverfassungsgericht → gericht): the head
    says what an unseen compound names, as ORG, LOC and PER compounds share few other traits."""
    nouns = _nouns()
    for i in range(3, len(lower) - 3):
        if lower[i:] in nouns:
            return lower[i:]
    return ""


def title_case(word: str) -> str:
    """Dateline capitals to title case (MOSKAU → Moskau); acronyms (NATO, USA) stay."""
    return word.title() if UPPER_WORD.match(word) else word


def lookup(words: Sequence[str]) -> tuple[str, str] | None:
    """The curated entry for a token sequence, also in capitals or the genitive (Russlands)."""
    table = gazetteer()
    key = tuple(words)
    if key in table:
        return table[key]
    key = tuple(title_case(word) for word in words)
    if key in table:
        return table[key]
    stem = genitive_stem(key[-1])
    return table.get((*key[:-1], stem)) if stem else None


def genitive_stem(word: str) -> str | None:
    """The word without a genitive ending, if it may have one (Putins, Scholz'); not checked."""
    apostrophe = APOSTROPHE_GENITIVE.match(word)
    if apostrophe:
        return apostrophe.group("stem")
    if len(word) > 3 and word.endswith("s") and word[-2] not in "sßxz":
        return word[:-1]
    return None


@lru_cache(maxsize=65536)
def role_key(word: str) -> str | None:
    """Base of a function word, both genders (Außenministerin → außenminister), else None."""
    lower = word.lower()
    if not word[:1].isupper():
        return None
    for ending in ("", *ROLE_INFLECTIONS):
        base = lower[: len(lower) - len(ending)] if ending else lower
        if lower.endswith(ending) and base.endswith(PERSON_TITLE_ENDINGS):
            return base
    return None


# --- features ---------------------------------------------------------------------------------


def _shape(word: str) -> str:
    """Character classes with repeats collapsed: Putin-Besuch → Xx-Xx, 2024 → d."""
    out = []
    for char in word:
        cls = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


def _trigger(word: str) -> str:
    lower = word.lower()
    if role_key(word):
        return "PER"
    if word in ORG_WORDS or lower.endswith(ORG_ENDINGS):
        return "ORG"
    if word in LOC_WORDS:
        return "LOC"
    return ""


CONTEXT_SIZE = 7  # w, s, x3, g, t, lex, n: what a word lends its neighbours


def _word_base(word: str) -> tuple[list[str], tuple[str, ...]]:
    """The word's own features, and the subset (same strings) it lends to its neighbours."""
    lower = word.lower()
    entry = lookup([word])
    classes = lexicon()
    own = [
        "w=" + lower, "s=" + _shape(word), "x3=" + lower[-3:], "g=" + (entry[0] if entry else ""),
        "t=" + _trigger(word), "lex=" + classes.get(word, "-") + classes.get(lower, "-"),
        "n=" + _name_marks(word),
        "p2=" + lower[:2], "p3=" + lower[:3], "p4=" + lower[:4], "x2=" + lower[-2:],
        "x4=" + lower[-4:], "x5=" + lower[-5:], "l=" + str(min(len(word), 8)),
        "d=" + ("D" if lower in demonyms() else ""), "W=" + word, "hd=" + _compound_head(lower),
    ]
    if "-" in word[1:-1]:
        parts = word.split("-")
        head = lookup([parts[0]])
        own += ["hp=" + parts[0].lower(), "hx=" + parts[-1].lower()[-4:],
                "hg=" + (head[0] if head else "")]
    return own, tuple(own[:CONTEXT_SIZE])


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """Features of the word itself, and the shorter set it lends to its neighbours by offset
    (cached per word form: most of the recogniser's time is building these strings)."""
    own, context = _word_base(word)
    return tuple(own), {offset: tuple(f"{offset}{f}" for f in context) for offset in OFFSETS}


OFFSETS = (-2, -1, 1, 2)
BOUNDS = {offset: (f"{offset}BOUND",) for offset in OFFSETS}


def _phrase_gazetteer(words: Sequence[str]) -> list[str]:
    """B-/I- marks of the longest multi-word curated names in the sentence."""
    marks = [""] * len(words)
    index = 0
    starts = _first_words()
    while index < len(words):
        if title_case(words[index]) not in starts:
            index += 1
            continue
        for last in range(min(len(words), index + _longest_name()), index + 1, -1):
            entry = lookup(words[index:last])
            if entry:
                marks[index : last] = ["B-" + entry[0]] + ["I-" + entry[0]] * (last - index - 1)
                index = last - 1
                break
        index += 1
    return marks


def sentence_features(words: Sequence[str], per_word: Callable = word_features
                      ) -> list[list[str]]:
    """CRF features per token: the word's own, two neighbours each side, multi-word names."""
    cached = [per_word(word) for word in words]
    phrases = _phrase_gazetteer(words)
    listed = _list_phrase_marks(words)
    n = len(words)
    result = []
    for i, (own, _) in enumerate(cached):
        features = list(own)
        features.append("G=" + phrases[i])
        features.append("N=" + listed[i])
        for offset in OFFSETS:
            j = i + offset
            features.extend(cached[j][1][offset] if 0 <= j < n else BOUNDS[offset])
        if i == 0 or words[i - 1] in OPENERS:
            features.append("initial")
        if i and i + 1 < n:
            features.append("w-1w+1=" + words[i - 1].lower() + "|" + words[i + 1].lower())
        result.append(features)
    return result


# --- recognition ------------------------------------------------------------------------------


@cache
def _tagger():
    """The trained CRF, opened once per process."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


@cache
def _model_attributes() -> frozenset[str]:
    """The features the shipped model weighs; the rest would only cost crfsuite a lookup."""
    return frozenset(attribute for attribute, _ in _tagger().info().state_features)


@cache
def _model_context() -> dict[int, dict[str, str]]:
    """Per offset, the neighbour features the model weighs, by the unprefixed string
    ("w=putin" → "-1w=putin"): looking them up costs less than building and discarding them."""
    table: dict[int, dict[str, str]] = {offset: {} for offset in OFFSETS}
    for attribute in _model_attributes():
        for offset, known in table.items():
            prefix = str(offset)
            if attribute.startswith(prefix) and not attribute[len(prefix)].isdigit():
                known[attribute[len(prefix):]] = attribute
    return table


@lru_cache(maxsize=200_000)
def _model_word_features(word: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """`word_features` without those the model ignores, which halves tagging time."""
    known = _model_attributes()
    own, context = _word_base(word)
    return (tuple([f for f in own if f in known]),
            {offset: tuple([table[f] for f in context if f in table])
             for offset, table in _model_context().items()})


def tag_words(words: Sequence[str]) -> list[str]:
    """BIO tags (B-PER, I-LOC, O, …) for one tokenised sentence."""
    if not words:
        return []
    return _tagger().tag(sentence_features(words, _model_word_features))


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, end, label) token spans of BIO tags; a stray I- starts a span."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, ""
    for index, tag in enumerate([*tags, "O"]):
        kind = tag[2:]
        if start is not None and not (tag.startswith("I-") and kind == label):
            spans.append((start, index, label))
            start = None
        if tag != "O" and start is None:
            start, label = index, kind
    return spans



def sentence_spans(words: Sequence[str], tags: Sequence[str] | None = None
                   ) -> list[tuple[int, int, str]]:
    """(first, end, label) name spans of one tokenised sentence: the CRF's (or `tags`), person
    names extended by unknown words (Choe Son → Choe Son Hui), and listed persons the CRF missed
    (Selenskyj). Rules that cost cross-validated F1 were dropped (cutting person names before
    lexicon nouns: Fischer, Koch; adding missed places and organisations)."""
    spans = []
    covered = 0
    for first, end, label in bio_spans(tag_words(words) if tags is None else tags):
        while label == "PER" and end < len(words) and _unknown_name_word(words[end]):
            end += 1
        spans.extend((i, i + 1, e[0]) for i in range(covered, first) if (e := _missed(words, i)))
        spans.append((first, end, label))
        covered = end
    spans.extend((i, i + 1, e[0]) for i in range(covered, len(words)) if (e := _missed(words, i)))
    return spans


def _missed(words: Sequence[str], index: int) -> tuple[str, str] | None:
    """The curated person entry of a capitalised word outside the CRF's spans, unless it opens a
    sentence and the lexicon knows it as something else."""
    word = words[index]
    if not word[:1].isupper():
        return None
    entry = lookup([word])
    if entry is None or entry[0] != "PER":
        return None
    initial = index == 0 or words[index - 1] in OPENERS
    return None if initial and lexicon().get(word) in CONTENT_CLASSES - {"NE"} else entry


def _sentence_names(sentence: Sentence) -> list[Mention]:
    """Name mentions of one sentence; curated names get the gazetteer's label and canonical form."""
    tokens = sentence.tokens
    words = [token.text for token in tokens]
    found = []
    for first, end, label in sentence_spans(words):
        entry = lookup(words[first:end])
        name = entry[1] if entry else " ".join(title_case(word) for word in words[first:end])
        found.append(Mention(tokens[first].start, tokens[end - 1].end, "",
                             entry[0] if entry else label, name, "name", entry is not None))
    return found


def _unknown_name_word(word: str) -> bool:
    """A capitalised word the lexicon does not know as a content word, which continues a
    person's name (Choe Son Hui)."""
    return (word[:1].isupper() and word.isalpha() and word not in lexicon()
            and lexicon().get(word.lower()) not in CONTENT_CLASSES and lookup([word]) is None)




class _Names:
    """The names of one article, as evidence for base forms (Putins → Putin) and missed mentions."""

    def __init__(self, found: list[Mention]) -> None:
        self.labels: dict[str, str] = {}
        for mention in found:
            self.labels.setdefault(mention.name, mention.label)
        self.full = {m.name: m for m in found if m.label == "PER" and " " in m.name}
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
    ("Putin-Besuch" → Putin, "US-Provokationen" → USA), and demonyms (russischen → Russland)."""
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


def _full_name(mention: Mention, names: _Names, order: list[Mention]) -> str | None:
    """The full person name a one-word mention stands for (Putins → Wladimir Putin).

    Candidates are the article's multi-word person names whose first or last word is the
    mention's name. With several (Kim → Kim Jong Un or Kim Jong Il) the one mentioned most
    recently before it wins; when none precedes it, the most frequent (then the first) wins.
    """
    candidates = [m for m in order if m.name in names.full
                  and mention.name in (m.name.split()[0], m.name.split()[-1])]
    if not candidates:
        return None
    before = [m for m in candidates if m.start < mention.start]
    if before:
        return before[-1].name
    counts = Counter(m.name for m in candidates)
    return max(candidates, key=lambda m: (counts[m.name], -m.start)).name


def _role_heads(key: str) -> set[str]:
    """The role and its shorter heads, which later mentions use for it: "Bundeskanzler Olaf
    Scholz … der Kanzler", "Kremlsprecher … der Sprecher", "EZB-Präsidentin … die Präsidentin"."""
    tail = key.rsplit("-", 1)[-1]
    return {key, tail} | {ending for ending in PERSON_TITLE_ENDINGS
                          if tail.endswith(ending) and ending not in NOT_ROLES}


def _roles(sentences: Sequence[Sentence], linked: list[tuple[Mention, str]],
           aliases: dict[str, tuple[str, str | None]]) -> list[tuple[Mention, str]]:
    """Role descriptions ("der Kremlchef", "Nordkoreas Außenminister") linked to a person.

    A role is linked when the article names exactly one person right after that role elsewhere
    ("Außenministerin Choe Son Hui"; genders merged), or when the alias table names it. Plurals
    ("die Außenminister beider Länder") and offices ("des Präsidenten von …") are left out.
    """
    starts = {m.start: (m, entity) for m, entity in linked if m.kind == "name"}
    evidence: dict[str, set[str]] = defaultdict(set)
    candidates: list[tuple[Mention, str]] = []
    for sentence in sentences:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            key = role_key(token.text)
            if not key or key.endswith(NOT_ROLES) or token.start in starts:
                continue
            following = starts.get(tokens[i + 1].start) if i + 1 < len(tokens) else None
            if following and following[0].label == "PER":
                for head in _role_heads(key):
                    evidence[head].add(following[1])
                continue
            j = i - 1
            while j >= 0 and tokens[j].text.islower() and tokens[j].text.endswith(("e", "en")):
                j -= 1
            before = tokens[j].text if j >= 0 else ""
            genitive = j >= 0 and tokens[j].start in starts and tokens[j].text.endswith("s")
            plural = token.text.lower().endswith("innen") or (
                before.lower() == "die" and not token.text.lower().endswith("in"))
            office = i + 1 < len(tokens) and tokens[i + 1].text == "von"
            if (before.lower() in DETERMINERS or genitive) and not plural and not office:
                candidates.append((Mention(token.start, token.end, token.text, "PER", key,
                                           "role"), key))
    found = []
    for mention, key in candidates:
        alias = aliases.get(mention.text) or aliases.get(key)
        if alias:
            found.append((replace(mention, label=alias[1] or "PER"), alias[0]))
        elif len(evidence[key]) == 1:
            found.append((mention, next(iter(evidence[key]))))
    return found


def link(text: str, sentences: Sequence[Sentence],
         aliases: dict[str, tuple[str, str | None]] | None = None) -> list[tuple[Mention, str]]:
    """All mentions of one article with their canonical entity name, sorted by start.

    Names come from the CRF, then words the article names elsewhere, compounds and demonyms;
    one-word names link to a full name, each entity gets one label (curated names and full person
    names decide), roles link to a person, and the alias table overrides the result.
    """
    aliases = load_aliases() if aliases is None else aliases
    per_sentence = [(s, _sentence_names(s)) for s in sentences]
    first = _Names([m for _, found in per_sentence for m in found])
    found = [part for s, ms in per_sentence for m in ms for part in _split_adjacent(m, s, first)]
    names = _Names(found)
    found = [replace(m, name=names.base(m.name)) for m in found]
    covered = {offset for m in found for offset in range(m.start, m.end)}
    for sentence in sentences:
        found.extend(_token_mentions(sentence, names, covered))
    found = sorted((replace(m, text=text[m.start:m.end]) for m in found),
                   key=lambda m: (m.start, m.end))
    linked = []
    for mention in found:
        entity = mention.name
        if mention.kind == "name" and " " not in entity and not mention.curated:
            entity = _full_name(mention, names, found) or entity
        linked.append((mention, entity))
    labels = _entity_labels((m, e) for m, e in linked if m.kind == "name")
    labels.update({name: "PER" for name in names.full})
    linked = [(replace(m, label=labels.get(e, m.label)), e) for m, e in linked]
    linked += _roles(sentences, linked, aliases)
    linked = [_alias(m, e, aliases) for m, e in linked]
    return sorted(linked, key=lambda pair: (pair[0].start, pair[0].end))


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


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return typed_frame(rows, COLUMNS, {"start": "int64", "end": "int64"})


def _rows(linked: list[tuple[Mention, str]], kinds: Collection[str]) -> list[tuple]:
    return [(m.start, m.end, m.text, m.label, e, m.kind) for m, e in linked if m.kind in kinds]


def extract_entities(text: str, kinds: Collection[str] = ("name",),
                     aliases: Path | str | None = None) -> pd.DataFrame:
    """Mentions in `text`: start, end, text, label, entity, kind, sorted by start.

    `kinds` selects name, demonym and role mentions (names only by default, so counts are of
    named mentions); `aliases` is an alias CSV overriding the default table.
    """
    return _frame(_rows(link(text, segment(text), load_aliases(aliases)), kinds))


def extract_entities_batch(texts: list[str], kinds: Collection[str] = ("name",),
                           aliases: Path | str | None = None) -> list[pd.DataFrame]:
    """`extract_entities` for each text, reading the alias table once."""
    table = load_aliases(aliases)
    return [_frame(_rows(link(text, segment(text), table), kinds)) for text in texts]


def link_corpus(table: pd.DataFrame, aliases: Path | str | None = None) -> pd.DataFrame:
    """One canonical name and label per entity across the articles of a mentions table.

    Genitive names become their bare form when it is named elsewhere (Putins → Putin); one-word
    person names become the corpus's full name ending or starting with them when one full name
    has most (at least two thirds) of those mentions (Putin → Wladimir Putin, Kim stays Kim
    between Kim Jong Un and Kim Jong Il); each entity then takes its most frequent label over
    named mentions; the alias table overrides all of it.
    """
    if table.empty:
        return table
    is_named = (table["kind"] == "name").tolist() if "kind" in table else [True] * len(table)
    entities, labels = _linked(table["entity"].tolist(), table["label"].tolist(),
                               table["text"].tolist(), is_named, load_aliases(aliases))
    return table.assign(entity=entities, label=labels)


def _linked(entities: list[str], labels: list[str], texts: list[str], is_named: list[bool],
            table_aliases: dict[str, tuple[str, str | None]]) -> tuple[list[str], list[str]]:
    """`link_corpus` on plain columns: the linked entity and label of every mention."""
    mapping = _corpus_names(
        Counter(e for e, named in zip(entities, is_named, strict=True) if named),
        Counter(e for e, label, named in zip(entities, labels, is_named, strict=True)
                if named and label == "PER"),
    )
    entities = [mapping.get(e, e) for e in entities]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for entity, label, named in zip(entities, labels, is_named, strict=True):
        if named:
            votes[entity][label] += 1
    winners = {entity: count.most_common(1)[0][0] for entity, count in votes.items()}
    labels = [winners.get(e, label) for e, label in zip(entities, labels, strict=True)]
    for keys in (entities, texts):
        for row, key in enumerate(keys):
            if key in table_aliases:
                target, label = table_aliases[key]
                entities[row], labels[row] = target, label or labels[row]
    return entities, labels


def _corpus_names(counts: Counter[str], persons: Counter[str]) -> dict[str, str]:
    """Entity → corpus-wide canonical name, by the rules of `link_corpus` (full names are
    indexed by their first and last word, so this stays linear in the number of entities)."""
    full_names: dict[str, Counter[str]] = defaultdict(Counter)
    for name, n in persons.items():
        words = name.split()
        if len(words) > 1:
            for word in {words[0], words[-1]}:
                full_names[word][name] = n
    mapping: dict[str, str] = {}
    for entity in counts:
        stem = genitive_stem(entity.split()[-1])
        bare = " ".join([*entity.split()[:-1], stem]) if stem else None
        target = bare if bare in counts else entity
        full = full_names.get(target) if " " not in target and target in persons else None
        if full:
            name, n = full.most_common(1)[0]
            target = name if n * 3 >= 2 * sum(full.values()) else target
        mapping[entity] = target
    return mapping


def annotate(doc: Doc, aliases: dict[str, tuple[str, str | None]] | None = None
             ) -> list[tuple]:
    """The entity layer of one article: mention rows of every kind (MENTION_COLUMNS order),
    linked within the article and then as `link_corpus` links a one-article table."""
    aliases = load_aliases() if aliases is None else aliases
    rows = [(doc.doc_id, doc.sentence_at(row[0]), *row)
            for row in _rows(link(doc.text, doc.sentences, aliases), KINDS)]
    if not rows:
        return rows
    entities, labels = _linked([row[6] for row in rows], [row[5] for row in rows],
                               [row[4] for row in rows], [row[7] == "name" for row in rows],
                               aliases)
    return [(*row[:5], label, entity, row[7])
            for row, entity, label in zip(rows, entities, labels, strict=True)]


def mention_frame(rows: list[tuple]) -> pd.DataFrame:
    """The mentions table of mention rows (MENTION_COLUMNS order)."""
    return typed_frame(rows, MENTION_COLUMNS,
                       {"sentence_id": "int64", "start": "int64", "end": "int64"})


def mentions(documents: pd.DataFrame, kinds: Collection[str] = ("name",),
             aliases: Path | str | None = None) -> pd.DataFrame:
    """Mentions of every document with doc_id and sentence_id, linked across the documents."""
    table = load_aliases(aliases)
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        doc = Doc.parse(text, doc_id)
        rows.extend((doc_id, doc.sentence_at(row[0]), *row)
                    for row in _rows(link(text, doc.sentences, table), KINDS))
    linked = link_corpus(mention_frame(rows), aliases)
    return linked[linked["kind"].isin(kinds)].reset_index(drop=True)
