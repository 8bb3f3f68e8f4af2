"""The command line as a user meets it, run as a subprocess: every error a user can cause ends in
one `Error:` line on stderr and exit status 2, never in a traceback; `make lab` starts for root."""

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest
from conftest import ARTICLES

from analysis.paths import PROJECT_DIR
from analysis.reports import check_articles

ROOT = os.geteuid() == 0


def _run(*arguments: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items()
                   if key != "PRESSESPIEGEL_DEBUG"}
    return subprocess.run([sys.executable, "-m", "analysis", *arguments], cwd=cwd,
                          env={**environment, **env}, capture_output=True, text=True,
                          timeout=300)


def _fails_plainly(*arguments: str, cwd: Path, progress: bool = False, **env: str) -> str:
    """Exit status 2 and one `Error:` line, nothing else on stderr but a progress bar (when the
    analysis had started); returns the line."""
    done = _run(*arguments, cwd=cwd, **env)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[-1].startswith("Error: ")
    assert len(lines) == 1 or (progress and not any(line.startswith("Error: ")
                                                    for line in lines[:-1])), done.stderr
    return lines[-1]


@pytest.mark.parametrize("out", ["/proc/nope", "file/out"])
def test_an_output_folder_that_cannot_be_created(out, tmp_path):
    if out.startswith("/proc") and not Path("/proc").is_dir():
        pytest.skip("no /proc here")
    (tmp_path / "file").write_text("")
    error = _fails_plainly("report", "--corpus", str(ARTICLES), "--out", out, cwd=tmp_path)
    assert f"cannot create --out {out}" in error and "folder you can write to" in error


@pytest.mark.skipif(ROOT, reason="root may write anywhere")
def test_an_output_folder_that_cannot_be_written(tmp_path):
    (tmp_path / "fixed").mkdir(mode=0o555)
    error = _fails_plainly("analyze", "--corpus", str(ARTICLES), "--out", "fixed", cwd=tmp_path)
    assert "cannot write to --out fixed" in error


def test_a_bad_articles_query_is_refused_before_any_work(tmp_path):
    error = _fails_plainly("report", "--corpus", str(ARTICLES), "--out", "out",
                           "--articles", "foo ===", cwd=tmp_path)
    assert "--articles: 'foo ===' is neither auto, all, none" in error
    assert "agency == 'dpa'" in error
    assert not (tmp_path / "out").exists()


def test_a_folder_that_a_running_build_holds(tmp_path):
    lock = tmp_path / "out" / ".build.lock"
    lock.parent.mkdir()
    lock.write_text(str(os.getpid()))  # as build_lock writes it: the pid of a live process
    error = _fails_plainly("report", "--corpus", str(ARTICLES), "--out", "out", cwd=tmp_path)
    assert f"another report build (process {os.getpid()})" in error
    assert lock.read_text() == str(os.getpid())


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        ("report", "--workers", "0"),
        ("analyze", "--workers", "two"),
        ("analyze", "--max-article-mb", "0"),
        ("report", "--max-article-mb", "nan"),
        ("report", "--entities", "-1"),
        ("analyze", "--articles-per-part", "0"),
    ],
)
def test_numbers_out_of_range_are_refused_before_any_work(command, option, value, tmp_path):
    error = _fails_plainly(command, "--corpus", str(ARTICLES), "--out", "out", option, value,
                           cwd=tmp_path)
    assert error.startswith(f"Error: argument {option}: ")
    assert error.endswith(f"(see python -m analysis {command} --help)")
    assert not (tmp_path / "out").exists()


def test_a_missing_corpus(tmp_path):
    error = _fails_plainly("analyze", "--corpus", "nope", "--out", "out", cwd=tmp_path)
    assert error == "Error: corpus nope does not exist: pass --corpus a folder or file of articles"


def test_a_corpus_that_is_neither_folder_nor_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for ever
    error = _fails_plainly("analyze", "--corpus", "pipe.txt", "--out", "out", cwd=tmp_path)
    assert "corpus pipe.txt is neither a folder nor a file" in error


@pytest.mark.skipif(ROOT, reason="root may read anything")
def test_an_unreadable_corpus(tmp_path):
    (tmp_path / "corpus").mkdir(mode=0o000)
    error = _fails_plainly("analyze", "--corpus", "corpus", "--out", "out", cwd=tmp_path)
    assert "corpus corpus cannot be read (permission denied)" in error


def test_a_missing_extra_names_what_to_install(tmp_path):
    blocked = tmp_path / "blocked" / "dask"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('not installed here')\n")
    error = _fails_plainly("analyze", "--corpus", str(ARTICLES), "--out", "out", "--engine",
                           "dask", cwd=tmp_path, PYTHONPATH=str(blocked.parent))
    assert error == ("Error: --engine dask needs dask, which is not installed: "
                     "pip install 'pressespiegel[dask]'")


def test_a_scheduler_nobody_answers_at(tmp_path):
    pytest.importorskip("dask.distributed")
    corpus = sorted(ARTICLES.glob("*.txt"))[0]
    error = _fails_plainly("analyze", "--corpus", str(corpus), "--out", "out", "--no-cache",
                           "--engine", "dask", "--scheduler", "127.0.0.1:1", cwd=tmp_path,
                           progress=True, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="1s")
    assert "cannot reach the Dask scheduler at 127.0.0.1:1" in error


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ((), "Error: the following arguments are required: command (see python -m analysis "
             "--help)"),
        (("report", "--bogus"), "Error: unrecognized arguments: --bogus (see python -m "
                                "analysis --help)"),
        (("analyze", "--engine", "spark"), "Error: argument --engine: invalid choice: 'spark'"),
    ],
)
def test_usage_errors_end_in_one_line_too(arguments, expected, tmp_path):
    assert _fails_plainly(*arguments, cwd=tmp_path).startswith(expected)


@pytest.mark.parametrize(
    ("arguments", "env"),
    [
        (("--debug", "report", "--corpus", "nope"), {}),
        (("report", "--corpus", "nope", "--debug"), {}),
        (("report", "--corpus", "nope"), {"PRESSESPIEGEL_DEBUG": "1"}),
    ],
)
def test_debug_adds_the_traceback(arguments, env, tmp_path):
    done = _run(*arguments, cwd=tmp_path, **env)
    assert done.returncode == 2
    assert "Traceback (most recent call last)" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("Error: corpus nope does not exist")


def test_version(tmp_path):
    done = _run("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == f"pressespiegel {metadata.version('pressespiegel')}"


@pytest.mark.parametrize("command", [(), ("analyze",), ("report",)])
def test_help_ends_with_examples(command, tmp_path):
    done = _run(*command, "--help", cwd=tmp_path)
    lines = done.stdout.rstrip().splitlines()
    assert done.returncode == 0
    assert lines[-4] == "examples:"
    assert all(line.startswith(f"  python -m analysis {' '.join(command)}".rstrip())
               for line in lines[-3:])


@pytest.mark.skipif(shutil.which("make") is None or not Path(sys.prefix, "bin", "jupyter").exists(),
                    reason="needs make and JupyterLab in this environment")
def test_make_lab_starts_and_prints_the_url(tmp_path):
    # -o: the environment is this one, used as it is (make would otherwise re-install a stale one)
    command = ["make", "-o", f"{sys.prefix}/.installed", f"VENV={sys.prefix}", "lab"]
    lab = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, start_new_session=True,
                           env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path)})
    printed = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("/lab?token=" in line for line in printed):
            if select.select([lab.stdout], [], [], 1)[0]:
                line = lab.stdout.readline()
                if not line:
                    break
                printed.append(line)
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.communicate(timeout=30)
    output = "".join(printed)
    assert any("/lab?token=" in line for line in printed), output
    # the command itself, from a dry run: make's echo depends on its flags (-s, a parent make)
    dry = subprocess.run([*command[:-1], "-n", "--no-print-directory", "lab"], cwd=PROJECT_DIR,
                         capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""},
                         check=True)
    assert ("--allow-root" in dry.stdout) == ROOT, dry.stdout


@pytest.mark.parametrize("spec", ["auto", " all ", "12", "0123456789abcdef",
                                  "a.TXT, corpus/zwei.csv#1", "agency == 'dpa'",
                                  "published > '2024-03-01' and text.str.contains('Putin')"])
def test_articles_are_parsed_up_front_as_far_as_they_can_be(spec):
    assert check_articles(spec) == spec.strip()


@pytest.mark.parametrize("spec", ["foo ===", "agncy == 'dpa'", "a1, drei", ""])
def test_articles_that_neither_name_articles_nor_query_them_are_refused(spec):
    with pytest.raises(ValueError, match="is neither auto, all, none, a count"):
        check_articles(spec)
