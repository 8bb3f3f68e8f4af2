"""Web formats in the corpus loader (analysis.corpus.web and the field names of records): saved
pages, news-please JSON, RSS/Atom feeds and WARC archives, and their broken variants."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import socket
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from analysis import analyze, read_corpus
from analysis.corpus import read_files
from analysis.reports.build import check_articles

WEB = Path(__file__).resolve().parent / "fixtures" / "web"
PAGE = WEB / "tagesblatt_scholz-macron.html"
RSS = WEB / "tagesblatt.rss"
NEWSPLEASE = WEB / "newsplease_lauterbach.json"
# What surrounds the article on the saved page and on the archived ones: none of it is article.
BOILERPLATE = ["Cookies", "Alle akzeptieren", "Politik\n", "Jetzt abonnieren", "Mehr zum Thema",
               "Nato-Gipfel", "Rüstungsindustrie", "Newsletter", "Impressum", "Datenschutz",
               "Alle Rechte vorbehalten", "Deutsch-französisches Treffen"]
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(2000)

KRETSCHMER = [
    "DRESDEN (dpa) – Sachsens Ministerpräsident Michael Kretschmer (CDU) hat am Montag in "
    "Dresden ein Programm für den ländlichen Raum vorgestellt. Bis 2026 sollen 500 Millionen "
    "Euro in Schulen, Ärzte und Busverbindungen fließen.",
    "Die Opposition im Landtag sprach von einem Wahlkampfmanöver. Kretschmer wies das zurück: "
    "„Wir investieren dort, wo die Menschen leben“, sagte er.",
]
WEGNER = [
    "Der Regierende Bürgermeister Kai Wegner (CDU) hat am Dienstag den Neubau der "
    "Elsenbrücke in Berlin freigegeben. Die Brücke war wegen Rissen im Beton zwei Jahre gesperrt.",
    "Verkehrssenatorin Ute Bonde sprach von einem wichtigen Tag für den Osten der Stadt. Der "
    "Senat will bis zum Jahresende weitere Brücken prüfen lassen.",
]
ENGLISH = [
    "The German chancellor met the French president in Paris on Friday to discuss further "
    "support for Ukraine. Both leaders said that the talks had been very constructive.",
    "They agreed to meet again in the summer, and they will invite the Polish prime minister "
    "to join them for the next round of talks on the future of the European defence.",
]


def _page(title: str, author: str, published: str, paragraphs: list[str],
          lang: str = "de") -> bytes:
    """A news page as a site serves it: cookie banner, navigation, related articles, footer."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Landesblatt</title><meta property="og:title" content="{title}">
<meta property="og:site_name" content="Landesblatt"><meta name="author" content="{author}">
<meta property="article:published_time" content="{published}"></head><body>
<div class="cookie-banner"><p>Wir verwenden Cookies für Werbung und Statistik.</p>
<button>Alle akzeptieren</button></div>
<nav><ul><li><a href="/">Politik</a></li><li><a href="/abo">Jetzt abonnieren</a></li></ul></nav>
<main><article><h1>{title}</h1><div class="text">{body}</div></article>
<aside class="related"><h2>Mehr zum Thema</h2><ul><li><a href="/a">Nato-Gipfel: Was Sie wissen
müssen</a></li><li><a href="/b">Rüstungsindustrie meldet Rekordaufträge</a></li></ul></aside>
</main><footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a>
<p>© 2024 Landesblatt. Alle Rechte vorbehalten.</p></footer></body></html>""".encode()


def _response(uri: str, content_type: str, body: bytes, status: str = "200 OK",
              headers: tuple[tuple[str, str], ...] = ()) -> tuple:
    return uri, status, [("Content-Type", content_type), *headers], body


RESPONSES = [
    _response("https://www.landesblatt.example/sachsen/kretschmer-land",
              "text/html; charset=utf-8",
              _page("Kretschmer stellt Programm für den ländlichen Raum vor", "Paul Richter",
                    "2024-06-10T14:20:00+02:00", KRETSCHMER)),
    _response("https://www.landesblatt.example/bilder/kretschmer.jpg", "image/jpeg", JPEG),
    _response("https://www.landesblatt.example/berlin/elsenbruecke", "text/html",
              _page("Wegner gibt Elsenbrücke frei", "Sophie Krause",
                    "2024-06-11T08:05:00+02:00", WEGNER)),
]


def _warc(path: Path, responses: list[tuple], compress: bool = True,
          others: tuple[str, ...] = ()) -> Path:
    """A WARC file as crawlers write it (warcio), of HTTP responses and, first, `others`
    records (warcinfo, request)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    if "warcinfo" in others:
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
    for uri, status, headers, body in responses:
        if "request" in others:
            request = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "example")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request",
                                                          http_headers=request))
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=http))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def _rows(manifest: pd.DataFrame) -> dict[str, tuple[str, str]]:
    return {row.source: (row.status, row.reason) for row in manifest.itertuples()}


def _clean(text: str) -> None:
    for furniture in BOILERPLATE:
        assert furniture not in text, furniture


# --------------------------------------------------------------------------- saved pages


def test_saved_page_gives_the_article_and_its_metadata() -> None:
    documents, manifest = read_corpus(PAGE)
    assert _rows(manifest) == {"tagesblatt_scholz-macron.html": ("processed", "")}
    page = documents.iloc[0]
    assert page["title"] == "Scholz und Macron beraten über Ukraine-Hilfe"
    assert page["author"] == "Anna Schmidt"
    # published_time, not modified_time; the newsroom's wall-clock time
    assert (page["published"], page["published_source"]) == (
        pd.Timestamp("2024-03-15 09:30"), "metadata")
    assert page["url"] == "https://www.tagesblatt.example/politik/scholz-macron-ukraine-hilfe"
    # the project's dateline rule applies to the extracted text
    assert (page["dateline"], page["agency"]) == ("Paris", "dpa")
    assert page["text"].startswith("Bundeskanzler Olaf Scholz und der französische Präsident")
    assert page["text"].endswith("sagte die Grünen-Politikerin.")
    assert page["text"].count("\n\n") == 3  # four paragraphs
    _clean(page["text"] + "\n")


def test_page_byline_in_the_text_is_the_author(tmp_path: Path) -> None:
    html = PAGE.read_text(encoding="utf-8").replace(
        '<meta name="author" content="Anna Schmidt">', "").replace(
        '<p class="byline">Von Anna Schmidt</p>', "").replace(
        "<p>PARIS (dpa)", "<p>Von Anna Schmidt</p><p>PARIS (dpa)")
    (tmp_path / "seite.htm").write_text(html, encoding="utf-8")
    page = read_files(tmp_path / "seite.htm")[0].iloc[0]
    assert page["author"] == "Anna Schmidt"
    assert page["text"].startswith("Bundeskanzler Olaf Scholz")


def test_page_without_an_article_is_skipped_with_the_reason() -> None:
    documents, manifest = read_corpus(WEB / "kaputt" / "ohne_artikel.html")
    assert documents.empty
    assert _rows(manifest) == {
        "ohne_artikel.html": ("skipped", "no article text found in the page")}


def test_binary_file_named_html_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "bild.html").write_bytes(JPEG)
    _, manifest = read_files(tmp_path / "bild.html")
    assert _rows(manifest) == {"bild.html": ("skipped", "binary file (JPEG), not text")}


def test_oversized_page_is_skipped(tmp_path: Path) -> None:
    shutil.copy(PAGE, tmp_path / "gross.html")
    _, manifest = read_files(tmp_path / "gross.html", max_article_bytes=300)
    assert _rows(manifest) == {"gross.html": ("skipped", "page is 0.0 MB, over the 0.0 MB limit "
                                              "for web pages (10 × --max-article-mb)")}
    _, manifest = read_files(tmp_path / "gross.html", max_article_bytes=1000)
    assert _rows(manifest)["gross.html"][1].startswith("article is 0.0 MB, over the 0.0 MB")


# --------------------------------------------------------------------------- crawler output


def _saved_page(folder: Path, page: str, assets: str) -> None:
    """A page as "Save page as" leaves it: the page and beside it a folder of its files."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PAGE, folder / page)
    (folder / assets).mkdir()
    (folder / assets / "logo.jpg").write_bytes(JPEG)
    (folder / assets / "app.js").write_text("console.log(1);\n")
    (folder / assets / "stil.css").write_text("body { margin: 0; }\n")
    (folder / assets / "anzeige.html").write_text("<p>Anzeige</p>\n")  # a frame of the page


@pytest.mark.parametrize(("page", "assets"), [
    ("Scholz.html", "Scholz_files"), ("Scholz.htm", "Scholz_files"),
    ("Scholz.HTML", "Scholz_files"), ("Scholz.htm", "Scholz-Dateien"),
])
def test_saved_pages_assets_are_one_skipped_row(tmp_path: Path, page: str, assets: str) -> None:
    _saved_page(tmp_path / "korpus", page, assets)
    documents, manifest = read_files(tmp_path / "korpus")
    assert _rows(manifest) == {
        f"korpus/{page}": ("processed", ""),
        f"korpus/{assets}": ("skipped", f"assets of a saved page: {page}"),
    }
    assert len(documents) == 1


def test_asset_folder_without_its_page_is_read_file_by_file(tmp_path: Path) -> None:
    _saved_page(tmp_path / "korpus", "Scholz.html", "Merz_files")
    manifest = read_files(tmp_path / "korpus")[1]
    assert _rows(manifest) == {
        "korpus/Merz_files/anzeige.html": ("skipped", "no article text found in the page"),
        "korpus/Merz_files/app.js": ("skipped", "unsupported file type .js"),
        "korpus/Merz_files/logo.jpg": ("skipped", "unsupported file type .jpg"),
        "korpus/Merz_files/stil.css": ("skipped", "unsupported file type .css"),
        "korpus/Scholz.html": ("processed", ""),
    }


def test_newsplease_object_is_one_article_with_its_fields_mapped() -> None:
    documents, manifest = read_corpus(NEWSPLEASE)
    assert _rows(manifest) == {"newsplease_lauterbach.json": ("processed", "")}
    article = documents.iloc[0]
    assert article["title"] == "Lauterbach drückt bei Klinikreform aufs Tempo"
    assert article["author"] == "Julia Wagner, Max Becker"
    assert (article["published"], article["published_source"]) == (
        pd.Timestamp("2024-02-21 16:30"), "metadata")  # date_publish, not date_download
    assert article["agency"] == "www.morgenpost.example"  # source_domain: the outlet
    assert article["url"] == "https://www.morgenpost.example/politik/lauterbach-klinikreform"
    assert article["text"].startswith("Bundesgesundheitsminister Karl Lauterbach (SPD)")
    assert "Judith Gerlach" in article["text"].split("\n\n")[1]


def test_newsplease_json_lines_give_one_row_per_line(tmp_path: Path) -> None:
    documents, manifest = read_corpus(WEB / "newsplease.jsonl")
    assert _rows(manifest) == {"newsplease.jsonl#1": ("processed", ""),
                               "newsplease.jsonl#2": ("processed", "")}
    assert documents["title"].tolist() == ["Steinmeier ruft zu Zusammenhalt auf",
                                           "Kretschmer schließt Koalition mit AfD aus"]
    assert documents["author"].tolist() == ["Sabine Roth", ""]
    assert documents["published"].tolist() == [pd.Timestamp("2024-05-06 10:15"),
                                               pd.Timestamp("2024-05-07 08:00")]
    # the same lines saved as .json, as crawlers often name them
    shutil.copy(WEB / "newsplease.jsonl", tmp_path / "crawl.json")
    again, manifest = read_corpus(tmp_path / "crawl.json")
    assert manifest["source"].tolist() == ["crawl.json#1", "crawl.json#2"]
    assert again["text"].tolist() == documents["text"].tolist()


def test_export_column_names_are_recognised_in_csv_and_json(tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text(
        "headline,publish_date,authors,link,content\n"
        'Rat tagt,2024-01-02,Eva Berg,https://x.example/1,"Der Rat tagt heute in Bonn."\n',
        encoding="utf-8")
    (tmp_path / "export.json").write_text(json.dumps([
        {"title": "Beide Namen", "text": "", "body": "Der Text steht unter body.",
         "authors": ["Eva Berg", "", "Ole Lund"], "date": None, "date_publish": "2024-01-03"}]),
        encoding="utf-8")
    documents, manifest = read_corpus(tmp_path)
    assert set(manifest["status"]) == {"processed"}
    rows = documents.set_index("source")
    csv = rows.loc[f"{tmp_path.name}/export.csv#1"]
    assert (csv["title"], csv["author"], csv["url"], csv["text"]) == (
        "Rat tagt", "Eva Berg", "https://x.example/1", "Der Rat tagt heute in Bonn.")
    assert csv["published"] == pd.Timestamp("2024-01-02")
    record = rows.loc[f"{tmp_path.name}/export.json#1"]
    # an empty field under our name gives way to another name that holds a value
    assert record["text"] == "Der Text steht unter body."
    assert record["author"] == "Eva Berg, Ole Lund"
    assert record["published"] == pd.Timestamp("2024-01-03")


def test_records_without_any_text_field_name_the_names_looked_for(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("title,notiz\nx,y\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"title": "x", "date_publish": "2024-01-01"}',
                                     encoding="utf-8")
    _, manifest = read_files(tmp_path)
    names = "text, maintext, content, body"
    assert _rows(manifest) == {
        f"{tmp_path.name}/a.csv": ("skipped", f"no text column ({names}; columns: title, notiz)"),
        f"{tmp_path.name}/b.json": ("skipped", f"JSON object has no text field ({names}) and no "
                                               "list of records (keys: title, date_publish)"),
    }


# --------------------------------------------------------------------------- feeds


def test_rss_feed_gives_one_article_per_item() -> None:
    documents, manifest = read_corpus(RSS)
    teaser = ("teaser only: the feed gives a summary of 15 words, not the article "
              "(analysed anyway)")
    assert _rows(manifest) == {"tagesblatt.rss#1": ("processed", ""),
                               "tagesblatt.rss#2": ("processed", ""),
                               "tagesblatt.rss#3": ("flagged", teaser)}
    habeck, faeser, lindner = (row for _, row in documents.iterrows())
    assert documents["title"].tolist() == ["Habeck wirbt in Kiew für Wiederaufbau",
                                           "Faeser kündigt schärfere Grenzkontrollen an",
                                           "Lindner legt Haushaltsentwurf vor"]
    # dc:creator; <author> "mail (Name)" gives the name
    assert documents["author"].tolist() == ["Jonas Weber", "Miriam Keller", "Jonas Weber"]
    # pubDate with its zone: the wall-clock time as written
    assert documents["published"].tolist() == [pd.Timestamp("2024-03-14 08:15"),
                                               pd.Timestamp("2024-03-13 17:40"),
                                               pd.Timestamp("2024-03-12 06:00")]
    assert set(documents["published_source"]) == {"metadata"}
    assert set(documents["agency"]) == {"Tagesblatt – Politik"}  # the feed's title: the outlet
    assert habeck["url"] == "https://www.tagesblatt.example/politik/habeck-kiew"
    # content:encoded, not the one-line description
    assert "Wolodymyr Selenskyj" in habeck["text"] and habeck["text"].count("\n\n") == 1
    # a long description is the article itself: no teaser
    assert faeser["text"].endswith("Nachteile für Pendler.")
    # the "Weiterlesen" link is no part of the text
    assert lindner["text"] == ("Finanzminister Christian Lindner will die Schuldenbremse "
                               "einhalten. Was der Entwurf für die Ministerien bedeutet …")


def test_atom_feed_gives_one_article_per_entry() -> None:
    documents, manifest = read_corpus(WEB / "rundfunk.atom")
    assert manifest["source"].tolist() == ["rundfunk.atom#1", "rundfunk.atom#2"]
    assert set(manifest["status"]) == {"processed"}
    assert documents["title"].tolist() == ["Pistorius besucht Truppe in Litauen",
                                           "Bas mahnt mehr Respekt im Bundestag an"]
    assert documents["author"].tolist() == ["Lena Hoffmann", "Tobias Brandt"]
    # published, else updated
    assert documents["published"].tolist() == [pd.Timestamp("2024-04-02 07:45"),
                                               pd.Timestamp("2024-04-03 11:20")]
    assert "Laurynas Kasčiūnas" in documents["text"][0]
    assert documents["text"][1].startswith("Bundestagspräsidentin Bärbel Bas hat")


def test_malformed_feed_is_skipped_with_the_reason() -> None:
    documents, manifest = read_corpus(WEB / "kaputt" / "abgebrochen.rss")
    assert documents.empty
    assert _rows(manifest) == {"abgebrochen.rss": (
        "skipped", "malformed feed (no element found, line 7): no item could be read")}


def test_feed_read_leniently_flags_its_items(tmp_path: Path) -> None:
    (tmp_path / "amp.rss").write_bytes(RSS.read_bytes().replace(b"Faeser k", b"Faeser & Co k"))
    documents, manifest = read_files(tmp_path / "amp.rss")
    assert len(documents) == 3 and documents["title"][1].startswith("Faeser & Co")
    caveat = "read from a malformed feed (not well-formed (invalid token), line 18): check"
    assert all(caveat in reason for reason in manifest["reason"])
    assert manifest["reason"][2].startswith("teaser only")  # both caveats
    assert set(manifest["status"]) == {"flagged"}


@pytest.mark.parametrize(("content", "reason"), [
    ("<html><body><p>Keine Meldung</p></body></html>", "not an RSS or Atom feed"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>Leer</title></channel></rss>',
     "feed has no items"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>Nur ein Titel</title>'
     "</item></channel></rss>", "no item of the feed has text"),
])
def test_feeds_without_articles_are_skipped(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "feed.xml").write_text(content, encoding="utf-8")
    assert _rows(read_files(tmp_path / "feed.xml")[1]) == {"feed.xml": ("skipped", reason)}


# --------------------------------------------------------------------------- web archives


def test_warc_gives_articles_and_accounts_for_every_record(tmp_path: Path) -> None:
    documents, manifest = read_corpus(_warc(tmp_path / "crawl.warc.gz", RESPONSES))
    assert _rows(manifest) == {
        "crawl.warc.gz#https://www.landesblatt.example/sachsen/kretschmer-land": ("processed", ""),
        "crawl.warc.gz#https://www.landesblatt.example/bilder/kretschmer.jpg": (
            "skipped", "image/jpeg response: not a web page"),
        "crawl.warc.gz#https://www.landesblatt.example/berlin/elsenbruecke": ("processed", ""),
    }
    land, bridge = (row for _, row in documents.iterrows())
    assert (land["title"], land["author"], land["published"]) == (
        "Kretschmer stellt Programm für den ländlichen Raum vor", "Paul Richter",
        pd.Timestamp("2024-06-10 14:20"))
    assert (land["dateline"], land["agency"]) == ("Dresden", "dpa")
    assert land["url"] == "https://www.landesblatt.example/sachsen/kretschmer-land"
    assert land["text"].startswith("Sachsens Ministerpräsident Michael Kretschmer (CDU)")
    assert (bridge["title"], bridge["author"], bridge["published"], bridge["agency"]) == (
        "Wegner gibt Elsenbrücke frei", "Sophie Krause", pd.Timestamp("2024-06-11 08:05"),
        "Landesblatt")
    for text in documents["text"]:
        _clean(text + "\n")


def test_warc_records_that_are_no_pages_are_named(tmp_path: Path) -> None:
    responses = [
        RESPONSES[0],
        _response("https://www.landesblatt.example/alt", "text/html", b"", "301 Moved Permanently",
                  (("Location", "https://www.landesblatt.example/neu"),)),
        _response("https://www.landesblatt.example/fehlt", "text/html", b"<p>404</p>",
                  "404 Not Found"),
        _response("https://www.landesblatt.example/leer", "text/html",
                  (WEB / "kaputt" / "ohne_artikel.html").read_bytes()),
    ]
    path = _warc(tmp_path / "crawl.warc", responses, compress=False,
                 others=("warcinfo", "request"))
    _, manifest = read_files(path)
    site = "crawl.warc#https://www.landesblatt.example"
    assert manifest[["source", "status", "reason"]].values.tolist() == [
        ["crawl.warc#1", "skipped", "WARC warcinfo record (application/warc-fields): not a page"],
        [f"{site}/sachsen/kretschmer-land", "skipped",
         "WARC request record (application/http; msgtype=request): not a page"],
        [f"{site}/sachsen/kretschmer-land", "processed", ""],
        [f"{site}/alt", "skipped", "WARC request record (application/http; msgtype=request): "
                                   "not a page"],
        [f"{site}/alt", "skipped",
         "HTTP 301 response to https://www.landesblatt.example/neu: not a page"],
        [f"{site}/fehlt", "skipped", "WARC request record (application/http; msgtype=request): "
                                     "not a page"],
        [f"{site}/fehlt", "skipped", "HTTP 404 response: not a page"],
        [f"{site}/leer", "skipped", "WARC request record (application/http; msgtype=request): "
                                    "not a page"],
        [f"{site}/leer", "skipped", "no article text found in the page"],
    ]


def test_same_page_twice_in_a_warc_is_a_duplicate(tmp_path: Path) -> None:
    documents, manifest = read_files(_warc(tmp_path / "c.warc.gz", [RESPONSES[0], RESPONSES[0]]))
    assert len(documents) == 1
    assert manifest["status"].tolist() == ["processed", "duplicate"]
    assert manifest["reason"][1] == (
        "same title and body as c.warc.gz#https://www.landesblatt.example/sachsen/kretschmer-land:"
        " analysed once")


def test_truncated_warc_keeps_the_records_before_and_says_so(tmp_path: Path) -> None:
    whole = _warc(tmp_path / "whole.warc.gz", RESPONSES).read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(whole[: len(whole) - 200])
    documents, manifest = read_files(tmp_path / "cut.warc.gz")
    assert _rows(manifest) == {
        "cut.warc.gz#https://www.landesblatt.example/sachsen/kretschmer-land": ("processed", ""),
        "cut.warc.gz#https://www.landesblatt.example/bilder/kretschmer.jpg": (
            "skipped", "image/jpeg response: not a web page"),
        "cut.warc.gz": ("skipped", "WARC file is truncated: it ends inside record 3 "
                                   "(the 2 records before were read)"),
    }
    assert documents["title"].tolist() == ["Kretschmer stellt Programm für den ländlichen Raum vor"]


def test_truncated_uncompressed_warc_names_the_cut_record(tmp_path: Path) -> None:
    whole = _warc(tmp_path / "whole.warc", RESPONSES, compress=False).read_bytes()
    (tmp_path / "cut.warc").write_bytes(whole[: len(whole) - 300])
    documents, manifest = read_files(tmp_path / "cut.warc")
    assert manifest["reason"].tolist() == [
        "", "image/jpeg response: not a web page",
        "WARC record is truncated: the file ends inside it"]
    assert len(documents) == 1


@pytest.mark.parametrize(("data", "reason"), [
    (b"Dies ist kein Webarchiv.\n", "not a readable WARC file (ArchiveLoadFailed: Unknown "
                                     "archive format, first line: ['Dies', 'ist', 'kein', "
                                     "'Webarchiv.'])"),
    (gzip.compress(b"WARC/1.0\r\n")[:15], "WARC file is truncated: it ends inside record 1 "
                                          "(the 0 records before were read)"),
])
def test_unreadable_warc_is_skipped(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "x.warc.gz").write_bytes(data)
    assert _rows(read_files(tmp_path / "x.warc.gz")[1]) == {"x.warc.gz": ("skipped", reason)}


def test_non_german_page_in_a_warc_is_flagged(tmp_path: Path) -> None:
    english = _response("https://news.example/paris", "text/html",
                        _page("Leaders meet in Paris", "John Smith", "2024-03-15", ENGLISH, "en"))
    path = _warc(tmp_path / "mixed.warc.gz", [english, RESPONSES[2]])
    documents, manifest = read_files(path)
    assert manifest["status"].tolist() == ["flagged", "processed"]
    assert manifest["reason"][0].startswith("looks like English, not German: analysed anyway")
    assert documents["published"][0] == pd.Timestamp("2024-03-15")  # a date without a time
    _, skipped = read_files(path, non_german="skip")
    assert skipped["status"].tolist() == ["skipped", "processed"]


def test_warc_is_streamed_record_by_record(tmp_path: Path) -> None:
    """A 40 MB record is read past in blocks, never held: memory stays far below its size."""
    video = _response("https://www.landesblatt.example/video.mp4", "video/mp4", bytes(40_000_000))
    path = _warc(tmp_path / "gross.warc.gz", [RESPONSES[0], video, RESPONSES[2]])
    tracemalloc.start()
    try:
        documents, manifest = read_files(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(documents) == 2 and manifest["reason"][1] == "video/mp4 response: not a web page"
    assert peak < 8_000_000


def test_nothing_is_downloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura, htmldate and feedparser work on the bytes given: any connection fails."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for source in (PAGE, RSS, WEB / "rundfunk.atom"):
        shutil.copy(source, tmp_path / source.name)
    _warc(tmp_path / "crawl.warc.gz", RESPONSES)
    documents, manifest = read_corpus(tmp_path)
    assert len(documents) == 8 and not manifest["reason"].str.contains("error").any()


def test_dask_engine_reads_warc_files_on_its_workers(tmp_path: Path) -> None:
    _warc(tmp_path / "a.warc.gz", RESPONSES[:2])
    _warc(tmp_path / "b.warc.gz", RESPONSES[2:])
    shutil.copy(RSS, tmp_path / RSS.name)
    local = read_files(tmp_path)
    distributed = read_files(tmp_path, engine="dask", workers=2)
    pd.testing.assert_frame_equal(local[0], distributed[0])
    pd.testing.assert_frame_equal(local[1], distributed[1])
    assert local[1]["source"].str.split("#").str[0].unique().tolist() == [
        f"{tmp_path.name}/a.warc.gz", f"{tmp_path.name}/b.warc.gz",
        f"{tmp_path.name}/tagesblatt.rss"]


def test_report_selection_takes_record_sources() -> None:
    for spec in ("tagesblatt.rss#3", "crawl.warc.gz#https://x.example/a", "seite.html"):
        assert check_articles(spec) == spec


# --------------------------------------------------------------------------- the folder


def test_folder_of_every_kind_gives_seven_articles_and_their_names(tmp_path: Path) -> None:
    folder = tmp_path / "eingang"
    folder.mkdir()
    for source in (PAGE, NEWSPLEASE, RSS):
        shutil.copy(source, folder / source.name)
    _warc(folder / "crawl.warc.gz", RESPONSES)
    result = analyze(folder)
    documents, manifest = result.documents, result.manifest
    assert len(documents) == 7
    assert manifest["status"].value_counts().to_dict() == {
        "processed": 6, "flagged": 1, "skipped": 1}
    skipped = manifest[manifest["status"] == "skipped"].iloc[0]
    assert skipped["source"].endswith("#https://www.landesblatt.example/bilder/kretschmer.jpg")
    assert skipped["reason"] == "image/jpeg response: not a web page"
    assert documents["title"].tolist() == [
        "Kretschmer stellt Programm für den ländlichen Raum vor",
        "Wegner gibt Elsenbrücke frei",
        "Lauterbach drückt bei Klinikreform aufs Tempo",
        "Habeck wirbt in Kiew für Wiederaufbau",
        "Faeser kündigt schärfere Grenzkontrollen an",
        "Lindner legt Haushaltsentwurf vor",
        "Scholz und Macron beraten über Ukraine-Hilfe",
    ]
    assert documents["published"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2024-06-10 14:20", "2024-06-11 08:05", "2024-02-21 16:30", "2024-03-14 08:15",
        "2024-03-13 17:40", "2024-03-12 06:00", "2024-03-15 09:30"]
    assert documents["author"].tolist() == [
        "Paul Richter", "Sophie Krause", "Julia Wagner, Max Becker", "Jonas Weber",
        "Miriam Keller", "Jonas Weber", "Anna Schmidt"]
    for text in documents["text"]:
        _clean(text + "\n")
    mentions = result.mentions.merge(documents[["doc_id", "title"]], on="doc_id")
    people = mentions[mentions["label"] == "PER"].groupby("title")["entity"].agg(set)
    for title, person in [
        ("Kretschmer stellt Programm für den ländlichen Raum vor", "Michael Kretschmer"),
        ("Wegner gibt Elsenbrücke frei", "Kai Wegner"),
        ("Lauterbach drückt bei Klinikreform aufs Tempo", "Karl Lauterbach"),
        ("Habeck wirbt in Kiew für Wiederaufbau", "Robert Habeck"),
        ("Faeser kündigt schärfere Grenzkontrollen an", "Nancy Faeser"),
        ("Lindner legt Haushaltsentwurf vor", "Christian Lindner"),
        ("Scholz und Macron beraten über Ukraine-Hilfe", "Olaf Scholz"),
        ("Scholz und Macron beraten über Ukraine-Hilfe", "Emmanuel Macron"),
    ]:
        assert person in people[title], (title, person, people[title])
