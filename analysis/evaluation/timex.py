"""Temporal tagging against KRAUTS (TIMEX3) or WikiWarsDE (TIMEX2 gold), TempEval-3 style.

`python -m analysis.evaluate timex --gold DIR [--split tune|check] [--per-document] [--errors N]`

DIR is a KRAUTS folder (the corpus root, `KRAUTS/KRAUTS`, or one gold sub-corpus) or a WikiWarsDE
folder (anything containing `keyinline/*.key.xml`). On KRAUTS, HeidelTime's stored output beside
the gold is scored the same way and printed next to ours. The split rule (sorted file names per
sub-corpus, even positions = tune, odd = check) lets tagger work look at one half only.
"""

from __future__ import annotations

import argparse
import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from analysis.timeline import extract_timexes

__all__ = [
    "Document", "Scores", "Timex", "load_documents", "main", "match", "read_timeml",
    "read_timex2", "score", "split",
]


@dataclass(frozen=True)
class Timex:
    """One annotated expression; offsets are characters into the document's plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    text: str
    dct: str
    gold: list[Timex]
    heideltime: list[Timex] | None = None


_TAG = re.compile(r"<(/?)(TIMEX[23])\b([^>]*?)(/?)>|<[^>]+>")
_ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_VALUE_FIXES = {"PRESNT_REF": "PRESENT_REF"}
_DOT_CLOCK = re.compile(r"(T\d{2})\.(\d{2})")


def normalise_value(value: str) -> str:
    """Erase spelling variants inside the gold (`T20.30` vs `T20:30`, `PRESNT_REF`)."""
    value = _VALUE_FIXES.get(value.strip(), value.strip())
    return _DOT_CLOCK.sub(r"\1:\2", value)


def _timex2_type(attributes: dict[str, str]) -> str:
    """TIMEX2 has no type; derive the TIMEX3 one from the value (and the `set` flag)."""
    value = attributes.get("val", "")
    if attributes.get("set", "").upper() == "YES":
        return "SET"
    if value.startswith("P"):
        return "DURATION"
    return "TIME" if re.search(r"\dT|^T", value) else "DATE"


def _parse_inline(markup: str) -> tuple[str, list[Timex]]:
    """Plain text and the non-empty TIMEX2/3 spans of an inline-annotated TEXT section."""
    parts: list[str] = []
    length = 0
    open_at: tuple[int, dict[str, str]] | None = None
    timexes: list[Timex] = []
    position = 0
    for tag in _TAG.finditer(markup):
        chunk = html.unescape(markup[position:tag.start()])
        parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name, attributes, empty = tag.groups()
        if not name or empty:
            continue  # other markup, or an empty anchor TIMEX3 that covers no text
        if not closing:
            open_at = (length, dict(_ATTRIBUTE.findall(attributes)))
        elif open_at is not None:
            start, attrs = open_at
            text = "".join(parts)[start:length]
            kind = attrs.get("type") or _timex2_type(attrs)
            value = attrs.get("value", attrs.get("val", ""))
            timexes.append(Timex(start, length, text, kind, normalise_value(value)))
            open_at = None
    parts.append(html.unescape(markup[position:]))
    return "".join(parts), timexes


def read_timeml(path: Path) -> tuple[str, str, list[Timex]]:
    """(text, DCT, timexes) of a KRAUTS .tml file: gold, raw or HeidelTime output."""
    source = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*>|<DCT>.*?</DCT>', source, re.S)
    value = re.search(r'value="([^"]+)"', dct.group()) if dct else None
    body = _TEXT.search(source)
    text, timexes = _parse_inline(body.group(1) if body else "")
    return text, value.group(1) if value else "", timexes


def read_timex2(path: Path) -> tuple[str, str, list[Timex]]:
    """(text, DCT, timexes) of a WikiWarsDE `keyinline/*.key.xml` file."""
    source = path.read_text(encoding="utf-8")
    dct = re.search(r"<DATETIME>.*?val=\"([^\"]+)\"", source, re.S)
    body = _TEXT.search(source)
    text, timexes = _parse_inline(body.group(1) if body else "")
    return text, dct.group(1)[:10] if dct else "", timexes


def _krauts_gold_dirs(root: Path) -> list[Path]:
    """Gold sub-corpus folders under root (root itself if it is one)."""
    candidates = [root, *sorted(p for p in root.rglob("KRAUTS_*") if p.is_dir())]
    return [p for p in candidates if p.name.startswith("KRAUTS_")
            and not p.name.endswith(("_raw-text", "_Heideltime")) and any(p.glob("*.tml"))]


def split(names: Sequence[str], part: str) -> list[str]:
    """The fixed split: sorted names, even positions are `tune`, odd `check`, else `all`."""
    ordered = sorted(names)
    if part == "all":
        return ordered
    return ordered[0 if part == "tune" else 1::2]


def load_documents(root: Path, part: str = "all") -> tuple[str, list[Document]]:
    """("KRAUTS" or "WikiWarsDE", documents of that split) for a gold folder."""
    keyinline = sorted(root.rglob("*.key.xml"))
    if keyinline:
        chosen = set(split([p.name for p in keyinline], part))
        documents = [Document(p.name.split(".")[0], *read_timex2(p))
                     for p in keyinline if p.name in chosen]
        return "WikiWarsDE", documents
    documents = []
    for folder in _krauts_gold_dirs(root):
        heideltime = folder.with_name(folder.name + "_Heideltime")
        for name in split([p.name for p in folder.glob("*.tml")], part):
            text, dct, gold = read_timeml(folder / name)
            system = read_timeml(heideltime / name)[2] if (heideltime / name).exists() else None
            documents.append(Document(f"{folder.name}/{name}", text, dct, gold, system))
    if not documents:
        raise SystemExit(f"no KRAUTS gold .tml or WikiWarsDE keyinline files under {root}")
    return "KRAUTS", documents


# ---------------------------------------------------------------------------------------------
# Scoring: pure functions over (gold, system) lists
# ---------------------------------------------------------------------------------------------


def match(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping gold/system timexes, largest overlap first."""
    candidates = sorted(
        ((min(g.end, s.end) - max(g.start, s.start), i, j)
         for i, g in enumerate(gold) for j, s in enumerate(system)
         if g.start < s.end and s.start < g.end),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_system:
            used_gold.add(i)
            used_system.add(j)
            pairs.append((gold[i], system[j]))
    return sorted(pairs, key=lambda p: p[0].start)


@dataclass
class Scores:
    """Micro-averaged counts; the TempEval-3 figures are derived properties."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[tuple[str, Timex | None, Timex | None]] = field(default_factory=list, repr=False)

    def __add__(self, other: Scores) -> Scores:
        counts = {f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        return Scores(**counts)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        return self.prf(self.relaxed)[2] * self.value_accuracy

    def figures(self) -> dict[str, float]:
        strict, relaxed = self.prf(self.strict), self.prf(self.relaxed)
        return {
            "strict P": strict[0], "strict R": strict[1], "strict F1": strict[2],
            "relaxed P": relaxed[0], "relaxed R": relaxed[1], "relaxed F1": relaxed[2],
            "type accuracy": self.type_accuracy, "value accuracy": self.value_accuracy,
            "value F1": self.value_f1,
        }


def score(gold: Sequence[Timex], system: Sequence[Timex], name: str = "") -> Scores:
    """Counts for one document; add Scores of several documents to micro-average."""
    pairs = match(gold, system)
    matched_gold = {id(g) for g, _ in pairs}
    matched_system = {id(s) for _, s in pairs}
    result = Scores(gold=len(gold), system=len(system), relaxed=len(pairs))
    for g, s in pairs:
        result.strict += (g.start, g.end) == (s.start, s.end)
        result.type_ok += g.type == s.type
        result.value_ok += normalise_value(g.value) == normalise_value(s.value)
        if (g.start, g.end) != (s.start, s.end):
            result.errors.append((f"{name} extent", g, s))
        elif g.value != s.value or g.type != s.type:
            result.errors.append((f"{name} value", g, s))
    result.errors += [(f"{name} missed", g, None) for g in gold if id(g) not in matched_gold]
    result.errors += [(f"{name} spurious", None, s) for s in system if id(s) not in matched_system]
    return result


_FULL_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}$")
VALUE_CLASSES = ("clock time", "direction", "fraction", "vague reference", "recurring",
                 "quarter or period", "duration", "other")


def value_class(gold: Timex, ours: Timex) -> str:
    """Which kind of value error (issue 16's classes): a clock time, a weekday or date resolved
    the wrong way, a fraction, a vague reference, a recurring time, a quarter or period."""
    values = (gold.value, ours.value)
    text = gold.text.lower()
    if "SET" in (gold.type, ours.type):
        return "recurring"
    if any(value.endswith("_REF") for value in values):
        return "vague reference"
    if "halb" in text or any(re.search(r"\d\.\d", value) for value in values):
        return "fraction"
    if any("Q" in value or "H1" in value or "H2" in value for value in values) or (
            "quartal" in text or "zeitraum" in text):
        return "quarter or period"
    if "TIME" in (gold.type, ours.type) and any(re.search(r"T\d", v) for v in values):
        return "clock time"
    if all(_FULL_DATE.match(value) for value in values):
        return "direction"
    if "DURATION" in (gold.type, ours.type):
        return "duration"
    return "other"


def value_errors(scores: Scores) -> Counter:
    """Value errors (same extent, other value) by class."""
    return Counter(value_class(g, s) for kind, g, s in scores.errors
                   if kind.endswith(" value") and g is not None and s is not None
                   and normalise_value(g.value) != normalise_value(s.value))


def total(scores: Iterable[Scores]) -> Scores:
    return sum(scores, Scores())


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def tag(document: Document, narrative: bool = False) -> list[Timex]:
    """Our tagger's output on a document, as Timex records."""
    frame = extract_timexes(document.text, document.dct or None, narrative=narrative)
    return [Timex(int(r.start), int(r.end), r.text, r.type, r.value)
            for r in frame.itertuples(index=False)]


def _table(columns: dict[str, Scores]) -> str:
    names = list(columns)
    lines = [f"{'':<16}" + "".join(f"{n:>12}" for n in names)]
    for count in ("gold", "system"):
        cells = "".join(f"{getattr(s, count):>12d}" for s in columns.values())
        lines.append(f"{count:<16}" + cells)
    figures = [s.figures() for s in columns.values()]
    for key in figures[0]:
        lines.append(f"{key:<16}" + "".join(f"{f[key]:>12.3f}" for f in figures))
    return "\n".join(lines)


def _show(t: Timex | None) -> str:
    return f"[{t.text!r} {t.type} {t.value}]" if t else "-"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate timex", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, required=True, help="KRAUTS or WikiWarsDE folder")
    parser.add_argument("--split", choices=["all", "tune", "check"], default="all",
                        help="documents to score: all, even (tune) or odd (check) sorted positions")
    parser.add_argument("--narrative", choices=["auto", "yes", "no"], default="auto",
                        help="anchor relative expressions to the last date (auto: WikiWarsDE only)")
    parser.add_argument("--per-document", action="store_true", help="one line per document")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N error examples of our tagger")
    args = parser.parse_args(argv)

    corpus, documents = load_documents(args.gold, args.split)
    narrative = args.narrative == "yes" or (args.narrative == "auto" and corpus == "WikiWarsDE")
    ours = [score(d.gold, tag(d, narrative), d.name) for d in documents]
    columns = {"ours": total(ours)}
    if all(d.heideltime is not None for d in documents):
        columns["HeidelTime"] = total(score(d.gold, d.heideltime) for d in documents)
    print(f"{corpus} {args.gold}: {len(documents)} documents, split {args.split}, "
          f"narrative {'on' if narrative else 'off'}")
    if args.per_document:
        for document, s in zip(documents, ours, strict=True):
            f = s.figures()
            print(f"{document.name:<60} gold {s.gold:>3} strict {f['strict F1']:.2f} "
                  f"relaxed {f['relaxed F1']:.2f} value {f['value F1']:.2f}")
    print(_table(columns))
    by_class = {name: value_errors(s) for name, s in columns.items()}
    print("value errors by class: " + "; ".join(
        f"{name} " + ", ".join(f"{c} {counts[c]}" for c in VALUE_CLASSES if counts[c])
        for name, counts in by_class.items()))
    for kind, g, s in columns["ours"].errors[:args.errors]:
        print(f"{kind:<70} gold {_show(g)}  ours {_show(s)}")
    return 0
