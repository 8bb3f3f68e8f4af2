"""Reasons of the manifest: English in the tables (as documented), German on the report pages,
both from one code and its details (analysis.reasons, analysis.wording.reason)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import reasons, wording
from analysis.reports import render_reports

REPORT_INPUTS = Path(__file__).resolve().parent / "fixtures" / "report_inputs"

# Every code: details as the loaders pass them, and the German a page shows.
CASES: dict[str, tuple[dict[str, object], str]] = {
    "folder_unreadable": ({"error": "Permission denied"},
                          "Ordner nicht lesbar: keine Berechtigung"),
    "not_regular_file": ({}, "keine gewöhnliche Datei (defekte Verknüpfung?)"),
    "saved_page_assets": ({"page": "Seite.html"},
                          "Bilder, Skripte und Stile der gespeicherten Webseite Seite.html"),
    "unsupported_no_suffix": ({}, "Datei ohne Endung: Dateityp wird nicht unterstützt"),
    "unsupported_type": ({"suffix": ".png"}, "Dateityp .png wird nicht unterstützt"),
    "unreadable_file": ({"error": "No such file or directory"},
                        "Datei nicht lesbar: nicht vorhanden"),
    "unexpected_error": ({"error": "KeyError: 'x'"}, "unerwarteter Fehler: KeyError: 'x'"),
    "too_large": ({"size": "2.4", "limit": "2.0"},
                  "Artikel ist 2,4 MB groß, mehr als die Grenze von 2,0 MB "
                  "(erhöhen mit --max-article-mb)"),
    "empty_file": ({}, "leere Datei"),
    "whitespace_only": ({}, "leere Datei (nur Leerzeichen und Zeilenumbrüche)"),
    "binary_kind": ({"kind": "executable"}, "Binärdatei (ausführbare Datei), kein Text"),
    "binary_nul": ({}, "Binärdatei (Null-Bytes), kein Text"),
    "binary_control": ({}, "Binärdatei (Steuerzeichen), kein Text"),
    "broken_utf16": ({}, "kein lesbarer Text in UTF-8, UTF-16 oder cp1252 (fehlerhaftes UTF-16)"),
    "undecodable": ({}, "kein lesbarer Text in UTF-8, UTF-16 oder cp1252"),
    "no_records": ({}, "keine Datensätze"),
    "empty_text": ({}, "leerer Text"),
    "no_body": ({}, "kein Artikeltext nach Abzug von Titel und Bildunterschriften"),
    "duplicate": ({"original": "korpus/a.txt"},
                  "gleicher Titel und Text wie korpus/a.txt: nur einmal analysiert"),
    "not_german": ({"language": "French", "share": 45},
                   "nicht Deutsch: offenbar Französisch (45\u202f% der Wörter sind "
                   "Funktionswörter dieser Sprache)"),
    "looks_foreign": ({"language": "English"},
                      "offenbar Englisch, nicht Deutsch: trotzdem analysiert "
                      "(--non-german skip lässt solche Artikel weg)"),
    "front_matter_unclosed": ({}, "YAML-Kopf (Front Matter) beginnt mit „---“, wird aber nicht "
                                  "geschlossen"),
    "front_matter_invalid": ({"error": "ScannerError"},
                             "fehlerhafter YAML-Kopf (Front Matter) (ScannerError)"),
    "front_matter_not_mapping": ({}, "YAML-Kopf (Front Matter) ist keine Liste von Feldern und "
                                     "Werten"),
    "csv_header": ({"error": "unexpected end of data"},
                   "CSV-Kopfzeile nicht lesbar: unexpected end of data"),
    "csv_no_text_column": ({"names": "text, body", "columns": "titel; datum"},
                           "keine Textspalte (text, body; vorhandene Spalten: titel; datum)"),
    "csv_row": ({"number": 2, "line": 3, "error": "unexpected end of data"},
                "Datensatz 2 (Zeile 3): CSV-Zeile nicht lesbar (unexpected end of data)"),
    "csv_fields": ({"number": 2, "line": 3, "fields": 4, "header": 3},
                   "Datensatz 2 (Zeile 3): 4 Felder, die Kopfzeile hat 3"),
    "jsonl_invalid": ({"number": 2, "error": "Expecting value", "column": 1},
                      "Zeile 2: ungültiges JSON (Wert erwartet, Spalte 1)"),
    "json_invalid": ({"error": "Extra data", "line": 4},
                     "ungültiges JSON (überzählige Daten, Zeile 4)"),
    "json_object_no_text": ({"names": "text, body", "keys": "none"},
                            "JSON-Objekt ohne Textfeld (text, body) und ohne Liste von "
                            "Datensätzen (Felder: keine)"),
    "json_not_list": ({"kind": "str"}, "JSON ist keine Liste von Datensätzen (sondern str)"),
    "json_not_object": ({"unit": "record", "number": 3}, "Datensatz 3: kein JSON-Objekt"),
    "json_no_text_field": ({"unit": "line", "number": 5, "names": "text"},
                           "Zeile 5: kein Textfeld (text)"),
    "page_too_large": ({"size": "25.0", "limit": "20.0", "factor": 10},
                       "Seite ist 25,0 MB groß, mehr als die Grenze von 20,0 MB für Webseiten "
                       "(10 × --max-article-mb)"),
    "page_no_article": ({}, "kein Artikeltext in der Seite gefunden"),
    "page_only": ({"text": "'Politik'"}, "kein Artikeltext in der Seite gefunden, nur 'Politik'"),
    "feed_malformed": ({"problem": "mismatched tag, line 7"},
                       "fehlerhafter Feed (mismatched tag, Zeile 7): kein Eintrag lesbar"),
    "feed_malformed_item": ({"problem": "mismatched tag, line 7"},
                            "aus einem fehlerhaften Feed gelesen (mismatched tag, Zeile 7): "
                            "prüfen, ob er vollständig ist"),
    "not_a_feed": ({}, "kein RSS- oder Atom-Feed"),
    "feed_no_items": ({}, "Feed ohne Einträge"),
    "feed_no_text": ({}, "kein Eintrag des Feeds enthält Text"),
    "item_no_text": ({}, "Eintrag ohne Text"),
    "teaser": ({"words": 23}, "nur Teaser: der Feed enthält eine Zusammenfassung von 23 Wörtern, "
                              "nicht den Artikel (trotzdem analysiert)"),
    "warc_truncated": ({"number": 1203, "read": 1202},
                       "WARC-Datei ist abgeschnitten: sie endet mitten in Eintrag 1203 "
                       "(die 1202 Einträge davor wurden gelesen)"),
    "warc_unreadable": ({"error": "ArchiveLoadFailed: Unknown archive format"},
                        "keine lesbare WARC-Datei (ArchiveLoadFailed: Unknown archive format)"),
    "warc_damaged": ({"number": 4, "error": "error: Error -3"},
                     "WARC-Datei ist nach Eintrag 4 beschädigt (error: Error -3): die Einträge "
                     "davor wurden gelesen"),
    "warc_record_truncated": ({}, "WARC-Eintrag ist abgeschnitten: die Datei endet mittendrin"),
    "warc_not_page": ({"kind": "request", "content_type": "no content type"},
                      "WARC-Eintrag vom Typ request (ohne Inhaltstyp): keine Seite"),
    "http_redirect": ({"status": 301, "location": "https://example.de/neu"},
                      "HTTP-Antwort 301, Weiterleitung zu https://example.de/neu: keine Seite"),
    "http_status": ({"status": 404}, "HTTP-Antwort 404: keine Seite"),
    "untyped_record": ({"kind": "resource"}, "Ressource ohne Inhaltstyp: keine Webseite"),
    "not_web_page": ({"media_type": "image/jpeg", "kind": "response"},
                     "Antwort vom Typ image/jpeg: keine Webseite"),
    "analysis_failed": ({"error": "ValueError: year -5976 is out of range"},
                        "Analyse fehlgeschlagen: ValueError: year -5976 is out of range"),
    "page_failed": ({"notebook": "article.ipynb", "title": "'Nordkorea lobt'",
                     "cell": "\"print('halb')\"", "error": "ZeroDivisionError: division by zero"},
                    "article.ipynb ist für 'Nordkorea lobt' fehlgeschlagen, in der Zelle ab "
                    "\"print('halb')\": ZeroDivisionError: division by zero"),
    "xml_problem": ({"problem": "not well-formed (invalid token)", "line": 3},
                    "not well-formed (invalid token), Zeile 3"),
    "kernel_not_started": ({"kernel": "python3", "error": "timeout"},
                           "der Kernel python3 ist nicht gestartet: timeout"),
    "kernel_code_failed": ({"command": "'import analysis'", "error": "ImportError: x"},
                           "'import analysis' ist im Kernel fehlgeschlagen: ImportError: x"),
    "kernel_died": ({"notebook": "corpus.ipynb"}, "der Kernel ist bei corpus.ipynb abgestürzt"),
    "kernel_output": ({"output": "Killed"}, "seine letzte Ausgabe: Killed"),
}


def test_every_reason_code_has_a_case_here() -> None:
    assert set(CASES) == set(reasons.templates())


def test_every_reason_code_has_a_german_wording_with_its_details() -> None:
    german = wording.words("reason")
    for code, template in reasons.templates().items():
        assert code in german, f"wording_de.tsv has no German for reason {code!r}"
        assert reasons.placeholders(german[code]) == reasons.placeholders(template), code
    assert set(german) == set(reasons.templates()), "German wording for a code no one writes"


@pytest.mark.parametrize("code", list(CASES))
def test_each_reason_reads_back_and_reads_german(code: str) -> None:
    details, german = CASES[code]
    english = reasons.text(code, **details)
    assert reasons.parse(english) == (code, {name: str(value) for name, value in details.items()})
    assert wording.reason(english) == german


def test_manifest_texts_stay_as_documented() -> None:
    assert reasons.text("empty_file") == "empty file"
    assert reasons.text("not_web_page", media_type="image/jpeg", kind="response") == (
        "image/jpeg response: not a web page")
    assert reasons.text("warc_truncated", number=1203, read=1202) == (
        "WARC file is truncated: it ends inside record 1203 (the 1202 records before were read)")


def test_caveats_of_one_input_are_worded_one_by_one() -> None:
    both = reasons.joined(reasons.text("looks_foreign", language="English"), "",
                          reasons.text("teaser", words=12))
    assert reasons.split(both) == [reasons.text("looks_foreign", language="English"),
                                   reasons.text("teaser", words=12)]
    assert wording.reason(both) == (
        "offenbar Englisch, nicht Deutsch: trotzdem analysiert (--non-german skip lässt solche "
        "Artikel weg); nur Teaser: der Feed enthält eine Zusammenfassung von 12 Wörtern, nicht "
        "den Artikel (trotzdem analysiert)")


def test_a_detail_holding_the_separator_stays_one_reason() -> None:
    text = reasons.text("unexpected_error", error="ValueError: a; b")
    assert reasons.split(text) == [text]
    assert wording.reason(text) == "unerwarteter Fehler: ValueError: a; b"


def test_a_reason_without_german_wording_is_shown_as_it_is(monkeypatch) -> None:
    assert wording.reason("a reason from a newer version") == "a reason from a newer version"
    assert wording.reason("") == ""
    table = {group: dict(codes) for group, codes in wording._wording().items()}
    del table["reason"]["empty_file"]
    monkeypatch.setattr(wording, "_wording", lambda: table)
    assert wording.reason("empty file") == "empty file"
    assert wording.reason(reasons.joined("empty file", reasons.text("empty_text"))) == (
        "empty file; leerer Text")


# --------------------------------------------------------------------------- report pages


@pytest.fixture(scope="module")
def bad_inputs_report(tmp_path_factory) -> Path:
    """A report of the fixture folder: good German articles, a saved page with its asset
    folder, and inputs of every kind the loaders skip, flag or mark as duplicates."""
    corpus = tmp_path_factory.mktemp("eingaben") / "korpus"
    shutil.copytree(REPORT_INPUTS, corpus)
    out = corpus.parent / "bericht"
    render_reports(corpus, out, articles="none", entities=0, cache=None)
    return out


def _shown(page: str) -> str:
    """A page's text as a reader sees it: entities and the table data's JSON escapes undone."""
    page = re.sub(r"\\+u([0-9a-fA-F]{4})", lambda match: chr(int(match[1], 16)), page)
    return html.unescape(re.sub(r"\\+/", "/", page))


def test_report_pages_show_every_reason_in_german(bad_inputs_report: Path) -> None:
    manifest = pd.read_csv(bad_inputs_report / "manifest.csv", keep_default_na=False)
    english = manifest.loc[manifest["reason"] != "", "reason"].tolist()
    assert {reasons.parse(part)[0] for reason in english for part in reasons.split(reason)} == {
        "saved_page_assets", "duplicate", "teaser", "item_no_text", "looks_foreign",
        "unsupported_type", "unsupported_no_suffix", "undecodable", "empty_file", "jsonl_invalid",
        "empty_text", "whitespace_only", "binary_kind",
    }
    expected = [
        "Bilder, Skripte und Stile der gespeicherten Webseite Seite.html",
        "gleicher Titel und Text wie korpus/2024-05-14_dpa_hochwasser-bayern.txt: nur einmal "
        "analysiert",
        "nur Teaser: der Feed enthält eine Zusammenfassung von 11 Wörtern",
        "offenbar Englisch, nicht Deutsch: trotzdem analysiert",
        "Dateityp .jpg wird nicht unterstützt",
        "Datei ohne Endung: Dateityp wird nicht unterstützt",
        "kein lesbarer Text in UTF-8, UTF-16 oder cp1252",
        "leere Datei (nur Leerzeichen und Zeilenumbrüche)",
        "Zeile 2: ungültiges JSON (Zeichenkette nicht abgeschlossen, Spalte 45)",
        "Binärdatei (PDF), kein Text",
        "Eintrag ohne Text",
        "leerer Text",
    ]
    english_words = [piece for template in reasons.templates().values()
                     for piece in re.split(r"\{\w+\}", template) if len(piece.strip()) > 6]
    for name in ("index.html", "corpus.html"):
        page = _shown((bad_inputs_report / name).read_text(encoding="utf-8"))
        assert "korpus/Seite_files" in page, "the manifest table is on the page"
        for german in expected:
            assert german in page, (name, german)
        for reason in english:
            assert reason not in page, (name, reason)
        for piece in english_words:
            assert piece not in page, (name, piece)


def test_a_saved_pages_assets_are_one_row_of_the_report(bad_inputs_report: Path) -> None:
    manifest = pd.read_csv(bad_inputs_report / "manifest.csv", keep_default_na=False)
    assets = manifest[manifest["source"].str.contains("Seite_files")]
    assert assets[["source", "status", "reason"]].values.tolist() == [
        ["korpus/Seite_files", "skipped", "assets of a saved page: Seite.html"]]
    assert manifest.loc[manifest["source"] == "korpus/Seite.html", "status"].item() == "processed"
