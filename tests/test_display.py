"""Tables as readers see them: German, rounded, linked, searchable when long, never cut."""

import pandas as pd
import pytest

from analysis import display
from analysis.site import Links, Site

SITE = Site(articles={"abc123": "articles/abc123.html"},
            entities={"Olaf Scholz": "entities/olaf-scholz.html"})
DOCUMENTS = pd.DataFrame({"doc_id": ["abc123", "def456"], "title": ["Streik bei der Bahn", ""],
                          "source": ["a.txt", "corpus/b.txt"]})


@pytest.fixture
def page() -> display.Page:
    return display.Page(Links(SITE, "corpus.html"))


def test_short_table_is_plain_german_and_linked(page):
    frame = pd.DataFrame({"entity": ["Olaf Scholz", "Berlin"], "label": ["PER", "LOC"],
                          "mentions": [12, 3], "mean_polarity": [-0.12345, float("nan")]})
    html = page.table(frame).data
    assert '<table class="daten">' in html and "itables" not in html
    for header in ["Name", "Typ", "Erwähnungen", "mittlere Polarität"]:
        assert f">{header}</th>" in html
    assert '<a href="entities/olaf-scholz.html">Olaf Scholz</a>' in html
    assert ">Berlin</td>" in html, "no page, no link"
    assert ">Person</td>" in html and ">Ort</td>" in html
    assert ">-0,12</td>" in html
    assert "nan" not in html.lower() and "NaT" not in html
    assert "<th></th>" not in html and ">0</td><td" not in html, "no row numbers"


def test_long_table_becomes_searchable_and_keeps_every_row(page):
    sentences = [f"Satz Nummer {n} mit einem recht langen Text, der nicht gekuerzt wird. " * 3
                 for n in range(40)]
    html = page.table(pd.DataFrame({"sentence_id": range(40), "text": sentences})).data
    assert "new ITable" in html
    assert '"search": "Suchen:"' in html, "German table controls"
    assert sentences[39] in html, "every row, every word"
    assert '"pageLength": 15' in html


def test_a_table_beyond_the_limit_says_how_many_rows_it_left_out(page):
    html = page.table(pd.DataFrame({"mentions": range(30)}), limit=20).data
    assert "Die ersten 20 von 30 Zeilen" in html
    assert ">29<" not in html and "29]" not in html


def test_article_column_links_the_title_and_falls_back_to_the_file(page):
    frame = pd.DataFrame({"doc_id": ["abc123", "def456"], "quote": ["Gut.", "Schlecht."]})
    html = page.table(frame, titles=DOCUMENTS).data
    assert '<a href="articles/abc123.html">Streik bei der Bahn</a>' in html
    assert "corpus/b.txt" in html and 'href="articles/def456' not in html


def test_dates_shares_codes_and_blanks_are_formatted():
    assert display.format_value("published", pd.Timestamp("2024-01-16")) == "2024-01-16"
    assert display.format_value("published", pd.NaT) == ""
    assert display.format_value("share", 0.125) == "12\u202f%"
    assert display.format_value("kind", "direct") == "direkt"
    assert display.format_value("label", "negative") == "negativ"
    assert display.format_value("type", "DURATION") == "Dauer"
    assert display.format_value("published_source", "caption") == "Bildunterschrift"
    assert display.format_value("articles", 10280) == "10\u202f280"
    assert display.format_value("polarity", 1.0) == "1,00"


def test_everything_from_an_article_is_escaped(page):
    frame = pd.DataFrame({"quote": ["<script>alert(1)</script>"], "speaker": ["<b>X</b>"]})
    html = page.table(frame).data
    assert "<script>alert" not in html and "<b>X" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_facts_group_rows_and_link_entities(page):
    summary = pd.DataFrame({"field": ["Artikel", "Meistgenannt", "Meistgenannt"],
                            "value": ["60", "Olaf Scholz (12)", "Berlin (3)"],
                            "entity": ["", "Olaf Scholz", "Berlin"]})
    html = page.facts(summary).data
    assert html.count("<dt>") == 2
    assert ('<dd><a href="entities/olaf-scholz.html">Olaf Scholz (12)</a>, Berlin (3)</dd>'
            in html)


def test_keyword_in_context_aligns_on_the_name_and_links_the_article(page):
    lines = pd.DataFrame({"entity": ["Olaf Scholz"], "published": [pd.Timestamp("2024-03-05")],
                          "left": ["… sagte Bundeskanzler"], "mention": ["Scholz"],
                          "right": ["am Montag in Berlin …"], "doc_id": ["abc123"]})
    html = page.keyword_in_context(lines, titles=DOCUMENTS).data
    assert '<td class="davor">… sagte Bundeskanzler</td>' in html
    assert ('<td class="name"><a href="articles/abc123.html" title="Streik bei der Bahn">'
            "Scholz</a></td>") in html
    assert '<td class="danach">am Montag in Berlin …</td>' in html


def test_empty_tables_say_so(page):
    assert "Keine Zitate." in page.table(pd.DataFrame(), empty="Keine Zitate.").data


def test_the_offline_table_script_carries_the_bundle():
    script = display.tables_script()
    assert "injectModule" in script and len(script) > 100_000
