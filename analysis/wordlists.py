"""Word lists kept as data: one reader for the tab-separated lists in analysis/data/.

Linguists extend the analysis by adding rows, not code. Every list has `#` comment lines (what it
is, where it came from, its licence), then a header row, then one entry per line; a row with a
missing, empty or extra cell stops loading with the file and row named, so a typo cannot silently
drop words.
"""

from __future__ import annotations

from pathlib import Path


def rows(path: Path) -> list[list[str]]:
    """The entries of a list in file order, each as its cells (stripped), header left out."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    if not lines:
        raise ValueError(f"{path.name}: no header row")
    width = len(lines[0].split("\t"))
    entries = []
    for number, line in enumerate(lines[1:], start=2):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != width or not all(cells):
            raise ValueError(f"{path.name}: row {number} needs {width} cells: {line!r}")
        entries.append(cells)
    return entries


def header(path: Path) -> list[str]:
    """The column names of a list."""
    first = next(line for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#"))
    return [cell.strip() for cell in first.split("\t")]


def words(path: Path) -> list[str]:
    """The first column of a list, in file order."""
    return [entry[0] for entry in rows(path)]
