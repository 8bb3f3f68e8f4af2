"""Tests for analysis.charts: figures, alt text, the co-occurrence table and HTML escaping."""

import matplotlib

matplotlib.use("Agg")

import io

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import charts
from analysis.timeline import referenced_periods_by_publication

SCRIPT = "<script>alert(1)</script>"


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


def test_entity_mentions_bars_and_alt_text(mentions):
    fig = charts.entity_mentions(mentions)
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["Jürgen Müller", "Pjöngjang"]
    assert [p.get_width() for p in ax.patches] == [4, 3, 2, 1]
    assert rgb(ax.patches[0]) == matplotlib.colors.to_rgb(charts.LABEL_COLOURS["PER"])
    assert rgb(ax.patches[1]) == matplotlib.colors.to_rgb(charts.LABEL_COLOURS["LOC"])
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {"PER", "LOC", "ORG"}
    text = alt(fig)
    assert "Jürgen Müller" in text and "4 mentions" in text and "2 articles" in text
    render(fig)


@pytest.mark.parametrize("top", [1, 2, 10])
def test_entity_mentions_respects_top(mentions, top):
    fig = charts.entity_mentions(mentions, top=top)
    assert len(fig.axes[0].patches) == min(top, 4)


def test_cooccurrence_weights_by_sentence(mentions):
    table = charts.cooccurrence(mentions)
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
    table = charts.cooccurrence(mentions, top=2)
    assert table.to_dict("records") == [
        {"source": "Jürgen Müller", "target": "Pjöngjang", "weight": 3}
    ]


def test_cooccurrence_network(mentions):
    fig = charts.cooccurrence_network(mentions, top=3, min_weight=2)
    text = alt(fig)
    assert "3 most mentioned" in text and "1 links" not in text
    assert "Jürgen Müller – Pjöngjang (3 sentences)" in text
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
    assert "3 references without a calendar date were left out" in text
    assert "3 distinct referenced dates" in text  # Dienstag and 16. Januar are one date
    assert "1948" in text and "16.01.2024" in text
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
    assert "no calendar dates" in alt(fig)
    assert "3 references" in fig.alt_text


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
    text = alt(fig)
    assert "4 sentences" in text and "2 positive, 1 neutral, 1 negative" in text
    assert "sentence 1 (-0.75)" in text and "Jürgen Müller warnt" in text
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
    text = alt(fig)
    assert "Jürgen Müller (7 mentions)" in text and "-0.40" in text
    render(charts.entity_tone(tone))  # NaN band for the single-sentence entity


def test_tone_over_time(mentions, sentiment):
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"],
                              "published": pd.to_datetime(["2024-01-16", "2024-01-18", None])})
    sent = pd.concat([sentiment, sentiment.assign(doc_id="b").head(2)])
    fig = charts.tone_over_time(sent, documents, mentions, top=2)
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()
             if not line.get_label().startswith("_")}
    assert set(lines) == {"Jürgen Müller", "Pjöngjang"}
    # Müller: sentences a0 (0.5) and a1 (-0.75) on the 16th, b0 (0.5) on the 18th.
    assert list(lines["Jürgen Müller"].get_ydata()) == [-0.125, 0.5]
    text = alt(fig)
    assert "2 days" in text and "1 undated article left out" in text
    render(fig)


def test_tone_over_time_single_date(mentions, sentiment):
    documents = pd.DataFrame({"doc_id": ["a"], "published": pd.to_datetime(["2024-01-16"])})
    fig = charts.tone_over_time(sentiment, documents, mentions)
    assert "1 day (16.01.2024)" in alt(fig)
    render(fig)


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
    assert "no data" in alt(fig)
    assert any(t.get_text() == "No data" for t in fig.axes[0].texts)
    render(fig)


def test_empty_cooccurrence_table():
    table = charts.cooccurrence(pd.DataFrame())
    assert table.empty and list(table.columns) == ["source", "target", "weight"]


def test_missing_column_is_reported(mentions):
    with pytest.raises(ValueError, match="sentence_id"):
        charts.cooccurrence(mentions.drop(columns="sentence_id"))


def test_display_figure_escapes_and_closes(mentions, monkeypatch):
    shown = []
    monkeypatch.setattr(charts, "display", shown.append)
    fig, _ = plt.subplots()  # also closes figures the caller made with pyplot
    charts.with_alt_text(fig, f"Chart about {SCRIPT} & „Jürgen Müller“")
    charts.display_figure(fig)
    assert plt.get_fignums() == []

    charts.display_figure(charts.entity_mentions(mentions))
    assert len(shown) == 2
    for obj in shown:
        html = obj.data
        assert html.startswith('<figure><img src="data:image/png;base64,')
        assert "&lt;script&gt;" in html
        assert "<script>" not in html
        assert "<figcaption>" in html
    assert "&amp; „Jürgen Müller“" in shown[0].data


def test_timeline_many_dates_share_a_row():
    days = pd.date_range("2024-01-01", periods=60, freq="D")
    timeline = pd.DataFrame({"text": [f"Tag {i}" for i in range(60)], "date_start": days,
                             "date_end": days, "entities": "Jürgen Müller"})
    fig = charts.timeline_chart(timeline, max_labels=5)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 6 and labels[-1] == "55 other dates"
    assert "60 distinct referenced dates" in alt(fig) and "5 most referenced" in fig.alt_text
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
    table = referenced_periods_by_publication(*corpus_timeline)
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
    months = referenced_periods_by_publication(*corpus_timeline, freq="D", period="M")
    january = months[months["period"] == pd.Timestamp("2024-01-01")]
    assert january["published"].dt.day.tolist() == [16, 18, 23]  # the year 2024 is no month
    assert referenced_periods_by_publication(pd.DataFrame(), pd.DataFrame()).empty


def test_periods_by_publication_bubbles_and_alt_text(corpus_timeline):
    fig = charts.periods_by_publication(*corpus_timeline)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1948", "2022", "2024"]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "2", "3"]
    assert alt(fig) == (
        "Bubble chart of 7 dated references to 3 years, by publication date from 15.01.2024 to "
        "22.01.2024; bubble size and number are the references. Most referenced: 2024 (4)."
    )
    render(fig)
    fewer = charts.periods_by_publication(*corpus_timeline, top=1)
    assert [t.get_text() for t in fewer.axes[0].get_yticklabels()] == ["2024"]
    assert "2 less referenced years left out." in alt(fewer)
    render(fewer)


def test_periods_by_publication_without_dated_references(corpus_timeline):
    timeline, documents = corpus_timeline
    fig = charts.periods_by_publication(timeline[timeline["doc_id"] == "d"], documents)
    assert "no dated references in dated articles" in alt(fig)
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
    fig = charts.attention_over_time(table)
    lines = [line for line in fig.axes[0].get_lines() if line.get_label() != "_nolegend_"]
    assert len(lines) == 2
    assert list(lines[0].get_ydata()) == [50.0, 100.0]
    assert "Jürgen Müller in 75% of articles" in fig.alt_text
    assert "no dated" in charts.attention_over_time(table.iloc[0:0]).alt_text


def test_quoted_speakers_stacks_direct_and_indirect():
    table = pd.DataFrame(
        {"speaker": ["Jürgen Müller", "<script>x</script>"], "quotes": [3, 1], "direct": [2, 0],
         "indirect": [1, 1]}
    )
    fig = charts.quoted_speakers(table)
    widths = [patch.get_width() for patch in fig.axes[0].patches]
    assert sorted(widths) == [0, 1, 1, 2]
    assert "Jürgen Müller leads with 3 quotes (2 direct, 1 indirect)" in fig.alt_text
    assert "&lt;script&gt;" in charts.figure_html(charts.quoted_speakers(table.iloc[::-1]))


def test_alt_text_plurals_read_as_english():
    assert charts._plural(5, "entity") == "5 entities"
    assert charts._plural(2, "day") == "2 days"
    assert charts._plural(1, "entity") == "1 entity"
