"""Roles: function words that stand for a person the article names ("der Kremlchef",
"Nordkoreas Außenminister"), linked to that person on the article's own evidence or by the alias
table. Mentions of kind `role`; they count only when asked for (`KINDS`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from analysis.entities.recognition import Mention
from analysis.entities.words import DETERMINERS, NOT_ROLES, PERSON_TITLE_ENDINGS, role_key
from analysis.language import Sentence


def _role_heads(key: str) -> set[str]:
    """The role and its shorter heads, which later mentions use for it: "Bundeskanzler Olaf
    Scholz … der Kanzler", "Kremlsprecher … der Sprecher", "EZB-Präsidentin … die Präsidentin"."""
    tail = key.rsplit("-", 1)[-1]
    return {key, tail} | {ending for ending in PERSON_TITLE_ENDINGS
                          if tail.endswith(ending) and ending not in NOT_ROLES}


def link_roles(sentences: Sequence[Sentence], linked: list[tuple[Mention, str]],
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
