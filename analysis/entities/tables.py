"""The entity tables: mention rows of one article (`annotate`, as the pipeline stores them), a
corpus's mentions linked across its articles (`mentions`, `link_corpus`), and the one-text entry
point `extract_entities`. Columns are documented in docs/tables.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from analysis.document import Doc
from analysis.entities.linking import SHORT_FORM_WORD, abbreviates, link, load_aliases
from analysis.entities.names import genitive_stem
from analysis.entities.recognition import Mention
from analysis.entities.spelling import spelling_variants
from analysis.frames import typed_frame
from analysis.language import segment

COLUMNS = ["start", "end", "text", "label", "entity", "kind"]
MENTION_COLUMNS = ["doc_id", "sentence_id", *COLUMNS]
# name: the entity is named; demonym: an adjective or inhabitant noun of a place (russischen →
# Russland); role: a function standing for a person named in the article (der Kremlchef).
KINDS = ("name", "demonym", "role")
# The labels of "who" charts and counts: MISC (works, events, leagues, products) is no actor.
WHO_LABELS = ("PER", "ORG", "LOC")


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return typed_frame(rows, COLUMNS, {"start": "int64", "end": "int64"})


def _rows(linked: list[tuple[Mention, str]], kinds: Collection[str]) -> list[tuple]:
    return [(m.start, m.end, m.text, m.label, e, m.kind) for m, e in linked if m.kind in kinds]


def extract_entities(text: str, kinds: Collection[str] = ("name",),
                     aliases: Path | str | None = None) -> pd.DataFrame:
    """Mentions in `text`: start, end, text, label, entity, kind, sorted by start.

    `kinds` selects name, demonym and role mentions (names only by default, so counts are of
    named mentions); `aliases` is an alias CSV overriding the default table.
    """
    return _frame(_rows(link(text, segment(text), load_aliases(aliases)), kinds))


def extract_entities_batch(texts: list[str], kinds: Collection[str] = ("name",),
                           aliases: Path | str | None = None) -> list[pd.DataFrame]:
    """`extract_entities` for each text, reading the alias table once."""
    table = load_aliases(aliases)
    return [_frame(_rows(link(text, segment(text), table), kinds)) for text in texts]


def link_corpus(table: pd.DataFrame, aliases: Path | str | None = None) -> pd.DataFrame:
    """One canonical name and label per entity across the articles of a mentions table.

    Genitive names become their bare form when it is named elsewhere (Putins → Putin); one-word
    person names become the corpus's full name ending or starting with them when one full name
    has most (at least two thirds) of those mentions (Putin → Wladimir Putin, Kim stays Kim
    between Kim Jong Un and Kim Jong Il); each entity then takes its most frequent label over
    named mentions; the alias table overrides all of it.
    """
    if table.empty:
        return table
    is_named = (table["kind"] == "name").tolist() if "kind" in table else [True] * len(table)
    entities, labels = _linked(table["entity"].tolist(), table["label"].tolist(),
                               table["text"].tolist(), is_named, load_aliases(aliases))
    return table.assign(entity=entities, label=labels)


def _linked(entities: list[str], labels: list[str], texts: list[str], is_named: list[bool],
            table_aliases: dict[str, tuple[str, str | None]]) -> tuple[list[str], list[str]]:
    """`link_corpus` on plain columns: the linked entity and label of every mention."""
    persons = Counter(e for e, label, named in zip(entities, labels, is_named, strict=True)
                      if named and label == "PER")
    mapping = _corpus_names(
        Counter(e for e, named in zip(entities, is_named, strict=True) if named), persons)
    mapping.update(_expansions(entities, texts))
    mapping.update(spelling_variants(persons))
    mapping = {entity: mapping.get(target, target) for entity, target in mapping.items()}
    entities = [mapping.get(e, e) for e in entities]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for entity, label, named in zip(entities, labels, is_named, strict=True):
        if named:
            votes[entity][label] += 1
    winners = {entity: count.most_common(1)[0][0] for entity, count in votes.items()}
    labels = [winners.get(e, label) for e, label in zip(entities, labels, strict=True)]
    for keys in (entities, texts):
        for row, key in enumerate(keys):
            if key in table_aliases:
                target, label = table_aliases[key]
                entities[row], labels[row] = target, label or labels[row]
    return entities, labels


def _expansions(entities: list[str], texts: list[str]) -> dict[str, str]:
    """Abbreviation → long form for the whole corpus, learnt where an article introduced it
    ("Bundesnachrichtendienst (BND)"): a BND of another article is the same entity."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for entity, text in zip(entities, texts, strict=True):
        if text != entity and SHORT_FORM_WORD.fullmatch(text) and abbreviates(text, entity):
            seen[text][entity] += 1
    return {short: longs.most_common(1)[0][0] for short, longs in seen.items()
            if short in set(entities)}


def _corpus_names(counts: Counter[str], persons: Counter[str]) -> dict[str, str]:
    """Entity → corpus-wide canonical name, by the rules of `link_corpus` (full names are
    indexed by their first and last word, so this stays linear in the number of entities)."""
    full_names: dict[str, Counter[str]] = defaultdict(Counter)
    for name, n in persons.items():
        words = name.split()
        if len(words) > 1:
            for word in {words[0], words[-1]}:
                full_names[word][name] = n
    mapping: dict[str, str] = {}
    for entity in counts:
        stem = genitive_stem(entity.split()[-1])
        bare = " ".join([*entity.split()[:-1], stem]) if stem else None
        target = bare if bare in counts else entity
        full = full_names.get(target) if " " not in target and target in persons else None
        if full:
            name, n = full.most_common(1)[0]
            target = name if n * 3 >= 2 * sum(full.values()) else target
        mapping[entity] = target
    return mapping


def annotate(doc: Doc, aliases: dict[str, tuple[str, str | None]] | None = None
             ) -> list[tuple]:
    """The entity layer of one article: mention rows of every kind (MENTION_COLUMNS order),
    linked within the article and then as `link_corpus` links a one-article table."""
    aliases = load_aliases() if aliases is None else aliases
    rows = [(doc.doc_id, doc.sentence_at(row[0]), *row)
            for row in _rows(link(doc.text, doc.sentences, aliases), KINDS)]
    if not rows:
        return rows
    entities, labels = _linked([row[6] for row in rows], [row[5] for row in rows],
                               [row[4] for row in rows], [row[7] == "name" for row in rows],
                               aliases)
    return [(*row[:5], label, entity, row[7])
            for row, entity, label in zip(rows, entities, labels, strict=True)]


def mention_frame(rows: list[tuple]) -> pd.DataFrame:
    """The mentions table of mention rows (MENTION_COLUMNS order)."""
    return typed_frame(rows, MENTION_COLUMNS,
                       {"sentence_id": "int64", "start": "int64", "end": "int64"})


def mentions(documents: pd.DataFrame, kinds: Collection[str] = ("name",),
             aliases: Path | str | None = None) -> pd.DataFrame:
    """Mentions of every document with doc_id and sentence_id, linked across the documents."""
    table = load_aliases(aliases)
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        doc = Doc.parse(text, doc_id)
        rows.extend((doc_id, doc.sentence_at(row[0]), *row)
                    for row in _rows(link(text, doc.sentences, table), KINDS))
    linked = link_corpus(mention_frame(rows), aliases)
    return linked[linked["kind"].isin(kinds)].reset_index(drop=True)
