"""Handlers of the DURATION and SET patterns: "drei Jahre" -> P3Y, "jeden Freitag" -> XXXX-WXX-5.

Like the date handlers, each gets the match and the context and returns (type, value) or None.
"""

from __future__ import annotations

import re

from analysis.timeline.context import Result, _Context
from analysis.timeline.rules import (
    _ADVERB_SETS,
    _DURATION_ADJECTIVES,
    _HALVES,
    _ORDINALS,
    _PARTS,
    _RATES,
    _SEASONS,
    _UNITS,
    _VAGUE_WORDS,
    _WEEKDAYS,
    _alt,
    _column,
    _number,
    _season_code,
    _unit,
)


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _duration_part(number: str, unit: str) -> tuple[str, bool] | None:
    """("3Y", False) for "drei Jahre"; X for vague numbers; None for non-units."""
    stem = unit.lower()
    for key, (letter, is_time) in _UNITS.items():
        if stem.startswith(key):
            if " ".join(number.split()) in _VAGUE_WORDS:
                amount = "X"
            else:
                n = _number(number)
                if n is None:
                    return None
                amount = _fmt_num(n)
            if letter == "Q":
                return (f"{amount}M" if amount == "X" else f"{_fmt_num(float(amount) * 3)}M"), False
            return f"{amount}{letter}", is_time
    return None


_AGE_AFTER = re.compile(r"\s*(?:alt|älter|jünger|jährig)", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:ab|unter)\s+$", re.IGNORECASE)


_HALF = re.compile(r"\bhalbe[nmrs]?\b", re.IGNORECASE)


def _halved(part: str, is_time: bool) -> tuple[str, bool]:
    """Half the duration part: "1Y" -> "6M", "1H" -> "30M"; other units halve in place
    ("1M" -> "0.5M", "1CE" -> "0.5CE"), a vague amount stays."""
    match = re.fullmatch(r"([\d.]+)([A-Z]+)", part)
    if match is None:  # a vague amount ("XY") stays as it is
        return part, is_time
    amount, letter = match.groups()
    smaller = _HALVES.get((letter, is_time))
    if smaller is None:
        return f"{_fmt_num(float(amount) / 2)}{letter}", is_time
    factor, unit, time = smaller
    return f"{_fmt_num(float(amount) * factor)}{unit}", time


def _h_duration(m: re.Match[str], ctx: _Context) -> Result:
    if m.group() in ("eines tages", "einen tag"):
        return None
    before = ctx.text[max(0, m.start() - 8):m.start()]
    if _AGE_AFTER.match(ctx.text, m.end()) or _AGE_BEFORE.search(before):
        return None  # ages ("22 Jahre alt", "ab 16 Jahren") are not time spans
    parts = [_duration_part(m["n"], m["u"])]
    if parts[0] and _HALF.search(ctx.text, m.end("n"), m.start("u")):
        parts = [_halved(*parts[0])]  # "eine halbe Stunde" -> PT30M, "ein halbes Jahr" -> P6M
    if m["n2"]:
        parts.append(_duration_part(m["n2"], m["u2"]))
    if None in parts:
        return None
    date_part = "".join(p for p, is_time in parts if not is_time)
    time_part = "".join(p for p, is_time in parts if is_time)
    return "DURATION", "P" + date_part + (f"T{time_part}" if time_part else "")


def _h_vague_duration(m: re.Match[str], ctx: _Context) -> Result:
    stem = next(u for u in (m.groupdict().get(g) for g in ("u", "u2", "u3")) if u)
    letter, is_time = _unit(stem)
    return "DURATION", ("PT" if is_time else "P") + "X" + letter


def _h_compound_duration(m: re.Match[str], ctx: _Context) -> Result:
    """Adjectives like "einwöchigen" ("-jährig" is left out: it mostly gives ages)."""
    letter = _DURATION_ADJECTIVES[m["u"]]
    n = _number(m["n"])
    return ("DURATION", f"P{_fmt_num(n)}{letter}") if n else None


def _h_set(m: re.Match[str], ctx: _Context) -> Result:
    unit = m["u"]
    every = _ORDINALS[re.sub(r"e[nmrs]?$", "", m["o"])] if m["o"] else 1
    for name, wd in _WEEKDAYS.items():
        if unit.startswith(name):
            part = unit[len(name):]
            return "SET", f"XXXX-WXX-{wd}" + (f"T{_PARTS[part]}" if part in _PARTS else "")
    if unit in _PARTS:
        return "SET", f"T{_PARTS[unit]}"
    if unit.startswith(tuple(_SEASONS)):
        return "SET", f"XXXX-{_season_code(unit)}"
    letter, is_time = _unit(unit)
    return "SET", ("PT" if is_time else "P") + f"{every}{letter}"


def _h_adverb_set(m: re.Match[str], ctx: _Context) -> Result:
    return "SET", _ADVERB_SETS[m["a"].lower()]


def _h_weekday_set(m: re.Match[str], ctx: _Context) -> Result:
    if not ctx.text[m.start()].islower():
        return None  # capitalised "Montags" is a genitive noun, not "every Monday"
    wd = _WEEKDAYS[m["wd"].lower()]
    part = m["part"] or m["part2"]  # "donnerstagabends", "donnerstags abends"
    return "SET", f"XXXX-WXX-{wd}" + (f"T{_PARTS[part.lower()]}" if part else "")


def _h_per_unit(m: re.Match[str], ctx: _Context) -> Result:
    letter, is_time = _unit(m["u"])
    return "SET", ("PT1" if is_time else "P1") + letter


def _h_every_n(m: re.Match[str], ctx: _Context) -> Result:
    n = _number(m["n"])
    letter, is_time = _unit(m["u"])
    return ("SET", ("PT" if is_time else "P") + f"{_fmt_num(n)}{letter}") if n else None


# an amount in the clause before a rate phrase: digits or a number word
_AMOUNT = re.compile(rf"\d|\b(?:{_alt(_column('numbers', 'word', kind='cardinal'))})\b",
                     re.IGNORECASE)
_CLAUSE_START = re.compile(r".*[,;:.!?(–]", re.DOTALL)


def _h_rate(m: re.Match[str], ctx: _Context) -> Result:
    """"500 Euro im Monat": a rate (SET) when its clause names an amount before it."""
    before = ctx.text[max(0, m.start() - 80):m.start()]
    clause = before[_CLAUSE_START.match(before).end():] if _CLAUSE_START.match(before) else before
    if not _AMOUNT.search(clause):
        return None
    return "SET", _RATES[" ".join(m["r"].split())]


def _h_monthly_weekday(m: re.Match[str], ctx: _Context) -> Result:
    """"(jeden) ersten Montag im Monat": recurring, on that weekday."""
    return "SET", f"XXXX-WXX-{_WEEKDAYS[m['wd']]}"
