"""Writing results so that a run killed half-way never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; it replaces `target` only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        yield Path(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_text(target: Path, content: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(content, encoding="utf-8")


def write_table(table: pd.DataFrame, folder: Path, name: str) -> None:
    """Write `name`.parquet (typed, fast) and `name`.csv (for spreadsheets) into `folder`."""
    with atomic_path(folder / f"{name}.parquet") as temporary:
        table.to_parquet(temporary, index=False)
    with atomic_path(folder / f"{name}.csv") as temporary:
        table.to_csv(temporary, index=False)


def read_table(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(folder / f"{name}.parquet")
