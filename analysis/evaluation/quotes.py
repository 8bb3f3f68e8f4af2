"""Quotes against gold: redewiedergabe, a small modern news set, and news speakers by hand.

redewiedergabe is historical (1840–1919); the speaker set (issue 14) is real news articles whose
quotes were annotated by hand.

`python -m analysis.evaluate quotes --gold PATH [--gold PATH ...] [--text-type Nachrichten|all]
[--limit N]`
`python -m analysis.evaluate quotes --speakers GOLD.jsonl --corpus CORPUS [--errors]`

GOLD.jsonl is tests/fixtures/quotes/news_speakers_{dev,test}.jsonl: one article a line, {"corpus",
"doc", "sha1", "quotes": [{"kind", "anchor", "speaker"}]}, no article text (licence); CORPUS is
where the texts are (../shared/data/KRAUTS, or a 10kGNAD-style CSV keyed by row). Figures: recall
of gold quotes, speaker accuracy over found quotes, "" given where gold names a speaker, junk
speakers; docs/news-speakers.md has the guidelines and how the articles were drawn.

PATH is the redewiedergabe folder (its `data/main/tsv` files; the non-fiction subset, news by
default; e.g. ../shared/data/redewiedergabe) or a JSONL file of our own
(tests/fixtures/quotes/news.jsonl: one document per line, {"id", "text", "quotes": [{"kind",
"quote", "speaker"}]}, each quote a substring of text). Give at least one.

Scoring works on words (runs of \\w), so tokenisation and punctuation do not count. For direct and
indirect speech separately: span precision/recall/F1, where a predicted span is right when it
shares a word with a gold span of the same kind, and word-level F1. Speaker accuracy is over gold
quotes with a speaker that were found: right when the speaker mentions overlap or the names agree
("Peskow" and "Choe" fit "Dmitri Peskow" and "Choe Son Hui").
"""

from __future__ import annotations

import argparse
import bisect
import csv
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.quotes import extract_quotes

FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "quotes" / "news.jsonl"
KINDS = ("direct", "indirect")
WORD = re.compile(r"\w+")
NO_SPACE_BEFORE = set(",.;:!?)]“”«’'…")
NO_SPACE_AFTER = set("„»([‚")


@dataclass(frozen=True)
class Span:
    """A quote as sets of word indices, gold or predicted."""

    kind: str
    words: frozenset[int]
    speaker: str = ""
    speaker_words: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    quotes: tuple[Span, ...]


class Words:
    """Word offsets of a text, to turn character spans into word index sets."""

    def __init__(self, text: str) -> None:
        matches = list(WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def within(self, start: int, end: int) -> frozenset[int]:
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end)
        return frozenset(range(first, last))


def same_speaker(gold: Span, predicted: Span) -> bool:
    """Mentions overlap, or one name starts or ends the other ("Peskow" / "Dmitri Peskow")."""
    if gold.speaker_words & predicted.speaker_words:
        return True
    names = [span.speaker.casefold().split() for span in (gold, predicted)]
    if not all(names):
        return False
    shorter, longer = sorted(names, key=len)
    return shorter in (longer[: len(shorter)], longer[-len(shorter) :])


def score(gold: Iterable[Span], predicted: Iterable[Span]) -> Counter[str]:
    """Counts for one document; `report` turns summed counts into figures."""
    gold, predicted = list(gold), list(predicted)
    counts: Counter[str] = Counter()
    for kind in KINDS:
        gold_kind = [g for g in gold if g.kind == kind]
        predicted_kind = [p for p in predicted if p.kind == kind]
        counts[f"{kind}_gold"] += len(gold_kind)
        counts[f"{kind}_predicted"] += len(predicted_kind)
        counts[f"{kind}_found"] += sum(
            any(g.words & p.words for p in predicted_kind) for g in gold_kind
        )
        counts[f"{kind}_right"] += sum(
            any(g.words & p.words for g in gold_kind) for p in predicted_kind
        )
        gold_words = frozenset().union(*(g.words for g in gold_kind))
        predicted_words = frozenset().union(*(p.words for p in predicted_kind))
        counts[f"{kind}_gold_words"] += len(gold_words)
        counts[f"{kind}_predicted_words"] += len(predicted_words)
        counts[f"{kind}_shared_words"] += len(gold_words & predicted_words)
    for g in gold:
        if not (g.speaker or g.speaker_words):
            continue
        overlapping = [p for p in predicted if p.words & g.words]
        if overlapping:
            best = max(overlapping, key=lambda p: len(p.words & g.words))
            counts["speaker_judged"] += 1
            counts["speaker_right"] += same_speaker(g, best)
        else:
            counts["speaker_missed"] += 1
    return counts


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def report(counts: Counter[str]) -> pd.DataFrame:
    """Precision, recall and F1 per kind (spans and words), and speaker accuracy."""
    rows = []
    for kind in KINDS:
        precision = _ratio(counts[f"{kind}_right"], counts[f"{kind}_predicted"])
        recall = _ratio(counts[f"{kind}_found"], counts[f"{kind}_gold"])
        word_p = _ratio(counts[f"{kind}_shared_words"], counts[f"{kind}_predicted_words"])
        word_r = _ratio(counts[f"{kind}_shared_words"], counts[f"{kind}_gold_words"])
        rows.append(
            (
                kind,
                counts[f"{kind}_gold"],
                counts[f"{kind}_predicted"],
                precision,
                recall,
                _f1(precision, recall),
                _f1(word_p, word_r),
            )
        )
    frame = pd.DataFrame(
        rows, columns=["kind", "gold", "predicted", "precision", "recall", "f1", "word_f1"]
    )
    judged = counts["speaker_judged"]
    frame.attrs["speaker_accuracy"] = _ratio(counts["speaker_right"], judged)
    frame.attrs["speaker_judged"] = judged
    frame.attrs["speaker_missed"] = counts["speaker_missed"]
    return frame


def predicted_spans(text: str, words: Words) -> list[Span]:
    return [
        Span(
            row.kind,
            words.within(row.start, row.end),
            row.speaker,
            words.within(row.speaker_start, row.speaker_end)
            if row.speaker_start >= 0
            else frozenset(),
        )
        for row in extract_quotes(text).itertuples(index=False)
    ]


# Gold readers -----------------------------------------------------------------------------------


def read_jsonl(path: Path) -> Iterator[Document]:
    """Our modern news set: quotes given by their text, speakers by name."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text, words, spans = record["text"], Words(record["text"]), []
        for quote in record["quotes"]:
            start = text.index(quote["quote"])
            spans.append(
                Span(
                    quote["kind"],
                    words.within(start, start + len(quote["quote"])),
                    quote.get("speaker", ""),
                )
            )
        yield Document(str(record["id"]), text, tuple(spans))


def _stwr_kind(annotation: str) -> tuple[str, str] | None:
    """("direct" | "indirect", id) of one stwr annotation; free indirect and reported skipped."""
    kind, _, rest = annotation.partition(".")
    ident = rest.split(".")[1] if "." in rest else ""
    alternatives = kind.split("_")
    for wanted in KINDS:
        if wanted in alternatives:
            return wanted, ident
    return None


def read_redewiedergabe_file(path: Path) -> Document:
    """Rebuild running text from the tokens and collect direct and indirect speech per id."""
    text, spans, speakers = "", {}, {}
    straight_open = glue_next = False
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            token = row["tok"]
            glue = glue_next or not text or text[-1] in NO_SPACE_AFTER or token in NO_SPACE_BEFORE
            if token == '"':  # straight quotes alternate: the closing one sticks to the word before
                glue, straight_open = straight_open, not straight_open
            glue_next = token == '"' and straight_open
            text += ("" if glue else " ") + token
            start, end = len(text) - len(token), len(text)
            for annotation in row["stwr"].split("|"):
                found = _stwr_kind(annotation) if annotation != "-" else None
                if found:
                    spans.setdefault(found, []).append((start, end))
            if row["speaker"] != "-":
                for ident in row["speaker"].split(".", 1)[1].split("_"):
                    speakers.setdefault(ident, []).append((start, end))
    words = Words(text)
    quotes = []
    for (kind, ident), chars in spans.items():
        quote_words = frozenset().union(*(words.within(s, e) for s, e in chars))
        speaker_chars = speakers.get(ident, [])
        speaker = " ".join(text[s:e] for s, e in speaker_chars)
        speaker_words = frozenset().union(*(words.within(s, e) for s, e in speaker_chars))
        if quote_words:
            quotes.append(Span(kind, quote_words, speaker, speaker_words))
    return Document(path.stem, text, tuple(quotes))


def _tsv_folder(folder: Path) -> Path:
    """Where redewiedergabe's TSV files lie: its `data/main/tsv`, or the folder itself."""
    return folder / "data" / "main" / "tsv" if (folder / "data").is_dir() else folder


def read_redewiedergabe(folder: Path, text_type: str) -> Iterator[Document]:
    """The non-fiction files present, filtered by metadata text_type ("all" keeps every one)."""
    tsv = _tsv_folder(folder)
    with (tsv / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        metadata = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in metadata:
        path = tsv / row["file"]
        if path.exists() and row["fictional"] == "no" and text_type in ("all", row["text_type"]):
            yield read_redewiedergabe_file(path)


def read_gold(path: Path, text_type: str) -> Iterator[Document]:
    return read_jsonl(path) if path.suffix == ".jsonl" else read_redewiedergabe(path, text_type)


def gold_problem(path: Path) -> str | None:
    """Why `path` cannot be read as gold data, naming the file; None when it can."""
    if not path.exists():
        return f"--gold {path}: no such file or folder"
    if path.is_file() and path.suffix == ".jsonl":
        return None
    metadata = _tsv_folder(path) / "metadata.tsv"
    if not metadata.is_file():
        return f"--gold {path}: neither a JSONL file nor a redewiedergabe folder (no {metadata})"
    return None


# News speakers: hand-annotated anchors and speakers over a corpus not stored in the repo ----------

SPEAKER_FIXTURES = FIXTURE.parent
# An article is eligible for the speaker set when it has one closed pair of these marks.
QUOTED = re.compile(r'„[^„“]+“|»[^»«]+«|"[^"]+"')
SEED = 14  # issue 14: the articles of tests/fixtures/quotes/news_speakers_{dev,test}.jsonl


def _order(key: str) -> tuple[int, int | str]:
    """Row numbers in numeric order, file names in code-point order."""
    return (0, int(key)) if key.isdigit() else (1, key)


def corpus_texts(path: Path) -> dict[str, str]:
    """Key → article text: a 10kGNAD CSV (`label;'text'`, key = row index from 0) or a KRAUTS
    folder (key = `<sub-corpus>_raw-text/<file>`, text = the TEXT section of the raw file)."""
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter=";", quotechar="'")
            return {str(i): row[1] for i, row in enumerate(rows) if len(row) >= 2}
    from analysis.evaluation.timex import read_timeml  # lazy: it loads the temporal tagger

    return {
        f"{file.parent.name}/{file.name}": read_timeml(file)[0]
        for file in sorted(path.rglob("*_raw-text/*.tml"))
    }


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def choose_articles(texts: dict[str, str], count: int, seed: int = SEED) -> list[str]:
    """`count` keys of articles with a closed pair of quote marks, drawn with a fixed seed from
    the eligible keys in `_order`, so the same corpus always gives the same set."""
    eligible = sorted((key for key, text in texts.items() if QUOTED.search(text)), key=_order)
    return random.Random(seed).sample(eligible, count)


@dataclass(frozen=True)
class Aligned:
    """One gold quote of the speaker set with the system quote aligned to it (None: missed)."""

    doc: str
    anchor: str
    gold: str
    system: str | None


def anchor_words(text_words: list[str], anchor: str) -> frozenset[int]:
    """Word indices of the anchor's first occurrence in the text (case-insensitive), or none."""
    wanted = [word.casefold() for word in WORD.findall(anchor)]
    for i in range(len(text_words) - len(wanted) + 1):
        if text_words[i : i + len(wanted)] == wanted:
            return frozenset(range(i, i + len(wanted)))
    return frozenset()


def align(
    doc: str, text: str, gold: list[dict], rows: pd.DataFrame
) -> tuple[list[Aligned], list[Any]]:
    """Pair gold anchors and system quotes one to one, the largest word overlap first; a pair
    needs half the anchor's words (at least one). Returns the pairs and the system rows left."""
    words = Words(text)
    text_words = [word.casefold() for word in WORD.findall(text)]
    anchors = [anchor_words(text_words, quote["anchor"]) for quote in gold]
    spans = [words.within(row.start, row.end) for row in rows.itertuples(index=False)]
    pairs = sorted(
        ((len(a & s), g, r) for g, a in enumerate(anchors) for r, s in enumerate(spans)
         if a and len(a & s) >= max(1, len(a) // 2)),
        key=lambda pair: -pair[0],
    )
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _, g, r in pairs:
        if g not in taken and r not in used:
            taken[g] = r
            used.add(r)
    speakers = rows["speaker"].tolist()
    aligned = [
        Aligned(doc, quote["anchor"], quote["speaker"],
                speakers[taken[g]] if g in taken else None)
        for g, quote in enumerate(gold)
    ]
    return aligned, [row for r, row in enumerate(rows.itertuples(index=False)) if r not in used]


def speaker_matches(gold: str, system: str) -> bool:
    """Both unknown (""), or the same name ignoring case, or one name's last or first words
    are the other ("Merkel" / "Angela Merkel")."""
    if not gold or not system:
        return gold == system
    return same_speaker(Span("direct", frozenset(), gold), Span("direct", frozenset(), system))


def speaker_report(aligned: list[Aligned], spurious: int, spurious_named: int) -> dict[str, float]:
    """Recall of gold quotes, speaker accuracy over found ones, the share of "" where gold
    names a speaker, and the share of named system speakers that are junk."""
    found = [a for a in aligned if a.system is not None]
    with_speaker = [a for a in found if a.gold]
    named = [a for a in found if a.system]
    junk = [a for a in named if not speaker_matches(a.gold, a.system or "")]
    return {
        "gold": len(aligned),
        "found": len(found),
        "recall": _ratio(len(found), len(aligned)),
        "speaker_accuracy": _ratio(sum(speaker_matches(a.gold, a.system or "") for a in found),
                                   len(found)),
        "gold_named": len(with_speaker),
        "unknown_share": _ratio(sum(not a.system for a in with_speaker), len(with_speaker)),
        "system_named": len(named),
        "junk_share": _ratio(len(junk), len(named)),
        "spurious": spurious,
        "spurious_named": spurious_named,
    }


def read_speaker_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def evaluate_speakers(gold_path: Path, corpus: Path, errors: bool = False) -> dict[str, float]:
    """Run the quote step on each gold article of `corpus` and print the speaker figures."""
    texts = corpus_texts(corpus)
    aligned: list[Aligned] = []
    left: list[tuple[str, Any]] = []  # (doc, system row) matching no gold quote
    records = read_speaker_gold(gold_path)
    for record in records:
        text = texts.get(str(record["doc"]))
        if text is None or sha1(text) != record["sha1"]:
            raise SystemExit(f"{gold_path}: article {record['doc']} is missing from {corpus} or"
                             " its text changed (sha1 differs)")
        pairs, rest = align(str(record["doc"]), text, record["quotes"], extract_quotes(text))
        aligned += pairs
        left += [(str(record["doc"]), row) for row in rest]
    figures = speaker_report(aligned, len(left), sum(1 for _, row in left if row.speaker))
    print(f"{gold_path} ({len(records)} articles)")
    print(
        f"gold quotes {figures['gold']}, found {figures['found']} "
        f"(recall {figures['recall']:.3f})\n"
        f"speaker accuracy {figures['speaker_accuracy']:.3f} over found quotes\n"
        f"unknown (\"\") where gold names a speaker {figures['unknown_share']:.3f} "
        f"of {figures['gold_named']}\n"
        f"junk speakers {figures['junk_share']:.3f} of {figures['system_named']} named\n"
        f"system quotes matching no gold quote {figures['spurious']} "
        f"({figures['spurious_named']} with a speaker)"
    )
    if errors:
        print("\nwrong speakers (doc | anchor | gold | system):")
        for a in aligned:
            if a.system is not None and not speaker_matches(a.gold, a.system):
                print(f"  {a.doc} | {a.anchor} | {a.gold!r} | {a.system!r}")
        print("missed gold quotes (doc | anchor | gold):")
        for a in aligned:
            if a.system is None:
                print(f"  {a.doc} | {a.anchor} | {a.gold!r}")
        print("system quotes matching no gold quote, with a speaker (doc | speaker | quote):")
        for doc, row in left:
            if row.speaker:
                print(f"  {doc} | {row.speaker!r} | {row.quote[:60]}")
    return figures


def evaluate(documents: Iterable[Document]) -> pd.DataFrame:
    counts: Counter[str] = Counter()
    for document in documents:
        counts += score(document.quotes, predicted_spans(document.text, Words(document.text)))
    return report(counts)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.evaluate quotes", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        default=[],
        help="redewiedergabe folder or JSONL file such as tests/fixtures/quotes/news.jsonl"
        " (repeatable)",
    )
    parser.add_argument(
        "--text-type",
        default="Nachrichten",
        help="redewiedergabe text_type to keep, or 'all' (default: Nachrichten)",
    )
    parser.add_argument("--limit", type=int, help="evaluate on the first N documents only")
    parser.add_argument(
        "--speakers",
        type=Path,
        action="append",
        default=[],
        help="speaker gold by anchor, e.g. tests/fixtures/quotes/news_speakers_dev.jsonl"
        " (repeatable; needs --corpus)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="the articles --speakers refers to: a KRAUTS folder (../shared/data/KRAUTS) or a"
        " 10kGNAD-style CSV",
    )
    parser.add_argument(
        "--errors", action="store_true", help="with --speakers: list wrong and missed quotes"
    )
    args = parser.parse_args(argv)
    if not args.gold and not args.speakers:
        parser.error("give --gold PATH, or --speakers GOLD.jsonl with --corpus PATH")
    if args.speakers and (args.corpus is None or not args.corpus.exists()):
        parser.error(f"--speakers needs --corpus with the articles (got {args.corpus})")
    for path in args.gold:
        problem = gold_problem(path)
        if problem:
            parser.error(problem)
    for path in args.speakers:
        if not path.is_file() or path.suffix != ".jsonl":
            parser.error(f"--speakers {path}: no such JSONL file")
    for path in args.gold:
        documents = list(read_gold(path, args.text_type))[: args.limit]
        frame = evaluate(documents)
        print(f"{path} ({len(documents)} documents)")
        print(frame.to_string(index=False, float_format="{:.3f}".format))
        print(
            f"speaker accuracy {frame.attrs['speaker_accuracy']:.3f} over "
            f"{frame.attrs['speaker_judged']} found quotes with a gold speaker "
            f"({frame.attrs['speaker_missed']} not found)\n"
        )
    for path in args.speakers:
        evaluate_speakers(path, args.corpus, args.errors)
        print()
    return 0
