"""Charts of tone: sentence by sentence through an article, towards the most mentioned names,
and towards them over time. Each says on the figure how often automatic tone was right."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.charts.periods import _PERIODS, _every_period, _period_axis, _period_span
from analysis.charts.style import (
    _OTHER_COLOUR,
    LABEL_COLOURS,
    TONE_COLOURS,
    _is_empty,
    _label,
    _label_colour,
    _legend_patches,
    _no_data,
    _require,
    _signed,
    _styled,
    _truncate,
    _with_reliability,
)
from analysis.views import attention_period, entity_counts, tone_by_day
from analysis.wording import german, number, plural


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
    top_entities = entity_counts(mentions).head(top)["entity"].tolist()
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
