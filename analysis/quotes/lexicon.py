"""The words the speech frames key on (speech verbs, quote marks, pronouns, articles, clause
words, gender cues), read once from `analysis/data/quotes/` so they can be extended without
touching code, and `speech_verbs`, which inflects the verbs into every form a text may use.
"""

from __future__ import annotations

from functools import cache

from analysis import wordlists
from analysis.paths import PACKAGE_DIR

WORD_LISTS = PACKAGE_DIR / "data" / "quotes"


def _rows(file: str) -> list[list[str]]:
    return wordlists.rows(WORD_LISTS / file)


def _words(file: str) -> list[str]:
    return wordlists.words(WORD_LISTS / file)


def _with(file: str, column: str) -> list[str]:
    """The words of a two-column list whose second cell is `column` (a role, a gender)."""
    return [word for word, value in _rows(file) if value == column]


# Speech verbs. Weak verbs are inflected by rule; "mit|teilen" marks a separable particle.
WEAK_VERBS = _words("weak_verbs.tsv")
# Strong verbs: infinitive → (3rd person singular present, preterite, past participle).
STRONG_VERBS = {verb: (third, preterite, participle)
                for verb, third, preterite, participle in _rows("strong_verbs.tsv")}
NOT_VERBS = set(_words("not_verbs.tsv"))
UNSTRESSED_PREFIXES = tuple(_words("unstressed_prefixes.tsv"))
# Konjunktiv I forms that mark reported speech on their own ("Die Lage sei ernst.").
SUBJUNCTIVES = frozenset(_words("subjunctives.tsv"))
PRONOUNS = {word: gender for word, gender in _rows("pronouns.tsv")}
_ARTICLES = _rows("articles.tsv")
ROLE_ARTICLES = {word: gender for word, _, gender in _ARTICLES if gender != "-"}
NOMINATIVE_ARTICLES = {word for word, nominative, _ in _ARTICLES if nominative == "yes"}
ARTICLES = {word for word, _, _ in _ARTICLES}
PREPOSITIONS = set(_words("prepositions.tsv"))
# Adverbs that open a clause capitalised but are never its subject: "Dort sagte sie".
NOT_SUBJECTS = frozenset(_words("not_subjects.tsv"))
# Words that open a time expression ("Ende Dezember"): passed over when looking for a speaker.
TIME_WORDS = frozenset(_words("time_words.tsv"))
# Determiners, quantifiers and pronouns that may be a subject but never name the speaker.
NOT_SPEAKERS = frozenset(_words("not_speakers.tsv"))
COORDINATORS = set(_with("clause_words.tsv", "coordinator"))
RELATIVES = set(_with("clause_words.tsv", "relative"))
COMPLEMENTISERS = set(_with("clause_words.tsv", "complementiser"))
NOT_COMPLEMENTS = set(_with("clause_words.tsv", "not_complement"))
SUBORDINATORS = set(_with("clause_words.tsv", "subordinator"))
CLAUSE_BREAKS = set(_with("punctuation.tsv", "clause_break"))
SENTENCE_ENDS = set(_with("punctuation.tsv", "sentence_end"))
# Role nouns that tell a person's gender for "er"/"sie": Außenministerin → f, Kremlsprecher → m.
FEMALE_CUES = tuple(_with("gender_cues.tsv", "f"))
MALE_CUES = tuple(_with("gender_cues.tsv", "m"))
FEMALE_NAMES = frozenset(_words("female_first_names.tsv"))
OPEN_TO_CLOSE = {opening: closing for opening, closing in _rows("quote_marks.tsv")}
QUOTE_MARKS = set(OPEN_TO_CLOSE) | set("".join(OPEN_TO_CLOSE.values()))


def _weak_forms(stem: str, participle: str) -> set[str]:
    """Finite forms of a weak verb, with the e of "antwortet" after t/d stems."""
    e = "e" if stem.endswith(("t", "d")) or stem.endswith("chn") else ""
    forms = {stem + "e", stem + e + "st", stem + e + "t", stem + "en"}
    forms |= {stem + e + "te" + ending for ending in ("", "st", "n", "t")}
    if stem.endswith(("er", "el")):  # erinnern: erinnert, erinnern
        forms |= {stem + "n", stem + "st", stem + "t"}
        forms.discard(stem + "en")
    return forms | {participle}


def _strong_forms(infinitive: str, third: str, preterite: str, participle: str) -> set[str]:
    stem = infinitive[:-2]
    return {
        stem + "e",
        third[:-1] + "st",
        third,
        infinitive,
        preterite,
        preterite + "st",
        preterite + "en",
        preterite + "t",
        participle,
    }


@cache
def speech_verbs() -> dict[str, tuple[str, str]]:
    """Every finite form and participle of the speech verbs → (lemma, separable particle or "")."""
    table: dict[str, tuple[str, str]] = {}
    entries: list[tuple[str, set[str], str]] = []
    for verb in WEAK_VERBS:
        particle, _, base = verb.rpartition("|")
        stem = base[:-1] if base.endswith(("ern", "eln")) else base[:-2]
        plain = stem.endswith("ier") or base.startswith(UNSTRESSED_PREFIXES)
        participle = (stem if plain else "ge" + stem) + ("et" if stem.endswith(("t", "d")) else "t")
        entries.append((verb, _weak_forms(stem, participle), particle))
    for verb, (third, preterite, participle) in STRONG_VERBS.items():
        particle, _, base = verb.rpartition("|")
        entries.append((verb, _strong_forms(base, third, preterite, participle), particle))
    for verb, forms, particle in entries:
        lemma = verb.replace("|", "")
        for form in forms - NOT_VERBS:
            participle = form.startswith("ge") and form.endswith(("t", "en"))
            if particle and not participle:
                table.setdefault(form, (lemma, particle))
            table.setdefault(particle + form, (lemma, ""))
    return table
