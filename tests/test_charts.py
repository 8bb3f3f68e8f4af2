"""Tests for analysis.charts: figures, German words and numbers, alt text, period gaps, the
reliability note, the co-occurrence table and the SVG HTML."""

import matplotlib

matplotlib.use("Agg")

import base64
import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from analysis import charts, views
from analysis.charts import output, style
from analysis.sentiment import reliability
from analysis.wording import number, percent

SCRIPT = "<script>alert(1)</script>"
# Words the English charts used: none may be left on a German chart or in its alt text.
ENGLISH = re.compile(
    r"\b(mentions?|sentences?|tone|entity|entities|date|dates|articles?|type|polarity|quotes?|"
    r"direct|indirect|period|publication|no data|comparison|referenced|single day|attention|"
    r"mean|share|left out|links?|bar chart|line chart|network|timeline|who|highest|lowest)\b",
    re.IGNORECASE,
)


@pytest.fixture
def mentions() -> pd.DataFrame:
    # (doc_id, sentence_id, entity, label): Müller 4×, Pjöngjang 3×, Putin 2×, SCRIPT 1×.
    rows = [
        ("a", 0, "Jürgen Müller", "PER"),
        ("a", 0, "Pjöngjang", "LOC"),
        ("a", 0, "Jürgen Müller", "PER"),  # repeated in the same sentence: counts once there
        ("a", 1, "Jürgen Müller", "PER"),
        ("a", 1, "Pjöngjang", "LOC"),
        ("a", 1, "Wladimir Putin", "PER"),
        ("b", 0, "Jürgen Müller", "PER"),
        ("b", 0, "Pjöngjang", "LOC"),
        ("b", 1, "Wladimir Putin", "PER"),
        ("b", 1, SCRIPT, "ORG"),
    ]
    df = pd.DataFrame(rows, columns=["doc_id", "sentence_id", "entity", "label"])
    return df.assign(text=df["entity"])


@pytest.fixture
def sentiment() -> pd.DataFrame:
    polarity = [0.5, -0.75, 0.0, 0.25]
    return pd.DataFrame({
        "doc_id": "a",
        "sentence_id": range(4),
        "text": ["Gut.", "Jürgen Müller warnt vor Krieg.", "Neutral.", "Etwas besser."],
        "polarity": polarity,
        "label": ["positive", "negative", "neutral", "positive"],
        "textblob_polarity": [0.3, -0.2, 0.0, 0.1],
    })


@pytest.fixture
def timeline() -> pd.DataFrame:
    return pd.DataFrame({
        "text": ["1948", "am 24. Februar 2022", "Dienstag", "16. Januar 2024", "früher",
                 "seit Jahren", "drei Tage"],
        "date_start": pd.to_datetime(["1948-01-01", "2022-02-24", "2024-01-16", "2024-01-16",
                                      None, None, None]),
        "date_end": pd.to_datetime(["1948-12-31", "2022-02-24", "2024-01-16", "2024-01-16",
                                    None, None, None]),
        "entities": ["Israel", "Ukraine", "Jürgen Müller; Pjöngjang", "Moskau", "", "", ""],
    })


@pytest.fixture
def tone() -> pd.DataFrame:
    return pd.DataFrame({
        "entity": ["Pjöngjang", "Jürgen Müller", "Wladimir Putin"],
        "label": ["LOC", "PER", "PER"],
        "mentions": [3, 7, 2],
        "sentences": [3, 6, 2],
        "mean_polarity": [0.1, -0.4, 0.6],
        "positive_sentences": [1, 1, 2],
        "neutral_sentences": [2, 1, 0],
        "negative_sentences": [0, 4, 0],
        "ci_low": [-0.3, -0.7, float("nan")],
        "ci_high": [0.5, -0.1, float("nan")],
    })


@pytest.fixture(autouse=True)
def no_open_figures():
    """Charts are built without pyplot, so none may linger in a notebook kernel."""
    plt.close("all")
    yield
    assert plt.get_fignums() == []


def render(fig: Figure) -> bytes:
    """Draw the figure completely, so lazy problems (fonts, mathtext, locators) surface."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def rgb(patch) -> tuple[float, float, float]:
    return tuple(patch.get_facecolor()[:3])


def alt(fig: Figure) -> str:
    assert isinstance(fig, Figure)
    assert fig.alt_text.strip()
    return fig.alt_text


def texts(fig: Figure) -> list[str]:
    """Every text drawn on the figure: titles, labels, ticks, legends, notes, annotations."""
    fig.draw_without_rendering()  # tick labels exist only once drawn
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def legend_texts(fig: Figure) -> list[str]:
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
    return [t.get_text() for legend in legends for t in legend.get_texts()]


def note(task: str) -> str:
    """The reliability sentence as the shipped reliability.json gives it."""
    figures = reliability()
    return f"in {percent(figures[task]['accuracy'])} der Fälle richtig"


def named_lines(ax) -> dict:
    return {line.get_label(): line for line in ax.get_lines()
            if not line.get_label().startswith("_")}


def test_entity_mentions_bars_and_alt_text(mentions):
    fig = charts.entity_mentions(mentions)
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["Jürgen Müller", "Pjöngjang"]
    assert [p.get_width() for p in ax.patches] == [4, 3, 2, 1]
    assert rgb(ax.patches[0]) == matplotlib.colors.to_rgb(charts.LABEL_COLOURS["PER"])
    assert rgb(ax.patches[1]) == matplotlib.colors.to_rgb(charts.LABEL_COLOURS["LOC"])
    assert set(legend_texts(fig)) == {"Person", "Ort", "Organisation"}
    assert ax.get_legend().get_title().get_text() == "Typ"
    assert ax.get_xlabel() == "Erwähnungen"
    assert ax.get_title() == "Die meistgenannten Namen in 2 Artikeln"
    text = alt(fig)
    assert text.startswith("Balkendiagramm der 4 meistgenannten Namen in 2 Artikeln")
    assert "Jürgen Müller (Person) führt mit 4 Erwähnungen, danach Pjöngjang (3)" in text
    render(fig)
    assert alt(charts.entity_mentions(mentions, top=1)).startswith(
        "Balkendiagramm des meistgenannten Namens in 2 Artikeln")


@pytest.mark.parametrize("top", [1, 2, 10])
def test_entity_mentions_respects_top(mentions, top):
    fig = charts.entity_mentions(mentions, top=top)
    assert len(fig.axes[0].patches) == min(top, 4)


def test_cooccurrence_weights_by_sentence(mentions):
    table = views.cooccurrence(mentions)
    assert list(table.columns) == ["source", "target", "weight"]
    weights = {(r.source, r.target): r.weight for r in table.itertuples()}
    # Müller & Pjöngjang share a0, a1, b0; Putin meets Müller and Pjöngjang in a1 only and
    # SCRIPT in b1; a second mention of Müller in a0 must not double the weight.
    assert weights == {
        ("Jürgen Müller", "Pjöngjang"): 3,
        ("Jürgen Müller", "Wladimir Putin"): 1,
        ("Pjöngjang", "Wladimir Putin"): 1,
        (SCRIPT, "Wladimir Putin"): 1,
    }
    assert table["weight"].is_monotonic_decreasing
    assert table.iloc[0].tolist() == ["Jürgen Müller", "Pjöngjang", 3]


def test_cooccurrence_sentence_ids_repeat_across_documents(mentions):
    # Sentence 0 exists in both articles; only the same (doc_id, sentence_id) counts.
    table = views.cooccurrence(mentions, top=2)
    assert table.to_dict("records") == [
        {"source": "Jürgen Müller", "target": "Pjöngjang", "weight": 3}
    ]


def test_cooccurrence_network(mentions):
    fig = charts.cooccurrence_network(mentions, top=3, min_weight=2)
    text = alt(fig)
    assert "Netz der 3 meistgenannten Namen" in text and "1 Verbindung zwischen" in text
    assert "Jürgen Müller – Pjöngjang (3 gemeinsame Sätze)" in text
    assert fig.axes[0].get_title() == "Namen, die im selben Satz stehen"
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert labels == {"Jürgen Müller", "Pjöngjang", "Wladimir Putin"}
    render(fig)


def test_cooccurrence_network_is_deterministic(mentions):
    def positions() -> list:
        fig = charts.cooccurrence_network(mentions)
        return [t.xy for t in fig.axes[0].texts]

    assert positions() == positions()


def test_timeline_leaves_out_nat_and_says_so(timeline):
    fig = charts.timeline_chart(timeline)
    text = alt(fig)
    assert "3 Bezüge ohne Kalenderdatum wurden weggelassen" in text
    assert "3 verschiedenen genannten Daten" in text  # Dienstag and 16. Januar are one date
    assert "1948" in text and "bis 16.01.2024" in text
    assert fig.get_suptitle() == "Genannte Daten"
    assert fig.get_supxlabel().startswith("Datum (Achse bei Lücken")
    assert legend_texts(fig) == ["Zeitraum", "einzelner Tag"]
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 3
    assert labels[0] == "1948 – Israel"
    assert "Dienstag / 16. Januar 2024" in labels[2] and "Jürgen Müller" in labels[2]
    assert not any("früher" in label for label in labels)
    render(fig)


def test_timeline_breaks_axis_between_1948_and_2024(timeline):
    fig = charts.timeline_chart(timeline)
    years = [sorted({matplotlib.dates.num2date(x).year for x in ax.get_xlim()})
             for ax in fig.axes]
    assert len(fig.axes) == 3
    assert years[0][0] >= 1947 and years[0][-1] <= 1949
    assert 2024 in years[-1]


def test_timeline_max_labels_keeps_dates_only(timeline):
    fig = charts.timeline_chart(timeline, max_labels=1)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "1948" and labels[1] == "24.02.2022"
    assert "Dienstag" in labels[2]  # the most referenced date keeps its label


def test_timeline_only_nat_gives_no_data_figure(timeline):
    fig = charts.timeline_chart(timeline[timeline["date_start"].isna()])
    assert "keine Kalenderdaten" in alt(fig)
    assert "3 Bezüge" in fig.alt_text
    assert any(t.startswith("Keine Kalenderdaten") for t in texts(fig))


def test_timeline_dollar_signs_do_not_break_rendering(timeline):
    fig = charts.timeline_chart(timeline.assign(entities="5 $ Mrd; 6 $ Mio"))
    render(fig)


def test_sentiment_through_article(sentiment):
    fig = charts.sentiment_through_article(sentiment)
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert rgb(ax.patches[1]) == matplotlib.colors.to_rgb(charts.TONE_COLOURS["negative"])
    assert len(ax.lines) == 2  # zero line and TextBlob comparison
    assert ax.get_ylim() == (-1.05, 1.05)
    assert ax.get_title() == "Ton im Verlauf des Artikels"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Satz", "Polarität")
    assert legend_texts(fig) == ["positiv", "neutral", "negativ", "textblob-de (Vergleich)"]
    text = alt(fig)
    assert "4 Sätzen (2 positiv, 1 neutral, 1 negativ)" in text
    assert f"Satz 2 ({number(-0.75, 2)})" in text and "Jürgen Müller warnt" in text
    assert list(ax.get_xticks()[1:-1]) == [1, 2, 3, 4], "readers count sentences from 1"
    assert f"mittlere Polarität {number(0.0, 2)}" in text
    render(fig)


def test_sentiment_without_textblob_column(sentiment):
    fig = charts.sentiment_through_article(sentiment.drop(columns="textblob_polarity"))
    assert len(fig.axes[0].lines) == 1


def test_entity_tone_sorted_by_mentions(tone):
    fig = charts.entity_tone(tone, top=2)
    dots, stack = fig.axes
    assert [t.get_text() for t in dots.get_yticklabels()] == ["Jürgen Müller", "Pjöngjang"]
    assert len(stack.patches) == 2 * 3  # two entities × three tone parts
    assert sum(p.get_width() for p in stack.patches) == 6 + 3
    assert fig.get_suptitle() == "Ton gegenüber den meistgenannten Namen"
    assert (dots.get_title(), stack.get_title()) == ("Mittlerer Ton", "Sätze nach Ton")
    assert dots.get_xlabel() == "Mittlere Polarität (95-%-Band)" and stack.get_xlabel() == "Sätze"
    assert legend_texts(fig) == ["Person", "Ort", "positiv", "neutral", "negativ"]
    text = alt(fig)
    assert "Jürgen Müller (7 Erwähnungen)" in text and number(-0.4, 2) in text
    assert f"am höchsten: Pjöngjang (+{number(0.1, 2)})" in text
    render(charts.entity_tone(tone))  # NaN band for the single-sentence entity


def test_tone_over_time_breaks_the_line_at_empty_periods(mentions, sentiment):
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"],
                              "published": pd.to_datetime(["2024-01-16", "2024-01-18", None])})
    sent = pd.concat([sentiment, sentiment.assign(doc_id="b").head(2)])
    fig = charts.tone_over_time(sent, documents, mentions, top=2, freq="D")
    ax = fig.axes[0]
    lines = named_lines(ax)
    assert set(lines) == {"Jürgen Müller", "Pjöngjang"}
    # Müller: sentences a0 (0.5) and a1 (-0.75) on the 16th, b0 (0.5) on the 18th; nothing on
    # the 17th, which must be a NaN so the line is not drawn across it.
    days = pd.to_datetime(lines["Jürgen Müller"].get_xdata())
    assert list(days.day) == [16, 17, 18]
    values = lines["Jürgen Müller"].get_ydata()
    assert values[0] == -0.125 and np.isnan(values[1]) and values[2] == 0.5
    assert lines["Jürgen Müller"].get_marker() == "o"  # lone points stay visible
    assert ax.get_title() == "Ton gegenüber den meistgenannten Namen je Tag"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Erscheinungstag", "Mittlere Polarität")
    assert ax.get_legend().get_title().get_text() == "Name"
    text = alt(fig)
    assert "je Tag gegenüber 2 Namen über 3 Tage (16.01.2024 bis 18.01.2024)" in text
    assert "1 undatierter Artikel weggelassen" in text
    render(fig)


def test_tone_over_time_pools_a_thin_corpus_by_month(mentions, sentiment):
    documents = pd.DataFrame({"doc_id": ["a", "b"],
                              "published": pd.to_datetime(["2024-01-16", "2024-01-18"])})
    sent = pd.concat([sentiment, sentiment.assign(doc_id="b").head(2)])
    fig = charts.tone_over_time(sent, documents, mentions, top=1)
    ax = fig.axes[0]
    assert ax.get_title() == "Ton gegenüber Jürgen Müller je Monat"
    assert ax.get_xlabel() == "Erscheinungsmonat"
    values = named_lines(ax)["Jürgen Müller"].get_ydata()
    assert list(values) == [pytest.approx((0.5 - 0.75 + 0.5) / 3)]
    assert "über 1 Monat (01.2024)" in alt(fig)
    render(fig)


def test_tone_over_time_single_date(mentions, sentiment):
    documents = pd.DataFrame({"doc_id": ["a"], "published": pd.to_datetime(["2024-01-16"])})
    fig = charts.tone_over_time(sentiment, documents, mentions, freq="D")
    assert "über 1 Tag (16.01.2024)" in alt(fig)
    render(fig)


def test_tone_charts_state_how_reliable_tone_is(mentions, sentiment, tone):
    documents = pd.DataFrame({"doc_id": ["a"], "published": pd.to_datetime(["2024-01-16"])})
    mention_tone = mentions.assign(polarity=0.2, tone="positive", start=0, end=1)
    for fig, task in [
        (charts.sentiment_through_article(sentiment), "sentence"),
        (charts.entity_tone(tone), "target"),
        (charts.tone_over_time(sentiment, documents, mentions), "sentence"),
        (charts.tone_over_time(mention_tone, documents, mentions), "target"),
    ]:
        shown = fig.get_supxlabel()
        assert shown.startswith("Ton automatisch bestimmt: ") and note(task) in shown
        assert ("gegenüber Genannten" in shown) == (task == "target")
        assert shown in alt(fig)  # the caption says it too
        assert "Nachrichtensätzen (GerNTSA)" in shown
        render(fig)


def test_reliability_note_reads_the_measured_figures(monkeypatch, sentiment):
    measured = {"corpus": "GerNTSA", "records": 2345,
                "sentence": {"accuracy": 0.123, "macro_f1": 0.1},
                "target": {"accuracy": 0.456, "macro_f1": 0.4}}
    monkeypatch.setattr(style, "reliability", lambda: measured)
    text = alt(charts.sentiment_through_article(sentiment))
    assert (f"Ton automatisch bestimmt: auf {number(2345)} Nachrichtensätzen (GerNTSA) in "
            f"{percent(0.123)} der Fälle richtig.") in text


def test_shipped_reliability_matches_the_evaluation():
    figures = reliability()
    assert figures["corpus"] == "GerNTSA" and figures["records"] > 1000 and figures["folds"] == 5
    assert figures["command"].startswith("python -m analysis.evaluate sentiment")
    for task in ("sentence", "target"):
        assert set(figures[task]) == {"accuracy", "macro_f1"}
        assert 0.3 < figures[task]["accuracy"] < 1


@pytest.mark.parametrize(
    "make",
    [
        lambda e: charts.entity_mentions(e),
        lambda e: charts.cooccurrence_network(e),
        lambda e: charts.timeline_chart(e),
        lambda e: charts.sentiment_through_article(e),
        lambda e: charts.entity_tone(e),
        lambda e: charts.tone_over_time(e, e, e),
        lambda e: charts.periods_by_publication(e, e),
    ],
)
def test_empty_input_gives_no_data_figure(make):
    fig = make(pd.DataFrame())
    assert "keine Daten" in alt(fig)
    assert any(t.get_text() == "Keine Daten" for t in fig.axes[0].texts)
    assert not ENGLISH.search(" ".join([*texts(fig), alt(fig)]))
    render(fig)


def test_empty_cooccurrence_table():
    table = views.cooccurrence(pd.DataFrame())
    assert table.empty and list(table.columns) == ["source", "target", "weight"]


def test_missing_column_is_reported(mentions):
    with pytest.raises(ValueError, match="sentence_id"):
        views.cooccurrence(mentions.drop(columns="sentence_id"))


def test_display_figure_escapes_and_closes(mentions, monkeypatch):
    shown = []
    monkeypatch.setattr(output, "display", shown.append)
    fig, _ = plt.subplots()  # also closes figures the caller made with pyplot
    charts.with_alt_text(fig, f"Chart about {SCRIPT} & „Jürgen Müller“")
    charts.display_figure(fig)
    assert plt.get_fignums() == []

    charts.display_figure(charts.entity_mentions(mentions))
    assert len(shown) == 2
    for obj in shown:
        html = obj.data
        assert html.startswith('<figure><img src="data:image/svg+xml;base64,')
        assert "&lt;script&gt;" in html
        assert "<script>" not in html
        assert "<figcaption>" in html
    assert "&amp; „Jürgen Müller“" in shown[0].data


def svg_of(html: str) -> str:
    data = re.match(r'<figure><img src="data:image/svg\+xml;base64,([^"]+)" alt="', html).group(1)
    return base64.b64decode(data).decode("utf-8")


def test_figure_html_embeds_svg_with_text_as_text(mentions):
    html = charts.figure_html(charts.entity_mentions(mentions))
    svg = svg_of(html)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    # Text stays text (searchable, small), set in DejaVu Sans with a generic fallback.
    assert "<text" in svg and "Erwähnungen</text>" in svg
    assert "font-family: 'DejaVu Sans', sans-serif" in svg
    alt_attr = re.search(r'alt="([^"]*)"', html).group(1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in alt_attr  # the fourth entity, escaped
    assert html.endswith(f"<figcaption>{alt_attr}</figcaption></figure>")
    # The same figure gives the same bytes: no date, fixed ids.
    assert charts.figure_html(charts.entity_mentions(mentions)) == html


def test_timeline_many_dates_share_a_row():
    days = pd.date_range("2024-01-01", periods=60, freq="D")
    timeline = pd.DataFrame({"text": [f"Tag {i}" for i in range(60)], "date_start": days,
                             "date_end": days, "entities": "Jürgen Müller"})
    fig = charts.timeline_chart(timeline, max_labels=5)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 6 and labels[-1] == "55 weitere Daten"
    assert "60 verschiedenen genannten Daten" in alt(fig)
    assert "Nur die 5 am häufigsten genannten Daten sind beschriftet" in fig.alt_text
    render(fig)


@pytest.fixture
def corpus_timeline() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Three dated articles in two weeks and one undated one, with their dated references."""
    documents = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d"],
        "published": pd.to_datetime(["2024-01-16", "2024-01-18 23:05", "2024-01-23", None],
                                    format="ISO8601"),
    })
    refs = [  # (doc_id, date_start, date_end)
        ("a", "2024-01-16", "2024-01-16"),
        ("a", "2024-01-01", "2024-12-31"),
        ("a", "2022-02-24", "2022-02-24"),
        ("a", "1990-01-01", "1999-12-31"),  # a decade lies in no single year: not counted
        ("b", "2024-01-17", "2024-01-17"),
        ("b", "2022-01-01", "2022-12-31"),
        ("c", "2024-01-22", "2024-01-22"),
        ("c", "1948-05-14", "1948-05-14"),
        ("d", "2024-02-01", "2024-02-01"),  # undated article: not counted
        ("a", None, None),
    ]
    timeline = pd.DataFrame(refs, columns=["doc_id", "date_start", "date_end"])
    timeline[["date_start", "date_end"]] = timeline[["date_start", "date_end"]].apply(
        pd.to_datetime
    )
    return timeline, documents


def test_referenced_periods_table_counts_per_week_and_year(corpus_timeline):
    table = views.periods_by_publication(*corpus_timeline)
    assert list(table.columns) == ["published", "period", "references", "articles"]
    rows = {
        (published.strftime("%Y-%m-%d"), period.year): (references, articles)
        for published, period, references, articles in table.itertuples(index=False)
    }
    # week of Monday 15 January: a and b; week of 22 January: c
    assert rows == {
        ("2024-01-15", 2022): (2, 2),
        ("2024-01-15", 2024): (3, 2),
        ("2024-01-22", 1948): (1, 1),
        ("2024-01-22", 2024): (1, 1),
    }
    months = views.periods_by_publication(*corpus_timeline, freq="D", period="M")
    january = months[months["period"] == pd.Timestamp("2024-01-01")]
    assert january["published"].dt.day.tolist() == [16, 18, 23]  # the year 2024 is no month
    assert views.periods_by_publication(pd.DataFrame(), pd.DataFrame()).empty


def test_periods_by_publication_bubbles_and_alt_text(corpus_timeline):
    fig = charts.periods_by_publication(*corpus_timeline)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1948", "2022", "2024"]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "2", "3"]
    assert alt(fig) == (
        "Blasendiagramm von 7 datierten Bezügen auf 3 Jahre, nach Erscheinungsdatum vom "
        "15.01.2024 bis 22.01.2024; Blasengröße und Zahl sind die Bezüge. Am häufigsten genannt: "
        "2024 (4)."
    )
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Erscheinungswoche (ab Montag)", "Genanntes Jahr")
    render(fig)
    fewer = charts.periods_by_publication(*corpus_timeline, top=1)
    assert [t.get_text() for t in fewer.axes[0].get_yticklabels()] == ["2024"]
    assert "Seltener genannt und weggelassen: 2 Jahre." in alt(fewer)
    render(fewer)


def test_periods_by_publication_without_dated_references(corpus_timeline):
    timeline, documents = corpus_timeline
    fig = charts.periods_by_publication(timeline[timeline["doc_id"] == "d"], documents)
    assert "keine datierten Bezüge in datierten Artikeln" in alt(fig)
    render(fig)


def test_attention_over_time_draws_a_line_per_entity_in_percent():
    table = pd.DataFrame(
        {
            "period": pd.to_datetime(["2024-01-01", "2024-01-02"] * 2),
            "entity": ["Jürgen Müller", "Jürgen Müller", "Pjöngjang", "Pjöngjang"],
            "articles": [1, 2, 0, 1],
            "total": [2, 2, 2, 2],
            "share": [0.5, 1.0, 0.0, 0.5],
        }
    )
    fig = charts.attention_over_time(table)  # no attrs: the period is read from the dates
    ax = fig.axes[0]
    lines = list(named_lines(ax).values())
    assert len(lines) == 2
    assert list(lines[0].get_ydata()) == [50.0, 100.0]
    assert ax.get_title() == (
        "Aufmerksamkeit: Anteil der Artikel je Tag, die den jeweiligen Namen nennen")
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Erscheinungstag", "Anteil der Artikel (%)")
    text = alt(fig)
    assert f"Am häufigsten genannt: Jürgen Müller, im Mittel in {percent(0.75)} der Artikel" in text
    assert f"höchstens {percent(1.0)} am 02.01.2024" in text
    assert "keine datierten" in charts.attention_over_time(table.iloc[0:0]).alt_text


def _weekly_corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Five articles in the weeks of 1 and 15 January 2024, none in the week between."""
    documents = pd.DataFrame({
        "doc_id": list("abcde"),
        "published": pd.to_datetime(["2024-01-01", "2024-01-03", "2024-01-05", "2024-01-15",
                                     "2024-01-16"]),
    })
    mentions = pd.DataFrame({"doc_id": ["a", "c", "d"], "sentence_id": 0, "start": 0,
                             "entity": "Jürgen Müller", "label": "PER"})
    return documents, mentions


def test_attention_over_time_names_the_period_and_leaves_empty_weeks_as_gaps():
    table = views.attention(*_weekly_corpus(), freq="W")
    fig = charts.attention_over_time(table)
    ax = fig.axes[0]
    line = named_lines(ax)["Jürgen Müller"]
    weeks = pd.to_datetime(line.get_xdata())
    assert [w.strftime("%d.%m.") for w in weeks] == ["01.01.", "08.01.", "15.01."]
    shares = line.get_ydata()
    assert shares[0] == pytest.approx(200 / 3) and np.isnan(shares[1]) and shares[2] == 50
    assert line.get_marker() == "o"
    assert ax.get_title() == "Aufmerksamkeit: Anteil der Artikel je Woche, die Jürgen Müller nennen"
    assert ax.get_xlabel() == "Erscheinungswoche (ab Montag)"
    # Week ticks fall on Mondays, where the points are.
    fig.draw_without_rendering()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all(pd.Timestamp(day).day_name() == "Monday"
                         for day in pd.to_datetime(ticks, format="%d.%m.%Y"))
    text = alt(fig)
    assert "über 3 Wochen (01.01.2024 bis 15.01.2024); 1 Woche ohne Artikel bleibt eine Lücke" \
        in text
    # The caption's share is the mean of the weekly shares the line shows (2/3 and 1/2), not the
    # pooled 3 of 5 articles.
    assert f"im Mittel in {percent((2 / 3 + 1 / 2) / 2)} der Artikel je Woche" in text
    assert f"höchstens {percent(2 / 3)} in der Woche ab 01.01.2024" in text
    render(fig)


def test_attention_over_time_takes_the_period_of_the_table():
    documents, mentions = _weekly_corpus()
    monthly = views.attention(documents, mentions)  # five articles in a month: "M"
    assert monthly.attrs["freq"] == "M"
    fig = charts.attention_over_time(monthly)
    assert fig.axes[0].get_xlabel() == "Erscheinungsmonat"
    assert "je Monat" in fig.axes[0].get_title() and "je Monat" in alt(fig)
    assert "Jürgen Müller: im Mittel" in alt(fig)  # one name: no ranking
    forced = charts.attention_over_time(monthly.assign(), freq="D")
    assert "je Tag" in forced.axes[0].get_title()


def test_quoted_speakers_stacks_direct_and_indirect():
    table = pd.DataFrame(
        {"speaker": ["Jürgen Müller", "<script>x</script>"], "quotes": [3, 1], "direct": [2, 0],
         "indirect": [1, 1]}
    )
    fig = charts.quoted_speakers(table)
    widths = [patch.get_width() for patch in fig.axes[0].patches]
    assert sorted(widths) == [0, 1, 1, 2]
    assert legend_texts(fig) == ["direkt", "indirekt"]
    assert (fig.axes[0].get_title(), fig.axes[0].get_xlabel()) == ("Wer wird zitiert?", "Zitate")
    assert "Jürgen Müller führt mit 3 Zitaten (2 direkt, 1 indirekt)" in fig.alt_text
    assert "&lt;script&gt;" in charts.figure_html(charts.quoted_speakers(table.iloc[::-1]))


def test_number_ticks_are_german(sentiment):
    fig = charts.sentiment_through_article(sentiment)
    texts(fig)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert number(0.5, 2) in ticks and number(-1.0, 2) in ticks
    assert not any("." in tick for tick in ticks)


def test_signed_polarity_is_german():
    assert style._signed(0.5) == f"+{number(0.5, 2)}"
    assert style._signed(-0.125) == number(-0.125, 2)
    assert style._signed(-0.0001) == number(0.0, 2)


@pytest.mark.parametrize(
    "make",
    [
        lambda d: charts.entity_mentions(d["mentions"]),
        lambda d: charts.cooccurrence_network(d["mentions"]),
        lambda d: charts.timeline_chart(d["timeline"]),
        lambda d: charts.sentiment_through_article(d["sentiment"]),
        lambda d: charts.entity_tone(d["tone"]),
        lambda d: charts.tone_over_time(d["sentiment"], d["documents"], d["mentions"], freq="D"),
        lambda d: charts.periods_by_publication(*d["corpus_timeline"]),
        lambda d: charts.periods_by_publication(*d["corpus_timeline"], top=1),
        lambda d: charts.attention_over_time(
            views.attention(d["documents"], d["mentions"].assign(start=0))),
        lambda d: charts.quoted_speakers(pd.DataFrame({"speaker": ["Jürgen Müller"], "quotes": [3],
                                                       "direct": [2], "indirect": [1]})),
    ],
)
def test_no_english_words_are_left(make, mentions, sentiment, timeline, tone, corpus_timeline):
    documents = pd.DataFrame({"doc_id": ["a", "b"],
                              "published": pd.to_datetime(["2024-01-16", "2024-01-18"])})
    fig = make({"mentions": mentions, "sentiment": sentiment, "timeline": timeline, "tone": tone,
                "documents": documents, "corpus_timeline": corpus_timeline})
    shown = [*texts(fig), alt(fig)]
    assert not [t for t in shown if ENGLISH.search(t)]


def test_long_labels_are_cut_between_words():
    assert style._truncate("Albrecht Gaiswinkler, Joseph Goebbels, Herbert Stocker", 30) == (
        "Albrecht Gaiswinkler, Joseph …")
    assert style._truncate("kurz", 30) == "kurz"
    assert style._truncate("Donaudampfschifffahrtsgesellschaft", 10) == "Donaudamp …"


def test_a_network_without_links_says_so_instead_of_drawing_dots(mentions):
    alone = mentions[mentions["entity"] == mentions["entity"].iloc[0]]
    fig = charts.cooccurrence_network(alone)
    assert "keine zwei Namen im selben Satz" in fig.alt_text
    assert fig.get_size_inches()[1] < 3
