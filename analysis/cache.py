"""Results cached by article content and pipeline version, so a re-run only analyses what changed.

A cache folder holds one sub-folder per pipeline version (a hash of the code and model files that
shape the results); inside, every run that analysed something adds one part: an `index` table
(doc_id, key) and the per-article tables of those articles. Changing the code changes the version,
and the stale versions are removed when the next run writes its part. Beside the parts, a snapshot
keeps the last run's corpus-wide tables (linked across articles) with the hash of its article
keys, so re-running an unchanged corpus reads one set of tables and links nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from analysis.paths import PACKAGE_DIR
from analysis.storage import atomic_path

# Modules (files or packages) whose code decides the analysis tables; charts, views and reports
# only show them.
RESULT_MODULES = (
    "language", "document", "entities", "timeline", "sentiment", "quotes", "pipeline", "frames",
)
# Libraries whose version can change the tables: an upgrade must not serve results of the old one.
RESULT_LIBRARIES = ("python-crfsuite", "pandas", "numpy", "textblob-de", "textblob")
DISPLAY_DATA = PACKAGE_DIR / "data" / "reports"  # how pages look, not what the tables hold
SNAPSHOT = "snapshot"  # sub-folder of a version with the last run's finished tables


@cache
def pipeline_version() -> str:
    """Hash of what shapes the results: the modules above, the shipped data (not its READMEs,
    nor how pages look) and the versions of the libraries above."""
    digest = hashlib.sha256()
    for library in RESULT_LIBRARIES:
        digest.update(f"{library}=={_installed(library)}\n".encode())
    files = [path for name in RESULT_MODULES for path in _sources(PACKAGE_DIR / name)]
    files += sorted(
        path for path in (PACKAGE_DIR / "data").rglob("*")
        if path.is_file() and DISPLAY_DATA not in path.parents and path.suffix != ".md"
    )
    for path in files:
        if path.exists():
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sources(module: Path) -> list[Path]:
    """The Python files of a module: the file itself, or every file of the package."""
    return sorted(module.rglob("*.py")) if module.is_dir() else [module.with_suffix(".py")]


def _installed(library: str) -> str:
    try:
        return version(library)
    except PackageNotFoundError:
        return "absent"


def _keys_hash(keys: dict[str, str]) -> str:
    """Which articles, with which content and dates, in which order."""
    digest = hashlib.sha256()
    for doc_id, key in keys.items():
        digest.update(f"{doc_id}\t{key}\n".encode())
    return digest.hexdigest()[:24]


def article_key(doc_id: str, published: object) -> str:
    """What results depend on: the content and the date (relative dates resolve against it)."""
    day = "" if published is None or pd.isna(published) else pd.Timestamp(published).isoformat()
    return f"{doc_id}@{day}"


class ResultCache:
    """Per-article tables of earlier runs, looked up by `article_key`."""

    def __init__(self, folder: str | Path, tables: tuple[str, ...], variant: str = ""):
        """`variant` names run options that change the tables (kept apart in the same cache)."""
        self.root = Path(folder)
        self.folder = self.root / "-".join(filter(None, (pipeline_version(), variant)))
        self.tables = tables

    def _parts(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(path for path in self.folder.iterdir() if (path / "index.parquet").exists())

    def lookup(self, keys: dict[str, str]) -> tuple[dict[str, pd.DataFrame], set[str]]:
        """Cached tables for the doc_ids whose key (doc_id → key) is cached, and those doc_ids."""
        found: dict[str, list[pd.DataFrame]] = {name: [] for name in self.tables}
        hits: set[str] = set()
        for part in self._parts():
            index = pd.read_parquet(part / "index.parquet")
            wanted = index[index["key"] == index["doc_id"].map(keys)]
            wanted = wanted[~wanted["doc_id"].isin(hits)]
            if wanted.empty:
                continue
            doc_ids = set(wanted["doc_id"])
            hits |= doc_ids
            for name in self.tables:
                table = pd.read_parquet(part / f"{name}.parquet")
                found[name].append(table[table["doc_id"].isin(doc_ids)])
        merged = {
            name: pd.concat(frames, ignore_index=True)
            for name, frames in found.items()
            if frames
        }
        return merged, hits

    def load_snapshot(self, keys: dict[str, str]) -> dict[str, pd.DataFrame] | None:
        """The last run's finished tables when it had exactly these articles, else None."""
        folder = self.folder / SNAPSHOT / _keys_hash(keys)
        if not all((folder / f"{name}.parquet").exists() for name in self.tables):
            return None
        return {name: pd.read_parquet(folder / f"{name}.parquet") for name in self.tables}

    def store_snapshot(self, keys: dict[str, str], tables: dict[str, pd.DataFrame]) -> None:
        """Keep these finished tables for the next run over the same articles (only the latest)."""
        root = self.folder / SNAPSHOT
        if root.is_dir():
            shutil.rmtree(root, ignore_errors=True)
        folder = root / _keys_hash(keys)
        for name in self.tables:
            with atomic_path(folder / f"{name}.parquet") as temporary:
                tables[name].to_parquet(temporary, index=False)

    def store(self, keys: dict[str, str], tables: dict[str, pd.DataFrame]) -> None:
        """Add one part with these articles' tables; drop parts of other pipeline versions."""
        if not keys:
            return
        for stale in self.root.glob("*"):
            if stale.is_dir() and not stale.name.startswith(pipeline_version()):
                shutil.rmtree(stale, ignore_errors=True)
        part = self.folder / uuid.uuid4().hex
        index = pd.DataFrame({"doc_id": list(keys), "key": list(keys.values())})
        for name, table in {**tables, "index": index}.items():
            with atomic_path(part / f"{name}.parquet") as temporary:
                table.to_parquet(temporary, index=False)
