"""Entity-set scoring of `python -m analysis.evaluate news`, on two invented articles.

The recogniser is replaced by fixed entity lists so that the figures can be counted by hand and do
not move when the recogniser changes; one smoke test runs the real entity step.

Article 0 — gold: Wien LOC, Werner Faymann PER, SPÖ ORG, Angela Merkel PER, Berlin LOC,
Champions League MISC (6; 5 without MISC). System: Wien, Werner Faymann + Faymann (a split), SPÖ
as LOC (wrong type), Angela Merkel (found through "Merkels"), Berlin, Montag PER (spurious), no
Champions League. Untyped hits 5, typed 4; 7 system entities, all in the PER/LOC/ORG view.

Article 1 — gold: Salzburg LOC, Red Bull Salzburg ORG, Rapid ORG, Marco Rose PER, Europa League
MISC (5; 4 without MISC). System: Red Bull Salzburg ORG with the mention "Salzburg" (a merge of
club and city), Rapid, Marco Rose, Europa League as ORG (matches only a MISC gold entity: out of
the headline view), Meister MISC (spurious, and MISC: out of the headline view). Untyped hits 4
(3 in the headline), typed 3; 5 system entities (3 in the headline view).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from analysis.evaluation import news
from analysis.evaluation.news import Entity

TEXTS = [
    ("Inland", "Wien – Bundeskanzler Werner Faymann (SPÖ) hat am Montag Angela Merkel in Berlin "
               "getroffen. Merkels Sprecher sagte, Faymann und sie hätten auch über die "
               "Champions League gesprochen."),
    ("Sport", "Salzburg – Red Bull Salzburg hat gegen Rapid 2:0 gewonnen. Trainer Marco Rose "
              "lobte den Meister nicht, aber Rose freute sich auf die Europa League."),
]
GOLD = [
    [("Wien", "LOC", ["Wien"]), ("Werner Faymann", "PER", ["Werner Faymann", "Faymann"]),
     ("SPÖ", "ORG", ["SPÖ"]), ("Angela Merkel", "PER", ["Angela Merkel", "Merkel"]),
     ("Berlin", "LOC", ["Berlin"]), ("Champions League", "MISC", ["Champions League"])],
    [("Salzburg", "LOC", ["Salzburg"]), ("Red Bull Salzburg", "ORG", ["Red Bull Salzburg"]),
     ("Rapid", "ORG", ["Rapid"]), ("Marco Rose", "PER", ["Marco Rose", "Rose"]),
     ("Europa League", "MISC", ["Europa League"])],
]
SYSTEM = {
    0: [Entity("Wien", "LOC", ("Wien",)), Entity("Werner Faymann", "PER", ("Werner Faymann",)),
        Entity("Faymann", "PER", ("Faymann",)), Entity("SPÖ", "LOC", ("SPÖ",)),
        Entity("Angela Merkel", "PER", ("Angela Merkel", "Merkels")),
        Entity("Berlin", "LOC", ("Berlin",)), Entity("Montag", "PER", ("Montag",))],
    1: [Entity("Red Bull Salzburg", "ORG", ("Red Bull Salzburg", "Salzburg")),
        Entity("Rapid", "ORG", ("Rapid",)), Entity("Marco Rose", "PER", ("Marco Rose", "Rose")),
        Entity("Europa League", "ORG", ("Europa League",)),
        Entity("Meister", "MISC", ("Meister",))],
}


def _fake_recogniser(text: str, aliases: dict | None = None) -> list[Entity]:
    return SYSTEM[next(n for n, (_, t) in enumerate(TEXTS) if t == text)]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The two articles in 10kGNAD's format: label;'text', no header, CRLF."""
    path = tmp_path / "test.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", quotechar="'", lineterminator="\r\n").writerows(TEXTS)
    return path


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    """Both articles as the dev split, with a meta line; test holds article 1 alone."""
    folder = tmp_path / "gold"
    folder.mkdir()
    records = [{"row": n, "sha1": news.sha1(text), "label": label,
                "entities": [{"name": name, "type": kind, "forms": forms}
                             for name, kind, forms in GOLD[n]]}
               for n, (label, text) in enumerate(TEXTS)]
    lines = [json.dumps({"meta": {"seed": 0}}), *(json.dumps(r) for r in records)]
    (folder / "dev.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "test.jsonl").write_text(json.dumps(records[1]) + "\n", encoding="utf-8")
    return folder


def _score(gold: Path, corpus: Path, split: str = "dev") -> news.Score:
    found = news.articles(gold / f"{split}.jsonl", news.read_corpus(corpus), corpus)
    score, *_ = news.evaluate(found, _fake_recogniser)
    return score


def test_typed_and_untyped_figures_over_per_loc_org_and_all_types(gold, corpus):
    score = _score(gold, corpus)
    assert score.articles == 2
    # headline: gold 5 + 4, system 7 + 3; typed hits 4 + 3, untyped 5 + 3
    assert score.typed["PER+LOC+ORG"].prf() == pytest.approx((7 / 10, 7 / 9, 14 / 19))
    assert score.untyped["PER+LOC+ORG"].prf() == pytest.approx((8 / 10, 8 / 9, 16 / 19))
    # all types: gold 6 + 5, system 7 + 5; typed hits 4 + 3, untyped 5 + 4
    assert score.typed["all types"].prf() == pytest.approx((7 / 12, 7 / 11, 14 / 23))
    assert score.untyped["all types"].prf() == pytest.approx((9 / 12, 9 / 11, 18 / 23))


def test_per_type_figures(gold, corpus):
    score = _score(gold, corpus)
    per_type = {kind: (c.hits, c.gold, c.system) for kind, c in score.per_type.items()}
    assert per_type == {"PER": (3, 3, 5), "LOC": (2, 3, 3), "ORG": (2, 3, 3), "MISC": (0, 2, 1)}
    assert score.per_type["PER"].prf() == pytest.approx((3 / 5, 1.0, 0.75))
    assert score.per_type["MISC"].prf() == (0.0, 0.0, 0.0)


def test_a_split_and_a_merge_are_counted(gold, corpus):
    score = _score(gold, corpus)
    assert (score.splits, score.merges) == (1, 1)
    comparison = news.compare([Entity(*g[:2], tuple(g[2])) for g in GOLD[1]], SYSTEM[1])
    assert comparison.merges == {0: [0, 1]}  # Red Bull Salzburg → Salzburg + Red Bull Salzburg
    assert len(comparison.untyped) == 4 and len(comparison.typed) == 3


def test_matching_ignores_case_spacing_and_a_genitive_s():
    gold = [Entity("Angela Merkel", "PER", ("Angela Merkel", "Merkel"))]
    for surface in ("MERKELS", "angela  merkel", "Merkel’s"):
        assert news.match_graph(gold, [Entity(surface, "PER", (surface,))]) == [{0}]
    assert news.match_graph(gold, [Entity("Merk", "PER", ("Merk",))]) == [set()]


def test_main_prints_each_split_and_the_errors(gold, corpus, monkeypatch, capsys):
    monkeypatch.setattr(news, "recognise", _fake_recogniser)
    assert news.main(["--gold", str(gold), "--corpus", str(corpus), "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("dev: 2 articles; gold entities PER 3, LOC 3, ORG 3, MISC 2")
    assert "PER+LOC+ORG     0.700  0.778  0.737     0.800  0.889  0.842      9      10" in out
    assert "splits 1 (gold" in out and "merges 1 (system" in out
    assert "missed (1): Champions League [MISC]" in out
    assert "spurious (1): Montag [PER]" in out
    assert "wrong type (1): SPÖ: ORG, system LOC (SPÖ)" in out
    assert "split (1): Werner Faymann [PER] ← Werner Faymann + Faymann" in out
    assert "merged (1): Red Bull Salzburg [ORG] → Salzburg + Red Bull Salzburg" in out
    assert "\ntest: 1 articles;" in out


def test_a_changed_article_is_an_error_naming_the_gold_file(gold, corpus):
    TEXTS_CHANGED = [(label, text + " Nachtrag.") for label, text in TEXTS]
    with corpus.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", quotechar="'").writerows(TEXTS_CHANGED)
    with pytest.raises(ValueError, match=r"dev\.jsonl: row 0: the text in .*test\.csv does not"):
        _score(gold, corpus)


def test_a_row_outside_the_corpus_is_an_error(gold, corpus):
    corpus.write_text("Inland;'Nur ein Artikel.'\r\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"test\.jsonl: row 1 is not in"):
        _score(gold, corpus, "test")


def test_system_entities_take_names_and_add_only_linked_roles_and_demonyms():
    rows = [
        ("d", 0, 0, 13, "Angela Merkel", "PER", "Angela Merkel", "name"),
        ("d", 0, 20, 29, "Kanzlerin", "PER", "Angela Merkel", "role"),
        ("d", 1, 30, 39, "russische", "LOC", "Russland", "demonym"),
        ("d", 1, 40, 47, "Merkels", "PER", "Angela Merkel", "name"),
        ("d", 1, 50, 54, "Wien", "LOC", "Wien", "name"),
        ("d", 1, 60, 64, "Wien", "ORG", "Wien", "name"),
        ("d", 1, 70, 74, "Wien", "LOC", "Wien", "name"),
    ]
    assert news.system_entities(rows) == [
        Entity("Angela Merkel", "PER", ("Angela Merkel", "Merkels", "Kanzlerin")),
        Entity("Wien", "LOC", ("Wien",)),
    ]


def test_the_real_entity_step_gives_typed_entities():
    found = news.recognise("Wien – Angela Merkel hat am Montag in Berlin Werner Faymann getroffen.")
    assert found and all(entity.type in news.TYPES and entity.forms for entity in found)
    assert "Berlin" in {entity.name for entity in found}


def test_the_draw_takes_one_article_per_category_in_turn():
    corpus = [(label, "Wort " * 200) for label in news.LABELS for _ in range(8)]
    corpus.append(("Sport", "zu kurz"))
    sample = news.draw(corpus, seed=3)
    assert len(sample["dev"]) == 20 and len(sample["test"]) == 40
    assert len(set(sample["dev"]) | set(sample["test"])) == 60
    assert [corpus[n][0] for n in sample["dev"][:9]] == list(news.LABELS)
    assert len(corpus) - 1 not in sample["dev"] + sample["test"]
    assert news.draw(corpus, seed=3) == sample


def test_the_shipped_gold_files_are_well_formed():
    folder = Path(__file__).parent / "fixtures" / "news_entities"
    for split, size in news.SIZES.items():
        meta, records = news.read_gold(folder / f"{split}.jsonl")
        assert meta["guidelines"] == "docs/news-entities.md"
        assert len(records) == size
        for record in records:
            names = [entity["name"] for entity in record["entities"]]
            assert len(names) == len(set(names)), record["row"]
