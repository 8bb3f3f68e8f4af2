"""Rendering reports: the CLI, the index, the manifest, failures that leave nothing half-written."""

import nbformat
import pandas as pd
import pytest
from conftest import SEED

from analysis import cli, reports


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-report")
    outcome = reports.render_reports(SEED, out, entities=2)
    return out, outcome


def test_report_cli_writes_index_manifest_and_reports(small_corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths, as `make report` passes them
    out = tmp_path / "reports"
    arguments = ["report", "--corpus", small_corpus.name, "--out", "reports", "--entities", "2"]
    assert cli.main(arguments) == 0
    assert "4 articles processed, 1 skipped" in capsys.readouterr().out
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    assert list(manifest.columns) == reports.MANIFEST_COLUMNS
    assert len(manifest) == 5
    skipped = manifest[manifest["status"] == "skipped"]
    assert list(skipped["source"].str.endswith("leer.txt")) == [True]
    assert skipped["reason"].iloc[0]
    index = (out / "index.html").read_text(encoding="utf-8")
    for row in manifest[manifest["status"] == "processed"].itertuples():
        assert (out / row.report).is_file()
        assert f'href="{row.report}"' in index
    assert "leer.txt" in index
    assert (out / "corpus.html").is_file()
    assert (out / "tables" / "mentions.parquet").is_file()
    entity_pages = sorted((out / "entities").glob("*.html"))
    assert len(entity_pages) == 2
    assert all(f'href="entities/{page.name}"' in index for page in entity_pages)


def test_seed_report_shows_metadata_entities_and_dates(seed_report):
    out, outcome = seed_report
    assert (outcome.processed, outcome.skipped, outcome.failed) == (1, 0, 0)
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    page = (out / manifest["report"].iloc[0]).read_text(encoding="utf-8")
    for expected in [
        "Guy Faulconbridge",
        "Reuters",
        "Moskau",
        "2024-01-16",
        "caption",
        "Wladimir Putin",
        "Choe Son Hui",
        "Pjöngjang",
        "1999-12-31",
        "2023-09",
    ]:
        assert expected in page, expected
    assert "import analysis" not in page, "code cells must be hidden"
    assert "<figure>" in page


def test_corpus_report_has_charts(seed_report):
    out, _ = seed_report
    page = (out / "corpus.html").read_text(encoding="utf-8")
    assert page.count("<figure>") >= 5
    assert "Wladimir Putin" in page


def test_report_file_names_come_from_doc_ids_and_hashes():
    assert reports.article_report_name("0123abcd") == "articles/0123abcd.html"
    name = reports.entity_report_name("../../etc/passwd <Kim>")
    assert name.startswith("entities/") and name.endswith(".html")
    assert "/" not in name.removeprefix("entities/") and "<" not in name


def test_seed_entity_report_says_who_said_what(seed_report):
    out, _ = seed_report
    target = out / reports.entity_report_name("Dmitri Peskow")
    reports.render_notebook(
        reports.ENTITY_NOTEBOOK, {"tables": str(out / "tables"), "entity": "Dmitri Peskow"},
        target, "Dmitri Peskow",
    )
    page = target.read_text(encoding="utf-8")
    assert "Was sie sagt" in page
    assert "Was Putins Besuch angeht" in page


def test_failing_notebook_names_article_and_cell_and_leaves_no_file(tmp_path, monkeypatch):
    broken = tmp_path / "article.ipynb"
    book = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("tables = None\ndoc_id = None")
    parameters.metadata["tags"] = ["parameters"]
    book.cells = [parameters, nbformat.v4.new_code_cell("1 / 0")]
    book.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(book, broken)
    monkeypatch.setattr(reports, "ARTICLE_NOTEBOOK", broken)
    out = tmp_path / "out"
    outcome = reports.render_reports(SEED, out)
    assert outcome.failed == 1
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    assert manifest["status"].tolist() == ["failed"]
    reason = manifest["reason"].iloc[0]
    assert "article.ipynb failed for 'Nordkorea lobt" in reason
    assert "in the cell starting '1 / 0': ZeroDivisionError" in reason
    articles = out / "articles"
    assert not articles.exists() or not any(articles.iterdir()), "half-written report left behind"


def test_index_escapes_titles(tmp_path):
    article = tmp_path / "boese.md"
    article.write_text(
        '---\ntitle: "<script>alert(1)</script> Titel"\ndate: 2024-01-02\n---\n'
        "Olaf Scholz traf am Montag in Berlin Vertreter der Industrie.\n",
        encoding="utf-8",
    )
    reports.render_reports(article, tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
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


def test_select_articles_names_a_bad_spec():
    with pytest.raises(ValueError, match="neither all/none, a count"):
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


def test_unchanged_rebuild_renders_nothing_and_a_new_article_one(small_corpus, tmp_path,
                                                                monkeypatch):
    out = tmp_path / "out"
    reports.render_reports(small_corpus, out, articles="1")
    rendered: list[str] = []
    real = reports.render_notebook

    def counting(notebook, parameters, html_path, title):
        rendered.append(html_path.name)
        real(notebook, parameters, html_path, title)

    monkeypatch.setattr(reports, "render_notebook", counting)
    reports.render_reports(small_corpus, out, articles="1")
    assert rendered == []
    reports.render_reports(small_corpus, out, articles="2")
    assert len(rendered) == 1 and rendered[0] != "corpus.html"
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    assert (manifest["report"] != "").sum() == 2
