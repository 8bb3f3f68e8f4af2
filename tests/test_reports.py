"""Rendering reports: the CLI, the pages, links, the manifest, failures, stale pages, modes."""

import re
import shutil
import stat
from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest
from conftest import ARTICLES, SEED

from analysis import cli, reports, site
from analysis.reports import build


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-report")
    outcome = reports.render_reports(SEED, out, entities=2)
    return out, outcome


def _page(out, name):
    return (out / name).read_text(encoding="utf-8")


def test_report_cli_writes_index_manifest_and_pages(small_corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths, as `make report` passes them
    out = tmp_path / "reports"
    arguments = ["report", "--corpus", small_corpus.name, "--out", "reports", "--entities", "2"]
    assert cli.main(arguments) == 0
    printed = capsys.readouterr().out
    assert "4 articles processed, 1 skipped" in printed and "8 pages" in printed
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    assert list(manifest.columns) == reports.MANIFEST_COLUMNS
    assert len(manifest) == 5
    skipped = manifest[manifest["status"] == "skipped"]
    assert list(skipped["source"].str.endswith("leer.txt")) == [True]
    assert skipped["reason"].iloc[0]
    index = _page(out, "index.html")
    for row in manifest[manifest["status"] == "processed"].itertuples():
        assert (out / row.report).is_file()
        assert f'href="{row.report}"' in index
    assert "leer.txt" in index
    assert (out / "corpus.html").is_file()
    assert (out / "tables" / "mentions.parquet").is_file()
    entity_pages = sorted((out / "entities").glob("*.html"))
    assert len(entity_pages) == 2
    assert all(re.fullmatch(r"[a-z0-9-]+\.html", page.name) for page in entity_pages)
    assert all(f'href="entities/{page.name}"' in index for page in entity_pages)


def test_seed_article_page_is_german_and_shows_metadata_entities_and_dates(seed_report):
    out, outcome = seed_report
    assert (outcome.processed, outcome.skipped, outcome.failed) == (1, 0, 0)
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    page = _page(out, manifest["report"].iloc[0])
    for expected in ["Guy Faulconbridge", "Reuters", "Moskau", "16.01.2024 (aus: Bildunterschrift)",
                     "Wladimir Putin", "Choe Son Hui", "Pjöngjang", "1999-12-31", "2023-09",
                     "Wer sagt was", "Namen im Satz"]:
        assert expected in page, expected
    assert '<html lang="de">' in page
    assert "import analysis" not in page, "code cells must be hidden"
    assert "Ändern Sie die Parameter" not in page, "notebook instructions stay in the notebook"
    for english in ["sentence_id", "ci_low", "Most mentioned", "Mentions", "unknown",
                    "rows × ", "Tone through"]:
        assert english not in page, english
    assert "<figure>" in page
    assert 'href="../index.html"' in page and 'href="../corpus.html"' in page
    assert 'href="../entities/wladimir-putin.html"' in page


def test_corpus_page_has_charts_summary_and_links(seed_report):
    out, _ = seed_report
    page = _page(out, "corpus.html")
    assert page.count("<figure>") >= 5
    assert "Wladimir Putin" in page and "Meistgenannt" in page
    assert 'href="entities/wladimir-putin.html"' in page
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    assert f'href="{manifest["report"].iloc[0]}"' in page, "rows link to their article"
    assert '<script src="assets/tables.js">' in page and (out / "assets" / "tables.js").is_file()


def test_seed_entity_page_says_who_said_what(seed_report, tmp_path):
    out, _ = seed_report
    target = tmp_path / "peskow.html"
    reports.render_notebook(
        reports.ENTITY_NOTEBOOK, {"tables": str(out / "tables"), "entity": "Dmitri Peskow"},
        target, "Dmitri Peskow",
    )
    page = target.read_text(encoding="utf-8")
    assert "<h1>Dmitri Peskow</h1>" in page
    assert "Was gesagt wurde" in page
    assert "Was Putins Besuch angeht" in page


def test_failing_notebook_names_article_and_cell_and_its_page_says_so(tmp_path, monkeypatch):
    broken = tmp_path / "article.ipynb"
    book = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("tables = None\ndoc_id = None\nsite = None\nhere = None")
    parameters.metadata["tags"] = ["parameters"]
    book.cells = [parameters, nbformat.v4.new_code_cell("print('halb')\n1 / 0")]
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                   "language": "python"}
    nbformat.write(book, broken)
    monkeypatch.setattr(build, "ARTICLE_NOTEBOOK", broken)
    out = tmp_path / "out"
    outcome = reports.render_reports(SEED, out, entities=0)
    assert outcome.failed == 1
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    assert manifest["status"].tolist() == ["failed"]
    reason = manifest["reason"].iloc[0]
    assert "article.ipynb failed for 'Nordkorea lobt" in reason
    assert "in the cell starting \"print('halb')\": ZeroDivisionError" in reason
    pages = list((out / "articles").glob("*.html"))
    assert len(pages) == 1, "a link to the page shows why it failed"
    page = pages[0].read_text(encoding="utf-8")
    assert "Diese Seite konnte nicht erstellt werden" in page and "ZeroDivisionError" in page
    assert "in der Zelle ab" in page and "in the cell starting" not in page, "why, in German"
    index = _page(out, "index.html")
    assert "ist für" in index and "fehlgeschlagen, in der Zelle ab" in index
    assert "failed for" not in index
    assert "output_area" not in page, "nothing half-rendered"


def test_index_escapes_titles(tmp_path):
    article = tmp_path / "boese.md"
    article.write_text(
        '---\ntitle: "<script>alert(1)</script> Titel"\ndate: 2024-01-02\n---\n'
        "Olaf Scholz traf am Montag in Berlin Vertreter der Industrie.\n",
        encoding="utf-8",
    )
    reports.render_reports(article, tmp_path / "out", entities=1)
    index = _page(tmp_path / "out", "index.html")
    assert "<script>alert(1)</script>" not in index
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Titel" in index


def _documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["a1", "b2", "c3"],
            "source": ["corpus/eins.txt", "corpus/zwei.csv#1", "corpus/drei.md"],
            "agency": ["dpa", "Reuters", "dpa"],
            "published": pd.to_datetime(["2024-03-02", "2024-03-01", None]),
        }
    )


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("auto", ["a1", "b2", "c3"]),
        ("all", ["a1", "b2", "c3"]),
        ("none", []),
        ("2", ["b2", "a1"]),
        ("a1, drei.md", ["a1", "c3"]),
        ("corpus/zwei.csv#1", ["b2"]),
        ("agency == 'dpa'", ["a1", "c3"]),
    ],
)
def test_select_articles(spec, expected):
    assert list(reports.select_articles(_documents(), spec)["doc_id"]) == expected


def test_a_large_corpus_gets_pages_for_its_latest_articles_by_default(monkeypatch):
    monkeypatch.setattr(site, "DEFAULT_ARTICLE_PAGES", 2)
    assert list(reports.select_articles(_documents(), None)["doc_id"]) == ["a1", "b2"]


def test_select_articles_names_a_bad_spec():
    with pytest.raises(ValueError, match="neither auto/all/none, a count"):
        reports.select_articles(_documents(), "no such thing ==")


def test_second_build_into_the_same_folder_is_refused(tmp_path):
    refused = pytest.raises(reports.ReportError, match="another report")
    with reports.build_lock(tmp_path), refused, reports.build_lock(tmp_path):
        pass
    assert not (tmp_path / ".build.lock").exists()


def test_lock_of_a_killed_build_is_taken_over(tmp_path):
    (tmp_path / ".build.lock").write_text("999999999")
    with reports.build_lock(tmp_path):
        assert (tmp_path / ".build.lock").read_text() != "999999999"


def test_unchanged_rebuild_renders_nothing_and_a_new_article_its_page(small_corpus, tmp_path,
                                                                      monkeypatch):
    out = tmp_path / "out"
    reports.render_reports(small_corpus, out, articles="1", entities=1)
    first_article = next((out / "articles").glob("*.html")).name
    rendered: list[str] = []
    real = build._render_job

    def counting(kernel, job, target):
        rendered.append(job.page)
        real(kernel, job, target)

    monkeypatch.setattr(build, "_render_job", counting)
    reports.render_reports(small_corpus, out, articles="1", entities=1)
    assert rendered == []
    reports.render_reports(small_corpus, out, articles="2", entities=1)
    articles = [page for page in rendered if page.startswith("articles/")]
    assert len(articles) == 1 and first_article not in articles[0]
    assert "corpus.html" in rendered, "the corpus page links the new article page"
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    assert (manifest["report"] != "").sum() == 2


def test_a_folder_rebuilt_for_another_corpus_keeps_no_stale_pages(tmp_path):
    out = tmp_path / "out"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(SEED, first / SEED.name)
    shutil.copy(sorted(ARTICLES.glob("*.txt"))[0], second / "bahn.txt")
    reports.render_reports(first, out, entities=2)
    old_pages = {page.name for page in (out / "entities").glob("*.html")}
    reports.render_reports(second, out, entities=2)
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    assert [page.relative_to(out).as_posix() for page in (out / "articles").glob("*.html")] == \
        manifest["report"].tolist()
    new_pages = {page.name for page in (out / "entities").glob("*.html")}
    assert len(new_pages) == 2 and not old_pages & new_pages


def test_report_files_are_readable_by_others(seed_report):
    out, _ = seed_report
    for path in [out, out / "articles", out / "entities", out / "assets", out / "tables"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o755, path
    for path in [out / "index.html", out / "corpus.html", out / "manifest.csv",
                 out / "assets" / "report.css", next((out / "articles").glob("*.html")),
                 out / "tables" / "documents.parquet"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_an_article_page_is_rendered_again_when_its_names_are_linked_anew():
    result = SimpleNamespace(
        documents=pd.DataFrame({"doc_id": ["a", "b"]}),
        mentions=pd.DataFrame({"doc_id": ["a"], "entity": ["Putin"], "label": ["PER"]}),
        quotes=pd.DataFrame({"doc_id": ["a"], "speaker": ["Putin"]}),
    )
    before = build._names_by_article(result)
    result.mentions["entity"] = "Wladimir Putin"  # another article named him in full
    after = build._names_by_article(result)
    assert after["a"] != before["a"] and after["b"] == before["b"] == "#"
