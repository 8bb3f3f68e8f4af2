"""Spellings of one person's name: German and English transliterations (Baschar / Bashar
al-Assad, Wladimir / Vladimir Putin) and near spellings of long names, merged to the most
frequent one, within an article (`linking.link`) and across a corpus (`tables.link_corpus`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz.distance import Levenshtein

# German and English spellings of transliterated names, in the order they are replaced.
TRANSLITERATIONS = (("ß", "ss"), ("tsch", "ch"), ("sch", "sh"), ("kh", "ch"), ("ou", "u"),
                    ("w", "v"), ("j", "y"), ("ij", "y"), ("y", "i"), ("z", "s"), ("ie", "i"))
LONG_NAME = 7  # letters from which a name may differ from a variant by one more edit


def spelling_variants(persons: Counter[str]) -> dict[str, str]:
    """Transliterations of one person's name → its most frequent spelling: "Bashar al-Assad" and
    "Baschar al-Assad". Only full names with as many words, each alike (`_same_spelling`), so
    "Kim Jong Un" and "Kim Jong Il" stay two people."""
    by_last: dict[tuple[str, int], list[str]] = defaultdict(list)  # by the last word's sound
    for name in persons:
        words = name.split()
        if len(words) > 1:
            by_last[(_skeleton(words[-1]), len(words))].append(name)
    mapping: dict[str, str] = {}
    for names in by_last.values():
        ranked = sorted(names, key=lambda name: (-persons[name], name))
        for rank, name in enumerate(ranked):
            spelling = next((other for other in ranked[:rank] if other not in mapping
                             and _same_spelling(other, name)), None)
            if spelling:
                mapping[name] = spelling
    return mapping


def _same_spelling(one: str, other: str) -> bool:
    """Every word alike once German and English transliteration are set aside (Wladimir /
    Vladimir, Baschar / Bashar), or, in long words, one edit apart with the same ending (so
    Paul / Paula and Hans / Hanna stay apart)."""
    for a, b in zip(one.split(), other.split(), strict=True):
        a, b = _skeleton(a), _skeleton(b)
        if a == b:
            continue
        if min(len(a), len(b)) < LONG_NAME or a[-2:] != b[-2:] or Levenshtein.distance(a, b) > 1:
            return False
    return True


def _skeleton(word: str) -> str:
    """A name as it sounds rather than as one language spells it."""
    lower = word.lower()
    for spelling, sound in TRANSLITERATIONS:
        lower = lower.replace(spelling, sound)
    return re.sub(r"(.)\1", r"\1", lower)
