"""Sports line-ups, results lists and country codes (analysis.entities.lineups, issue 14).

All examples are invented in the style of Austrian sports pages; none is copied from 10kGNAD.
"""

from __future__ import annotations

import pytest

from analysis import wordlists
from analysis.entities.lineups import (
    CLASHING_CODES,
    COUNTRY_CODES,
    WORD_LISTS,
    country_code,
    lineup_spans,
    with_country_codes,
)
from analysis.entities.names import DATA
from analysis.language import segment


def words(text: str) -> list[str]:
    """The tokens of `text`, which must stay one sentence as the segmenter splits it."""
    sentences = segment(text)
    assert len(sentences) == 1, [s.text for s in sentences]
    return [token.text for token in sentences[0].tokens]


def named(text: str) -> list[tuple[str, str]] | None:
    """`lineup_spans` as (text, label) pairs, None when it does not fire."""
    tokens = words(text)
    spans = lineup_spans(tokens)
    return None if spans is None else [(" ".join(tokens[a:b]), label) for a, b, label in spans]


def test_football_line_up_gives_each_player_and_the_team():
    result = named("Rapid: Novota – Auer, Sonnleitner, Dibon, Stangl – Petsos, Grahovac "
                   "(77. Nutt), Schwab – Schaub, Kainz – Jelić")
    assert result == [("Rapid", "ORG")] + [(name, "PER") for name in (
        "Novota", "Auer", "Sonnleitner", "Dibon", "Stangl", "Petsos", "Grahovac", "Nutt",
        "Schwab", "Schaub", "Kainz", "Jelić")]


def test_scorers_after_a_label_head():
    assert named("Tore: Kainz (12.), Jelić (55./Elfmeter)") == [
        ("Kainz", "PER"), ("Jelić", "PER")]


def test_ski_results_with_country_codes():
    assert named("1. Anna Fenninger (AUT) 1:52,34 2. Tina Maze (SLO) +0,12 "
                 "3. Lara Gut (SUI) +0,45") == [
        ("Anna Fenninger", "PER"), ("AUT", "LOC"), ("Tina Maze", "PER"), ("SLO", "LOC"),
        ("Lara Gut", "PER"), ("SUI", "LOC")]


def test_result_of_countries_and_their_codes():
    assert named("Ergebnisse: Schweden – Finnland 3:2 (SWE – FIN)") == [
        ("Schweden", "LOC"), ("Finnland", "LOC"), ("SWE", "LOC"), ("FIN", "LOC")]


def test_hockey_line_up_with_semicolons_between_lines():
    result = named("KAC: Swette – Unterweger, Schumnig; Kernberger, Pelletier – Geier, "
                   "Hundertpfund, Koch; Hager, Harand, Kalt")
    assert result is not None
    assert result[0] == ("KAC", "ORG")
    assert [name for name, label in result if label == "PER"] == [
        "Swette", "Unterweger", "Schumnig", "Kernberger", "Pelletier", "Geier",
        "Hundertpfund", "Koch", "Hager", "Harand", "Kalt"]


def test_slalom_results_with_a_heading_and_units():
    result = named("Riesentorlauf Herren: 1. Marcel Hirscher (AUT) 2:23,51 Min. – "
                   "2. Henrik Kristoffersen (NOR) +0,34 – 3. Alexis Pinturault (FRA) +1,02")
    assert result == [("Marcel Hirscher", "PER"), ("AUT", "LOC"),
                      ("Henrik Kristoffersen", "PER"), ("NOR", "LOC"),
                      ("Alexis Pinturault", "PER"), ("FRA", "LOC")]


def test_two_word_names_stay_together():
    result = named("Niederlande: Cillessen – Van der Wiel, De Vrij, Martins Indi, Blind – "
                   "De Jong, Sneijder, Wijnaldum – Robben, Van Persie, Depay")
    assert result is not None
    assert result[0] == ("Niederlande", "LOC")  # a country's team is the country (LOC)
    people = [name for name, label in result if label == "PER"]
    assert people == ["Cillessen", "Van der Wiel", "De Vrij", "Martins Indi", "Blind",
                      "De Jong", "Sneijder", "Wijnaldum", "Robben", "Van Persie", "Depay"]


def test_lines_run_together_split_at_labels_and_teams():
    result = named("Sturm: Esser – Kayhan, Spendlhofer – Schick, Horvath – Edomwonyi "
                   "Ersatz: Gratzei – Klem, Gruber Es fehlen: Lykogiannis (Kreuzbandriss), "
                   "Schoissengeyr Salzburg: Walke – Miranda, Ulmer – Berisha")
    assert result is not None
    labels = dict(result)
    assert labels["Sturm"] == labels["Salzburg"] == "ORG"
    assert labels["Edomwonyi"] == labels["Schoissengeyr"] == labels["Lykogiannis"] == "PER"
    assert "Ersatz" not in labels and "Es fehlen" not in labels
    assert "Kreuzbandriss" not in labels


def test_fixture_with_venue_and_referee():
    result = named("Tore: Alaba (12.), Arnautović (55./Elfmeter) Österreich – Schweden "
                   "2:1 (1:0) Wien, SR Lechner")
    assert result == [("Alaba", "PER"), ("Arnautović", "PER"), ("Österreich", "LOC"),
                      ("Schweden", "LOC"), ("Wien", "LOC"), ("Lechner", "PER")]


def test_results_row_with_team_after_the_code():
    result = named("Weiter: 13. Max Verstappen (NED) Toro Rosso 1:43,662 – "
                   "14. Carlos Sainz jr. (ESP) Toro Rosso 1:43,854")
    assert result == [("Max Verstappen", "PER"), ("NED", "LOC"), ("Toro Rosso", "ORG"),
                      ("Carlos Sainz jr.", "PER"), ("ESP", "LOC"), ("Toro Rosso", "ORG")]


def test_table_lists_teams():
    assert named("Tabelle: 1. TPS Turku (FIN) 5/2 – 2. DEG 3/1 – 3. Linz 1/3") == [
        ("TPS Turku", "ORG"), ("FIN", "LOC"), ("DEG", "ORG"), ("Linz", "ORG")]


def test_seeded_players_in_a_final_are_people():
    assert named("Finale: Thiem (AUT/7) – Nadal (ESP/4) 6:4, 7:5") == [
        ("Thiem", "PER"), ("AUT", "LOC"), ("Nadal", "PER"), ("ESP", "LOC")]


@pytest.mark.parametrize("text", [
    # enumerations in prose
    "Merkel, Macron und Biden trafen sich in Rom.",
    "Brüssel/Wien – Die EU-Kommission hat am Montag Österreich, Deutschland, Schweden und "
    "Dänemark gerügt.",
    # a quote with dashes
    "„Wir – Trainer, Spieler, Betreuer – sind eine Einheit“, sagte Kühbauer.",
    # a colon in prose
    "Das Ergebnis: Die Regierung verliert ihre Mehrheit.",
    "Merkel: „Wir schaffen das“",
    # headlines
    "Ski-WM: Hirscher holt Gold in St. Moritz",
    "Apple, Google, Facebook, Amazon – die Macht der Konzerne",
    "Flüchtlinge, Grenzen, Zäune – Europas Krise",
    "Themen: Brexit – Migration, Klima, Rente",
    # a heading and names, but neither dashes nor minutes nor codes
    "Teilnehmer: Merkel, Macron, Biden, Scholz.",
    "Faymann (SPÖ), Mitterlehner (ÖVP), Strache (FPÖ), Glawischnig (Grüne)",
    # headlines with a dash among names: one dash is not a line-up's lines
    "Hofer – Van der Bellen, Griss, Hundstorfer, Khol",
    "Nationalratswahl: SPÖ – ÖVP, FPÖ, Grüne, Neos",
    "Wien, Graz, Linz, Salzburg – Innsbruck, Klagenfurt",
    # figures per party
    "SPÖ: 22 Prozent, ÖVP: 24 Prozent, FPÖ: 30 Prozent, Grüne: 12 Prozent",
    # a fixture alone is too little to tell
    "Rapid – Sturm 2:1",
])
def test_ordinary_sentences_are_left_to_the_crf(text):
    assert named(text) is None


def test_country_codes_name_countries_as_the_gazetteer_does():
    assert country_code("SWE") == "Schweden"
    assert country_code("AUT") == "Österreich"
    assert country_code("SUI") == "Schweiz"
    assert country_code("BLR") == "Belarus"
    assert country_code("USA") == "Vereinigte Staaten"
    assert country_code("GBR") == "Vereinigtes Königreich"
    assert country_code("PHI") == "Philippinen"
    assert country_code("SVN") == country_code("SLO") == "Slowenien"  # FIFA and IOC
    assert country_code("ARD") is None
    assert country_code("Swe") is None
    assert country_code("swe") is None


def test_codes_that_abbreviate_something_else_only_count_in_lists():
    assert {"ESA", "ETH", "SSD", "BER", "MAD"} <= CLASHING_CODES
    assert country_code("ESA") is None
    assert country_code("ESA", listing=True) == "El Salvador"


def test_code_table_covers_the_ioc_and_links_to_countries_de():
    rows = wordlists.rows(WORD_LISTS / "country_codes.tsv")
    assert sum("IOC" in body for _, _, body, _ in rows) == 206
    assert all(len(code) == 3 and code.isupper() and code.isalpha() for code in COUNTRY_CODES)
    canonical = {row[2] for row in wordlists.rows(DATA / "countries_de.tsv")}
    home_nations = {"England", "Schottland", "Wales", "Nordirland"}
    assert set(COUNTRY_CODES.values()) - canonical == home_nations


def test_with_country_codes_relabels_and_adds_codes():
    tokens = words("Schweden – Finnland 3:2 (SWE – FIN)")
    swe, fin = tokens.index("SWE"), tokens.index("FIN")
    crf = [(0, 1, "LOC"), (2, 3, "LOC"), (swe, swe + 1, "ORG")]
    assert with_country_codes(tokens, crf) == [
        (0, 1, "LOC"), (2, 3, "LOC"), (swe, swe + 1, "LOC"), (fin, fin + 1, "LOC")]


def test_with_country_codes_reads_clashing_codes_only_after_a_person():
    tokens = words("Die Europäische Weltraumorganisation ( ESA ) startet.")
    esa = tokens.index("ESA")
    crf = [(1, 3, "ORG"), (esa, esa + 1, "ORG")]
    assert with_country_codes(tokens, crf) == crf
    tokens = words("Zweiter wurde Nelson Cruz ( ESA ).")
    esa = tokens.index("ESA")
    assert with_country_codes(tokens, [(2, 4, "PER")]) == [(2, 4, "PER"), (esa, esa + 1, "LOC")]
