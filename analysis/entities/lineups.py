"""Sports line-ups and results lists, read by their structure rather than by the CRF.

Sports reports end in lists the CRF never saw in GermEval's prose: line-ups that give players by
surname only ("Rapid: Novota – Auer, Sonnleitner, Dibon, Stangl – …"), scorers ("Tore: Kainz
(12.), Jelić (55./Elfmeter)"), results with country codes ("1. Anna Fenninger (AUT) 1:52,34 2.
Tina Maze (SLO) +0,12"). There the CRF misses the surnames, reads a whole line-up as one name and
types the codes as organisations. `lineup_spans` recognises such a sentence by its shape (names
between list separators, minutes in brackets, codes, scores; no prose words) and then gives each
listed name its own span: players PER, the team before the colon ORG, codes and countries LOC.
It returns None for anything else, so the caller keeps the CRF's spans there. `country_code`
reads an IOC or FIFA code as the country it stands for, named as `countries_de.tsv` names it so
that the code links to the country's entity; `with_country_codes` applies it to the CRF's spans.

Word lists are data: `analysis/data/entities/lineup_words.tsv` (labels, connectors, particles,
units, separators) and `analysis/data/entities/country_codes.tsv`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from analysis import wordlists
from analysis.entities.names import lexicon, lookup, name_lists
from analysis.entities.words import CONTENT_CLASSES, TIME_WORDS, function_word
from analysis.paths import PACKAGE_DIR

WORD_LISTS = PACKAGE_DIR / "data" / "entities"
Span = tuple[int, int, str]

_CODE_ROWS = wordlists.rows(WORD_LISTS / "country_codes.tsv")
# IOC and FIFA codes → the German country name, as countries_de.tsv spells it (SWE → Schweden).
COUNTRY_CODES: dict[str, str] = {code: country for code, country, _, _ in _CODE_ROWS}
# Codes that also abbreviate something else in the news (ESA, ETH, SSD): countries only in lists.
CLASHING_CODES = frozenset(code for code, _, _, clash in _CODE_ROWS if clash != "-")
COUNTRIES = frozenset(COUNTRY_CODES.values())

_WORD_ROWS = wordlists.rows(WORD_LISTS / "lineup_words.tsv")


def _phrases(*kinds: str) -> dict[tuple[str, ...], str]:
    return {tuple(word.split()): kind for word, kind in _WORD_ROWS if kind in kinds}


# Headings, fields and notes that are not names ("Tore", "Es fehlen", "SR"); a team-label heads
# a list of teams ("Tabelle"); a competition is a name (MISC) in a heading ("Bundesliga").
LABELS = _phrases("label", "team-label", "competition")
PARTICLES = _phrases("particle")
CONNECTORS = frozenset(word for word, kind in _WORD_ROWS if kind == "connector")
UNITS = frozenset(word for word, kind in _WORD_ROWS if kind == "unit")
SEPARATORS = frozenset(word for word, kind in _WORD_ROWS if kind == "separator")
MARKS = frozenset(word for word, kind in _WORD_ROWS if kind == "mark")
# Abbreviations that make a listed name a club ("FC Liefering", "SKN St. Pölten").
CLUB_WORDS = frozenset(word for word, kind in _WORD_ROWS if kind == "club")
# Separators that are dashes (Unicode "Pd"): a line-up puts them between the goalkeeper, the
# defence, the midfield and the attack, and a fixture between its teams.
DASHES = frozenset(word for word in SEPARATORS
                   if all(unicodedata.category(char) == "Pd" for char in word))
OPEN, CLOSE, COLON = "(", ")", ":"

NUMBER = re.compile(r"[+±]?\d[\d.,:/'’]*|\d+[.,]")
MINUTE = re.compile(r"\d{1,3}\.")
SCORE = re.compile(r"\d:\d")
INITIAL = re.compile(r"[A-ZÄÖÜ][a-zäöü]?\.")
# Tokens run together where the source lost a line break: "Beric0", "80Bronze", "mSilber"
# (inner capitals of a capitalised word stay names: McLean, DeAndre).
GLUED = re.compile(r"\w*(\d[^\W\d]|[^\W\d]\d)\w*|[a-zäöüß]+[A-ZÄÖÜ]\w*")
# Where a compound or a run-together word may end in a label: a hyphen, or "nS" of "StundenSilber".
COMPOUND_JOINT = re.compile(r"-|(?<=[a-zäöüß])(?=[A-ZÄÖÜ])")
MAX_NAME_WORDS = 4
# Dashes a list needs, beside commas, to read as a line-up without other evidence: headlines
# have one ("Hofer – Van der Bellen, Griss, Hundstorfer"), line-ups one per line of players.
MIN_LINEUP_DASHES = 2
# Lexicon classes a capitalised word in a list may have: content words and foreign words (New
# York Rangers); articles, pronouns and conjunctions ("Die", "Wir", "Aber") mean prose.
NAME_CLASSES = CONTENT_CLASSES | {"F"}
# Token kinds that make up a name group: Van Persie, T. Kainz, FC Liefering.
NAME_KINDS = ("name", "initial", "particle", "club")
# A list whose single-word names are more than this share common nouns is prose ("Themen:
# Brexit – Migration, Klima, Rente"), not a line-up.
MAX_COMMON_SHARE = 1 / 3


def country_code(word: str, *, listing: bool = False) -> str | None:
    """The country an IOC or FIFA code in capitals stands for (SWE → Schweden), else None. A
    code that also abbreviates something else in the news (ESA, ETH, SSD, BER) only counts when
    `listing` says the word stands in a line-up or results list."""
    country = COUNTRY_CODES.get(word)
    if country is None or (word in CLASHING_CODES and not listing):
        return None
    return country


def with_country_codes(words: Sequence[str], spans: Sequence[Span]) -> list[Span]:
    """`spans` with country codes typed LOC and codes the CRF missed added: a code anywhere
    ("SWE – FIN"), and a clashing code (ESA, BER) only in brackets after a person ("Smith ( AUS
    )"), because only a person's nationality makes it a country. Longer spans stay as they are."""
    result = list(spans)
    for index, word in enumerate(words):
        if word not in COUNTRY_CODES:
            continue
        bracketed = (0 < index < len(words) - 1 and words[index - 1] == OPEN
                     and words[index + 1] == CLOSE)
        after_person = bracketed and any(end == index - 1 and label == "PER"
                                         for _, end, label in spans)
        if country_code(word, listing=after_person) is None:
            continue
        covering = [span for span in result if span[0] <= index < span[1]]
        if not covering:
            result.append((index, index + 1, "LOC"))
        elif covering[0][:2] == (index, index + 1):
            result[result.index(covering[0])] = (index, index + 1, "LOC")
    return sorted(result)


@dataclass(slots=True)
class _Part:
    """A stretch of the sentence: a name group, a bracket, a run of numbers, a separator, …"""

    kind: str  # name, code, bracket, number, separator, label, colon
    start: int
    end: int
    detail: str = ""  # bracket: code, minute, substitution, score or note; label: its kind


@cache
def _common_word(word: str) -> bool:
    """A word the lexicon knows as a noun, adjective or verb and no name list has (Rente)."""
    lists = name_lists()
    return (lexicon().get(word) in {"NN", "ADJ", "V"}
            and word not in lists["ln"] and word not in lists["fn"])


def _match(words: Sequence[str], index: int, table: dict[tuple[str, ...], str]
           ) -> tuple[int, str] | None:
    """The longest phrase of `table` starting at `index`: its length and kind."""
    for length in range(min(3, len(words) - index), 0, -1):
        kind = table.get(tuple(words[index:index + length]))
        if kind is not None:
            return length, kind
    return None


def _particle(words: Sequence[str], index: int) -> tuple[int, str] | None:
    """A name particle, capitalised or not at the start of a name ("Van der Wiel", "de la")."""
    first = words[index]
    return _match([first.lower(), *words[index + 1:index + 3]], 0, PARTICLES)


def _compound_label(word: str) -> tuple[int, str] | None:
    """A compound ending in a label ("Fußball-Ergebnisse", "EM-Qualifikation") is one too, and
    so is a word run together with one ("StundenSilber")."""
    pieces = COMPOUND_JOINT.split(word)
    kind = LABELS.get((pieces[-1],)) if len(pieces) > 1 else None
    return (1, kind) if kind else None


def _time_label(word: str) -> tuple[int, str] | None:
    """Days and times head results too ("NHL-Ergebnisse vom Donnerstag:"): labels, not names."""
    return (1, "label") if word[:1].isupper() and word.lower() in TIME_WORDS else None


def _name_word(word: str) -> bool:
    """Capitalised letters, hyphens and apostrophes (Jelić, Caleta-Car, SönderjyskE, WAC)."""
    return (word[:1].isupper() and any(c.isalpha() for c in word)
            and all(c.isalpha() or c in "-'’" for c in word))


def _kinds(words: Sequence[str]) -> list[str] | None:
    """Each token's role in a list: name, initial, particle, club, code, label (team-label,
    competition), number, separator, open, close, colon, score (the colon of 3:2), skip, or
    other (prose, allowed only in brackets). None at the first prose word outside brackets,
    which settles most sentences after a few tokens."""
    kinds: list[str] = []
    depth = 0
    index = 0
    while index < len(words):
        phrase = (_match(words, index, LABELS) or _particle(words, index)
                   or _compound_label(words[index]) or _time_label(words[index]))
        if phrase:
            kinds.extend([phrase[1]] * phrase[0])
            index += phrase[0]
            continue
        word = words[index]
        before = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        if word == OPEN:
            kind = "open"
        elif word == CLOSE:
            kind = "close"
        elif word == COLON:
            kind = "score" if before[-1:].isdigit() and after[:1].isdigit() else "colon"
        elif word in SEPARATORS or word in CONNECTORS:
            kind = "separator"
        elif word in UNITS or word in MARKS or GLUED.fullmatch(word):
            kind = "skip"  # Min., Punkte, "+", and tokens glued to a score ("Beric0")
        elif NUMBER.fullmatch(word) or (len(word) == 1 and word.isupper()):
            kind = "number"  # 12., 3:2, 1:52,34, and the letters of "Gruppe E"
        elif word in CLUB_WORDS:
            kind = "club"
        elif word in COUNTRY_CODES:
            kind = "code"
        elif INITIAL.fullmatch(word) or (len(word) <= 2 and _name_word(word) and after == "."):
            kind = "initial"  # T. Kainz, Ch. Leitgeb, St. Pölten
        elif _name_word(word) and lexicon().get(word, "NE") in NAME_CLASSES:
            kind = "name"
        else:
            kind = "other"  # lower-case prose, quote marks, "Die", "Wir"
        depth += (kind == "open") - (kind == "close" and depth > 0)
        if kind == "other" and not depth:
            return None
        kinds.append(kind)
        index += 1
    return kinds


def _bracket_detail(words: Sequence[str], kinds: Sequence[str]) -> str:
    """What a bracket holds: country codes, a minute with a substitute ("77. Nutt"), a score,
    minutes and notes of a goal ("55. / Elfmeter"), or a note in words."""
    inner = [k for k in kinds if k not in ("separator", "skip")]
    if "code" in inner and all(k in ("code", "number") for k in inner):
        return "code"  # "( AUT )", "( SWE – FIN )", a seeded player's "( AUT / 7 )"
    if inner and "score" in inner:
        return "score"
    if inner and all(k in ("number", "label") for k in inner):
        return "minute"
    if (len(inner) > 1 and inner[0] == "number" and MINUTE.fullmatch(words[0])
            and all(k in NAME_KINDS for k in inner[1:])):
        return "substitution"
    return "note"


def _parts(words: Sequence[str], kinds: Sequence[str]) -> list[_Part] | None:
    """The sentence as a sequence of parts; None when prose stands outside brackets."""
    parts: list[_Part] = []
    index = 0
    while index < len(words):
        kind = kinds[index]
        if kind == "open":
            end = next((i + 1 for i in range(index + 1, len(words)) if kinds[i] == "close"),
                       len(words))
            inner = slice(index + 1, end - 1 if kinds[end - 1] == "close" else end)
            parts.append(_Part("bracket", index, end,
                               _bracket_detail(words[inner], kinds[inner])))
            index = end
            continue
        if kind in NAME_KINDS:
            end = index
            while end < len(words) and kinds[end] in NAME_KINDS:
                end += 1
            group = kinds[index:end]
            if not {"name", "initial", "club"} & set(group):
                if end < len(words) and kinds[end] == "label":  # "vom Sonntag", "von Dienstag"
                    index = end
                    continue
                return None
            if end - index > MAX_NAME_WORDS:
                return None
            detail = "club" if "club" in group else "" if "name" in group else "initial"
            parts.append(_Part("name", index, end, detail))
            index = end
            continue
        if kind in ("other", "close"):
            return None
        if kind in ("number", "score", "skip"):
            score = "score" if kind == "score" or SCORE.search(words[index]) else ""
            if parts and parts[-1].kind == "number":
                parts[-1].end = index + 1
                parts[-1].detail = parts[-1].detail or score
            else:
                parts.append(_Part("number", index, index + 1, score))
        elif kind in ("label", "team-label", "competition"):
            if parts and parts[-1].kind == "label" and parts[-1].detail == kind:
                parts[-1].end = index + 1
            else:
                parts.append(_Part("label", index, index + 1, kind))
        else:
            parts.append(_Part(kind, index, index + 1))
        index += 1
    return parts


def _team_label(words: Sequence[str]) -> str:
    """A team is LOC when a country plays (Schweden, England), else ORG (Rapid, FC Liefering)."""
    return "LOC" if _country(words) and not any(word in CLUB_WORDS for word in words) else "ORG"


def _country(words: Sequence[str]) -> bool:
    if " ".join(words) in COUNTRIES:
        return True
    entry = lookup(words)
    return entry is not None and entry[0] == "LOC" and (entry[1] in COUNTRIES
                                                         or entry[1] in COUNTRY_CODES)


def _item_label(words: Sequence[str]) -> str:
    """A listed name is a person unless it is a country (FIFA ranking: "Ungarn ( 19. )") or
    another curated name (its gazetteer label), a club ("FC Liefering") or an abbreviation in
    capitals (a team: "2. DEG 3/1")."""
    if _country(words):
        return "LOC"
    if any(word in CLUB_WORDS for word in words):
        return "ORG"
    entry = lookup(words)
    if entry is not None and entry[0] in ("ORG", "LOC"):
        return entry[0]
    if len(words) == 1 and len(words[0]) > 1 and words[0].isupper():
        return "ORG"
    return "PER"


def _bracket_spans(words: Sequence[str], kinds: Sequence[str], part: _Part) -> list[Span]:
    """Codes (LOC) and substitutes (PER) in a bracket; curated names in a note ("APA")."""
    spans: list[Span] = []
    index = part.start + 1
    while index < part.end:
        kind = kinds[index]
        if kind == "code" and part.detail == "code":
            spans.append((index, index + 1, "LOC"))
        if kind in NAME_KINDS and part.detail in ("substitution", "note"):
            end = index
            while end < part.end and kinds[end] in NAME_KINDS:
                end += 1
            if part.detail == "substitution":
                spans.append((index, end, _item_label(words[index:end])))
            elif (entry := lookup(words[index:end])) is not None:
                spans.append((index, end, entry[0]))
            index = end
            continue
        index += 1
    return spans


def _fixture_rival(parts: Sequence[_Part], k: int, words: Sequence[str]) -> int | None:
    """The index of the other team when `parts[k]` opens a fixture ("Spanien – Slowakei 2:0",
    "Red Bull Salzburg – SönderjyskE Vojens ( DEN ) 7:2"), else None."""
    following = [part for part in parts[k + 1:k + 7]
                 if part.kind != "bracket" or part.detail in ("code", "score")]
    if (len(following) < 3 or following[0].kind != "separator"
            or words[following[0].start] not in DASHES or following[1].kind != "name"):
        return None
    rest = following[2:]
    if rest[0].kind == "bracket" and rest[0].detail == "code":
        rest = rest[1:]
    if not (rest and rest[0].kind == "number" and rest[0].detail == "score"):
        return None
    return parts.index(following[1], k)


def lineup_spans(words: Sequence[str]) -> list[Span] | None:
    """(first, end, label) spans of a tokenised line-up or results list, None for any other
    sentence (then the CRF's spans stand). Fires on a label head ("Tore:", "Ersatz:") with two
    or more names; on two or more names with country codes ("Maze ( SLO )"); on four or more
    names between dashes and commas ("Rapid: Novota – Auer, Sonnleitner …") or with two minutes
    in brackets ("Kainz ( 12. )"). Never when a prose word (lower case other than "bzw.", "für",
    a name particle), a quote mark or an article stands outside brackets, nor when over a third
    of the one-word names are common nouns ("Flüchtlinge, Grenzen, Zäune – …")."""
    kinds = _kinds(words)
    parts = None if kinds is None else _parts(words, kinds)
    if kinds is None or not parts or not any(part.kind == "name" for part in parts):
        return None
    spans: list[Span] = []
    singles: list[str] = []  # one-word names, for the common-noun check
    items = coded = noted = 0
    label_head = team_list = fixture = venue_next = False

    def add(start: int, end: int, label: str, item: bool = True) -> None:
        """Record a name (no span when `label` is empty) and count listed ones."""
        nonlocal items
        if label:
            spans.append((start, end, label))
        items += item
        if end - start == 1:
            singles.append(words[start])

    for k, part in enumerate(parts):
        before = parts[k - 1] if k else None
        after = parts[k + 1] if k + 1 < len(parts) else None
        if part.kind in ("separator", "colon", "label"):
            venue_next = fixture = False
        if part.kind == "done":
            continue
        if part.kind == "label" and part.detail == "competition":
            spans.append((part.start, part.end, "MISC"))
        if part.kind == "label" and after is not None and (
                after.kind == "colon" or (after.kind == "number" and k + 2 < len(parts)
                                          and parts[k + 2].kind == "colon")):
            label_head = True
            team_list = part.detail == "team-label"
        elif part.kind == "bracket":
            spans.extend(_bracket_spans(words, kinds, part))
            listed = before is not None and before.kind == "name"
            coded += listed and part.detail == "code"
            noted += listed and part.detail in ("minute", "substitution")
        elif part.kind == "code":
            add(part.start, part.end, "LOC")
        elif part.kind == "number" and fixture and part.detail == "score":
            venue_next, fixture = True, False  # "2:0 ( 2:0 ) Oviedo": the venue follows
        elif part.kind == "name" and part.detail != "initial":
            if after is not None and after.kind == "colon":
                team_list = False  # a team's line-up follows: "Tabelle: …" is over
            fixture = _read_name(words, parts, k, add, team_list, venue_next)
            venue_next = False
    return _decide(words, parts, spans, singles, items, coded, noted, label_head)


def _read_name(words: Sequence[str], parts: list[_Part], k: int,
               add: Callable[..., None], team_list: bool, venue_next: bool) -> bool:
    """Type one name group by its place in the list: a team before a colon, a venue after a
    fixture's score, the two teams of a fixture, a team after a code in a results row, else a
    listed player (or team, after "Tabelle:"). True when it read a fixture's two teams."""
    part = parts[k]
    before = parts[k - 1] if k else None
    after = parts[k + 1] if k + 1 < len(parts) else None
    group = words[part.start:part.end]
    if after is not None and after.kind == "colon":
        start = part.start
        if (len(group) > 1 and lookup(group) is None and before is not None
                and (before.kind == "separator" or (before.kind == "bracket" and k > 1))):
            # Lines run together: "… Ouedraogo Mattersburg: Kuster – …"
            cut = next((i for i in range(1, len(group)) if lookup(group[i:])), len(group) - 1)
            add(part.start, part.start + cut, _item_label(group[:cut]))
            start += cut
        team = words[start:part.end]
        heading = (before is not None and before.kind == "separator" and k > 1
                   and parts[k - 2].kind == "label")  # "Damen – Normalschanze:"
        if heading or (len(team) == 1 and (_common_word(team[0]) or function_word(team[0]))
                       and lookup(team) is None):
            add(start, part.end, "", item=False)  # a heading noun: "Regie:", "Themen:"
        else:
            add(start, part.end, _team_label(team), item=False)
        return False
    if venue_next:
        add(part.start, part.end, "LOC", item=False)
        return False
    if (after is not None and after.kind == "label" and k + 2 < len(parts)
            and parts[k + 2].kind == "colon"
            and (before is None or before.kind == "number")):
        return False  # part of a heading: "20 km Gehen Gold:"
    rival = _fixture_rival(parts, k, words)
    if rival is not None:
        # Two sides with country codes are players ("Thiem ( AUT / 7 ) – Nadal ( ESP / 4 )");
        # one is a foreign club ("Red Bull Salzburg – SönderjyskE Vojens ( DEN ) 7:2").
        players = all(side + 1 < len(parts) and parts[side + 1].detail == "code"
                      for side in (k, rival))
        for side in (k, rival):
            name = words[parts[side].start:parts[side].end]
            add(parts[side].start, parts[side].end,
                _item_label(name) if players else _team_label(name))
        other = parts[rival]
        for between in range(k + 1, rival):
            if parts[between].kind == "separator":  # the dash: not the end of the fixture
                parts[between] = _Part("done", parts[between].start, parts[between].end)
        parts[rival] = _Part("done", other.start, other.end)
        return True
    if (before is not None and before.kind == "bracket" and before.detail == "code"
            and k > 1 and parts[k - 2].kind == "name"):
        add(part.start, part.end, "ORG", item=False)  # "Ogier ( FRA ) VW Polo 3:35:49,5"
        return False
    add(part.start, part.end, _team_label(group) if team_list else _item_label(group))
    return False


def _decide(words: Sequence[str], parts: Sequence[_Part], spans: list[Span],
            singles: Sequence[str], items: int, coded: int, noted: int, label_head: bool
            ) -> list[Span] | None:
    """The spans when the sentence has a list's shape and not a prose list's nouns, else None."""
    separators = [words[part.start] for part in parts if part.kind == "separator"]
    # A line-up's lines: goalkeeper – defence, … – midfield, … – attack (two dashes at least).
    dash_and_comma = (sum(word in DASHES for word in separators) >= MIN_LINEUP_DASHES
                      and any(word in SEPARATORS - DASHES for word in separators))
    shaped = items >= 2 and (label_head or coded >= 2
                             or (items >= 4 and (noted >= 2 or dash_and_comma)))
    if not shaped:
        return None
    if sum(_common_word(word) for word in singles) > MAX_COMMON_SHARE * len(singles):
        return None
    return sorted(set(spans))
