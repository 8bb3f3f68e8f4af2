"""Entity mentions (PER, LOC, ORG, MISC) and their canonical names within one article.

A first, rule-based recogniser: HanTa's proper-noun tag (NE), gazetteers (analysis/data, see its
README for sources and licences) and context cues (titles, speech verbs, organisation words). It
is meant to be replaced by a trained model, so recognising (`recognise`) and linking mentions to
canonical names within the article (`link`) are separate steps with a small interface: `Mention`.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from analysis.language import Token, _hanta, name_lemma, segment

COLUMNS = ["start", "end", "text", "label", "entity"]
MENTION_COLUMNS = ["doc_id", "sentence_id", *COLUMNS]
DATA = Path(__file__).with_name("data")
# Lowest precedence first: later files override earlier ones for the same name.
GAZETTEERS = ("germeval_names.tsv", "countries_de.tsv", "organisations_de.tsv", "places_de.tsv")
CURATED = {"countries_de.tsv", "organisations_de.tsv", "places_de.tsv"}

# How a label was decided, strongest first; the entity's label comes from its strongest mention.
SOURCES = ("gazetteer", "cue", "article", "guess")

# Tokens after which a capitalised word starts a sentence (or a quote) and may be a common noun.
OPENERS = {"„", "“", '"', "»", "«", "‚", "'", "(", "[", "–", "—", "-", ":", "/"}
# Parts of speech of words that are never names, even capitalised (Sowohl, Während).
CLOSED_CLASS = {
    "APPR", "APPRART", "APPO", "ART", "KON", "KOUS", "KOUI", "KOKOM", "PWS", "PWAV", "PWAT",
    "PPER", "PDS", "PDAT", "PIS", "PIAT", "PPOSAT", "PRELS", "PTKNEG", "PTKANT", "ADV", "PROAV",
}
# Function words HanTa may tag NE when capitalised in headlines and bylines ("… Von Reuters").
_FUNCTION_WORDS = (
    "von für was als während nachdem sowohl auch aber und oder der die das den dem des ein "
    "eine einer eines einem einen in im an am auf aus bei mit nach seit zu zum zur über unter "
    "vor hinter neben zwischen durch gegen ohne um wie wer wo wann warum weil dass ob wenn "
    "doch noch nur so dann da hier dort heute gestern morgen nicht kein keine ich du er sie es "
    "wir ihr man diese dieser dieses jede jeder alle viele einige bis trotz wegen laut nun "
    "jetzt zudem dabei damit denn sondern bereits schon immer sogar etwa rund fast"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
# Lemmas (lower case) of the word before a name that make it a person: "Präsidenten Wladimir Putin".
PERSON_TITLE_ENDINGS = (
    "präsident", "präsidentin", "minister", "ministerin", "kanzler", "kanzlerin", "sprecher",
    "sprecherin", "chef", "chefin", "botschafter", "botschafterin", "senator", "senatorin",
    "general", "abgeordnete", "abgeordneter", "kandidat", "kandidatin", "machthaber", "diktator",
    "könig", "königin", "papst", "trainer", "trainerin", "autor", "autorin", "gründer",
    "gründerin", "vorsitzende", "vorsitzender", "direktor", "direktorin", "leiter", "leiterin",
    "kollege", "kollegin", "herr", "frau", "dr.", "prof.", "sohn", "tochter", "vater", "mutter",
    "bruder", "schwester", "ehefrau", "ehemann", "witwe", "reporter", "korrespondent",
    "korrespondentin", "experte", "expertin", "analyst", "analystin",
)
SPEECH_VERBS = {
    "sagen", "erklären", "betonen", "meinen", "schreiben", "fordern", "warnen", "antworten",
    "ergänzen", "hinzufügen", "fragen", "kritisieren", "versichern",
}
# Words inside or just after a name that make it an organisation: "Deutsche Bank", "Siemens AG".
ORG_WORDS = {
    "AG", "GmbH", "SE", "KG", "KGaA", "Inc.", "Ltd.", "Co.", "e.V.", "Partei", "Ministerium",
    "Bank", "Rat", "Union", "Kommission", "Verband", "Gruppe", "Konzern", "Stiftung", "Institut",
    "Universität", "Agentur", "Gericht", "Behörde", "Bündnis", "Armee", "Parlament", "Zeitung",
    "Club", "Verein", "FC",
}
ORG_ENDINGS = (
    "partei", "ministerium", "bank", "verband", "kommission", "konzern", "stiftung", "institut",
    "gericht", "behörde", "agentur", "zeitung",
)
# Nouns that introduce an organisation's name: "der Konzern Gazprom", "die Zeitung Kommersant".
ORG_HEADS = {
    "Partei", "Zeitung", "Konzern", "Unternehmen", "Firma", "Agentur", "Nachrichtenagentur",
    "Sender", "Fernsehsender", "Bank", "Verband", "Organisation", "Gruppe", "Miliz", "Verlag",
}
# Prefixes that turn a place into a place: Ostrussland, Nordsyrien.
PLACE_PREFIXES = ("nord", "süd", "ost", "west", "zentral", "mittel", "inner", "groß")
LOCATIVE_PREPOSITIONS = {"in", "nach", "aus"}


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer entry; `curated` entries are trusted even where HanTa sees a common noun."""

    label: str
    canonical: str
    curated: bool


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised span; `name` is its base form (Putins → Putin) before linking."""

    start: int
    end: int
    text: str
    label: str
    name: str
    source: str


def _read_gazetteer(path: Path) -> dict[tuple[str, ...], Entry]:
    curated = path.name in CURATED
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, label, canonical, _ = line.split("\t")
        entries[tuple(name.split())] = Entry(label, canonical, curated)
    return entries


def _inflections(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Case forms of multi-word names with a leading adjective: Vereinigte → Vereinigten Staaten."""
    first = words[0]
    if len(words) < 2 or not first.endswith(("e", "en", "er", "es")):
        return []
    stem = first[:-1] if first.endswith("e") else first[:-2]
    return [(stem + ending, *words[1:]) for ending in ("e", "en", "er", "es", "em")]


@cache
def gazetteer() -> dict[tuple[str, ...], Entry]:
    """All gazetteers by token tuple, loaded once per process."""
    exact: dict[tuple[str, ...], Entry] = {}
    for name in GAZETTEERS:
        exact.update(_read_gazetteer(DATA / name))
    table: dict[tuple[str, ...], Entry] = {}
    for words, entry in exact.items():
        for form in _inflections(words):
            table.setdefault(form, entry)
    table.update(exact)
    return table


@cache
def _longest_name() -> int:
    return max(len(words) for words in gazetteer())


@cache
def _places() -> frozenset[str]:
    """Lower-case curated place names, for compounds such as Ostrussland."""
    return frozenset(
        " ".join(words).lower()
        for words, entry in gazetteer().items()
        if entry.curated and entry.label == "LOC"
    )


@cache
def _given_names() -> frozenset[str]:
    """First words of multi-word person names in the gazetteers (Wladimir, Angela, …)."""
    return frozenset(
        words[0] for words, entry in gazetteer().items() if entry.label == "PER" and len(words) > 1
    )


@lru_cache(maxsize=65536)
def _word_tags(word: str) -> tuple[tuple[str, float], ...]:
    """HanTa's context-free tag scores, best first."""
    return tuple(_hanta().tag_word(word))


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    return _hanta().analyze(word)[0]


def _common_word(word: str) -> bool:
    """True when HanTa, without context, prefers a reading other than proper noun."""
    return _word_tags(word)[0][0] != "NE"


@lru_cache(maxsize=8192)
def _tag_sentence(words: tuple[str, ...]) -> tuple[str, ...]:
    """STTS tags in context. Without lemmas (analysis.language.tag) HanTa is about 1.6x faster;
    the few lemmas needed (the word before a name) come from `_lemma`."""
    return tuple(_hanta().tag_sent(list(words), taglevel=0))


def _base(word: str) -> str:
    """Dateline capitals to title case (MOSKAU → Moskau), then the genitive removed."""
    if word.isupper() and len(word) > 4:
        word = word.title()
    return name_lemma(word)


def _canonical(entry: Entry, words: list[str]) -> str:
    """Curated entries name their canonical form; GermEval ones list inflected forms (Merkels)."""
    if entry.curated:
        return entry.canonical
    titled = [word.title() if word.isupper() and len(word) > 4 else word for word in words]
    return " ".join([*titled[:-1], _base(titled[-1])])


def _lookup(words: list[str]) -> Entry | None:
    """The gazetteer entry for a token sequence, also in capitals or the genitive (Russlands)."""
    table = gazetteer()
    for form in (tuple(words), (*words[:-1], _base(words[-1]))):
        if form in table:
            return table[form]
        titled = tuple(word.title() if word.isupper() and len(word) > 4 else word for word in form)
        if titled in table:
            return table[titled]
    return None


class _Sentence:
    """One tagged sentence and the recogniser's per-token decisions."""

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.tokens = tokens
        self.words = [token.text for token in tokens]
        self.pos = _tag_sentence(tuple(self.words))

    def initial(self, index: int) -> bool:
        return index == 0 or self.words[index - 1] in OPENERS

    def wordlike(self, index: int) -> bool:
        word = self.words[index]
        return (
            self.tokens[index].kind == "regular"
            and word[:1].isupper()
            and "-" not in word
            and self.pos[index] not in CLOSED_CLASS
            and word.lower() not in FUNCTION_WORDS
        )

    def is_name(self, index: int) -> bool:
        """A proper noun by HanTa, unless a common word at a sentence or quote start."""
        if not self.wordlike(index) or self.pos[index] != "NE":
            return False
        return not (self.initial(index) and _common_word(self.words[index]))

    def byline(self) -> range | None:
        """The name in a "Von Guy Faulconbridge" line, which HanTa does not see as a name."""
        words = self.words
        if 2 <= len(words) <= 4 and words[0] == "Von" and all(w[:1].isupper() for w in words[1:]):
            return range(1, len(words))
        return None

    def mention(self, first: int, last: int, label: str, name: str, source: str) -> Mention:
        start, end = self.tokens[first].start, self.tokens[last].end
        return Mention(start, end, "", label, name, source)

    def gazetteer_matches(self) -> dict[int, tuple[int, Entry]]:
        """Longest gazetteer match starting at each token: start → (end, entry)."""
        matches = {}
        for first in range(len(self.words)):
            if not self.words[first][:1].isalpha():
                continue
            for last in range(min(len(self.words), first + _longest_name()), first, -1):
                entry = _lookup(self.words[first:last])
                if entry is None:
                    continue
                single_common = (
                    last - first == 1 and self.initial(first) and _common_word(self.words[first])
                )
                if entry.curated or not single_common:
                    matches[first] = (last, entry)
                break
        return matches

    def label(self, first: int, last: int) -> tuple[str, str]:
        """Label and its source for the name tokens first..last-1 from the words around them."""
        words = self.words[first:last]
        entry = _lookup(words)
        if entry:
            return entry.label, "gazetteer"
        following = self.words[last] if last < len(self.words) else ""
        previous = self.words[first - 1] if first else ""
        previous_lemma = _lemma(previous).lower() if previous else ""
        if (
            following in ORG_WORDS
            or previous in ORG_HEADS
            or any(word in ORG_WORDS or word.lower().endswith(ORG_ENDINGS) for word in words)
        ):
            return "ORG", "cue"
        if (
            previous_lemma.endswith(PERSON_TITLE_ENDINGS)
            or (first and self.pos[first - 1].startswith("VV") and previous_lemma in SPEECH_VERBS)
            or (len(words) > 1 and words[0] in _given_names())
        ):
            return "PER", "cue"
        lower = words[-1].lower()
        if len(words) == 1 and any(
            lower.startswith(prefix) and lower[len(prefix) :] in _places()
            for prefix in PLACE_PREFIXES
        ):
            return "LOC", "cue"
        if len(words) == 1 and previous in LOCATIVE_PREPOSITIONS:
            return "LOC", "guess"
        return "PER", "guess"

    def name(self, first: int, last: int) -> str:
        entry = _lookup(self.words[first:last])
        if entry:
            return _canonical(entry, self.words[first:last])
        words = [w.title() if w.isupper() and len(w) > 4 else w for w in self.words[first:last]]
        return " ".join([*words[:-1], _base(words[-1])])

    def compound_parts(self, index: int) -> list[Mention]:
        """Names inside hyphenated words: Putin-Besuch → Putin, US-Provokationen → US (USA)."""
        word, token = self.words[index], self.tokens[index]
        entry = _lookup([word])
        if entry:
            name = _canonical(entry, [word])
            return [Mention(token.start, token.end, "", entry.label, name, "gazetteer")]
        parts, offset, found = word.split("-"), token.start, []
        for part in parts[:-1]:
            entry = _lookup([part])
            if entry:
                name = _canonical(entry, [part])
                found.append(
                    Mention(offset, offset + len(part), "", entry.label, name, "gazetteer")
                )
            elif len(part) > 1 and part[0].isupper() and not _common_word(part):
                found.append(Mention(offset, offset + len(part), "", "PER", part, "guess"))
            offset += len(part) + 1
        return found

    def recognise(self) -> list[Mention]:
        matches = self.gazetteer_matches()
        byline = self.byline()
        names = [
            self.is_name(index) or (byline is not None and index in byline)
            for index in range(len(self.words))
        ]
        found: list[Mention] = []
        index = 0
        while index < len(self.words):
            run_end = index
            while run_end < len(names) and names[run_end]:
                run_end += 1
            if index in matches and matches[index][0] >= run_end:
                last, entry = matches[index]
                found.append(self.mention(index, last - 1, entry.label,
                                          _canonical(entry, self.words[index:last]), "gazetteer"))
                index = last
            elif run_end > index:
                label, source = self.label(index, run_end)
                found.append(self.mention(index, run_end - 1, label, self.name(index, run_end),
                                          source))
                index = run_end
            else:
                if "-" in self.words[index] and self.tokens[index].kind == "regular":
                    found.extend(self.compound_parts(index))
                index += 1
        return found


def _split_adjacent(mention: Mention, sentence: _Sentence, ends: dict[str, Mention],
                    starts: dict[str, Mention]) -> list[Mention]:
    """Split runs such as "Putin Kim" into names that end and start names elsewhere in the article.

    `ends` and `starts` map a one-word name to a mention it ends or starts (Putin ends "Wladimir
    Putin", Kim starts "Kim Jong Un"); one-word mentions are in both.
    """
    if mention.source == "gazetteer" or " " not in mention.name:
        return [mention]
    indices = [i for i, t in enumerate(sentence.tokens) if mention.start <= t.start < mention.end]
    for cut in range(1, len(indices)):
        left, right = indices[:cut], indices[cut:]
        left_name = sentence.name(left[0], left[-1] + 1)
        right_name = sentence.name(right[0], right[-1] + 1)
        if left_name in ends and right_name.split()[0] in starts:
            right_label = starts[right_name.split()[0]].label
            return [
                sentence.mention(left[0], left[-1], ends[left_name].label, left_name, "article"),
                *_split_adjacent(
                    sentence.mention(right[0], right[-1], right_label, right_name, "article"),
                    sentence, ends, starts),
            ]
    return [mention]


def recognise(text: str) -> list[Mention]:
    """Mentions in `text` with a label and base name each, sorted by start; not yet linked.

    Two passes: sentence rules first, then words named elsewhere in the article are found where
    HanTa missed them ("Was Putins Besuch angeht"), and runs of two names are split.
    """
    sentences = [_Sentence(sentence.tokens) for sentence in segment(text)]
    found = [(sentence, m) for sentence in sentences for m in sentence.recognise()]
    standalone = {m.name: m for _, m in found if " " not in m.name}
    full = [m for _, m in found if m.label == "PER" and " " in m.name]
    ends = standalone | {m.name.split()[-1]: m for m in full}
    starts = standalone | {m.name.split()[0]: m for m in full}
    known = starts | ends
    covered = {(m.start, m.end) for _, m in found}
    result = []
    for sentence, mention in found:
        result.extend(_split_adjacent(mention, sentence, ends, starts))
    for sentence in sentences:
        for index, token in enumerate(sentence.tokens):
            if not sentence.wordlike(index):
                continue
            name = _base(token.text)
            if name in known and not any(s <= token.start < e for s, e in covered):
                result.append(
                    sentence.mention(index, index, known[name].label, name, "article")
                )
    result = [replace(m, text=text[m.start : m.end]) for m in result]
    return sorted(result, key=lambda m: (m.start, m.end))


def _full_name(mention: Mention, full: list[Mention], counts: Counter[str]) -> str | None:
    """The full person name a one-word mention stands for (Putins → Wladimir Putin).

    Candidates are the article's multi-word person names whose first or last word is the
    mention's name. With several (Kim → Kim Jong Un or Kim Jong Il) the one mentioned most
    recently before it wins; when none precedes it, the most frequent (then the first) wins.
    """
    candidates = [f for f in full if mention.name in (f.name.split()[0], f.name.split()[-1])]
    if not candidates:
        return None
    before = [f for f in candidates if f.start < mention.start]
    if before:
        return before[-1].name
    return max(candidates, key=lambda f: (counts[f.name], -f.start)).name


def link(mentions: list[Mention]) -> list[tuple[Mention, str]]:
    """Each mention with its canonical entity name; all mentions of an entity get one label."""
    full = [m for m in mentions if m.label == "PER" and " " in m.name]
    counts = Counter(m.name for m in full)
    linked = []
    for mention in mentions:
        entity = mention.name
        curated_place = mention.source == "gazetteer" and mention.label != "PER"
        if " " not in mention.name and not curated_place:
            entity = _full_name(mention, full, counts) or entity
        linked.append((mention, entity))
    best: dict[str, Mention] = {}
    for mention, entity in linked:
        current = best.get(entity)
        if entity in counts:
            mention = replace(mention, label="PER", source="gazetteer")
        if current is None or SOURCES.index(mention.source) < SOURCES.index(current.source):
            best[entity] = mention
    return [(replace(m, label=best[entity].label), entity) for m, entity in linked]


def _frame(linked: list[tuple[Mention, str]]) -> pd.DataFrame:
    rows = [(m.start, m.end, m.text, m.label, entity) for m, entity in linked]
    return pd.DataFrame(rows, columns=COLUMNS).astype({"start": "int64", "end": "int64"})


def extract_entities(text: str) -> pd.DataFrame:
    """Mentions in `text`: start, end, text, label, entity, sorted by start."""
    return _frame(link(recognise(text)))


def extract_entities_batch(texts: list[str]) -> list[pd.DataFrame]:
    """`extract_entities` for each text (the later model will batch; this keeps the interface)."""
    return [extract_entities(text) for text in texts]


def mentions(documents: pd.DataFrame) -> pd.DataFrame:
    """Mentions of every document with doc_id and the sentence_id of the mention start."""
    frames = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        frame = extract_entities(text)
        starts = [sentence.start for sentence in segment(text)]
        ids = [max(bisect.bisect_right(starts, start) - 1, 0) for start in frame["start"]]
        frame.insert(0, "sentence_id", pd.Series(ids, index=frame.index, dtype="int64"))
        frame.insert(0, "doc_id", doc_id)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    table = pd.concat(frames, ignore_index=True)[MENTION_COLUMNS]
    return table.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})
