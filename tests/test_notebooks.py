"""The notebooks: a parameters cell with runnable defaults, no analysis logic, and they execute
(through papermill, on a warm kernel as report builds run them) without errors or warnings."""

import ast

import nbformat
import papermill
import pytest
from conftest import ARTICLES

from analysis.paths import NOTEBOOKS_DIR
from analysis.reports import WarmKernel
from analysis.reports.export import NOTEBOOK_ONLY

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def kernel():
    warm = WarmKernel(NOTEBOOKS_DIR)
    yield warm
    warm.close()


def _code_cells(path_or_book):
    book = (nbformat.read(path_or_book, as_version=4) if not isinstance(
        path_or_book, nbformat.NotebookNode) else path_or_book)
    return [cell for cell in book.cells if cell.cell_type == "code"]


def test_the_three_notebooks_exist():
    assert [path.name for path in NOTEBOOKS] == ["article.ipynb", "corpus.ipynb", "entity.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_parameters_with_runnable_defaults(path):
    first = _code_cells(path)[0]
    assert "parameters" in first.metadata.get("tags", [])
    defaults: dict = {}
    exec(first.source, {}, defaults)
    assert {"corpus", "tables", "site", "here"} <= set(defaults)
    assert all(value is None or isinstance(value, str) for value in defaults.values())
    assert set(papermill.inspect_notebook(str(path))) == set(defaults), "papermill must parse it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_instructions_for_jupyterlab_are_tagged_to_stay_out_of_reports(path):
    cells = nbformat.read(path, as_version=4).cells
    tagged = [cell for cell in cells if NOTEBOOK_ONLY in cell.metadata.get("tags", [])]
    assert tagged and all("Parameter" in cell.source for cell in tagged)
    untagged = [cell.source for cell in cells if cell not in tagged]
    assert not any("Ändern Sie" in source for source in untagged)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_only_call_the_package(path):
    for cell in _code_cells(path)[1:]:
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(
                node, ast.FunctionDef | ast.ClassDef | ast.For | ast.While | ast.Lambda | ast.If
            ), f"logic in {path.name}: {cell.source!r}"
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                module = getattr(node, "module", None) or names[0]
                assert module.split(".")[0] == "analysis", f"{path.name} imports {module}"


def _check(executed, path):
    outputs = [output for cell in _code_cells(executed) for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    noise = [output.text for output in outputs if output.get("name") == "stderr"]
    assert not noise, f"{path.name} printed warnings: {noise}"
    figures = [o for o in outputs if "<figure>" in o.get("data", {}).get("text/html", "")]
    assert len(figures) >= (2 if path.name == "entity.ipynb" else 5)
    assert all('alt="' in figure["data"]["text/html"] for figure in figures)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_fixture_articles(path, kernel):
    _check(kernel.execute(path, {"corpus": str(ARTICLES)}), path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_with_its_defaults_as_in_jupyterlab(path, kernel):
    executed = kernel.execute(path, {})
    _check(executed, path)
    html = [o["data"].get("text/html", "") for cell in _code_cells(executed)
            for o in cell.get("outputs", []) if "data" in o]
    assert any("window._itables" in block for block in html), "offline tables load inline"
