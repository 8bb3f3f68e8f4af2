"""The look every chart shares, so that all charts of a report agree.

Colours per entity type and tone label, the matplotlib style and German number ticks (`_styled`),
the alt text every figure carries (`with_alt_text`), the small "no data" figure, label truncation,
legends, German date axes and the note on how reliable automatic tone is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.sentiment import reliability
from analysis.wording import german, number, percent, plural

LABEL_COLOURS: dict[str, str] = {
    "PER": "#4C72B0",
    "LOC": "#DD8452",
    "ORG": "#8172B3",
    "MISC": "#937860",
}
TONE_COLOURS: dict[str, str] = {
    "positive": "#55A868",
    "neutral": "#A9A9A9",
    "negative": "#C44E52",
}
_OTHER_COLOUR = "#7F7F7F"
_PERIOD_COLOUR = "#2A9D8F"
_DAY_COLOUR = "#264653"
_NOTE_COLOUR = "0.4"
_TICK_SIZE = 10
# DejaVu Sans ships with matplotlib and covers umlauts, „quotes“ and the minus sign; SVG text names
# it with a sans-serif fallback for browsers that lack it.
_STYLE: dict[str, Any] = {
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": _TICK_SIZE,
    "ytick.labelsize": _TICK_SIZE,
}


def with_alt_text(fig: Figure, text: str) -> Figure:
    """Attach alt text so the figure stays accessible when rendered into HTML."""
    # Only ASCII whitespace is collapsed: the no-break spaces of German numbers (1 906, 48 %) stay.
    fig.alt_text = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()  # type: ignore[attr-defined]
    return fig


class _GermanNumbers(mticker.ScalarFormatter):
    """Number ticks as wording.number writes them (0,5): matplotlib only knows the C way."""

    def __init__(self) -> None:
        super().__init__(useOffset=False, useMathText=False, useLocale=False)
        self.set_scientific(False)

    def __call__(self, x: float, pos: int | None = None) -> str:
        digits = len(super().__call__(x, pos).partition(".")[2])  # as many as matplotlib chose
        return number(x, digits)


def _styled(func: Callable[..., Figure]) -> Callable[..., Figure]:
    """Build the figure under the shared style, independent of the caller's rcParams."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Figure:
        with mpl.rc_context(_STYLE):
            fig = func(*args, **kwargs)
        # Tick labels are created lazily at draw time, outside the rc_context: pin their size, and
        # write numbers the German way (date, category and fixed labels are left as they are).
        for ax in fig.axes:
            ax.tick_params(labelsize=_TICK_SIZE)
            for axis in (ax.xaxis, ax.yaxis):
                if type(axis.get_major_formatter()) is mticker.ScalarFormatter:
                    axis.set_major_formatter(_GermanNumbers())
        return fig

    return wrapper


def _is_empty(df: pd.DataFrame | None) -> bool:
    return df is None or len(df) == 0


def _require(df: pd.DataFrame, columns: Iterable[str], table: str) -> None:
    """Fail early with the table name instead of a KeyError deep inside pandas."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{table} table is missing column(s): {', '.join(missing)}")


def _no_data(title: str, reason: str = "keine Daten") -> Figure:
    """A small figure that says why it is empty, so notebooks render instead of raising."""
    fig = Figure(figsize=(6, 2.2), layout="constrained")
    ax = fig.subplots()
    ax.set_title(title)
    ax.text(0.5, 0.5, reason[:1].upper() + reason[1:], ha="center", va="center", fontsize=14,
            color=_NOTE_COLOUR)
    ax.set_axis_off()
    return with_alt_text(fig, f"{title}: {reason}.")


def _truncate(text: object, width: int) -> str:
    """Shorten labels so long names or sentences don't push the plot area away; cut between
    words, never inside one (a single over-long word is cut)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    flat = " ".join(str(text).split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    words = cut.rsplit(" ", 1)[0] if " " in cut and not flat[width - 1].isspace() else cut
    return words.rstrip(" ,;:–-") + " …"


def _label(text: object, width: int) -> str:
    """Truncated text for the canvas; a ``$`` pair in article text must not start mathtext."""
    return _truncate(text, width).replace("$", r"\$")


def _signed(polarity: float) -> str:
    """A polarity as German text with its sign: +0,50, 0,00, negatives as wording.number."""
    rounded = round(float(polarity), 2) + 0.0
    return ("+" if rounded > 0 else "") + number(rounded, 2)


def _the_top(count: int, adjective: str, noun: str, noun_genitive: str) -> str:
    """The genitive after "Balkendiagramm": des meistgenannten Namens, der 3 … Namen."""
    if count == 1:
        return f"des {adjective} {noun_genitive}"
    return f"der {number(count)} {adjective} {noun}"


def _label_colour(label: object) -> str:
    return LABEL_COLOURS.get(str(label), _OTHER_COLOUR)


def _legend_patches(colours: dict[str, str], present: Iterable[object], group: str) -> list[Patch]:
    """Legend entries in the fixed order of ``colours``, only for keys that occur, named in
    German (``group`` of analysis.wording)."""
    present = {str(p) for p in present}
    return [Patch(color=c, label=german(group, k)) for k, c in colours.items() if k in present]


def _reliability_note(task: str) -> str:
    """How often automatic tone was right on GerNTSA (`task` sentence or target), as measured by
    `python -m analysis.evaluate sentiment --save`: readers should not take tone as fact."""
    figures = reliability()
    towards = "" if task == "sentence" else "gegenüber Genannten "
    sentences = plural(figures["records"], "Nachrichtensatz", "Nachrichtensätzen")
    return (f"Ton automatisch bestimmt: {towards}auf {sentences} ({figures['corpus']}) in "
            f"{percent(figures[task]['accuracy'])} der Fälle richtig.")


def _with_reliability(fig: Figure, alt: str, task: str) -> Figure:
    """The reliability note as a grey footnote under the figure and at the end of its caption."""
    note = _reliability_note(task)
    fig.supxlabel(note, x=0.005, ha="left", fontsize=9, color=_NOTE_COLOUR)
    return with_alt_text(fig, f"{alt} {note}")


def _format_date_axis(ax: Axes, maxticks: int = 6) -> None:
    """German date ticks as precise as the ticks need; call after the x limits are final."""
    locator = mdates.AutoDateLocator(minticks=2, maxticks=maxticks)
    # Yearly steps for monthly/daily ticks, so narrow axes with few ticks still find an interval.
    locator.intervald[mdates.MONTHLY] = [1, 2, 3, 4, 6, 12, 24]
    locator.intervald[mdates.DAILY] = [1, 2, 3, 7, 14, 21, 31]
    ax.xaxis.set_major_locator(locator)
    ticks = mdates.num2date(locator())
    if all((t.month, t.day) == (1, 1) for t in ticks):
        fmt = "%Y"
    elif all(t.day == 1 for t in ticks):
        fmt = "%m.%Y"
    else:
        fmt = "%d.%m.%Y"
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))


def _day(ts: pd.Timestamp) -> str:
    return ts.strftime("%d.%m.%Y")
