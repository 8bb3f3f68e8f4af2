"""environment.yml must give conda users what pyproject.toml gives pip users."""

import re
import tomllib

import yaml

from analysis.paths import PROJECT_DIR


def _pip_section() -> list[str]:
    environment = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    sections = [entry for entry in environment["dependencies"] if isinstance(entry, dict)]
    assert len(sections) == 1, "environment.yml needs exactly one pip section"
    return sections[0]["pip"]


def _pyproject() -> dict:
    return tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))


def test_pip_section_lists_exactly_the_project_dependencies():
    project = _pyproject()["project"]
    wanted = set(project["dependencies"]) | set(project["optional-dependencies"]["test"])
    listed = {entry for entry in _pip_section() if not entry.startswith("-e")}
    assert listed == wanted


def test_pip_section_installs_the_package_itself():
    assert "-e ." in _pip_section()


def test_python_version_satisfies_requires_python():
    environment = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    python = next(
        e for e in environment["dependencies"] if isinstance(e, str) and e.startswith("python=")
    )
    minimum = _pyproject()["project"]["requires-python"].removeprefix(">=")
    assert tuple(map(int, python.split("=")[1].split("."))) >= tuple(map(int, minimum.split(".")))


def test_lock_file_pins_every_dependency():
    locked = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (PROJECT_DIR / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    project = _pyproject()["project"]
    names = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for requirement in names:
        name = re.split(r"[\[<>=!~ ]", requirement)[0].lower().replace("_", "-")
        assert name in locked, f"{name} is not pinned in requirements.lock"
