"""Publication periods (day, week, month) on the x axis of the charts over time.

How a chart names a period in German, which period a table without attrs has, every period start
of a line (so empty periods are gaps) and the German date ticks of a period axis.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes

from analysis.charts.style import _format_date_axis


class _Period(NamedTuple):
    """How charts name a publication period (`freq` of views.attention_period)."""

    one: str
    many: str
    per: str
    axis: str
    at: str  # "{}" takes the period's label
    label: str  # strftime format of a period start
    step: str  # pandas frequency of consecutive period starts
    pad: pd.Timedelta  # x margin around a single period


_PERIODS: dict[str, _Period] = {
    "D": _Period("Tag", "Tage", "je Tag", "Erscheinungstag", "am {}", "%d.%m.%Y", "D",
                 pd.Timedelta(days=1)),
    "W": _Period("Woche", "Wochen", "je Woche", "Erscheinungswoche (ab Montag)",
                 "in der Woche ab {}", "%d.%m.%Y", "W-MON", pd.Timedelta(days=7)),
    "M": _Period("Monat", "Monate", "je Monat", "Erscheinungsmonat", "im Monat {}", "%m.%Y", "MS",
                 pd.Timedelta(days=31)),
}


def _table_freq(periods: pd.Series) -> str:
    """The period ("D", "W", "M") of a table's period starts, for tables that lost attrs."""
    starts = pd.DatetimeIndex(periods.drop_duplicates()).sort_values()
    steps = starts.to_series().diff().dropna()
    if starts.is_month_start.all() and (steps >= pd.Timedelta(days=28)).all():
        return "M"
    if (starts.day_of_week == 0).all() and (steps % pd.Timedelta(days=7) == pd.Timedelta(0)).all():
        return "W"
    return "D"


def _every_period(starts: pd.DatetimeIndex, freq: str) -> pd.DatetimeIndex:
    """Every period start from the first to the last of `starts`: reindexing a line onto it puts
    NaN into periods without data, where matplotlib breaks the line instead of bridging them."""
    return pd.date_range(starts.min(), starts.max(), freq=_PERIODS[freq].step).union(starts)


def _period_span(starts: pd.DatetimeIndex, period: _Period) -> str:
    """The sorted periods covered, as in 01.01.2024 bis 26.02.2024, or one period's label."""
    first, last = starts[0].strftime(period.label), starts[-1].strftime(period.label)
    return first if first == last else f"{first} bis {last}"


def _period_axis(ax: Axes, starts: pd.DatetimeIndex, freq: str) -> None:
    """German date ticks and the period's axis label; one period gets some room on both sides."""
    period = _PERIODS[freq]
    if len(starts) == 1:
        ax.set_xlim(starts[0] - period.pad, starts[0] + period.pad)
    _format_date_axis(ax)
    low, high = ax.get_xlim()
    weeks = (high - low) / 7
    if freq == "W" and weeks <= 26:  # ticks on Mondays, where the weeks' points are (beyond half
        # a year, the month ticks of _format_date_axis read better)
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(mdates.MO, interval=math.ceil(weeks / 6)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d.%m.%Y"))
    ax.set_xlabel(period.axis)
