"""The corpus pipeline: tables, narrowing to an article, saving, parallel workers, the CLI."""

import pandas as pd
import pytest
from conftest import ARTICLES, SEED

from analysis import cli
from analysis.pipeline import Analysis, analyze, open_analysis

TABLES = ["documents", "manifest", "sentences", "mentions", "timeline", "sentiment", "quotes"]


@pytest.fixture(scope="module")
def fixture_analysis() -> Analysis:
    return analyze(ARTICLES)


def test_every_table_refers_to_loaded_documents(fixture_analysis):
    doc_ids = set(fixture_analysis.documents["doc_id"])
    assert len(doc_ids) >= 5
    for name in ["sentences", "mentions", "timeline", "sentiment"]:
        table = getattr(fixture_analysis, name)
        assert not table.empty, name
        assert set(table["doc_id"]) <= doc_ids, name


def test_mentions_point_into_the_article_text(fixture_analysis):
    texts = fixture_analysis.documents.set_index("doc_id")["text"]
    for row in fixture_analysis.mentions.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text


def test_article_narrows_every_table(fixture_analysis):
    doc_id = fixture_analysis.documents["doc_id"].iloc[1]
    article = fixture_analysis.article(doc_id)
    assert list(article.documents["doc_id"]) == [doc_id]
    for name in ["mentions", "sentiment", "timeline", "manifest"]:
        assert set(getattr(article, name)["doc_id"]) == {doc_id}, name


def test_unknown_article_is_a_clear_error(fixture_analysis):
    with pytest.raises(KeyError, match="no article with doc_id 'nope'"):
        fixture_analysis.article("nope")


def test_save_and_load_round_trip(fixture_analysis, tmp_path):
    fixture_analysis.save(tmp_path)
    for name in [*TABLES, "entity_tone", "article_tone"]:
        assert (tmp_path / f"{name}.parquet").exists(), name
        assert (tmp_path / f"{name}.csv").exists(), name
    loaded = open_analysis(tables=tmp_path)
    pd.testing.assert_frame_equal(loaded.mentions, fixture_analysis.mentions)
    assert not list(tmp_path.glob(".*.tmp")), "temporary files left behind"


def test_loading_from_an_empty_folder_names_the_missing_tables(tmp_path):
    with pytest.raises(FileNotFoundError, match="run analyze first"):
        Analysis.load(tmp_path)


def test_two_workers_give_the_same_tables(fixture_analysis):
    parallel = analyze(ARTICLES, workers=2)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(parallel, name), getattr(fixture_analysis, name))


def test_default_corpus_is_the_seeds_folder():
    result = open_analysis()
    assert SEED.name in result.documents["source"].iloc[0]


def test_analyze_cli_writes_tables_and_summary(small_corpus, tmp_path, capsys):
    out = tmp_path / "tables"
    assert cli.main(["analyze", "--corpus", str(small_corpus), "--out", str(out)]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("4 articles processed, 1 skipped in ")
    manifest = pd.read_csv(out / "manifest.csv")
    assert len(manifest) == 5
    assert pd.read_parquet(out / "documents.parquet").shape[0] == 4


def test_analyze_cli_takes_a_single_file(tmp_path, capsys):
    assert cli.main(["analyze", "--corpus", str(SEED), "--out", str(tmp_path)]) == 0
    assert "1 articles processed, 0 skipped" in capsys.readouterr().out


def test_cli_rejects_a_missing_corpus(tmp_path, capsys):
    assert cli.main(["analyze", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path)]) == 2
    assert "nope does not exist" in capsys.readouterr().err


def test_cli_counts_every_kind_of_input_and_exits_by_strictness(small_corpus, tmp_path, capsys):
    (small_corpus / "kopie.txt").write_bytes(SEED.read_bytes())
    (small_corpus / "english.txt").write_text(
        "Title\n\nThe president said on Tuesday that the talks with Russia were going well and "
        "that he would travel to Berlin in the spring.\n",
        encoding="utf-8",
    )
    arguments = ["analyze", "--corpus", str(small_corpus), "--out", str(tmp_path / "t")]
    assert cli.main(arguments) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("4 articles processed, 1 skipped, 1 duplicate, 1 flagged in ")
    assert cli.main([*arguments, "--strict"]) == 1
    assert cli.main([*arguments, "--non-german", "skip"]) == 0
    assert "2 skipped, 1 duplicate in" in capsys.readouterr().out


def test_cli_fails_when_nothing_could_be_analysed(tmp_path, capsys):
    (tmp_path / "leer.txt").write_text("", encoding="utf-8")
    assert cli.main(["analyze", "--corpus", str(tmp_path), "--out", str(tmp_path / "t")]) == 1
    assert "0 articles processed, 1 skipped" in capsys.readouterr().out


def test_dates_before_1677_do_not_break_the_tables(tmp_path):
    article = tmp_path / "geschichte.md"
    article.write_text(
        "---\ntitle: Geschichte\ndate: 2024-05-02\n---\nDie Stadt wurde im Jahr 1600 gegründet "
        "und um 1450 erstmals erwähnt; im 12. Jahrhundert stand dort eine Burg.\n",
        encoding="utf-8",
    )
    result = analyze(article, cache=tmp_path / "cache")
    starts = result.timeline.set_index("value")["date_start"]
    assert starts["1600"] == pd.Timestamp("1600-01-01")
    assert starts["11"] == pd.Timestamp("1100-01-01")
    again = analyze(article, cache=tmp_path / "cache")
    pd.testing.assert_frame_equal(again.timeline, result.timeline)


def test_an_article_that_breaks_a_step_is_recorded_not_fatal(monkeypatch):
    from analysis import pipeline

    real = pipeline.analyze_article
    victim = analyze(ARTICLES).documents["doc_id"].iloc[2]

    def fragile(document, *options):
        if document["doc_id"] == victim:
            raise ValueError("year -5976 is out of range")
        return real(document, *options)

    monkeypatch.setattr(pipeline, "analyze_article", fragile)
    result = analyze(ARTICLES)
    row = result.manifest.set_index("doc_id").loc[victim]
    assert row["status"] == "failed"
    assert row["reason"] == "analysis failed: ValueError: year -5976 is out of range"
    assert victim not in set(result.mentions["doc_id"])
    assert result.mentions["doc_id"].nunique() >= 5


def test_textblob_comparison_is_left_out_of_corpus_runs_unless_asked(fixture_analysis):
    assert fixture_analysis.sentiment["textblob_polarity"].isna().all()
    compared = analyze(ARTICLES, textblob=True)
    assert compared.sentiment["textblob_polarity"].notna().all()
    assert compared.sentiment["textblob_polarity"].abs().gt(0).any()
    ours = ["doc_id", "sentence_id", "polarity", "label"]
    pd.testing.assert_frame_equal(compared.sentiment[ours], fixture_analysis.sentiment[ours])


def test_cli_textblob_flag_fills_the_column(small_corpus, tmp_path):
    out = tmp_path / "tables"
    cli.main(["analyze", "--corpus", str(small_corpus), "--out", str(out), "--textblob"])
    assert pd.read_parquet(out / "sentiment.parquet")["textblob_polarity"].notna().all()


def test_linking_across_articles_renames_the_entity_in_every_table():
    from analysis.pipeline import link_across_articles

    mentions = pd.DataFrame({
        "doc_id": ["a", "a", "b"], "sentence_id": [0, 0, 0], "start": [0, 10, 0],
        "end": [14, 16, 5], "text": ["Wladimir Putin", "Moskau", "Putin"],
        "label": ["PER", "LOC", "PER"], "entity": ["Wladimir Putin", "Moskau", "Putin"],
        "kind": ["name", "name", "name"],
    })
    tables = {
        "mentions": mentions,
        "mention_tone": mentions[["doc_id", "sentence_id", "start", "end", "entity"]].assign(
            label=["MISC", "LOC", "MISC"], polarity=0.0),
        "timeline": pd.DataFrame({"doc_id": ["b", "b"],
                                  "entities": ["Putin; Wladimir Putin; Moskau", ""]}),
        "quotes": pd.DataFrame({"doc_id": ["b"], "speaker": ["Putin"]}),
    }
    linked = link_across_articles(tables)
    assert linked["mentions"]["entity"].tolist() == ["Wladimir Putin", "Moskau", "Wladimir Putin"]
    tone = linked["mention_tone"]
    assert tone["entity"].tolist() == ["Wladimir Putin", "Moskau", "Wladimir Putin"]
    assert tone["label"].tolist() == ["PER", "LOC", "PER"]  # the corpus-wide label
    assert linked["timeline"]["entities"].tolist() == ["Wladimir Putin; Moskau", ""]
    assert linked["quotes"]["speaker"].tolist() == ["Wladimir Putin"]


def test_without_tone_sentiws_is_never_read(fixture_analysis, monkeypatch, tmp_path):
    from analysis.sentiment import lexicon

    def refuse():
        raise AssertionError("SentiWS was read although tone is off")

    monkeypatch.setattr(lexicon, "lexicons", refuse)
    lexicon.word_weights.cache_clear()
    plain = analyze(ARTICLES, tone=False, cache=tmp_path / "cache")
    assert plain.sentiment.empty and plain.mention_tone.empty and plain.entity_tone.empty
    assert plain.quotes["tone"].eq("").all() and plain.quotes["polarity"].isna().all()
    assert len(plain.quotes) == len(fixture_analysis.quotes), "quotes are found all the same"
    pd.testing.assert_frame_equal(plain.mentions, fixture_analysis.mentions)
    pd.testing.assert_frame_equal(plain.timeline, fixture_analysis.timeline)


def test_no_tone_on_the_command_line(small_corpus, tmp_path, capsys):
    assert cli.main(["analyze", "--corpus", str(small_corpus), "--out", str(tmp_path / "t"),
                     "--no-tone", "--workers", "1"]) == 0
    assert pd.read_parquet(tmp_path / "t" / "sentiment.parquet").empty


def test_saving_the_same_tables_again_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    first = analyze(ARTICLES, cache=cache)
    folder = first.save(tmp_path / "tables")
    written = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    again = analyze(ARTICLES, cache=cache)
    assert again.origin == first.origin != ""
    again.save(folder)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == written
    fewer = analyze(sorted(ARTICLES.glob("*.txt"))[0], cache=cache)
    fewer.save(folder)
    assert len(pd.read_parquet(folder / "documents.parquet")) == 1, "other tables: written"
    assert Analysis.load(folder).origin == "", "loaded tables do not claim an origin"


def test_a_batch_leaves_the_garbage_collector_as_it_found_it():
    import gc

    from analysis.pipeline import analyze_batch
    from analysis.pipeline import load_corpus as load

    threshold = gc.get_threshold()
    analyze_batch(load(ARTICLES).to_dict("records")[:2])
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == 0
