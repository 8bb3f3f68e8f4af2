"""Charts of the dates articles refer to: one article's timeline and, for a corpus, the years
or months referenced per publication week."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.charts.periods import _PERIODS
from analysis.charts.style import (
    _DAY_COLOUR,
    _PERIOD_COLOUR,
    _day,
    _format_date_axis,
    _is_empty,
    _label,
    _no_data,
    _require,
    _styled,
    with_alt_text,
)
from analysis.views import periods_by_publication as periods_by_publication_table
from analysis.wording import number, plural

_MAX_TIMELINE_ROWS = 40


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
    table = periods_by_publication_table(timeline, documents, freq=freq, period=period)
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
