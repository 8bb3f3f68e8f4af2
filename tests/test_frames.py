"""typed_frame: the same table pandas would give after astype, built column by column."""

import datetime as dt

import pandas as pd

from analysis.frames import typed_frame

COLUMNS = ["doc_id", "start", "day"]
DTYPES = {"start": "int64", "day": "datetime"}


def test_rows_become_typed_columns_equal_to_astype():
    rows = [("a", 3, dt.date(2024, 1, 16)), ("b", 7, None)]
    expected = pd.DataFrame(rows, columns=COLUMNS).astype({"start": "int64"})
    expected["day"] = pd.to_datetime(expected["day"])
    pd.testing.assert_frame_equal(typed_frame(rows, COLUMNS, DTYPES), expected)


def test_dates_before_1677_keep_their_year():
    table = typed_frame([("a", 0, dt.date(1600, 1, 1))], COLUMNS, DTYPES)
    assert table["day"].iloc[0].year == 1600


def test_no_rows_still_give_every_column_with_its_type():
    table = typed_frame([], COLUMNS, DTYPES)
    assert list(table.columns) == COLUMNS and table.empty
    assert table["start"].dtype == "int64"
    assert str(table["day"].dtype).startswith("datetime64")
