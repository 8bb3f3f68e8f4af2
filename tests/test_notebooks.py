"""The notebooks: a parameters cell with runnable defaults, no analysis logic, and they execute."""

import ast

import nbformat
import papermill
import pytest
from conftest import ARTICLES

from analysis.paths import NOTEBOOKS_DIR
from analysis.reports import KERNEL_NAME, KERNEL_START_SECONDS

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def _code_cells(path):
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


def test_both_notebooks_exist():
    assert [path.name for path in NOTEBOOKS] == ["article.ipynb", "corpus.ipynb", "entity.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_parameters_with_runnable_defaults(path):
    first = _code_cells(path)[0]
    assert "parameters" in first.metadata.get("tags", [])
    defaults: dict = {}
    exec(first.source, {}, defaults)
    assert {"corpus", "tables"} <= set(defaults)
    assert all(value is None or isinstance(value, str) for value in defaults.values())
    assert set(papermill.inspect_notebook(str(path))) == set(defaults), "papermill must parse it"


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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_fixture_articles(path, tmp_path):
    executed = tmp_path / path.name
    papermill.execute_notebook(
        str(path),
        str(executed),
        parameters={"corpus": str(ARTICLES)},
        kernel_name=KERNEL_NAME,
        cwd=str(tmp_path),
        progress_bar=False, start_timeout=KERNEL_START_SECONDS,
    )
    outputs = [output for cell in _code_cells(executed) for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    figures = [o for o in outputs if "<figure>" in o.get("data", {}).get("text/html", "")]
    assert len(figures) >= (1 if path.name == "entity.ipynb" else 5)
    assert all('alt="' in figure["data"]["text/html"] for figure in figures)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_with_its_defaults(path, tmp_path):
    papermill.execute_notebook(
        str(path),
        str(tmp_path / path.name),
        kernel_name=KERNEL_NAME,
        cwd=str(tmp_path),
        progress_bar=False, start_timeout=KERNEL_START_SECONDS,
    )
