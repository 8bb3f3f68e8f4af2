"""Matplotlib figures for the analysis tables (see docs/tables.md).

Every chart returns a ``matplotlib.figure.Figure`` created without pyplot, so nothing stays open in
a notebook or a headless run, and every figure carries ``fig.alt_text``: a sentence with the key
numbers that :func:`display_figure` puts into the ``alt`` attribute and caption of the HTML report.
Everything a reader sees is German (words for the tables' codes come from :mod:`analysis.wording`);
colours are fixed per entity type and per tone label so that all charts of a report agree. Tone
charts say on the figure and in the caption how often the tone model was right when measured.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import itertools
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import networkx as nx
import pandas as pd
from IPython.display import HTML, display
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.sentiment import reliability, tone_by_day
from analysis.timeline import referenced_periods_by_publication
from analysis.views import attention_period
from analysis.wording import german, number, percent, plural

__all__ = [
    "LABEL_COLOURS",
    "TONE_COLOURS",
    "attention_over_time",
    "cooccurrence",
    "cooccurrence_network",
    "display_figure",
    "entity_mentions",
    "entity_tone",
    "figure_html",
    "periods_by_publication",
    "quoted_speakers",
    "sentiment_through_article",
    "timeline_chart",
    "tone_over_time",
    "with_alt_text",
]

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
_MAX_TIMELINE_ROWS = 40
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
# Text stays text (small, searchable, sharp at any zoom), its CSS font list DejaVu Sans then any
# sans-serif; a fixed salt keeps the SVG of the same figure byte-identical between runs.
_SVG_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "font.sans-serif": ["DejaVu Sans"],
    "svg.hashsalt": "pressespiegel",
}


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


# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------


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


def _entity_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per entity with its most frequent label, ranked so ties are deterministic."""
    df = mentions.dropna(subset=["entity"])
    df = df.assign(label=df["label"].fillna("MISC").astype(str))
    labels = (
        df.groupby(["entity", "label"]).size().rename("n").reset_index()
        .sort_values(["n", "label"], ascending=[False, True])
        .drop_duplicates("entity")[["entity", "label"]]
    )
    counts = df.groupby("entity").size().rename("mentions").reset_index()
    return labels.merge(counts, on="entity").sort_values(
        ["mentions", "entity"], ascending=[False, True], ignore_index=True
    )


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


# ---------------------------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------------------------


@_styled
def entity_mentions(mentions: pd.DataFrame, top: int = 15) -> Figure:
    """Horizontal bars of the most mentioned entities, coloured by entity type."""
    title = "Die meistgenannten Namen"
    if _is_empty(mentions):
        return _no_data(title)
    _require(mentions, ["entity", "label"], "mentions")
    counts = _entity_counts(mentions).head(top)
    if counts.empty:
        return _no_data(title)

    fig = Figure(figsize=(8, 1.2 + 0.38 * len(counts)), layout="constrained")
    ax = fig.subplots()
    y = range(len(counts))
    bars = ax.barh(y, counts["mentions"], color=[_label_colour(x) for x in counts["label"]])
    ax.bar_label(bars, fmt=number, padding=3, fontsize=_TICK_SIZE)
    ax.set_yticks(y, [_label(e, 35) for e in counts["entity"]])
    ax.invert_yaxis()
    ax.set_xlabel("Erwähnungen")
    ax.margins(x=0.1)
    ax.xaxis.get_major_locator().set_params(integer=True)
    # Beside the bars: inside, the legend covers the shortest ones.
    ax.legend(handles=_legend_patches(LABEL_COLOURS, counts["label"], "label"), title="Typ",
              loc="upper left", bbox_to_anchor=(1.01, 1))
    n_docs = mentions["doc_id"].nunique() if "doc_id" in mentions.columns else 1
    scope = f" in {number(n_docs)} Artikeln" if n_docs > 1 else ""
    ax.set_title(f"{title}{scope}")

    first = counts.iloc[0]
    rest = ", ".join(f"{r.entity} ({number(r.mentions)})" for r in counts.iloc[1:4].itertuples())
    alt = (f"Balkendiagramm {_the_top(len(counts), 'meistgenannten', 'Namen', 'Namens')}{scope}; "
           f"{first.entity} ({german('label', first.label)}) führt mit "
           f"{plural(first.mentions, 'Erwähnung', 'Erwähnungen')}")
    alt += f", danach {rest}." if rest else "."
    return with_alt_text(fig, alt)


def cooccurrence(mentions: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """Pairs of top entities and the number of sentences in which both occur.

    A sentence is (doc_id, sentence_id); without doc_id the table is treated as one article.
    Pairs are ordered alphabetically within a row and sorted by weight (descending).
    """
    columns = ["source", "target", "weight"]
    if _is_empty(mentions):
        return pd.DataFrame(columns=columns).astype({"weight": "int64"})
    _require(mentions, ["entity", "label", "sentence_id"], "mentions")
    keys = ["doc_id", "sentence_id"] if "doc_id" in mentions.columns else ["sentence_id"]
    top_entities = _entity_counts(mentions).head(top)["entity"]
    df = mentions.loc[mentions["entity"].isin(top_entities), [*keys, "entity"]].drop_duplicates()
    pairs = df.merge(df, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs["entity_a"] < pairs["entity_b"]]
    table = (
        pairs.groupby(["entity_a", "entity_b"]).size().rename("weight").reset_index()
        .rename(columns={"entity_a": "source", "entity_b": "target"})
    )
    return table.sort_values(
        ["weight", "source", "target"], ascending=[False, True, True], ignore_index=True
    ).astype({"weight": "int64"})[columns]


@_styled
def cooccurrence_network(mentions: pd.DataFrame, top: int = 15, min_weight: int = 1) -> Figure:
    """Network of the top entities, linked when they share sentences (deterministic layout)."""
    title = "Namen, die im selben Satz stehen"
    if _is_empty(mentions):
        return _no_data(title)
    counts = _entity_counts(mentions).head(top)
    edges = cooccurrence(mentions, top=top)
    edges = edges[edges["weight"] >= min_weight]
    if edges.empty:  # a page-high picture of unconnected dots says nothing
        return _no_data(title, "keine zwei Namen im selben Satz")

    graph = nx.Graph()
    graph.add_nodes_from(counts["entity"])
    graph.add_weighted_edges_from(edges.itertuples(index=False, name=None))
    pos = nx.spring_layout(graph, seed=42, weight="weight", k=1.6 / max(len(counts), 1) ** 0.5)

    fig = Figure(figsize=(9, 7), layout="constrained")
    ax = fig.subplots()
    max_weight = edges["weight"].max() if len(edges) else 1
    for source, target, weight in edges.itertuples(index=False, name=None):
        (x0, y0), (x1, y1) = pos[source], pos[target]
        ax.plot([x0, x1], [y0, y1], color="0.55", alpha=0.6, zorder=1,
                linewidth=1 + 4 * weight / max_weight, solid_capstyle="round")
    max_mentions = counts["mentions"].max()
    xy = [pos[e] for e in counts["entity"]]
    sizes = [200 + 1600 * m / max_mentions for m in counts["mentions"]]
    ax.scatter([p[0] for p in xy], [p[1] for p in xy], s=sizes, zorder=2, edgecolors="white",
               c=[_label_colour(x) for x in counts["label"]])
    for entity, (x, y), size in zip(counts["entity"], xy, sizes, strict=True):
        # Marker size is an area in pt²: start the label just above the node's radius.
        ax.annotate(_label(entity, 28), (x, y), xytext=(0, size**0.5 / 2 + 2),
                    textcoords="offset points",
                    ha="center", va="bottom", fontsize=10, zorder=3,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75})
    ax.margins(0.15)
    ax.set_axis_off()
    ax.set_title(title)
    ax.legend(handles=_legend_patches(LABEL_COLOURS, counts["label"], "label"), title="Typ",
              loc="lower left", frameon=False)

    alt = (f"Netz {_the_top(len(counts), 'meistgenannten', 'Namen', 'Namens')} (Kreisgröße = "
           f"Erwähnungen); {plural(len(edges), 'Verbindung', 'Verbindungen')} zwischen Namen, die "
           "im selben Satz stehen")
    if len(edges):
        s = edges.iloc[0]
        alt += (f"; die stärkste: {s.source} – {s.target} "
                f"({plural(s.weight, 'gemeinsamer Satz', 'gemeinsame Sätze')}).")
    else:
        alt += (f" (in mindestens {plural(min_weight, 'Satz', 'Sätzen')}); kein Paar steht so oft "
                "zusammen.")
    return with_alt_text(fig, alt)


# ---------------------------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------------------------


def _last_day(start: pd.Timestamp, end: pd.Timestamp) -> pd.Timestamp:
    """Inclusive last day of a range, accepting inclusive or exclusive (midnight) ends."""
    if pd.isna(end) or end <= start:
        return start.normalize()
    exclusive = end == end.normalize() and (end.day == 1 or end - start == pd.Timedelta(days=1))
    return (end - pd.Timedelta(days=1)).normalize() if exclusive else end.normalize()


def _range_label(start: pd.Timestamp, last: pd.Timestamp) -> str:
    """Compact German-style label: 1948, 02.2022, 24.02.2022 or 01.03.–10.03.2024."""
    if start == last:
        return _day(start)
    if start.is_year_start and last.is_year_end:
        return str(start.year) if start.year == last.year else f"{start.year}–{last.year}"
    if start.is_month_start and last.is_month_end and (start.year, start.month) == (
            last.year, last.month):
        return start.strftime("%m.%Y")
    head = start.strftime("%d.%m.") if start.year == last.year else _day(start)
    return f"{head}–{_day(last)}"


def _timeline_events(timeline: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct date range, merging the phrases and entities that refer to it."""
    df = timeline.dropna(subset=["date_start"])
    start = pd.to_datetime(df["date_start"]).dt.normalize()
    end = pd.to_datetime(df["date_end"]) if "date_end" in df.columns else start
    last = [_last_day(s, e) for s, e in zip(start, end, strict=True)]
    entities = df["entities"] if "entities" in df.columns else pd.Series("", index=df.index)
    df = pd.DataFrame({"start": start, "last": last, "text": df["text"].astype(str),
                       "entities": entities.fillna("").astype(str)})

    def unique(values: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(v.strip() for v in values if v.strip()))

    events = df.groupby(["start", "last"], sort=True).agg(
        count=("text", "size"),
        texts=("text", unique),
        entities=("entities", lambda s: unique(x for v in s for x in v.split(";"))),
    ).reset_index()
    events["single"] = events["start"] == events["last"]
    return events


def _segments(events: pd.DataFrame, max_segments: int = 5) -> list[pd.DataFrame]:
    """Split events at gaps of more than a year so 1948 and March 2024 both stay legible."""
    gaps = events["start"] - events["last"].cummax().shift()
    big = gaps[gaps > pd.Timedelta(days=365)].nlargest(max_segments - 1).index.sort_values()
    bounds = [0, *(events.index.get_loc(i) for i in big), len(events)]
    return [events.iloc[a:b] for a, b in itertools.pairwise(bounds)]


def _break_marks(axes: list[Axes]) -> None:
    """Diagonal slashes where the x axis is broken between segments."""
    kw: dict[str, Any] = {"marker": [(-1, -1.5), (1, 1.5)], "markersize": 10, "linestyle": "none",
                          "color": "0.3", "mec": "0.3", "mew": 1, "clip_on": False}
    for left, right in itertools.pairwise(axes):
        left.spines["right"].set_visible(False)
        right.spines["left"].set_visible(False)
        right.tick_params(left=False)
        left.plot([1, 1], [0, 1], transform=left.transAxes, **kw)
        right.plot([0, 0], [0, 1], transform=right.transAxes, **kw)


@_styled
def timeline_chart(timeline: pd.DataFrame, max_labels: int = 12) -> Figure:
    """Referenced dates as points (days) and bars (ranges), one row per distinct date.

    The x axis is broken at gaps of more than a year, so references from 1948 and 2024 share one
    readable chart. The ``max_labels`` most referenced dates are labelled with their phrases and
    entities; the other rows show only the date. Rows without a calendar date are left out.
    """
    title = "Genannte Daten"
    if _is_empty(timeline):
        return _no_data(title)
    _require(timeline, ["date_start", "text"], "timeline")
    left_out = int(timeline["date_start"].isna().sum())
    note = (f"{plural(left_out, 'Bezug', 'Bezüge')} ohne Kalenderdatum "
            f"{'wurde' if left_out == 1 else 'wurden'} weggelassen")
    events = _timeline_events(timeline)
    if events.empty:
        return _no_data(title, f"keine Kalenderdaten ({note})")

    ranked = events.sort_values(["count", "start"], ascending=[False, True])
    labelled = events.index.isin(ranked.head(max_labels).index)
    labels = []
    for ev, full in zip(events.itertuples(), labelled, strict=True):
        label = _range_label(ev.start, ev.last)
        phrases = " / ".join(ev.texts)
        if full and phrases != label:
            label += f": „{_label(phrases, 30)}“"
        if full and ev.entities:
            label += f" – {_label(', '.join(ev.entities), 30)}"
        labels.append(label)
    # One row per date while that stays legible; beyond, unlabelled dates share the last row.
    crowded = len(events) > _MAX_TIMELINE_ROWS
    if crowded:
        events["row"] = labelled.cumsum() - 1
        events.loc[~labelled, "row"] = labelled.sum()
        labels = [*(lab for lab, full in zip(labels, labelled, strict=True) if full),
                  plural(int((~labelled).sum()), "weiteres Datum", "weitere Daten")]
    else:
        events["row"] = range(len(events))

    segments = _segments(events)
    fig = Figure(figsize=(11, 2.0 + 0.34 * len(labels)), layout="constrained")
    ratios = [1 + len(s) ** 0.5 for s in segments]
    axes = list(fig.subplots(1, len(segments), sharey=True, squeeze=False,
                             width_ratios=ratios)[0])
    fig.get_layout_engine().set(wspace=0.02)
    one_day = pd.Timedelta(days=1)
    ranges, points = events[~events["single"]], events[events["single"]]
    # What the row labels (~0.075 in a character) leave of the figure for the plot.
    plot_width = max(2.0, 10.4 - 0.075 * max(len(label) for label in labels))
    for ax, seg, ratio in zip(axes, segments, ratios, strict=True):
        ax.barh(ranges["row"], ranges["last"] + one_day - ranges["start"], left=ranges["start"],
                height=0.5, color=_PERIOD_COLOUR, alpha=0.75)
        ax.scatter(points["start"] + one_day / 2, points["row"], s=45, zorder=3,
                   color=_DAY_COLOUR, edgecolors="white")
        lo, hi = seg["start"].min(), seg["last"].max() + one_day
        pad = max((hi - lo) * 0.08, pd.Timedelta(days=3))
        ax.set_xlim(lo - pad, hi + pad)
        room = plot_width * ratio / sum(ratios)  # inches; a tick label needs up to ~1 in
        if room < 1.2:  # two labels would collide: one, at the segment's first date
            start = seg["start"].iloc[0]
            label = _range_label(start, seg["last"].iloc[0])
            ax.set_xticks([start], [_day(start) if "–" in label else label])
        else:
            _format_date_axis(ax, maxticks=max(2, min(7, round(room))))
        ax.grid(axis="x", color="0.9")
        ax.set_axisbelow(True)
    axes[0].set_yticks(range(len(labels)), labels)
    axes[0].set_ylim(len(labels) - 0.5, -0.5)
    _break_marks(axes)
    fig.suptitle(title, fontsize=13)
    fig.supxlabel("Datum" + (" (Achse bei Lücken von mehr als einem Jahr unterbrochen)"
                             if len(segments) > 1 else ""), fontsize=11)
    fig.legend(handles=[Patch(color=_PERIOD_COLOUR, alpha=0.75, label="Zeitraum"),
                        Line2D([], [], marker="o", linestyle="none", label="einzelner Tag",
                               color=_DAY_COLOUR)],
               loc="outside upper right", ncols=2, fontsize=10)

    first = _range_label(events["start"].iloc[0], events["last"].iloc[0])
    latest = events.loc[events["last"].idxmax()]
    dates = plural(len(events), "genanntem Datum", "verschiedenen genannten Daten")
    alt = f"Zeitleiste mit {dates}: {first}"
    if latest.name != 0:  # otherwise the first range already covers all others
        alt += f" bis {_range_label(latest['start'], latest['last'])}"
    top = events.sort_values(["count", "start"], ascending=[False, True]).iloc[0]
    if top["count"] > 1:
        alt += (f"; am häufigsten genannt: {_range_label(top['start'], top['last'])} "
                f"({number(top['count'])}-mal)")
    alt += "."
    if crowded:
        alt += (f" Nur die {number(max_labels)} am häufigsten genannten Daten sind beschriftet, "
                "jedes in einer eigenen Zeile.")
    if left_out:
        alt += f" {note}."
    return with_alt_text(fig, alt)


@_styled
def periods_by_publication(timeline: pd.DataFrame, documents: pd.DataFrame, top: int = 15,
                           freq: str = "W", period: str = "Y") -> Figure:
    """Bubbles of referenced years (or months) per publication week: what a corpus looks back
    or ahead to, and when; the `top` most referenced periods keep the rows readable."""
    title = "Zeiträume, auf die sich das Korpus bezieht, nach Erscheinungsdatum"
    if _is_empty(timeline) or _is_empty(documents):
        return _no_data(title)
    _require(timeline, ["doc_id", "date_start", "date_end"], "timeline")
    _require(documents, ["doc_id", "published"], "documents")
    table = referenced_periods_by_publication(timeline, documents, freq=freq, period=period)
    if table.empty:
        return _no_data(title, "keine datierten Bezüge in datierten Artikeln")
    totals = (table.groupby("period", as_index=False)["references"].sum()
              .sort_values(["references", "period"], ascending=[False, True]))
    kept = sorted(totals["period"].head(top))
    shown = table[table["period"].isin(kept)]
    row = {p: i for i, p in enumerate(kept)}
    name = {"Y": "%Y", "M": "%m.%Y"}.get(period, "%d.%m.%Y")
    one, many, axis_label = {
        "Y": ("Jahr", "Jahre", "Genanntes Jahr"), "M": ("Monat", "Monate", "Genannter Monat"),
    }.get(period, ("Zeitraum", "Zeiträume", "Genannter Zeitraum"))

    fig = Figure(figsize=(10, 1.8 + 0.42 * len(kept)), layout="constrained")
    ax = fig.subplots()
    y = shown["period"].map(row)
    ax.scatter(shown["published"], y, s=60 + 540 * shown["references"] / shown["references"].max(),
               color=_PERIOD_COLOUR, alpha=0.75, edgecolors=_DAY_COLOUR, linewidths=0.8)
    for x, y_, n in zip(shown["published"], y, shown["references"], strict=True):
        ax.annotate(number(n), (x, y_), ha="center", va="center", fontsize=8, color="white")
    ax.set_yticks(range(len(kept)), [p.strftime(name) for p in kept])
    ax.set_ylim(-0.7, len(kept) - 0.3)
    weeks = shown["published"].drop_duplicates().sort_values()
    pad = pd.Timedelta(days=7 if freq == "W" else 1)
    ax.set_xlim(weeks.iloc[0] - pad, weeks.iloc[-1] + pad)
    _format_date_axis(ax)
    ax.grid(axis="y", alpha=0.3)
    ax.set_xlabel(_PERIODS["W"].axis if freq == "W" else "Erscheinungsdatum")
    ax.set_ylabel(axis_label)
    ax.set_title(title)

    best = totals.iloc[0]
    references = plural(int(shown["references"].sum()), "datierten Bezug", "datierten Bezügen")
    alt = (f"Blasendiagramm von {references} auf {plural(len(kept), one, many)}, nach "
           f"Erscheinungsdatum vom {_day(weeks.iloc[0])} bis {_day(weeks.iloc[-1])}; Blasengröße "
           f"und Zahl sind die Bezüge. Am häufigsten genannt: {best['period'].strftime(name)} "
           f"({number(best['references'])}).")
    if len(totals) > len(kept):
        alt += f" Seltener genannt und weggelassen: {plural(len(totals) - len(kept), one, many)}."
    return with_alt_text(fig, alt)


# ---------------------------------------------------------------------------------------------
# Tone
# ---------------------------------------------------------------------------------------------


@_styled
def sentiment_through_article(sentiment: pd.DataFrame) -> Figure:
    """Polarity sentence by sentence, to show where an article turns positive or negative.

    Meant for one article; with several doc_ids the articles are plotted one after another.
    """
    title = "Ton im Verlauf des Artikels"
    if _is_empty(sentiment):
        return _no_data(title)
    _require(sentiment, ["sentence_id", "polarity", "label"], "sentiment")
    keys = ["doc_id", "sentence_id"] if "doc_id" in sentiment.columns else ["sentence_id"]
    df = sentiment.sort_values(keys, ignore_index=True)
    several = "doc_id" in df.columns and df["doc_id"].nunique() > 1
    x = df.index + 1 if several else df["sentence_id"] + 1  # readers count sentences from 1

    fig = Figure(figsize=(10, 4.2), layout="constrained")
    ax = fig.subplots()
    ax.bar(x, df["polarity"], width=0.8,
           color=[TONE_COLOURS.get(str(lab), _OTHER_COLOUR) for lab in df["label"]])
    ax.axhline(0, color="0.2", linewidth=0.8)
    handles: list[Any] = _legend_patches(TONE_COLOURS, df["label"], "tone")
    if "textblob_polarity" in df.columns:
        (line,) = ax.plot(x, df["textblob_polarity"], color="0.25", linewidth=1,
                          linestyle="--", marker=".", label="textblob-de (Vergleich)")
        handles.append(line)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("Satz (alle Artikel hintereinander)" if several else "Satz")
    ax.set_ylabel("Polarität")
    ax.set_title(title)
    ax.xaxis.get_major_locator().set_params(integer=True)
    # Beside the plot: the space below is the reliability note's.
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=10)

    tally = df["label"].astype(str).value_counts()
    parts = ", ".join(f"{number(tally.get(k, 0))} {german('tone', k)}" for k in TONE_COLOURS)
    low, high = df.loc[df["polarity"].idxmin()], df.loc[df["polarity"].idxmax()]
    alt = (f"Balkendiagramm der Polarität von {plural(len(df), 'Satz', 'Sätzen')} ({parts}); "
           f"mittlere Polarität {_signed(df['polarity'].mean())}. Am negativsten: Satz "
           f"{low['sentence_id'] + 1} ({_signed(low['polarity'])})")
    if "text" in df.columns:
        alt += f" „{_truncate(low['text'], 80)}“"
    alt += f"; am positivsten: Satz {high['sentence_id'] + 1} ({_signed(high['polarity'])})"
    if "text" in df.columns:
        alt += f" „{_truncate(high['text'], 80)}“"
    return _with_reliability(fig, alt + ".", "sentence")


@_styled
def entity_tone(tone: pd.DataFrame, top: int = 12) -> Figure:
    """Mean tone per entity with its 95 % band, next to the counts of tone labels behind it.

    The note on reliability quotes the target task: the pipeline's entity_tone is the tone towards
    each mention (sentiment.mention_tone), not of whole sentences.
    """
    title = "Ton gegenüber den meistgenannten Namen"
    if _is_empty(tone):
        return _no_data(title)
    parts = ["positive_sentences", "neutral_sentences", "negative_sentences"]
    _require(tone, ["entity", "label", "mentions", "mean_polarity", "ci_low", "ci_high", *parts],
             "entity_tone")
    df = tone.sort_values(["mentions", "entity"], ascending=[False, True]).head(top)
    df = df.reset_index(drop=True)
    names = df["entity"].map(lambda e: _label(e, 30))
    if "doc_id" in df.columns and names.duplicated(keep=False).any():
        names = names + " (" + df["doc_id"].astype(str).str[:6] + ")"
    y = list(range(len(df)))

    fig = Figure(figsize=(11, 1.6 + 0.42 * len(df)), layout="constrained")
    dots, stack = fig.subplots(1, 2, sharey=True, width_ratios=[3, 2])
    mean = df["mean_polarity"]
    err = [(mean - df["ci_low"]).fillna(0).clip(lower=0),
           (df["ci_high"] - mean).fillna(0).clip(lower=0)]
    dots.errorbar(mean, y, xerr=err, fmt="none", ecolor="0.5", elinewidth=1.2, capsize=3)
    dots.scatter(mean, y, s=60, zorder=3, c=[_label_colour(x) for x in df["label"]])
    dots.axvline(0, color="0.2", linewidth=0.8)
    dots.set_xlim(-1.05, 1.05)
    dots.set_yticks(y, names)
    dots.set_ylim(len(df) - 0.5, -0.5)
    dots.set_xlabel("Mittlere Polarität (95-%-Band)")
    dots.set_title("Mittlerer Ton")

    left = pd.Series(0, index=df.index)
    for col, (tone_label, colour) in zip(parts, TONE_COLOURS.items(), strict=True):
        stack.barh(y, df[col], left=left, color=colour, label=german("tone", tone_label),
                   height=0.6)
        left = left + df[col]
    stack.set_xlabel("Sätze")
    stack.set_title("Sätze nach Ton")
    stack.xaxis.get_major_locator().set_params(integer=True)
    # Beside the panels: inside them the legend would cover dots or bars, below is the note's.
    handles = [*_legend_patches(LABEL_COLOURS, df["label"], "label"),
               *stack.get_legend_handles_labels()[0]]
    stack.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=10)
    fig.suptitle(title, fontsize=13)

    first = df.iloc[0]
    best, worst = df.loc[mean.idxmax()], df.loc[mean.idxmin()]
    alt = (f"Punktdiagramm der mittleren Polarität von {plural(len(df), 'Namen', 'Namen')}, mit "
           f"gestapelten Balken der positiven, neutralen und negativen Sätze. {first['entity']} "
           f"({plural(first['mentions'], 'Erwähnung', 'Erwähnungen')}) hat die mittlere "
           f"Polarität {_signed(first['mean_polarity'])} (95-%-Band {_signed(first['ci_low'])} "
           f"bis {_signed(first['ci_high'])}); am höchsten: {best['entity']} "
           f"({_signed(best['mean_polarity'])}), am niedrigsten: {worst['entity']} "
           f"({_signed(worst['mean_polarity'])}).")
    return _with_reliability(fig, alt, "target")


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


@_styled
def tone_over_time(sentiment: pd.DataFrame, documents: pd.DataFrame, mentions: pd.DataFrame,
                   top: int = 5, freq: str | None = None) -> Figure:
    """Mean polarity of sentences mentioning each top entity, per publication period.

    The period is `freq` or views.attention_period(documents), as for attention; a period in which
    an entity has no sentence is a gap in its line, so points weeks apart are never joined. With a
    mention_tone table as `sentiment` it is the tone towards each entity itself.
    """
    title = "Ton gegenüber den meistgenannten Namen im Zeitverlauf"
    if _is_empty(sentiment) or _is_empty(documents) or _is_empty(mentions):
        return _no_data(title)
    _require(sentiment, ["doc_id", "sentence_id", "polarity"], "sentiment")
    _require(documents, ["doc_id", "published"], "documents")
    _require(mentions, ["doc_id", "sentence_id", "entity", "label"], "mentions")
    freq = freq or attention_period(documents)
    period = _PERIODS[freq]
    top_entities = _entity_counts(mentions).head(top)["entity"].tolist()
    table = tone_by_day(sentiment, documents, mentions, top_entities, freq=freq)
    undated = int(pd.to_datetime(documents["published"]).isna().sum())
    if table.empty:
        return _no_data(title, "keine datierten Sätze mit den meistgenannten Namen")

    fig = Figure(figsize=(10, 4.8), layout="constrained")
    ax = fig.subplots()
    cycle = mpl.colormaps["tab10"].colors
    starts = pd.DatetimeIndex(table["day"].drop_duplicates()).sort_values()
    every = _every_period(starts, freq)
    plotted = [e for e in top_entities if e in set(table["entity"])]
    for i, entity in enumerate(plotted):
        rows = table[table["entity"] == entity].set_index("day")["mean_polarity"].reindex(every)
        ax.plot(every, rows.to_numpy(), marker="o", linewidth=1.8,
                color=cycle[i % len(cycle)], label=_label(entity, 30))
    ax.axhline(0, color="0.2", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    _period_axis(ax, starts, freq)
    ax.set_ylabel("Mittlere Polarität")
    several = len(plotted) > 1
    whom = "den meistgenannten Namen" if several else _label(plotted[0], 40)
    ax.set_title(f"Ton gegenüber {whom} {period.per}")
    ax.legend(title="Name", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=10)

    weighted = table.assign(total=table["mean_polarity"] * table["sentences"]).groupby("entity")
    means = weighted["total"].sum() / weighted["sentences"].sum()
    alt = (f"Liniendiagramm der mittleren Polarität {period.per} gegenüber "
           f"{f'{number(len(plotted))} Namen' if several else plotted[0]} über "
           f"{plural(len(every), period.one, period.many)} ({_period_span(starts, period)}); "
           f"{period.many} ohne Sätze zu {'einem' if several else 'dem'} Namen bleiben Lücken. ")
    if several:
        alt += (f"Im Mittel am höchsten: {means.idxmax()} ({_signed(means.max())}), am "
                f"niedrigsten: {means.idxmin()} ({_signed(means.min())}).")
    else:
        alt += f"Im Mittel: {_signed(means.iloc[0])}."
    if undated:
        alt += f" {plural(undated, 'undatierter Artikel', 'undatierte Artikel')} weggelassen."
    task = "target" if "entity" in sentiment.columns else "sentence"
    return _with_reliability(fig, alt, task)


@_styled
def attention_over_time(attention: pd.DataFrame, freq: str | None = None) -> Figure:
    """Share of each period's articles naming each entity: attention as Media Cloud measures it.

    The period is `freq`, else the one views.attention recorded in the table's attrs, else read
    from the period starts. Periods without articles are gaps in the lines, and the caption's
    share is the mean of the plotted shares, so it says what the lines show.
    """
    title = "Aufmerksamkeit: Anteil der Artikel, die den jeweiligen Namen nennen"
    if _is_empty(attention):
        return _no_data(title, "keine datierten Artikel mit Namen")
    _require(attention, ["period", "entity", "share", "articles", "total"], "attention")
    freq = freq or attention.attrs.get("freq") or _table_freq(attention["period"])
    period = _PERIODS[freq]
    starts = pd.DatetimeIndex(attention["period"].drop_duplicates()).sort_values()
    every = _every_period(starts, freq)
    fig = Figure(figsize=(10, 4.8), layout="constrained")
    ax = fig.subplots()
    cycle = mpl.colormaps["tab10"].colors
    entities = list(dict.fromkeys(attention["entity"]))
    several = len(entities) > 1
    for i, entity in enumerate(entities):
        rows = attention[attention["entity"] == entity].set_index("period")["share"].reindex(every)
        ax.plot(every, rows.to_numpy() * 100, marker="o", linewidth=1.8,
                color=cycle[i % len(cycle)], label=_label(entity, 30))
    _period_axis(ax, starts, freq)
    ax.set_ylim(0, 105)
    ax.set_ylabel("Anteil der Artikel (%)")
    whom = "den jeweiligen Namen" if several else entities[0]
    ax.set_title(f"Aufmerksamkeit: Anteil der Artikel {period.per}, die {_label(whom, 40)} nennen")
    ax.legend(title="Name", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=10)

    # The mean of the plotted shares, not the pooled share of all articles: what the lines show.
    means = attention.groupby("entity", sort=False)["share"].mean().sort_values(ascending=False)
    leader = means.index[0]
    own = attention[attention["entity"] == leader]
    peak = own.loc[own["share"].idxmax()]
    scope = f" für {number(len(entities))} Namen" if several else ""
    alt = (f"Liniendiagramm{scope}: Anteil der Artikel {period.per}, die {whom} nennen, über "
           f"{plural(len(every), period.one, period.many)} ({_period_span(starts, period)})")
    empty = len(every) - len(starts)
    if empty:
        alt += (f"; {plural(empty, period.one, period.many)} ohne Artikel "
                f"{'bleibt eine Lücke' if empty == 1 else 'bleiben Lücken'}")
    lead = f"Am häufigsten genannt: {leader}," if several else f"{leader}:"
    at = period.at.format(peak["period"].strftime(period.label))
    alt += (f". {lead} im Mittel in {percent(means.iloc[0])} der Artikel {period.per}, höchstens "
            f"{percent(peak['share'])} {at}.")
    return with_alt_text(fig, alt)


@_styled
def quoted_speakers(speakers: pd.DataFrame, top: int = 12) -> Figure:
    """Who is quoted most, split into direct and indirect speech."""
    title = "Wer wird zitiert?"
    if _is_empty(speakers):
        return _no_data(title, "keine Zitate mit Sprecher")
    _require(speakers, ["speaker", "direct", "indirect", "quotes"], "speakers")
    rows = speakers.head(top).iloc[::-1]
    fig = Figure(figsize=(9, 0.45 * len(rows) + 1.6), layout="constrained")
    ax = fig.subplots()
    names = [_label(name, 32) for name in rows["speaker"]]
    ax.barh(names, rows["direct"], color="#4C72B0", label=german("kind", "direct"))
    ax.barh(names, rows["indirect"], left=rows["direct"], color="#8DA0CB",
            label=german("kind", "indirect"))
    ax.set_xlabel("Zitate")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title)
    # Beside the bars: inside, it covered the last bar whenever the bars were of one length.
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    first = speakers.iloc[0]
    alt = (
        f"Balkendiagramm {_the_top(len(rows), 'meistzitierten', 'Sprecher', 'Sprechers')}; "
        f"{first['speaker']} führt mit {plural(int(first['quotes']), 'Zitat', 'Zitaten')} "
        f"({number(first['direct'])} {german('kind', 'direct')}, "
        f"{number(first['indirect'])} {german('kind', 'indirect')})."
    )
    return with_alt_text(fig, alt)


# ---------------------------------------------------------------------------------------------
# Display
# ---------------------------------------------------------------------------------------------


def figure_html(fig: Figure) -> str:
    """The figure as an inline SVG ``<figure>`` whose alt text and caption are HTML-escaped.

    SVG with text kept as text renders in about half the time of a PNG and stays sharp; the
    figures' constrained layout already fits everything, so no tight bounding box is computed.
    """
    buffer = io.BytesIO()
    with mpl.rc_context(_SVG_STYLE):
        fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = html.escape(getattr(fig, "alt_text", "") or "Diagramm", quote=True)
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{alt}">'
            f"<figcaption>{alt}</figcaption></figure>")


def display_figure(fig: Figure) -> None:
    """Show the figure in Jupyter with its alt text, then close it so it isn't shown twice."""
    display(HTML(figure_html(fig)))
    plt.close(fig)
