"""Charts of coverage: how much of each period's articles name an entity (attention), and who
is quoted most."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.charts.periods import _PERIODS, _every_period, _period_axis, _period_span, _table_freq
from analysis.charts.style import (
    _is_empty,
    _label,
    _no_data,
    _require,
    _styled,
    _the_top,
    with_alt_text,
)
from analysis.wording import german, number, percent, plural


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
