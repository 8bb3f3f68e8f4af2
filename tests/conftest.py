"""Shared paths and small corpora for the tests."""

import shutil
from pathlib import Path

import pytest

from analysis.paths import SEEDS_DIR

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"
SEED = next(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Two fixture articles, the seed, and one empty file that must be skipped, not lost."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for source in [*sorted(ARTICLES.glob("*.txt"))[:1], SEED]:
        shutil.copy(source, folder / source.name)
    shutil.copy(sorted(ARTICLES.glob("*.jsonl"))[0], folder / "records.jsonl")
    (folder / "leer.txt").write_text("", encoding="utf-8")
    return folder
