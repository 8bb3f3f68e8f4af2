"""Incremental analysis: hits, misses, invalidation by content, date and pipeline version."""

import shutil

import pandas as pd
import pytest
from conftest import ARTICLES

from analysis import cache, pipeline
from analysis.pipeline import PER_ARTICLE_TABLES, analyze


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(ARTICLES, folder)
    return folder


def _count_analysed(monkeypatch) -> list[str]:
    analysed: list[str] = []
    real = pipeline.analyze_article

    def counting(document, *options):
        analysed.append(document["doc_id"])
        return real(document, *options)

    monkeypatch.setattr(pipeline, "analyze_article", counting)
    return analysed


def test_unchanged_rerun_does_no_work_and_gives_equal_tables(corpus, tmp_path, monkeypatch):
    store = tmp_path / "cache"
    first = analyze(corpus, cache=store)
    analysed = _count_analysed(monkeypatch)
    second = analyze(corpus, cache=store)
    assert analysed == []
    for name in PER_ARTICLE_TABLES:
        pd.testing.assert_frame_equal(getattr(second, name), getattr(first, name))


def test_one_new_article_costs_one_article(corpus, tmp_path, monkeypatch):
    store = tmp_path / "cache"
    analyze(corpus, cache=store)
    (corpus / "neu.md").write_text(
        "---\ntitle: Neu\ndate: 2024-05-02\n---\nAnnalena Baerbock reiste am Montag nach Kiew.\n",
        encoding="utf-8",
    )
    analysed = _count_analysed(monkeypatch)
    result = analyze(corpus, cache=store)
    assert len(analysed) == 1
    new_id = result.documents.loc[result.documents["title"] == "Neu", "doc_id"].item()
    assert "Kiew" in set(result.mentions.loc[result.mentions["doc_id"] == new_id, "entity"])


def test_changed_date_is_a_miss(corpus, tmp_path, monkeypatch):
    store = tmp_path / "cache"
    analyze(corpus, cache=store)
    article = corpus / "2024-03-12_epd_merkel-memoiren.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("2024-03-12", "2024-03-19"), encoding="utf-8"
    )
    analysed = _count_analysed(monkeypatch)
    analyze(corpus, cache=store)
    assert len(analysed) == 1


def test_new_pipeline_version_invalidates(corpus, tmp_path, monkeypatch):
    store = tmp_path / "cache"
    analyze(corpus, cache=store)
    monkeypatch.setattr(cache, "pipeline_version", lambda: "another-version")
    analysed = _count_analysed(monkeypatch)
    result = analyze(corpus, cache=store)
    assert len(analysed) == len(result.documents)
    assert [path.name for path in store.iterdir()] == ["another-version"], "stale versions removed"


def test_pipeline_version_follows_the_code():
    version = cache.pipeline_version()
    assert len(version) == 16
    assert version == cache.pipeline_version()


def test_pipeline_version_follows_the_data_but_not_docs_or_page_design(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    (package / "data" / "reports").mkdir(parents=True)
    for name in cache.RESULT_MODULES:
        (package / f"{name}.py").write_text(name)
    (package / "data" / "lexicon.tsv").write_text("gut\t1")
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    monkeypatch.setattr(cache, "DISPLAY_DATA", package / "data" / "reports")
    version = cache.pipeline_version.__wrapped__
    before = version()
    (package / "data" / "README.md").write_text("what the files are")
    (package / "data" / "reports" / "report.css").write_text("h1 {}")
    assert version() == before, "documentation and page design do not change results"
    (package / "data" / "lexicon.tsv").write_text("gut\t0.5")
    assert version() != before


def test_pipeline_version_follows_packages_and_library_versions(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    (package / "entities").mkdir(parents=True)
    (package / "data").mkdir()
    (package / "entities" / "linking.py").write_text("x = 1")
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    version = cache.pipeline_version.__wrapped__
    before = version()
    (package / "entities" / "linking.py").write_text("x = 2")
    changed_code = version()
    assert changed_code != before, "a module inside a package counts too"
    monkeypatch.setattr(cache, "_installed", lambda library: "99.0")
    assert version() != changed_code, "another pandas or crfsuite may give other tables"


def test_article_key_includes_the_date():
    assert cache.article_key("abc", pd.Timestamp("2024-01-16")) != cache.article_key("abc", pd.NaT)


def test_textblob_runs_are_cached_apart_and_keep_the_plain_ones(corpus, tmp_path, monkeypatch):
    store = tmp_path / "cache"
    plain = analyze(corpus, cache=store)
    analysed = _count_analysed(monkeypatch)
    compared = analyze(corpus, cache=store, textblob=True)
    assert len(analysed) == len(plain.documents)  # the plain results do not answer a textblob run
    assert compared.sentiment["textblob_polarity"].notna().all()
    analysed.clear()
    again = analyze(corpus, cache=store)
    assert analysed == []  # and the textblob run did not evict the plain results
    assert again.sentiment["textblob_polarity"].isna().all()


def _snapshot_dirs(store):
    return [path for path in store.glob(f"*/{cache.SNAPSHOT}/*") if path.is_dir()]


def test_snapshot_equals_the_tables_rebuilt_from_the_parts(corpus, tmp_path):
    store = tmp_path / "cache"
    first = analyze(corpus, cache=store)
    (snapshot,) = _snapshot_dirs(store)
    from_snapshot = analyze(corpus, cache=store)
    shutil.rmtree(snapshot.parent)
    from_parts = analyze(corpus, cache=store)
    for name in PER_ARTICLE_TABLES:
        pd.testing.assert_frame_equal(getattr(from_snapshot, name), getattr(first, name))
        pd.testing.assert_frame_equal(getattr(from_parts, name), getattr(first, name))


def test_unchanged_rerun_links_nothing_and_a_changed_corpus_renews_the_snapshot(
    corpus, tmp_path, monkeypatch
):
    store = tmp_path / "cache"
    analyze(corpus, cache=store)
    (corpus / "neu.md").write_text(
        "---\ntitle: Neu\ndate: 2024-05-02\n---\nOlaf Scholz reiste am Montag nach Paris.\n",
        encoding="utf-8",
    )
    analyze(corpus, cache=store)
    assert len(_snapshot_dirs(store)) == 1, "only the latest snapshot is kept"
    linked = []
    real = pipeline.link_across_articles
    monkeypatch.setattr(pipeline, "link_across_articles",
                        lambda tables: linked.append(1) or real(tables))
    result = analyze(corpus, cache=store)
    assert linked == []
    assert "Neu" in set(result.documents["title"])
