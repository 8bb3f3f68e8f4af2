"""German words for what the tables store as codes: report pages speak German, tables stay stable.

The tables keep short English codes (`PER`, `positive`, `direct`) because scripts filter on them;
everything a reader sees goes through this module. The words live in
`analysis/data/reports/wording_de.tsv`. So do the manifest's reasons: the table keeps the English
texts of `analysis.reasons`, and `reason` words them in German from their code and details.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from analysis import reasons
from analysis.paths import PACKAGE_DIR

WORDING_FILE = PACKAGE_DIR / "data" / "reports" / "wording_de.tsv"


@cache
def _wording() -> dict[str, dict[str, str]]:
    groups: dict[str, dict[str, str]] = {}
    with WORDING_FILE.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            group, code, german = row
            groups.setdefault(group, {})[code] = german
    return groups


def words(group: str) -> dict[str, str]:
    """All codes of `group` (label, tone, kind, timex, date_source, status, column, reason,
    reason_detail) → German."""
    try:
        return dict(_wording()[group])
    except KeyError:
        raise KeyError(f"{WORDING_FILE.name} has no group {group!r}") from None


def german(group: str, code: object) -> str:
    """The German word for `code`, or the code itself when the list has none (a new label must
    still show up, not vanish)."""
    text = "" if code is None else str(code)
    return _wording().get(group, {}).get(text, text)


def reason(text: str) -> str:
    """A manifest reason in German: each of its parts worded from its code, with the details
    filled in. A part no code writes, or whose code has no German wording yet, is shown as it
    is: a new reason must still show up, not break the page."""
    return reasons.SEPARATOR.join(_german_reason(part) or part for part in reasons.split(text))


def _german_reason(text: str) -> str | None:
    parsed = reasons.parse(text)
    template = _wording().get("reason", {}).get(parsed[0]) if parsed else None
    if parsed is None or template is None:
        return None
    return template.format(**{name: _detail(value) for name, value in parsed[1].items()})


def _detail(value: str) -> str:
    """A detail of a reason in German: a word of the `reason_detail` group, a decimal number
    with a comma, a reason of its own (an XML error's line) worded; else as it is (a file name,
    an error message)."""
    if value in _wording().get("reason_detail", {}):
        return _wording()["reason_detail"][value]
    if re.fullmatch(r"\d+\.\d+", value):
        return value.replace(".", ",")
    return _german_reason(value) or value


def number(value: float, digits: int = 0) -> str:
    """A number as German text: 10 280 (narrow space between thousands, as DIN 5008 has it),
    0,45, -0,12. Tables sort these as numbers, which a dot for thousands would break."""
    rounded = round(value, digits) + 0.0  # no "-0,00"
    return f"{rounded:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def percent(share: float) -> str:
    """A share as German percent text: 0.031 → 3 %, 0.5 → 50 %."""
    return f"{number(share * 100)}\u202f%"


def plural(count: int, singular: str, plural_form: str) -> str:
    """`1 Artikel`, `3 Artikel`; `1 Erwähnung`, `2 Erwähnungen`: German plurals are not rules."""
    return f"{number(count)} {singular if count == 1 else plural_form}"
