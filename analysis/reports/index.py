"""The index page: what was analysed, where to read on, and what could not be read.

It is built in Python rather than from a notebook (it only lists and links), with the same page
shell, tables and summary box as the notebook pages. Everything taken from articles is escaped.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.display import Page
from analysis.pipeline import Analysis
from analysis.reports.export import PageExporter
from analysis.site import CORPUS_PAGE, INDEX_PAGE, Links, Site
from analysis.summaries import corpus_summary
from analysis.views import mention_counts
from analysis.wording import german, number, plural, reason


def index_page(result: Analysis, site: Site, manifest: pd.DataFrame,
               failures: dict[str, str]) -> str:
    """The whole index page; `failures` maps a page to why it could not be rendered."""
    page = Page(Links(site, INDEX_PAGE))
    documents = result.documents
    summary = corpus_summary(documents, result.mentions, result.quotes)
    pages = (f"{plural(len(site.articles), 'Artikelseite', 'Artikelseiten')}, "
             f"{plural(len(site.entities), 'Namensseite', 'Namensseiten')}")
    summary.loc[len(summary)] = ["Seiten", pages, ""]
    parts = [
        "<h1>Pressespiegel</h1>",
        f"<p>Die Auswertung von {plural(len(documents), 'Artikel', 'Artikeln')}: wer genannt "
        "wird, wer was sagt, auf welche Zeiten sich die Texte beziehen und in welchem Ton.</p>",
        page.facts(summary).data,
        _limited_note(len(site.articles), len(documents)),
        "<h2>Berichte</h2>",
        _corpus_item(failures.get(CORPUS_PAGE)),
        "<h2>Meistgenannte Namen</h2>",
        _entity_list(result.mentions, site, page, failures),
        f"<h2>Artikel ({number(len(documents))})</h2>",
        page.table(_article_rows(result), columns={"doc_id": "Titel"}, titles=documents,
                   empty="Kein Artikel wurde analysiert.").data,
        _not_processed(manifest, page),
        "<h2>Daten</h2>",
        '<p><a href="manifest.csv">manifest.csv</a>: jede Eingabe mit Status und Grund · '
        '<a href="tables/">Tabellen</a> als Parquet und CSV, für eigene Auswertungen</p>',
    ]
    return PageExporter().page("\n".join(parts), page.links, "Übersicht")


def _limited_note(rendered: int, articles: int) -> str:
    if rendered >= articles:
        return ""
    return (
        f'<p class="hinweis">Artikelseiten gibt es für {number(rendered)} von '
        f"{number(articles)} Artikeln (voreingestellt die neuesten). Für alle: "
        "<code>python -m analysis report … --articles all</code>; einzelne mit "
        "<code>--articles DATEI,DATEI</code> oder einer Abfrage wie "
        "<code>--articles \"agency == 'dpa'\"</code>.</p>"
    )


def _corpus_item(failure: str | None) -> str:
    if failure:
        return f"<p>Korpusbericht fehlgeschlagen: {html.escape(reason(failure))}</p>"
    return (f'<p><a href="{CORPUS_PAGE}">Korpusbericht</a>: alle Artikel zusammen – '
            "Aufmerksamkeit über die Zeit, wer mit wem genannt wird, wer zitiert wird, "
            "Zeitbezüge und Ton.</p>")


def _entity_list(mentions: pd.DataFrame, site: Site, page: Page,
                 failures: dict[str, str]) -> str:
    counts = mention_counts(mentions, labels=None).set_index("entity")
    items = []
    for name, target in site.entities.items():
        label = german("label", counts.at[name, "label"])
        mentioned = plural(int(counts.at[name, "mentions"]), "Erwähnung", "Erwähnungen")
        if target in failures:
            items.append(f"<li>{html.escape(name)}: Seite fehlgeschlagen – "
                         f"{html.escape(reason(failures[target]))}</li>")
        else:
            items.append(f'<li><a href="{html.escape(page.links.entity(name) or "")}">'
                         f"{html.escape(name)}</a> ({label}, {mentioned})</li>")
    return f'<ul>{"".join(items) or "<li>keine</li>"}</ul>'


def _article_rows(result: Analysis) -> pd.DataFrame:
    """One row per article, newest first: date, title (linked), agency, mentions, tone."""
    documents = result.documents
    mentioned = result.mentions.groupby("doc_id").size()
    tone = result.article_tone.set_index("doc_id")["mean_polarity"]
    rows = pd.DataFrame({
        "published": documents["published"],
        "doc_id": documents["doc_id"],
        "agency": documents["agency"],
        "mentions": documents["doc_id"].map(mentioned).fillna(0).astype(int),
        "mean_polarity": documents["doc_id"].map(tone),
    })
    return rows.sort_values("published", ascending=False, na_position="last", kind="stable")


def _not_processed(manifest: pd.DataFrame, page: Page) -> str:
    troubled = manifest[manifest["status"] != "processed"][["source", "status", "reason"]]
    heading = f"<h2>Nicht oder nur teilweise verarbeitet ({number(len(troubled))})</h2>"
    if troubled.empty:
        return heading + "<p>Alle Eingaben wurden verarbeitet.</p>"
    return heading + page.table(troubled, columns={"source": "Eingabe"}).data
