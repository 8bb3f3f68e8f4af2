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


def _extra(extras: dict[str, list[str]], name: str) -> set[str]:
    """An extra's requirements, with the package's own extras it names ("pressespiegel[dask]")
    expanded."""
    found = set()
    for requirement in extras[name]:
        own = re.fullmatch(r"pressespiegel\[(.+)\]", requirement)
        found |= set().union(*(_extra(extras, n) for n in own[1].split(","))) if own else {
            requirement}
    return found


def test_pip_section_lists_exactly_the_project_dependencies_and_test_extras():
    project = _pyproject()["project"]
    wanted = set(project["dependencies"]) | _extra(project["optional-dependencies"], "test")
    listed = {entry for entry in _pip_section() if not entry.startswith("-e")}
    assert listed == wanted


def test_what_only_options_benchmarks_and_training_use_is_an_extra():
    project = _pyproject()["project"]
    core = " ".join(project["dependencies"])
    extras = project["optional-dependencies"]
    for package, extra in [("dask", "dask"), ("somajo", "bench"), ("scikit-learn", "train"),
                           ("babel", "gazetteers")]:
        assert package not in core, package
        assert any(requirement.startswith(package) for requirement in extras[extra]), package


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
    names = [*project["dependencies"], *_extra(project["optional-dependencies"], "test")]
    for requirement in names:
        name = re.split(r"[\[<>=!~ ]", requirement)[0].lower().replace("_", "-")
        assert name in locked, f"{name} is not pinned in requirements.lock"
