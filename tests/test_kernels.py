"""Warm kernels: one kernel renders many notebooks, each in a fresh namespace, quietly."""

import os

import nbformat
import pytest
from papermill import PapermillExecutionError

from analysis.reports.kernels import KernelError, KernelPool, WarmKernel


def _notebook(folder, name, *sources):
    book = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("value = None")
    parameters.metadata["tags"] = ["parameters"]
    book.cells = [parameters, *(nbformat.v4.new_code_cell(source) for source in sources)]
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                   "language": "python"}
    path = folder / name
    nbformat.write(book, path)
    return path


def _outputs(executed):
    return [output for cell in executed.cells for output in cell.get("outputs", [])]


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    warm = WarmKernel(tmp_path_factory.mktemp("cwd"))
    yield warm
    warm.close()


def test_one_kernel_runs_notebook_after_notebook_with_fresh_variables(kernel, tmp_path):
    first = _notebook(tmp_path, "first.ipynb", "import os\nleftover = value\nos.getpid()")
    second = _notebook(tmp_path, "second.ipynb", "'leftover' in dir()",
                       "import os\nos.getpid()")
    one = _outputs(kernel.execute(first, {"value": 1}))
    two = _outputs(kernel.execute(second, {"value": 2}))
    assert two[0]["data"]["text/plain"] == "False", "each notebook starts from a clean namespace"
    assert one[0]["data"]["text/plain"] == two[1]["data"]["text/plain"], "the same process"
    assert int(one[0]["data"]["text/plain"]) != os.getpid()


def test_the_package_is_imported_once_before_the_first_page(kernel, tmp_path):
    check = _notebook(tmp_path, "check.ipynb", "import sys\n'analysis.display' in sys.modules")
    assert _outputs(kernel.execute(check, {}))[0]["data"]["text/plain"] == "True"


def test_a_failing_cell_raises_and_the_kernel_stays_usable(kernel, tmp_path):
    broken = _notebook(tmp_path, "broken.ipynb", "1 / 0")
    with pytest.raises(PapermillExecutionError, match="ZeroDivisionError"):
        kernel.execute(broken, {})
    fine = _notebook(tmp_path, "fine.ipynb", "6 * 7")
    assert _outputs(kernel.execute(fine, {}))[0]["data"]["text/plain"] == "42"


def test_the_kernel_says_nothing_about_tcp_or_interrupts(kernel):
    log = kernel.log_path.read_text(encoding="utf-8")
    assert "without encryption" not in log
    assert "KeyboardInterrupt" not in log


def test_jobs_spread_over_kernels_and_a_dead_kernel_is_replaced(tmp_path):
    book = _notebook(tmp_path, "pid.ipynb", "import os\nos.getpid()")
    killer = _notebook(tmp_path, "kill.ipynb",
                       "import os, sys\nprint('letzte Worte', file=sys.__stderr__, flush=True)\n"
                       "os._exit(1)")
    jobs = [book, killer, book, book]

    def render(warm, path):
        executed = warm.execute(path, {})
        return _outputs(executed)[0]["data"]["text/plain"]

    with KernelPool(1, tmp_path) as pool:
        results = list(pool.run(jobs, render))
    assert len(results) == 4
    errors = [outcome for _, outcome in results if isinstance(outcome, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], KernelError)
    assert "died running kill.ipynb" in str(errors[0]) and "letzte Worte" in str(errors[0])
    pids = [outcome for _, outcome in results if not isinstance(outcome, Exception)]
    assert pids[0] != pids[1] == pids[2], "a new kernel after the dead one, then reused"


def test_a_kernel_that_cannot_start_fails_its_jobs_instead_of_hanging(tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise KernelError("no kernel here")

    monkeypatch.setattr("analysis.reports.kernels.WarmKernel", refuse)
    with KernelPool(2, tmp_path) as pool:
        results = list(pool.run(["a", "b"], lambda warm, job: job))
    assert sorted(job for job, _ in results) == ["a", "b"]
    assert all(isinstance(outcome, KernelError) for _, outcome in results)
