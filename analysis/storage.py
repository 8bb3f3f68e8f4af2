"""Writing results so that a run killed half-way never leaves a half-written file behind."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

FILE_MODE = 0o644  # results are shared: a colleague or a web server must be able to read them


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; it replaces `target` only if the block succeeds.

    The finished file is readable by everyone (mkstemp alone would leave it private, 0600).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_text(target: Path, content: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(content, encoding="utf-8")


def write_table(
    table: pd.DataFrame, folder: Path, name: str, partitions: list[pd.DataFrame] | None = None
) -> None:
    """Write `name`.parquet (typed, fast) and `name`.csv (for spreadsheets) into `folder`.

    With `partitions`, `name`.parquet is a folder of part files (a Parquet dataset, as a cluster
    writes it); it replaces the previous dataset only once complete.
    """
    target = folder / f"{name}.parquet"
    if partitions is None:
        with atomic_path(target) as temporary:
            table.to_parquet(temporary, index=False)
    else:
        _write_dataset(partitions, target)
    with atomic_path(folder / f"{name}.csv") as temporary:
        table.to_csv(temporary, index=False)


def _write_dataset(partitions: list[pd.DataFrame], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        for number, part in enumerate(partitions):
            part.to_parquet(scratch / f"part-{number:05d}.parquet", index=False)
        previous = target.with_name(f".{target.name}.old")
        if target.exists():
            os.replace(target, previous)
        os.replace(scratch, target)
        if previous.is_dir():
            shutil.rmtree(previous)
        elif previous.exists():
            previous.unlink()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def read_table(folder: Path, name: str, doc_id: str | None = None) -> pd.DataFrame:
    """A table written by `write_table`, one file or a partitioned dataset; optionally one doc."""
    path = folder / f"{name}.parquet"
    parts = sorted(path.glob("part-*.parquet")) if path.is_dir() else [path]
    filters = [("doc_id", "==", doc_id)] if doc_id is not None else None
    return pd.concat(
        [pd.read_parquet(part, filters=filters) for part in parts], ignore_index=True
    )
