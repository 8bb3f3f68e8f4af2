"""Entity sets of news articles against hand annotations:
`python -m analysis.evaluate news --gold DIR --corpus FILE [--split dev|test|all] [--errors]`.

GermEval scores mentions in sentences from 2010 Wikipedia and news; what the pipeline's tables
and pages show is different: per article, the distinct entities, each once, with a type. This
compares that to hand-annotated 10kGNAD articles (tests/fixtures/news_entities/, guidelines in
docs/news-entities.md). The gold holds only row numbers and SHA-1 of the texts (the corpus is
CC BY-NC-SA), so the articles are read from the user's copy of 10kGNAD's test.csv and checked.

A system entity (one `entity` value of the article's name mentions, as `annotate` links them)
matches a gold entity when its name or one of its mention texts equals one of the gold forms,
case-insensitively and also with a genitive -s removed. Entities are then paired one to one
(a maximum matching), so a gold entity found as two system entities counts one hit and one
spurious entity, and one system entity standing for two gold entities one hit and one miss;
splits and merges are also counted on their own. Typed figures pair only entities of the same
type. The headline is over PER/LOC/ORG: gold MISC entities are left out, and so are system
entities that match only gold MISC entities or, matching nothing, are MISC themselves.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.document import Doc
from analysis.entities import annotate, genitive_stem, load_aliases

TYPES = ("PER", "LOC", "ORG", "MISC")
HEADLINE = ("PER", "LOC", "ORG")
SPLITS = ("dev", "test")
# How the articles were drawn (`draw`); recorded in the first line of each gold file.
SEED = 14
LABELS = ("Inland", "International", "Wirtschaft", "Sport", "Kultur", "Web", "Etat", "Panorama",
          "Wissenschaft")
WORDS = (120, 700)
SIZES = {"dev": 20, "test": 40}


@dataclass(frozen=True)
class Entity:
    """One entity of an article: canonical name, type and the strings that name it."""

    name: str
    type: str
    forms: tuple[str, ...]


@dataclass
class Article:
    """A gold record with its text: the unit that is scored."""

    row: int
    label: str
    text: str
    gold: list[Entity]


# Scoring ------------------------------------------------------------------------------------

def keys(surface: str) -> set[str]:
    """The comparison keys of a form or mention: case-folded, spaces and apostrophes unified, with
    and without a genitive ending (Merkels, Scholz', Merkel's)."""
    text = re.sub(r"\s+", " ", surface.replace("’", "'")).strip().casefold()
    found = {text}
    stem = text[:-2] if text.endswith("'s") else genitive_stem(text)
    if stem:
        found.add(stem)
    return found


def match_graph(gold: Sequence[Entity], system: Sequence[Entity]) -> list[set[int]]:
    """For each system entity, the indices of the gold entities it matches."""
    index: defaultdict[str, set[int]] = defaultdict(set)
    for number, entity in enumerate(gold):
        for form in entity.forms:
            for key in keys(form):
                index[key].add(number)
    return [set().union(*(index.get(key, set()) for surface in (entity.name, *entity.forms)
                          for key in keys(surface)))
            for entity in system]


def pairing(edges: list[set[int]], allowed: Callable[[int, int], bool]) -> dict[int, int]:
    """A maximum one-to-one pairing of system to gold entities over the allowed edges (augmenting
    paths; articles have at most a few hundred entities). Returns gold index → system index."""
    paired: dict[int, int] = {}

    def extend(s: int, seen: set[int]) -> bool:
        for g in sorted(edges[s]):
            if g in seen or not allowed(s, g):
                continue
            seen.add(g)
            if g not in paired or extend(paired[g], seen):
                paired[g] = s
                return True
        return False

    for s in range(len(edges)):
        extend(s, set())
    return paired


@dataclass
class Counts:
    """Hits, gold and system entity counts of one view, summed over articles."""

    hits: int = 0
    gold: int = 0
    system: int = 0

    def add(self, hits: int, gold: int, system: int) -> None:
        self.hits += hits
        self.gold += gold
        self.system += system

    def prf(self) -> tuple[float, float, float]:
        precision = self.hits / self.system if self.system else 0.0
        recall = self.hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if self.hits else 0.0
        return precision, recall, f1


@dataclass
class Score:
    """Everything reported for a set of articles."""

    articles: int = 0
    typed: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    untyped: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    splits: int = 0
    merges: int = 0


@dataclass
class Comparison:
    """One article's gold and system entities, their matches and pairings (all types)."""

    gold: list[Entity]
    system: list[Entity]
    edges: list[set[int]]
    untyped: dict[int, int]
    typed: dict[int, int]

    @property
    def splits(self) -> dict[int, list[int]]:
        """Gold entities matched by two or more system entities, with those entities."""
        found: defaultdict[int, list[int]] = defaultdict(list)
        for s, golds in enumerate(self.edges):
            for g in golds:
                found[g].append(s)
        return {g: systems for g, systems in sorted(found.items()) if len(systems) > 1}

    @property
    def merges(self) -> dict[int, list[int]]:
        """System entities matching two or more gold entities, with those entities."""
        return {s: sorted(golds) for s, golds in enumerate(self.edges) if len(golds) > 1}


def compare(gold: Sequence[Entity], system: Sequence[Entity]) -> Comparison:
    edges = match_graph(gold, system)
    return Comparison(list(gold), list(system), edges,
                      pairing(edges, lambda s, g: True),
                      pairing(edges, lambda s, g: system[s].type == gold[g].type))


def headline_view(comparison: Comparison) -> Comparison:
    """The comparison restricted to PER/LOC/ORG (see the module docstring for the rule)."""
    keep_gold = [g for g, entity in enumerate(comparison.gold) if entity.type in HEADLINE]
    keep_system = [
        s for s, golds in enumerate(comparison.edges)
        if any(comparison.gold[g].type in HEADLINE for g in golds)
        or (not golds and comparison.system[s].type in HEADLINE)
    ]
    return compare([comparison.gold[g] for g in keep_gold],
                   [comparison.system[s] for s in keep_system])


def add_article(score: Score, comparison: Comparison) -> None:
    """Add one article's figures to `score`."""
    score.articles += 1
    views = {"PER+LOC+ORG": headline_view(comparison), "all types": comparison}
    for view, part in views.items():
        score.typed[view].add(len(part.typed), len(part.gold), len(part.system))
        score.untyped[view].add(len(part.untyped), len(part.gold), len(part.system))
    for kind in TYPES:
        hits = sum(comparison.gold[g].type == kind for g in comparison.typed)
        score.per_type[kind].add(hits, sum(e.type == kind for e in comparison.gold),
                                 sum(e.type == kind for e in comparison.system))
    score.splits += len(comparison.splits)
    score.merges += len(comparison.merges)


# The system side ----------------------------------------------------------------------------

def system_entities(rows: Iterable[tuple]) -> list[Entity]:
    """Distinct entities of an article's mention rows (MENTION_COLUMNS order: doc_id,
    sentence_id, start, end, text, label, entity, kind), in order of first mention.

    Name mentions make the entities, each typed by its most frequent label. Demonym and role
    mentions only add their texts to an entity that is also named; alone they are no entity
    (the guidelines count named entities only).
    """
    texts: dict[str, list[str]] = {}
    labels: defaultdict[str, Counter[str]] = defaultdict(Counter)
    others = []
    for row in rows:
        text, label, entity, kind = row[4], row[5], row[6], row[7]
        if kind != "name":
            others.append((entity, text))
            continue
        texts.setdefault(entity, [])
        if text not in texts[entity]:
            texts[entity].append(text)
        labels[entity][label] += 1
    for entity, text in others:
        if entity in texts and text not in texts[entity]:
            texts[entity].append(text)
    return [Entity(entity, labels[entity].most_common(1)[0][0], tuple(forms))
            for entity, forms in texts.items()]


def recognise(text: str, aliases: dict | None = None) -> list[Entity]:
    """The pipeline's entity step on one article (`annotate`, as `analyze_article` runs it)."""
    return system_entities(annotate(Doc.parse(text, "news"), aliases))


# Data ---------------------------------------------------------------------------------------

def read_corpus(path: Path) -> list[tuple[str, str]]:
    """10kGNAD's `label;'text'` rows (no header), as (label, text)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";", quotechar="'"))
    bad = [n for n, row in enumerate(rows) if len(row) != 2]
    if bad:
        raise ValueError(f"{path}: row {bad[0]} has {len(rows[bad[0]])} fields, not label;'text'")
    return [(label, text) for label, text in rows]


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_gold(path: Path) -> tuple[dict, list[dict]]:
    """The `meta` record and the article records of a JSON-lines gold file; a broken line or
    record is an error naming file and line."""
    meta, records = {}, []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: line {number}: invalid JSON ({error.msg})") from None
            if "meta" in record:
                meta = record["meta"]
                continue
            missing = {"row", "sha1", "entities"} - set(record)
            wrong = [e for e in record.get("entities", [])
                     if e.get("type") not in TYPES or not e.get("forms")]
            if missing or wrong:
                problem = (f"lacks {', '.join(sorted(missing))}" if missing else
                           f"entity {wrong[0].get('name')!r} needs a type in {TYPES} and forms")
                raise ValueError(f"{path}: line {number}: {problem}")
            records.append(record)
    return meta, records


def articles(gold_path: Path, corpus: list[tuple[str, str]], corpus_path: Path) -> list[Article]:
    """The gold records of one file with their texts from the corpus, checked by SHA-1."""
    _, records = read_gold(gold_path)
    found = []
    for record in records:
        row = record["row"]
        if not 0 <= row < len(corpus):
            raise ValueError(f"{gold_path}: row {row} is not in {corpus_path} "
                             f"({len(corpus)} rows): is it 10kGNAD's test.csv?")
        label, text = corpus[row]
        if sha1(text) != record["sha1"]:
            raise ValueError(f"{gold_path}: row {row}: the text in {corpus_path} does not match "
                             f"the annotated one (sha1 {sha1(text)[:12]}…, expected "
                             f"{record['sha1'][:12]}…): another version of the corpus?")
        gold = [Entity(e["name"], e["type"], tuple(e["forms"])) for e in record["entities"]]
        found.append(Article(row, label, text, gold))
    return found


def draw(corpus: list[tuple[str, str]], seed: int = SEED) -> dict[str, list[int]]:
    """The sample: per category, the rows of WORDS length shuffled with `seed`; then one row per
    category in turn (LABELS order) until dev and test are full, dev first."""
    rng = random.Random(seed)
    pools = {}
    for label in LABELS:
        pool = [n for n, (row_label, text) in enumerate(corpus)
                if row_label == label and WORDS[0] <= len(text.split()) <= WORDS[1]]
        rng.shuffle(pool)
        pools[label] = pool
    order = [pools[label][k] for k in range(max(SIZES.values())) for label in LABELS
             if k < len(pools[label])]
    return {"dev": order[: SIZES["dev"]],
            "test": order[SIZES["dev"] : SIZES["dev"] + SIZES["test"]]}


# Report -------------------------------------------------------------------------------------

def report(name: str, score: Score, gold_types: Counter, system_types: Counter) -> str:
    def figures(counts: Counts) -> str:
        return " ".join(f"{value:6.3f}" for value in counts.prf())

    lines = [
        f"{name}: {score.articles} articles; gold entities "
        + ", ".join(f"{kind} {gold_types[kind]}" for kind in TYPES)
        + "; system entities " + ", ".join(f"{kind} {system_types[kind]}" for kind in TYPES),
        f"{'':<14}{'typed P':>8}{'R':>7}{'F1':>7}   {'untyped P':>9}{'R':>7}{'F1':>7}"
        f"{'gold':>7}{'system':>8}",
    ]
    for view in ("PER+LOC+ORG", "all types"):
        typed, untyped = score.typed[view], score.untyped[view]
        lines.append(f"{view:<14} {figures(typed)}    {figures(untyped)}"
                     f"{typed.gold:7d}{typed.system:8d}")
    lines.append(f"{'type':<14}{'P':>8}{'R':>7}{'F1':>7}{'gold':>7}{'system':>8}")
    for kind in TYPES:
        counts = score.per_type[kind]
        lines.append(f"{kind:<14} {figures(counts)}{counts.gold:7d}{counts.system:8d}")
    lines.append(f"splits {score.splits} (gold entities found as 2+ system entities), "
                 f"merges {score.merges} (system entities standing for 2+ gold entities)")
    return "\n".join(lines)


def errors(article: Article, comparison: Comparison) -> str:
    """What went wrong in one article, for --errors."""
    gold, system, edges = comparison.gold, comparison.system, comparison.edges
    matched = set().union(*edges) if edges else set()

    def show(entity: Entity) -> str:
        forms = " | ".join(entity.forms)
        return f"{entity.name} [{entity.type}]" + (f" ({forms})" if forms != entity.name else "")

    lines = [f"row {article.row} ({article.label}): {len(gold)} gold, {len(system)} system"]
    missed = [show(gold[g]) for g in range(len(gold)) if g not in matched]
    spurious = [show(system[s]) for s in range(len(system)) if not edges[s]]
    wrong = [f"{gold[g].name}: {gold[g].type}, system {system[s].type} ({system[s].name})"
             for g, s in sorted(comparison.untyped.items()) if gold[g].type != system[s].type]
    split = [f"{gold[g].name} [{gold[g].type}] ← " + " + ".join(system[s].name for s in ss)
             for g, ss in comparison.splits.items()]
    merged = [f"{system[s].name} [{system[s].type}] → " + " + ".join(gold[g].name for g in gs)
              for s, gs in comparison.merges.items()]
    for title, items in (("missed", missed), ("spurious", spurious), ("wrong type", wrong),
                         ("split", split), ("merged", merged)):
        if items:
            lines.append(f"  {title} ({len(items)}): " + "; ".join(items))
    return "\n".join(lines)


def evaluate(found: list[Article], recogniser: Callable[[str], list[Entity]] = recognise,
             show_errors: bool = False) -> tuple[Score, Counter, Counter, list[str]]:
    """Score a list of articles; returns the score, gold and system type counts, error texts."""
    score, gold_types, system_types, notes = Score(), Counter(), Counter(), []
    for article in found:
        comparison = compare(article.gold, recogniser(article.text))
        add_article(score, comparison)
        gold_types.update(e.type for e in comparison.gold)
        system_types.update(e.type for e in comparison.system)
        if show_errors:
            notes.append(errors(article, comparison))
    return score, gold_types, system_types, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate news",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True,
                        help="folder with dev.jsonl and test.jsonl (tests/fixtures/news_entities)")
    parser.add_argument("--corpus", type=Path, required=True, help="10kGNAD's test.csv")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all",
                        help="which annotated articles to score (default: all, each split apart)")
    parser.add_argument("--errors", action="store_true",
                        help="list missed, spurious, wrong-type, split and merged entities")
    args = parser.parse_args(argv)
    names = SPLITS if args.split == "all" else (args.split,)
    paths = {name: args.gold / f"{name}.jsonl" for name in names}
    for path in (*paths.values(), args.corpus):
        if not path.is_file():
            parser.error(f"{path} does not exist")
    corpus = read_corpus(args.corpus)
    table = load_aliases()
    for name, path in paths.items():
        found = articles(path, corpus, args.corpus)
        score, gold_types, system_types, notes = evaluate(
            found, lambda text: recognise(text, table), args.errors)
        print(report(name, score, gold_types, system_types))
        if notes:
            print("\n".join(notes))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
