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
# Lexicon classes (`names.lexicon`) of content words: nouns, proper nouns, adjectives, verbs.
CONTENT_CLASSES = frozenset({"NN", "NE", "ADJ", "V"})


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
