"""Tests for analysis.corpus (formats, encodings, manifest bookkeeping) and for the dates that
analysis.read_corpus adds to it (analysis.published)."""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_corpus, read_corpus
from analysis.corpus import (
    AGENCIES,
    DOCUMENT_COLUMNS,
    MANIFEST_COLUMNS,
    METADATA_DATES,
    SkipError,
    doc_id_for,
    parse_article,
    read_files,
    strip_html,
)
from analysis.published import infer_publication_dates

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "2024-01-16_reuters_nordkorea-russland-choe-lawrow.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = FIXTURES / "articles"
BAD = FIXTURES / "bad"

PLAIN = (
    "Scholz empfängt Macron im Kanzleramt\n\n"
    "Bundeskanzler Olaf Scholz (SPD) hat den französischen Präsidenten Emmanuel Macron am "
    "Montag in Berlin empfangen. „Wir stehen Seite an Seite“, sagte Scholz.\n"
)
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"


@pytest.fixture(scope="module")
def seed() -> dict:
    return parse_article(SEED.read_text(encoding="utf-8"), source=SEED.name)


@pytest.fixture(scope="module")
def articles() -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_corpus(ARTICLES)


@pytest.fixture(scope="module")
def docs(articles: tuple[pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
    return articles[0].set_index("source")


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _reasons(manifest: pd.DataFrame) -> dict[str, str]:
    return dict(zip(manifest["source"], manifest["reason"], strict=True))


def _dated(folder: Path, raw: str) -> pd.Series:
    """One article as analysis.load_corpus reads and dates it."""
    path = _write(folder, f"{hashlib.sha256(raw.encode()).hexdigest()[:12]}.txt", raw)
    return load_corpus(path).iloc[0]


# --------------------------------------------------------------------------- seed


def test_seed_metadata(seed: dict) -> None:
    assert seed["title"] == (
        "Nordkorea lobt „kameradschaftliche“ Beziehungen zu Russland, "
        "Putin trifft Kims Außenminister"
    )
    assert seed["agency"] == "Reuters"
    assert seed["author"] == "Guy Faulconbridge"
    assert seed["dateline"] == "Moskau"
    assert seed["url"] == ""
    # Reading leaves the date open; the pipeline finds it in the caption.
    assert (seed["published"], seed["published_source"], seed[METADATA_DATES]) == (
        None, "unknown", ()
    )
    dated = load_corpus(SEED).iloc[0]
    assert (dated["published"], dated["published_source"]) == (
        pd.Timestamp("2024-01-16"), "caption"
    )


def test_seed_body_is_clean(seed: dict) -> None:
    text = seed["text"]
    assert text.startswith("Nordkoreas Außenminister lobte am Dienstag")
    for furniture in (
        "Faulconbridge",
        "©",
        "2/2",
        "source site",
        "MOSKAU (Reuters)",
        "Von Reuters",
    ):
        assert furniture not in text
    assert "\n\nPutin-Besuch?\n\n" in text
    assert text.endswith("dem Vater von Kim Jong Un.")
    assert "\n\n\n" not in text


def test_seed_caption_without_prefix_and_credit(seed: dict) -> None:
    assert seed["captions"] == (
        "Die nordkoreanische Außenministerin Choe Son Hui trifft sich am 16. Januar 2024 in "
        "Moskau, Russland, mit ihrem russischen Amtskollegen Sergej Lawrow (nicht abgebildet)."
    )


def test_seed_doc_id_is_hash_of_title_and_body(seed: dict) -> None:
    expected = hashlib.sha256(f"{seed['title']}\n{seed['text']}".encode()).hexdigest()[:16]
    assert seed["doc_id"] == expected == doc_id_for(seed["title"], seed["text"])
    assert seed["source"] == SEED.name


def test_seed_folder(seed: dict) -> None:
    documents, manifest = read_files(ROOT / "seeds")
    assert documents["source"].tolist() == [f"seeds/{SEED.name}"]
    assert documents.loc[0, "doc_id"] == seed["doc_id"]
    assert manifest.to_dict("records") == [
        {
            "source": f"seeds/{SEED.name}",
            "status": "processed",
            "reason": "",
            "doc_id": seed["doc_id"],
        }
    ]


# --------------------------------------------------------------------------- fixture folder


def test_articles_all_processed(articles: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    documents, manifest = articles
    expected = [
        "articles/2024-03-05_dpa_gdl-streik-bahn.txt",
        "articles/2024-03-12_epd_merkel-memoiren.md",
        "articles/2024-04-03_afp_blinken-nato-ukraine.txt",
        "articles/2024-04_meldungen.csv#1",
        "articles/2024-04_meldungen.csv#2",
        "articles/2024-06_agenturmeldungen.jsonl#1",
        "articles/2024-06_agenturmeldungen.jsonl#2",
    ]
    assert list(documents.columns) == DOCUMENT_COLUMNS
    assert list(manifest.columns) == MANIFEST_COLUMNS
    assert documents["source"].tolist() == expected
    assert manifest["source"].tolist() == expected
    assert set(manifest["status"]) == {"processed"}
    assert set(manifest["reason"]) == {""}
    assert manifest["doc_id"].tolist() == documents["doc_id"].tolist()
    assert documents["doc_id"].is_unique
    assert documents["doc_id"].str.fullmatch(r"[0-9a-f]{16}").all()
    assert pd.api.types.is_datetime64_any_dtype(documents["published"])
    assert documents["published"].notna().all()
    for text in documents["text"]:
        assert 80 <= len(text.split()) <= 250


def test_load_corpus_is_documents(articles: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    pd.testing.assert_frame_equal(load_corpus(ARTICLES), articles[0])
    pd.testing.assert_frame_equal(load_corpus(str(ARTICLES)), articles[0])


def test_dpa_feed_article(docs: pd.DataFrame) -> None:
    row = docs.loc["articles/2024-03-05_dpa_gdl-streik-bahn.txt"]
    assert row["title"] == "GDL kündigt neuen Bahnstreik an – Wissing fordert Schlichtung"
    assert (row["agency"], row["author"], row["dateline"]) == ("dpa", "Anna Schmidt", "Berlin")
    assert row["text"].startswith("Die Lokführergewerkschaft GDL hat für Donnerstag")
    assert "\n\nStreik schon im Januar\n\n" in row["text"]
    for furniture in ("1/2", "©", "source site", "BERLIN (dpa)", "Anna Schmidt"):
        assert furniture not in row["text"]
    assert row["captions"] == (
        "Reisende warten am 5. März 2024 im Berliner Hauptbahnhof auf Informationen zu "
        "ausgefallenen Zügen."
    )
    # The caption date (a Tuesday) agrees with "am Dienstag" and beats 24. Januar in the body.
    assert (row["published"], row["published_source"]) == (pd.Timestamp("2024-03-05"), "caption")


def test_afp_feed_article_dated_from_text(docs: pd.DataFrame) -> None:
    row = docs.loc["articles/2024-04-03_afp_blinken-nato-ukraine.txt"]
    assert row["title"] == "Blinken sichert Kiew vor Nato-Treffen weitere Unterstützung zu"
    assert (row["agency"], row["author"], row["dateline"]) == ("AFP", "Daniel Martin", "Washington")
    assert row["text"].startswith("US-Außenminister Antony Blinken hat der Ukraine")
    assert "\n\nGipfel in Washington?\n\n" in row["text"]
    assert row["captions"] == (
        "US-Außenminister Antony Blinken spricht vor Journalisten im Außenministerium "
        "in Washington."
    )
    # The caption has no date; the latest explicit body date wins over 4. April 1949.
    assert (row["published"], row["published_source"]) == (pd.Timestamp("2024-04-03"), "text")


def test_markdown_front_matter(docs: pd.DataFrame) -> None:
    row = docs.loc["articles/2024-03-12_epd_merkel-memoiren.md"]
    assert row["title"] == "Merkels Memoiren erscheinen im November"
    assert row["author"] == "Lena Berger"
    assert row["url"] == "https://www.example.org/kultur/2024/03/merkel-memoiren"
    assert (row["published"], row["published_source"]) == (pd.Timestamp("2024-03-12"), "metadata")
    # The dateline's agency beats the outlet named in `source`; the dateline prefix is stripped.
    assert (row["agency"], row["dateline"]) == ("epd", "Köln")
    assert row["text"].startswith("Die Erinnerungen von Altkanzlerin Angela Merkel")
    assert "---" not in row["text"]
    assert row["captions"] == ""


def test_csv_records(docs: pd.DataFrame) -> None:
    first = docs.loc["articles/2024-04_meldungen.csv#1"]
    second = docs.loc["articles/2024-04_meldungen.csv#2"]
    assert first["title"].startswith("EZB lässt Leitzins unverändert")
    assert (first["published"], first["published_source"]) == (
        pd.Timestamp("2024-04-11"),
        "metadata",
    )
    assert (first["agency"], first["author"]) == ("Reuters", "Markus Wendt")
    assert first["url"] == "https://www.example.org/wirtschaft/2024/04/ezb-leitzins"
    assert "4,5 Prozent" in first["text"]
    assert "um 14.45 Uhr.\n\nBundesbankpräsident" in first["text"]
    assert second["published"] == pd.Timestamp("2024-06-03")
    assert (second["agency"], second["author"], second["dateline"]) == ("BR24", "", "")
    assert "Scholz' Zusage" in second["text"]


def test_jsonl_records(docs: pd.DataFrame) -> None:
    first = docs.loc["articles/2024-06_agenturmeldungen.jsonl#1"]
    second = docs.loc["articles/2024-06_agenturmeldungen.jsonl#2"]
    # ISO timestamp with offset: wall-clock time kept, zone dropped.
    assert first["published"] == pd.Timestamp("2024-06-14 23:05")
    assert first["published_source"] == "metadata"
    assert unicodedata.is_normalized("NFC", first["text"]) and "İlkay Gündoğan" in first["text"]
    # No date field: the body's only full date (a Friday, like "am Freitag") is used.
    assert (second["published"], second["published_source"]) == (pd.Timestamp("2024-02-23"), "text")
    assert (second["agency"], second["dateline"], second["author"]) == ("dpa", "Berlin", "")
    assert second["text"].startswith("Der Bundestag hat am Freitag")


# --------------------------------------------------------------------------- bad folder


def test_bad_folder_manifest() -> None:
    documents, manifest = read_corpus(BAD)
    assert _reasons(manifest) == {
        "bad/artikel.html": "",
        "bad/broken_line.jsonl#1": "",
        "bad/broken_line.jsonl#2": (
            "line 2: invalid JSON (Unterminated string starting at, column 45)"
        ),
        "bad/broken_line.jsonl#3": "empty text",
        "bad/broken_line.jsonl#4": "",
        "bad/broken_row.csv#1": "",
        "bad/broken_row.csv#2": "record 2 (line 3): 4 fields, header has 3",
        "bad/broken_row.csv#3": "",
        "bad/empty.txt": "empty file",
        "bad/no_body.txt": "no body text after removing title and captions",
        "bad/no_text_column.csv": (
            "no text column (text, maintext, content, body; columns: title, date, notiz)"
        ),
        "bad/object_not_list.json": (
            "JSON object has no text field (text, maintext, content, body) and no list of records "
            "(keys: title, date, notiz)"
        ),
        "bad/whitespace_only.txt": "empty file (whitespace only)",
    }
    processed = manifest[manifest["status"] == "processed"]
    assert (processed["reason"] == "").all()
    assert (manifest.loc[manifest["status"] == "skipped", "doc_id"] == "").all()
    assert set(manifest["status"]) == {"processed", "skipped"}
    assert documents["source"].tolist() == processed["source"].tolist()
    assert documents["doc_id"].tolist() == processed["doc_id"].tolist()
    faeser = documents.set_index("source").loc["bad/broken_row.csv#1"]
    assert faeser["published"] == pd.Timestamp("2024-03-15")
    assert faeser["text"].startswith("Bundesinnenministerin Nancy Faeser (SPD)")


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1252"],
)
def test_encodings_give_identical_documents(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    reference = parse_article(PLAIN)
    path = _write(tmp_path, "artikel.txt", prefix + PLAIN.replace("\n", "\r\n").encode(encoding))
    documents, manifest = read_files(path)
    assert manifest["status"].tolist() == ["processed"]
    row = documents.iloc[0]
    assert row["title"] == "Scholz empfängt Macron im Kanzleramt"
    assert "\r" not in row["text"] and not row["title"].startswith("\ufeff")
    assert row["doc_id"] == reference["doc_id"]


def test_decomposed_umlauts_are_composed(tmp_path: Path) -> None:
    path = _write(tmp_path, "nfd.txt", unicodedata.normalize("NFD", PLAIN))
    row = read_files(path)[0].iloc[0]
    assert row["title"] == "Scholz empfängt Macron im Kanzleramt"
    assert row["doc_id"] == parse_article(PLAIN)["doc_id"]


def test_binary_and_undecodable_files(tmp_path: Path) -> None:
    _write(tmp_path, "corpus/bild.txt", PNG_BYTES)
    _write(tmp_path, "corpus/bild.png", PNG_BYTES)
    _write(tmp_path, "corpus/kaputt.txt", b"Titel\n\n\x81\x8d\x8f\x90 ohne Sinn.")
    _write(tmp_path, "corpus/utf16.txt", b"\xff\xfe" + b"\x00\xd8")  # lone surrogate
    documents, manifest = read_files(tmp_path / "corpus")
    assert documents.empty
    assert _reasons(manifest) == {
        "corpus/bild.png": "unsupported file type .png",
        "corpus/bild.txt": "binary file (PNG), not text",
        "corpus/kaputt.txt": "not UTF-8/UTF-16/cp1252 text",
        "corpus/utf16.txt": "not UTF-8/UTF-16/cp1252 text (broken UTF-16)",
    }
    assert set(manifest["status"]) == {"skipped"}


def test_pdf_random_bytes_and_latin1(tmp_path: Path) -> None:
    import random

    noise = random.Random(7)
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>"
    _write(tmp_path, "corpus/bericht.txt", pdf)
    _write(tmp_path, "corpus/rauschen.txt", bytes(noise.randrange(1, 256) for _ in range(4000)))
    _write(tmp_path, "corpus/steuer.txt", bytes(range(1, 32)) * 40 + b"Titel\n\nText.")
    _write(tmp_path, "corpus/latin1.txt", "Grüße aus Köln\n\nDer Bürgermeister lädt ein.".encode(
        "latin-1"))
    documents, manifest = read_files(tmp_path / "corpus")
    reasons = _reasons(manifest)
    assert reasons["corpus/bericht.txt"] == "binary file (PDF), not text"
    assert reasons["corpus/rauschen.txt"] == "not UTF-8/UTF-16/cp1252 text"
    assert reasons["corpus/steuer.txt"] == "binary file (control characters), not text"
    assert documents["text"].tolist() == ["Der Bürgermeister lädt ein."]


def test_ten_megabyte_article_is_skipped_quickly_by_default(tmp_path: Path) -> None:
    _write(tmp_path, "gross.txt", "Titel\n\n" + "Olaf Scholz reiste nach Kiew. " * 350_000)
    documents, manifest = read_files(tmp_path)
    assert documents.empty
    assert manifest["reason"].item() == (
        "article is 10.5 MB, over the 2.0 MB limit (raise it with --max-article-mb)"
    )


# --------------------------------------------------------------------------- folders and paths


def test_single_file_path() -> None:
    path = ARTICLES / "2024-04_meldungen.csv"
    documents, manifest = read_files(path)
    assert documents["source"].tolist() == ["2024-04_meldungen.csv#1", "2024-04_meldungen.csv#2"]
    assert manifest["status"].tolist() == ["processed", "processed"]
    single, _ = read_files(os.fspath(ARTICLES / "2024-03-12_epd_merkel-memoiren.md"))
    assert single["source"].tolist() == ["2024-03-12_epd_merkel-memoiren.md"]


def test_missing_path_raises_with_path(tmp_path: Path) -> None:
    missing = tmp_path / "gibt-es-nicht"
    with pytest.raises(FileNotFoundError, match="gibt-es-nicht"):
        read_files(missing)
    with pytest.raises(FileNotFoundError, match="gibt-es-nicht"):
        load_corpus(str(missing))


def test_empty_folder_has_full_column_set(tmp_path: Path) -> None:
    documents, manifest = read_corpus(tmp_path)
    assert list(documents.columns) == DOCUMENT_COLUMNS
    assert list(manifest.columns) == MANIFEST_COLUMNS
    assert documents.empty and manifest.empty
    assert pd.api.types.is_datetime64_any_dtype(documents["published"])
    assert list(read_files(tmp_path)[0].columns) == [*DOCUMENT_COLUMNS, METADATA_DATES]


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    corpus = tmp_path / "korpus"
    _write(corpus, "b.txt", PLAIN)
    _write(corpus, "a/z.txt", PLAIN.replace("Montag", "Dienstag"))
    _write(corpus, ".versteckt.txt", PLAIN.replace("Montag", "Mittwoch"))
    _write(corpus, ".git/c.txt", PLAIN.replace("Montag", "Freitag"))
    _, manifest = read_files(corpus)
    assert manifest["source"].tolist() == ["korpus/a/z.txt", "korpus/b.txt"]


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    corpus = tmp_path / "korpus"
    _write(corpus, "unter/artikel.txt", PLAIN)
    (corpus / "unter" / "schleife").symlink_to(corpus, target_is_directory=True)
    (corpus / "tot.txt").symlink_to(tmp_path / "fehlt.txt")
    documents, manifest = read_files(corpus)
    assert documents["source"].tolist() == ["korpus/unter/artikel.txt"]
    assert _reasons(manifest) == {
        "korpus/tot.txt": "not a regular file (broken link?)",
        "korpus/unter/artikel.txt": "",
    }


def test_duplicate_content_is_analysed_once_and_both_recorded(tmp_path: Path) -> None:
    _write(tmp_path, "eins.txt", PLAIN)
    _write(tmp_path, "zwei.txt", PLAIN)
    documents, manifest = read_files(tmp_path)
    assert len(documents) == 1
    base = tmp_path.name
    rows = manifest.set_index("source")
    assert rows.loc[f"{base}/eins.txt", "status"] == "processed"
    assert rows.loc[f"{base}/zwei.txt", "status"] == "duplicate"
    assert rows.loc[f"{base}/zwei.txt", "reason"] == (
        f"same title and body as {base}/eins.txt: analysed once"
    )
    assert rows.loc[f"{base}/zwei.txt", "doc_id"] == documents["doc_id"].item()


def test_oversized_article_is_skipped_under_a_configurable_limit(tmp_path: Path) -> None:
    sentence = "Olaf Scholz sprach am Montag in Berlin über den Haushalt. "
    _write(tmp_path, "riesig.txt", "Riesig\n\n" + sentence * 40_000)  # about 2.4 MB
    documents, manifest = read_files(tmp_path)
    assert documents.empty
    assert manifest["reason"].item().startswith("article is 2.4 MB")
    assert "over the 2.0 MB limit" in manifest["reason"].item()
    assert len(read_files(tmp_path, max_article_bytes=3_000_000)[0]) == 1


def test_very_long_lines_and_many_tiny_files(tmp_path: Path) -> None:
    _write(tmp_path, "lang.txt", "Titel\n\n" + "Wort " * 100_000)
    for number in range(2_000):
        _write(tmp_path, f"klein-{number:04d}.txt", f"Meldung {number}\n\nKiew meldet {number}.")
    documents, manifest = read_files(tmp_path)
    assert len(documents) == len(manifest) == 2_001
    assert (manifest["status"] == "processed").all()


def test_unreadable_file_is_skipped_with_the_reason(tmp_path: Path, monkeypatch) -> None:
    _write(tmp_path, "gesperrt.txt", PLAIN)
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "gesperrt.txt":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    documents, manifest = read_files(tmp_path)
    assert documents.empty
    assert manifest["reason"].item() == "cannot read file: Permission denied"


def test_html_markup_is_stripped_for_analysis(tmp_path: Path) -> None:
    _write(
        tmp_path, "seite.md",
        "---\ntitle: Mit HTML\n---\n<p>Olaf <b>Scholz</b> reiste nach Kiew &amp; Lwiw.</p>"
        "<script>alert('x')</script><p>Zweiter Absatz.</p>\n",
    )
    text = read_files(tmp_path)[0]["text"].item()
    assert text == "Olaf Scholz reiste nach Kiew & Lwiw.\n\nZweiter Absatz."


def test_text_without_tags_is_left_alone() -> None:
    text = "3 < 4 und 5 > 2, sagte Lindner.\nZweite Zeile."
    assert strip_html(text) == text


# --------------------------------------------------------------------------- doc ids


def test_doc_id_is_stable_across_files_and_runs(tmp_path: Path) -> None:
    first = read_files(ARTICLES)[0]["doc_id"].tolist()
    assert read_files(ARTICLES)[0]["doc_id"].tolist() == first
    copy = _write(
        tmp_path, "umbenannt.txt", (ARTICLES / "2024-03-05_dpa_gdl-streik-bahn.txt").read_bytes()
    )
    assert read_files(copy)[0]["doc_id"].tolist() == [first[0]]
    assert doc_id_for("Titel", "Text") == doc_id_for("Titel", "Text")
    assert doc_id_for("Titel", "Text") != doc_id_for("Titel Text", "")
    assert len(doc_id_for("", "x")) == 16


# --------------------------------------------------------------------------- parse_article


def test_plain_text_title_heuristic() -> None:
    row = parse_article(PLAIN, source="skript")
    assert row["title"] == "Scholz empfängt Macron im Kanzleramt"
    assert row["text"].startswith("Bundeskanzler Olaf Scholz (SPD)")
    assert (row["agency"], row["author"], row["dateline"], row["source"]) == ("", "", "", "skript")
    assert (row["published"], row["published_source"]) == (None, "unknown")


def test_plain_text_without_title() -> None:
    sentence = "Der Bundesrat hat am Freitag das Gesetz gebilligt.\n\nEs tritt im Mai in Kraft."
    row = parse_article(sentence)
    assert row["title"] == ""
    assert row["text"] == sentence
    long_line = "Wort " * 60 + "ohne Punkt\n\nText."
    assert parse_article(long_line)["title"] == ""


def test_parse_article_without_body_raises() -> None:
    with pytest.raises(SkipError, match="no body text"):
        parse_article("Nur ein Titel Von dpa\n\n© dpa. Ein Bild. dpa/Foto\n")
    assert issubclass(SkipError, ValueError)


@pytest.mark.parametrize(
    ("paragraph", "dateline", "agency", "body"),
    [
        ("BERLIN (dpa) - Der Bundestag tagt.", "Berlin", "dpa", "Der Bundestag tagt."),
        ("Washington (AFP) — Der Kongress tagt.", "Washington", "AFP", "Der Kongress tagt."),
        ("KIEW/MOSKAU (Reuters) – Es wird verhandelt.", "Kiew/Moskau", "Reuters", "Es wird"),
        ("FRANKFURT AM MAIN (dpa) - Die EZB tagt.", "Frankfurt am Main", "dpa", "Die EZB tagt."),
        # Mixed case and no known agency: an ordinary parenthesis, not a dateline.
        ("Die Partei (SPD) – so hieß es – tagt.", "", "", "Die Partei (SPD)"),
    ],
)
def test_datelines(paragraph: str, dateline: str, agency: str, body: str) -> None:
    row = parse_article(f"Titel der Meldung\n\n{paragraph}\n\nZweiter Absatz.")
    assert (row["dateline"], row["agency"]) == (dateline, agency)
    assert row["text"].startswith(body)
    assert row["text"].endswith("\n\nZweiter Absatz.")


@pytest.mark.parametrize(
    ("byline", "author", "agency"),
    [
        ("Von Guy Faulconbridge und Andrew Osborn", "Guy Faulconbridge und Andrew Osborn", ""),
        ("Von Anna Schmidt, dpa", "Anna Schmidt", "dpa"),
        ("Von Ursula von der Leyen", "Ursula von der Leyen", ""),
    ],
)
def test_bylines(byline: str, author: str, agency: str) -> None:
    row = parse_article(f"Titel\n\n{byline}\n\nDer erste Absatz steht hier.")
    assert (row["author"], row["agency"], row["text"]) == (
        author,
        agency,
        "Der erste Absatz steht hier.",
    )


def test_byline_pattern_only_before_the_body() -> None:
    row = parse_article("Titel\n\nErster Absatz.\n\nVon Berlin Nach Paris")
    assert row["author"] == ""
    assert row["text"].endswith("Von Berlin Nach Paris")


def test_front_matter_german_date_and_defaults(tmp_path: Path) -> None:
    raw = (
        "---\ndate: 16.01.2024\nsource: tagesschau.de\n---\n"
        "Kurzer Titel\n\nDer Text beginnt hier. Er nennt den 3. Februar 2020.\n"
    )
    row = parse_article(raw)
    # A date written as text needs the tagger: reading keeps it for the pipeline.
    assert (row["published"], row["published_source"]) == (None, "unknown")
    assert row[METADATA_DATES] == ("16.01.2024",)
    dated = _dated(tmp_path, raw)
    assert (dated["published"], dated["published_source"]) == (
        pd.Timestamp("2024-01-16"), "metadata"
    )
    # No title key: the first short line is taken, as for plain text.
    assert row["title"] == "Kurzer Titel"
    assert (row["agency"], row["author"], row["url"]) == ("tagesschau.de", "", "")


def test_front_matter_errors() -> None:
    with pytest.raises(SkipError, match="never closed"):
        parse_article("---\ntitle: x\nText ohne Ende.")
    with pytest.raises(SkipError, match="invalid YAML"):
        parse_article("---\ntitle: [x\n---\nText.")
    with pytest.raises(SkipError, match="not a mapping"):
        parse_article("---\n- a\n- b\n---\nText.")


# --------------------------------------------------------------------------- dates


def test_caption_date_contradicting_weekday_is_ignored(tmp_path: Path) -> None:
    # 10. Januar 2024 was a Wednesday, the body says Friday: the photo is an archive picture.
    raw = (
        "Streit um Haushalt Von Reuters\n\n"
        "© Reuters. Christian Lindner am 10. Januar 2024 in Berlin. REUTERS/Liesa Johannssen\n\n"
        "BERLIN (Reuters) – Finanzminister Christian Lindner hat am Freitag den Haushalt "
        "verteidigt. Der Bundestag stimmt am 2. Februar 2024 ab.\n"
    )
    row = _dated(tmp_path, raw)
    assert row["captions"] == "Christian Lindner am 10. Januar 2024 in Berlin."
    assert (row["published"], row["published_source"]) == (pd.Timestamp("2024-02-02"), "text")
    without_text_date = raw.replace("am 2. Februar 2024", "bald")
    assert _dated(tmp_path, without_text_date)["published_source"] == "unknown"
    matching = raw.replace("am Freitag", "am Mittwoch")
    assert _dated(tmp_path, matching)["published"] == pd.Timestamp("2024-01-10")


def test_weekday_check_uses_tagger_weekdays_and_partial_dates_do_not_count(
    tmp_path: Path,
) -> None:
    # 16. Januar 2024 was a Tuesday. "Montagabend" names a Monday inside a compound word; the
    # caption is then taken for an archive photo, and "am 20. Januar" (no year) is no full date.
    raw = (
        "Gipfel in Berlin Von Reuters\n\n"
        "© Reuters. Olaf Scholz am 16.01.2024 in Berlin. REUTERS/Liesa Johannssen\n\n"
        "BERLIN (Reuters) – Kanzler Olaf Scholz hat sich Montagabend mit den Ländern getroffen. "
        "Am 20. Januar geht es weiter.\n"
    )
    assert _dated(tmp_path, raw)["published_source"] == "unknown"
    tuesday = _dated(tmp_path, raw.replace("Montagabend", "Dienstagabend"))
    assert (tuesday["published"], tuesday["published_source"]) == (
        pd.Timestamp("2024-01-16"),
        "caption",
    )
    # "montags" is a recurring day (SET), not a mention of the day of the photo
    weekly = _dated(tmp_path, raw.replace("Montagabend", "wie immer montags"))
    assert weekly["published_source"] == "caption"


def test_text_date_is_latest_valid_full_date(tmp_path: Path) -> None:
    raw = (
        "Rückblick\n\nAm 3.10.1990 kam die Einheit, am 9. November 1989 fiel die Mauer. "
        "Der 31. Februar 2024 existiert nicht, im März 2024 ist kein voller Tag.\n"
    )
    row = _dated(tmp_path, raw)
    assert (row["published"], row["published_source"]) == (pd.Timestamp("1990-10-03"), "text")


def test_vague_invalid_and_out_of_range_dates(tmp_path: Path) -> None:
    records = [
        {"title": "A", "date": "irgendwann", "text": "Am 5. Mai 2023 geschah es."},
        {"title": "B", "date": "2024-02-30", "text": "Am 5. Mai 2023 geschah es wieder."},
        {"title": "C", "date": "2024", "text": "Der Vertrag gilt bis zum 1. Januar 2300."},
    ]
    documents = load_corpus(_write(tmp_path, "a.json", json.dumps(records)))
    assert documents["published"].tolist()[:2] == [pd.Timestamp("2023-05-05")] * 2
    assert documents["published_source"].tolist() == ["text", "text", "unknown"]
    # A year alone is not a date, and 2300 does not fit a datetime64[ns] column.
    assert pd.isna(documents["published"].tolist()[2])


def test_unexpected_error_is_recorded_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(raw: str, source: str = "") -> dict:
        raise RuntimeError("kaputt")

    monkeypatch.setattr("analysis.corpus.documents.parse_article", explode)
    _write(tmp_path, "k/a.txt", PLAIN)
    _write(tmp_path, "k/b.jsonl", '{"text": "Der Landtag tagt."}')
    documents, manifest = read_files(tmp_path / "k")
    assert _reasons(manifest) == {
        "k/a.txt": "unexpected error: RuntimeError: kaputt",
        "k/b.jsonl#1": "",
    }
    assert len(documents) == 1


# --------------------------------------------------------------------------- table variants


def test_json_variants(tmp_path: Path) -> None:
    record = {"Title": "Meldung", "Text": "Der Landtag tagt.", "URL": "https://example.org/a"}
    _write(tmp_path, "j/liste.json", json.dumps([record, "kein Objekt", {"title": "x"}]))
    _write(tmp_path, "j/objekt.json", json.dumps({"articles": [{**record, "text": "Anders."}]}))
    _write(tmp_path, "j/zahl.json", "42")
    _write(tmp_path, "j/kaputt.json", '[{"text": "x"')
    _write(tmp_path, "j/leer.json", "[]")
    documents, manifest = read_files(tmp_path / "j")
    assert _reasons(manifest) == {
        "j/kaputt.json": "invalid JSON (Expecting ',' delimiter, line 1)",
        "j/leer.json": "no records",
        "j/liste.json#1": "",
        "j/liste.json#2": "record 2: not a JSON object",
        "j/liste.json#3": "record 3: no text field (text, maintext, content, body)",
        "j/objekt.json#1": "",
        "j/zahl.json": "JSON is not a list of records (got int)",
    }
    first = documents.set_index("source").loc["j/liste.json#1"]
    assert (first["title"], first["url"], first["text"]) == (
        "Meldung",
        "https://example.org/a",
        "Der Landtag tagt.",
    )


def test_jsonl_missing_text_and_non_object(tmp_path: Path) -> None:
    lines = ['{"text": "Erste Meldung."}', "", '{"title": "ohne"}', "[1, 2]", '{"text": null}']
    path = _write(tmp_path, "m.jsonl", "\n".join(lines))
    _, manifest = read_files(path)
    assert _reasons(manifest) == {
        "m.jsonl#1": "",
        "m.jsonl#3": "line 3: no text field (text, maintext, content, body)",
        "m.jsonl#4": "line 4: not a JSON object",
        "m.jsonl#5": "empty text",
    }


def test_csv_semicolon_and_unterminated_quote(tmp_path: Path) -> None:
    semicolon = "titel;date;text\nErste;01.02.2024;Der Rat tagt, sagte er.\n\nZweite;;Noch eine.\n"
    documents, manifest = read_corpus(_write(tmp_path, "s.csv", semicolon))
    assert documents["text"].tolist() == ["Der Rat tagt, sagte er.", "Noch eine."]
    assert documents["published"].tolist()[0] == pd.Timestamp("2024-02-01")
    assert pd.isna(documents["published"].tolist()[1])
    assert manifest["source"].tolist() == ["s.csv#1", "s.csv#2"]
    broken = 'title,text\nA,"Gute Zeile."\nB,"offenes Zitat\nC,"noch was."\n'
    _, manifest = read_files(_write(tmp_path, "q.csv", broken))
    reasons = _reasons(manifest)
    assert reasons["q.csv#1"] == ""
    assert reasons["q.csv#2"].startswith("record 2 (line 3): unparsable CSV row")


ENGLISH = (
    "Title\n\nThe president said on Tuesday that the talks with Russia were going well and that "
    "he would travel to Berlin in the spring. It was not clear which of the ministers would join."
)


def test_non_german_article_is_flagged_and_analysed(tmp_path: Path) -> None:
    _write(tmp_path, "english.txt", ENGLISH)
    _write(tmp_path, "deutsch.txt", PLAIN)
    documents, manifest = read_files(tmp_path)
    assert len(documents) == 2
    rows = manifest.set_index("source")
    flagged = rows.loc[f"{tmp_path.name}/english.txt"]
    assert flagged["status"] == "flagged"
    assert flagged["reason"].startswith("looks like English, not German")
    assert rows.loc[f"{tmp_path.name}/deutsch.txt", "status"] == "processed"


def test_non_german_article_can_be_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "english.txt", ENGLISH)
    documents, manifest = read_files(tmp_path, non_german="skip")
    assert documents.empty
    assert manifest["reason"].item().startswith("not German: looks like English (")
    with pytest.raises(ValueError, match="must be 'flag' or 'skip'"):
        read_files(tmp_path, non_german="drop")


# --------------------------------------------------------------------------- reading vs dating


def test_reading_dates_from_metadata_dates_only() -> None:
    documents, _ = read_files(ARTICLES)
    rows = documents.set_index("source")
    # A YAML date is a date already; the table's dates are text and wait for the tagger.
    markdown = rows.loc["articles/2024-03-12_epd_merkel-memoiren.md"]
    assert (markdown["published"], markdown["published_source"]) == (
        pd.Timestamp("2024-03-12"), "metadata"
    )
    assert markdown[METADATA_DATES] == ()
    csv_row = rows.loc["articles/2024-04_meldungen.csv#1"]
    assert (pd.isna(csv_row["published"]), csv_row["published_source"]) == (True, "unknown")
    assert csv_row[METADATA_DATES] != ()
    feed = rows.loc["articles/2024-03-05_dpa_gdl-streik-bahn.txt"]
    assert (pd.isna(feed["published"]), feed["published_source"], feed[METADATA_DATES]) == (
        True, "unknown", ()
    )
    assert "Reuters" in AGENCIES.values() and AGENCIES["dpa"] == "dpa"


def test_metadata_dated_articles_are_not_tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    documents, _ = read_files(ARTICLES / "2024-03-12_epd_merkel-memoiren.md")

    def refuse(*args: object) -> list:
        raise AssertionError("the tagger ran on an article with a metadata date")

    monkeypatch.setattr("analysis.published.timex_rows", refuse)
    dated = infer_publication_dates(documents)
    assert list(dated.columns) == DOCUMENT_COLUMNS
    pd.testing.assert_frame_equal(dated, documents.drop(columns=METADATA_DATES))


def test_metadata_date_keys_in_order(tmp_path: Path) -> None:
    body = "\n\nAm 3. März 2020 war es, sagte {}.\n"
    files = {
        # a date written as text comes before a YAML date under a later key
        "a.md": "---\ndate: 17.01.2024\npublished: 2024-01-16\n---\nTitel A" + body,
        # unless the tagger finds no date in it
        "b.md": "---\ndate: irgendwann\npublished: 2024-01-16\n---\nTitel B" + body,
        # a YAML date outside datetime64[ns] is no date: the next key is tried
        "c.md": "---\ndate: 1500-01-01\ndatum: 16.01.2024\n---\nTitel C" + body,
        "d.md": "---\ndate: 1500-01-01\n---\nTitel D" + body,
    }
    for name, text in files.items():
        _write(tmp_path, f"k/{name}", text.format(name))
    rows = load_corpus(tmp_path / "k").set_index("source")
    assert rows["published"].tolist() == [
        pd.Timestamp("2024-01-17"), pd.Timestamp("2024-01-16"), pd.Timestamp("2024-01-16"),
        pd.Timestamp("2020-03-03"),
    ]
    assert rows["published_source"].tolist() == ["metadata"] * 3 + ["text"]
