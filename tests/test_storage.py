"""Atomic writes: a failure leaves the previous file and no temporary files."""

import pandas as pd
import pytest

from analysis import storage


def test_write_text_replaces_the_file(tmp_path):
    target = tmp_path / "sub" / "report.html"
    storage.write_text(target, "alt")
    storage.write_text(target, "neu")
    assert target.read_text(encoding="utf-8") == "neu"
    assert [path.name for path in target.parent.iterdir()] == ["report.html"]


def test_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("vorher", encoding="utf-8")
    with pytest.raises(RuntimeError), storage.atomic_path(target) as temporary:
        temporary.write_text("halb", encoding="utf-8")
        raise RuntimeError("killed half-way")
    assert target.read_text(encoding="utf-8") == "vorher"
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]


def test_tables_round_trip_as_parquet_and_csv(tmp_path):
    table = pd.DataFrame({"entity": ["Pjöngjang"], "mentions": [4]})
    storage.write_table(table, tmp_path, "mentions")
    pd.testing.assert_frame_equal(storage.read_table(tmp_path, "mentions"), table)
    assert pd.read_csv(tmp_path / "mentions.csv").iloc[0].tolist() == ["Pjöngjang", 4]
