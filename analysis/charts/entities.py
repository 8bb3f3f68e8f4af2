"""Charts of who is named: the most mentioned entities and which of them share sentences.

`views.cooccurrence` is the table behind `cooccurrence_network`.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
from matplotlib.figure import Figure

from analysis.charts.style import (
    _TICK_SIZE,
    LABEL_COLOURS,
    _is_empty,
    _label,
    _label_colour,
    _legend_patches,
    _no_data,
    _require,
    _styled,
    _the_top,
    with_alt_text,
)
from analysis.views import cooccurrence, entity_counts
from analysis.wording import german, number, plural


@_styled
def entity_mentions(mentions: pd.DataFrame, top: int = 15) -> Figure:
    """Horizontal bars of the most mentioned entities, coloured by entity type."""
    title = "Die meistgenannten Namen"
    if _is_empty(mentions):
        return _no_data(title)
    _require(mentions, ["entity", "label"], "mentions")
    counts = entity_counts(mentions).head(top)
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


@_styled
def cooccurrence_network(mentions: pd.DataFrame, top: int = 15, min_weight: int = 1) -> Figure:
    """Network of the top entities, linked when they share sentences (deterministic layout)."""
    title = "Namen, die im selben Satz stehen"
    if _is_empty(mentions):
        return _no_data(title)
    counts = entity_counts(mentions).head(top)
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
