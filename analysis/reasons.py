"""Why an input was skipped, flagged or failed: a code with its details, written one way.

The manifest's `reason` column keeps the English texts docs/tables.md documents, because scripts
filter on them; report pages word the same reasons in German (`analysis.wording.reason`). Both
come from one table, analysis/data/reasons.tsv: `text` writes a code's English text with its
details, and `parse` reads such a text back into code and details, so a page can word in German
any manifest, also one an earlier run wrote.
"""

from __future__ import annotations

import re
from functools import cache

from analysis import wordlists
from analysis.paths import PACKAGE_DIR

REASONS_FILE = PACKAGE_DIR / "data" / "reasons.tsv"
# Between the caveats of one input ("looks like English, …; teaser only: …").
SEPARATOR = "; "
# Details that are numbers: matched as digits only, so that a general text such as
# "{problem}, line {line}" cannot swallow a longer one when a text is read back.
NUMBER_DETAILS = frozenset({"column", "factor", "fields", "header", "limit", "line", "number",
                            "read", "share", "size", "status", "words"})
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def templates() -> dict[str, str]:
    """Every reason code and its English text with {placeholders}, in the order of the file."""
    return {code: template for code, template in wordlists.rows(REASONS_FILE)}


def text(code: str, **details: object) -> str:
    """The manifest's English text of a reason (an unknown code is a KeyError: a typo)."""
    return templates()[code].format(**details)


def joined(*reasons: str) -> str:
    """The caveats of one input as one reason, in order; empty ones left out."""
    return SEPARATOR.join(filter(None, reasons))


def parse(reason: str) -> tuple[str, dict[str, str]] | None:
    """The code and details of a reason's English text, or None when no code writes it."""
    for code, pattern in _patterns().items():
        if match := pattern.fullmatch(reason):
            return code, match.groupdict()
    return None


def split(reason: str) -> list[str]:
    """The reasons `joined` made one, each of which `parse` reads, as many as there are; the
    whole text when it cannot be taken apart that way (a detail may hold the separator)."""
    for match in re.finditer(re.escape(SEPARATOR), reason):
        head, rest = reason[:match.start()], split(reason[match.end():])
        if all(parse(part) is not None for part in (head, *rest)):
            return [head, *rest]
    return [reason]


def placeholders(template: str) -> set[str]:
    """The names of a template's details."""
    return set(_PLACEHOLDER.findall(template))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {code: _pattern(template) for code, template in templates().items()}


def _pattern(template: str) -> re.Pattern[str]:
    """A template as a regex: the text as it is, each detail as a named group (a detail named
    twice must be the same both times)."""
    parts, seen, position = [], set(), 0
    for match in _PLACEHOLDER.finditer(template):
        name = match[1]
        parts.append(re.escape(template[position:match.start()]))
        if name in seen:
            parts.append(f"(?P={name})")
        else:
            detail = r"\d+(?:\.\d+)?" if name in NUMBER_DETAILS else ".*?"
            parts.append(f"(?P<{name}>{detail})")
            seen.add(name)
        position = match.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL)
