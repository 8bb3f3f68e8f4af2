"""The function words the recogniser and the linker key on (titles, organisation and place
words, quote openers, articles), read from `analysis/data/entities/` so they can be extended
without touching code, and `role_key`, which reads a function word (Außenministerin) as a role.
"""

from __future__ import annotations

from functools import lru_cache

from analysis import wordlists
from analysis.paths import PACKAGE_DIR

WORD_LISTS = PACKAGE_DIR / "data" / "entities"


def _rows(file: str) -> list[list[str]]:
    return wordlists.rows(WORD_LISTS / file)


def _words(file: str) -> tuple[str, ...]:
    return tuple(wordlists.words(WORD_LISTS / file))


_TITLES = _rows("person_titles.tsv")
# Endings of words that introduce a person (Außenministerin, Kremlsprecher, Präsidenten).
PERSON_TITLE_ENDINGS = tuple(ending for ending, _ in _TITLES)
ROLE_INFLECTIONS = _words("role_inflections.tsv")
# Title words that introduce a name but, alone, do not stand for one person (die Frau, der Vater).
NOT_ROLES = tuple(ending for ending, role in _TITLES if role == "no")
# Words inside or after a name that make it an organisation: "Deutsche Bank", "Siemens AG".
ORG_WORDS = frozenset(_words("org_words.tsv"))
ORG_ENDINGS = _words("org_endings.tsv")
LOC_WORDS = frozenset(_words("loc_words.tsv"))
# Tokens after which a capitalised word starts a sentence or quote and may be a common noun.
OPENERS = frozenset(_words("openers.tsv"))
DETERMINERS = frozenset(_words("determiners.tsv"))
# Words that join two names a span may have read as one ("… Tel Aviv und des Massachusetts …").
CONJUNCTIONS = frozenset(["und", "sowie", "oder"])
# Lower-case words that may stand inside a name; any other one ends a span ("Google ei-nen …").
NAME_PARTICLES = frozenset(_words("name_particles.tsv"))
# Endings of one word that names an organisation by itself (Gesundheitsministerium).
ORG_NAME_ENDINGS = _words("org_name_endings.tsv")
# Words before a place that make the whole a club (Sporting Lissabon, Real Madrid).
CLUB_NAMES = frozenset(_words("club_words.tsv"))
# Currencies: alone they are no name ("Euro", "US-Dollar"); "Schweizer Franken" needs no list.
CURRENCIES = frozenset(_words("currencies.tsv"))
COMMON_ABBREVIATIONS = frozenset(_words("common_abbreviations.tsv"))
# Words before a name that belong to it (Bad Radkersburg, Schauspielhaus Zürich); other nouns
# there describe it ("Millionenmetropole Karachi") and are cut off.
_HEADS = _words("name_heads.tsv")
NAME_HEAD_WORDS = frozenset(word for word in _HEADS if word[:1].isupper())
NAME_HEAD_ENDINGS = tuple(word for word in _HEADS if word.islower()) + ORG_ENDINGS
# Nouns for what a person does, only to cut them off the front of a person's name (not features).
FUNCTION_NOUNS = _words("function_nouns.tsv")
_TIMES = _rows("time_words.tsv")
# Time words that can follow a name without belonging to it: "Müller Freitagabend".
TIME_WORDS = frozenset(
    [word for word, kind in _TIMES if kind != "before"]
    + [day + part for day, kind in _TIMES if kind == "weekday"
       for part, other in _TIMES if other == "part"]
)
# Time words that can stand before a name without belonging to it: "Herbst 2014 Reitz".
TIME_WORDS_BEFORE = TIME_WORDS | {word for word, kind in _TIMES if kind == "before"}
# Lexicon classes (`names.lexicon`) of content words: nouns, proper nouns, adjectives, verbs.
CONTENT_CLASSES = frozenset({"NN", "NE", "ADJ", "V"})


def _base(lower: str, endings: tuple[str, ...]) -> str | None:
    """The word without an inflection when it then ends with one of `endings`."""
    for ending in ("", *ROLE_INFLECTIONS):
        base = lower[: len(lower) - len(ending)] if ending else lower
        if lower.endswith(ending) and base.endswith(endings):
            return base
    return None


@lru_cache(maxsize=65536)
def function_word(word: str) -> bool:
    """Whether a capitalised word names a role or what a person does (Außenministerin,
    Falter-Journalistin): such a word before a name is not part of it."""
    if not word[:1].isupper():
        return False
    lower = word.lower().rsplit("-", 1)[-1]
    return any(_base(lower, endings) is not None for endings in (PERSON_TITLE_ENDINGS,
                                                                FUNCTION_NOUNS))


@lru_cache(maxsize=65536)
def role_key(word: str) -> str | None:
    """Base of a function word, both genders (Außenministerin → außenminister), else None."""
    if not word[:1].isupper():
        return None
    return _base(word.lower(), PERSON_TITLE_ENDINGS)
