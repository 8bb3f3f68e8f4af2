"""The extra NER corpora: readers, label mapping, weighting, CV folds and reproducible training."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pycrfsuite
import pytest

from analysis import ner_corpora
from analysis.evaluation import ner
from analysis.ner_corpora import CorpusError, label_maps
from analysis.train_ner import (
    bio,
    parse_extras,
    read,
    read_extras,
    train_mixture,
    weighted,
)

EXTRA = Path(__file__).parent / "fixtures" / "ner_extra"
GERMEVAL = Path(__file__).parent / "fixtures" / "ner"


def tagged(sentence: list[tuple[str, str]]) -> list[str]:
    """Tokens with their tag appended, O tokens bare: short to compare."""
    return [word if tag == "O" else f"{word}/{tag}" for word, tag in sentence]


def test_smartdata_offsets_become_tokens_of_the_project_segmenter() -> None:
    sentences = ner_corpora.read("smartdata", EXTRA)
    assert [tagged(s) for s in sentences] == [
        # "Siemens" inside "Siemens-Chef" is a part (GermEval's outer level drops it)
        ["Siemens-Chef", "Joe/B-PER", "Kaeser/I-PER", "besuchte", "Berlin/B-LOC", "."],
        # the outer of two overlapping mentions; the date is no name; "#Köln" is in "Köln";
        # "Berliner" is derived from a place (LOCderiv in GermEval), so O
        ["Die", "Deutsche/B-ORG", "Bahn/I-ORG", "AG/I-ORG", "meldet", "am", "12.04.2016",
         "Verspätungen", "in", "#Köln/B-LOC", "und", "der", "Berliner", "S-Bahn", "."],
        ["Lufthansa/B-ORG", "streicht", "Flüge", "."],
        ["Die", "Gewerkschaft", "Verdi/B-ORG", "ruft", "in", "Frankfurt/B-LOC", "zum", "Streik",
         "auf", "."],
    ]


def test_smartdata_reads_gzipped_files(tmp_path: Path) -> None:
    folder = tmp_path / "smartdata"
    folder.mkdir()
    (folder / "train.json.gz").write_bytes(
        gzip.compress((EXTRA / "smartdata" / "train.json").read_bytes()))
    assert ner_corpora.read("smartdata", tmp_path) == ner_corpora.read("smartdata", EXTRA)


def test_mobie_maps_fine_labels_and_restarts_a_name_at_a_new_label() -> None:
    sentences = ner_corpora.read("mobie", EXTRA)
    assert [tagged(s) for s in sentences] == [
        # I-organization-company after B-organization: two names, as the labels differ;
        # routes (S4) are not names, stops are places
        ["Die", "#DB/B-ORG", "Regio/B-ORG", "meldet", "Störungen", "auf", "der", "S4", "bei",
         "Mellendorf/B-LOC", "."],
        ["Sperrung", "in", "der", "Karl-Marx-Straße/B-LOC", "in", "Berlin/B-LOC"],
    ]


def test_ler_maps_its_fine_classes_drops_citations_and_reads_crlf_files() -> None:
    sentences = ner_corpora.read("ler", EXTRA)
    assert [tagged(s) for s in sentences] == [
        ["Der", "Vorsitzende", "Richter", "Müller/B-PER", "und", "Rechtsanwalt", "Meier/B-PER",
         "erschienen", "."],
        ["Das", "Bundesverwaltungsgericht/B-ORG", "in", "Leipzig/B-LOC", "wies", "die",
         "Klage", "der", "X-GmbH/B-ORG", "ab", "."],
        # "Er verwies auf § 5 BGB ." is left out: a law citation (GS) hides the name BGB
        ["Die", "Sache", "ist", "erledigt", "."],
        # bverwg.conll has CRLF line ends; brands (MRK) are GermEval's "other" names
        ["Die", "Marke", "„", "JOOP/B-OTH", "“", "der", "Bundesrepublik/B-LOC",
         "Deutschland/I-LOC", "."],
    ]


def test_europeana_repairs_tags_and_cuts_pseudo_sentences() -> None:
    sentences = ner_corpora.read("europeana", EXTRA)
    assert [tagged(s) for s in sentences] == [
        # B-PEr, B_LOC, B.LOC repaired; cut at "." before a capital and at "#" lines
        ["Herr", "Dr.", "Schmidt/B-PER", "reiste", "nach", "Wien/B-LOC", "."],
        # "Deutsche Bank B-ORG" is one line of two tokens; "verkauft" has no tag
        ["Die", "Deutsche/B-ORG", "Bank/I-ORG", "verkauft", "Häuser", "."],
        ["In", "Prag/B-LOC", "regnet", "es", "."],
    ]


def test_europeana_cuts_long_stretches_outside_names(tmp_path: Path) -> None:
    folder = tmp_path / "europeana"
    folder.mkdir()
    words = ["wort"] * (ner_corpora.WINDOW - 1) + ["Karl", "Marx"] + ["wort"] * 5
    lines = [f"{w} O" for w in words]
    lines[ner_corpora.WINDOW - 1 : ner_corpora.WINDOW + 1] = ["Karl B-PER", "Marx I-PER"]
    (folder / "enp_DE.x.bio").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sentences = ner_corpora.read("europeana", tmp_path)
    assert [len(s) for s in sentences] == [ner_corpora.WINDOW + 1, 5]  # the name stays whole
    assert sentences[0][-2:] == [("Karl", "B-PER"), ("Marx", "I-PER")]


def test_every_reader_yields_germeval_shaped_sentences() -> None:
    for name in ner_corpora.CORPORA:
        for sentence in ner_corpora.read(name, EXTRA):
            words, tags = bio(sentence)
            assert len(words) == len(tags) and all(words)
            assert {tag[2:] for tag in tags if tag != "O"} <= {"PER", "LOC", "ORG", "MISC"}


def test_label_maps_cover_the_corpora_labels_with_valid_targets() -> None:
    maps = label_maps()
    assert set(maps) == set(ner_corpora.CORPORA)
    assert all(target in ner_corpora.TARGETS for table in maps.values()
               for target in table.values())
    assert {label: maps["ler"][label] for label in ("RR", "AN", "ST", "LDS", "GRT", "INN", "UN",
                                                   "GS", "RS")} == {
        "RR": "PER", "AN": "PER", "ST": "LOC", "LDS": "LOC", "GRT": "ORG", "INN": "ORG",
        "UN": "ORG", "GS": "drop", "RS": "drop"}
    for corpus in ("smartdata", "mobie"):
        assert maps[corpus]["organization-company"] == "ORG"
        assert maps[corpus]["location-street"] == "LOC"
        assert maps[corpus]["date"] == "O"


def test_unknown_label_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "ler").mkdir()
    (tmp_path / "ler" / "x.conll").write_text("Das O\nBGH B-XYZ\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"x\.conll:2: label 'XYZ'"):
        ner_corpora.read("ler", tmp_path)


def test_malformed_lines_name_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "mobie").mkdir()
    (tmp_path / "mobie" / "x.conll2003").write_text("Die\tART\tO\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"x\.conll2003:1: expected 4 columns"):
        ner_corpora.read("mobie", tmp_path)
    (tmp_path / "smartdata").mkdir()
    (tmp_path / "smartdata" / "x.json").write_text('{"text": {"string": "A"}}\n{"te', "utf-8")
    with pytest.raises(CorpusError, match=r"x\.json: document at character"):
        ner_corpora.read("smartdata", tmp_path)
    (tmp_path / "smartdata" / "x.json").write_text('{"conceptMentions": null}', "utf-8")
    with pytest.raises(CorpusError, match=r"x\.json: document 1: missing or malformed"):
        ner_corpora.read("smartdata", tmp_path)


def test_missing_folder_and_unknown_corpus_are_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match=r"no \*\.conll files"):
        ner_corpora.read("ler", tmp_path)
    with pytest.raises(CorpusError, match="unknown corpus"):
        ner_corpora.read("wikiann", tmp_path)


def test_to_germeval_leaves_out_a_sentence_with_a_dropped_label() -> None:
    assert ner_corpora.to_germeval("ler", [("BGH", "B-GRT")], "x") == [("BGH", "B-ORG")]
    assert ner_corpora.to_germeval("ler", [("BGH", "B-GRT"), ("NJW", "B-LIT")], "x") is None


def test_named_only_keeps_sentences_with_a_name() -> None:
    every = read_extras([("ler", 1.0)], EXTRA)
    named = read_extras([("ler", 1.0)], EXTRA, named_only=True)
    assert len(every) == 4 and len(named) == 3
    assert all(set(tags) != {"O"} for (_, tags), _ in named)


def test_parse_extras_reads_names_and_weights() -> None:
    assert parse_extras("ler:0.2, smartdata,mobie:2") == [
        ("ler", 0.2), ("smartdata", 1.0), ("mobie", 2.0)]
    assert parse_extras("") == []
    for bad in ("wikiann", "ler:x", "ler:0", "ler:-1"):
        with pytest.raises(ValueError):
            parse_extras(bad)


def test_weights_are_seeded_samples_and_copies() -> None:
    items = list(range(100))
    sample = weighted(items, 0.2, "ner:ler")
    assert len(sample) == 20 and sample == sorted(sample)
    assert sample == weighted(items, 0.2, "ner:ler")  # same seed, same sentences
    assert sample != weighted(items, 0.2, "ner:other")
    assert weighted(items, 2, "s") == items + items
    assert len(weighted(items, 1.5, "s")) == 150


def test_extras_join_every_training_fold_and_never_a_test_fold() -> None:
    examples = read(GERMEVAL)
    extra = read_extras([("ler", 1.0), ("mobie", 1.0)], EXTRA, domain=True)
    assert {source for _, source in extra} == {"legal", "traffic"}
    folds = ner.folds(examples, 3, extra)
    extra_sentences = [example for example, _ in extra]
    tested = [sentence for _, _, test in folds for sentence in test]
    assert tested == examples  # every GermEval sentence tested once, in order
    for germeval, fold_extra, test in folds:
        assert all(sentence not in extra_sentences for sentence in test)
        assert list(fold_extra) == list(extra)
        assert len(germeval) + len(test) == len(examples)


def test_cross_validation_with_extras_tags_only_germeval(tmp_path: Path) -> None:
    examples = read(GERMEVAL)
    extra = read_extras([("ler", 1.0)], EXTRA)
    predicted = ner.cross_validate(examples, 3, workers=1, extra=extra)
    assert [len(tags) for tags in predicted] == [len(words) for words, _ in examples]


def test_evaluate_command_takes_extras(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    assert ner.main(["--cv", "2", "--data", str(GERMEVAL), "--workers", "1", "--no-baseline",
                     "--extra", "ler:2,europeana", "--extra-data", str(EXTRA), "--domain"]) == 0
    out = capsys.readouterr().out
    expected = "training folds: GermEval x1 + 11 extra sentences (ler:2,europeana, domain copies)"
    assert expected in out


def test_training_with_extras_is_reproducible(tmp_path: Path) -> None:
    examples = read(GERMEVAL)
    extra = read_extras([("smartdata", 1.0), ("ler", 0.5)], EXTRA, domain=True)
    for name in ("a", "b"):
        train_mixture(examples, extra, tmp_path / f"{name}.model", germeval_weight=2)
    assert (tmp_path / "a.model").read_bytes() == (tmp_path / "b.model").read_bytes()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "a.model"))
    domains = {attribute.split(":")[0] for attribute, _ in tagger.info().state_features}
    assert {"web", "legal"} <= domains  # features copied per corpus; news has the plain ones


def test_train_command_writes_a_model_with_extras(tmp_path: Path) -> None:
    from analysis import train_ner

    data = tmp_path / "data"
    shutil.copytree(GERMEVAL, data)
    model = tmp_path / "x.model"
    assert train_ner.main(["--data", str(data), "--model", str(model), "--extra", "mobie",
                           "--extra-data", str(EXTRA)]) == 0
    assert model.stat().st_size > 0
    with pytest.raises(SystemExit):
        train_ner.main(["--data", str(data), "--model", str(model), "--extra", "nope"])
