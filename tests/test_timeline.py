"""Tests for the rule-based German temporal tagger (analysis.timeline)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.timeline import (
    COLUMNS,
    DATA_DIR,
    easter_sunday,
    extract_timexes,
    load_tables,
    timeline,
    value_range,
)

REF = "2024-01-16"  # a Tuesday, the date of the seed article
SEED = (
    Path(__file__).parents[1] / "seeds" / "2024-01-16_reuters_nordkorea-russland-choe-lawrow.txt"
)


def tag(text: str, ref: str | dt.date | None = REF) -> list[tuple[str, str, str]]:
    """(text, type, value) triples, the shape most assertions want."""
    frame = extract_timexes(text, ref)
    return list(zip(frame["text"], frame["type"], frame["value"], strict=True))


def values(text: str, ref: str | dt.date | None = REF) -> list[str]:
    return list(extract_timexes(text, ref)["value"])


# --- table shape -------------------------------------------------------------------------------


def test_columns_and_empty_result() -> None:
    frame = extract_timexes("Die Sonne scheint.", REF)
    assert list(frame.columns) == COLUMNS
    assert frame.empty
    assert frame["start"].dtype == "int64"  # same dtypes as a non-empty table, for concat


def test_offsets_match_text_and_rows_are_sorted_and_disjoint() -> None:
    text = (
        "Am Dienstag, 16. Januar 2024, um 20.30 Uhr trafen sie sich; im vergangenen September "
        "waren es drei Jahre lang Gespräche, jeden Montag, seit 2022."
    )
    frame = extract_timexes(text, REF)
    assert len(frame) >= 5
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.text
    assert list(frame["start"]) == sorted(frame["start"])
    assert all(a <= b for a, b in zip(frame["end"][:-1], frame["start"][1:], strict=True))
    assert frame["start"].dtype == "int64"


@pytest.mark.parametrize("text", ["2/2", "die mit dem Hut", "Er zahlte 2000 Euro.", "Seite 1948"])
def test_no_false_positives(text: str) -> None:
    assert values(text) == []


def test_reference_date_accepts_date_objects_and_strings() -> None:
    assert values("Gestern war Wahl.", dt.date(2024, 1, 16)) == ["2024-01-15"]
    assert values("Gestern war Wahl.", dt.datetime(2024, 1, 16, 9, 30)) == ["2024-01-15"]
    assert values("Gestern war Wahl.", "2024-01-16T09:30:00") == ["2024-01-15"]


# --- explicit dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Das Treffen fand am 16.01.2024 statt.", "16.01.2024", "2024-01-16"),
        ("Stand: 2024-01-16.", "2024-01-16", "2024-01-16"),
        ("Am 16. Januar 2024 trafen sie sich.", "16. Januar 2024", "2024-01-16"),
        ("Am Dienstag, 16. Januar 2024, trafen sie sich.", "Dienstag, 16. Januar 2024",
         "2024-01-16"),
        ("Im Jan. 2024 stieg der Preis.", "Jan. 2024", "2024-01"),
        ("Sie kam im Sept. 2023.", "Sept. 2023", "2023-09"),
        ("Im Juli 2000 besuchte er Pjöngjang.", "Juli 2000", "2000-07"),
        ("Ende des Januars 2020 war es kalt.", "Ende des Januars 2020", "2020-01"),
        ("Am 24. Jänner 2010 schneite es.", "24. Jänner 2010", "2010-01-24"),
        ("Im Jahr 2022 begann der Krieg.", "Jahr 2022", "2022"),
        ("Nordkorea wurde 1948 gegründet.", "1948", "1948"),
        ("Seit 2022 ist das so.", "2022", "2022"),
        ("Im Jahr 1848 war Revolution.", "Jahr 1848", "1848"),
        ("am letzten Tag des Jahres 1999", "letzten Tag des Jahres 1999", "1999-12-31"),
    ],
)
def test_explicit_dates(text: str, surface: str, value: str) -> None:
    assert tag(text) == [(surface, "DATE", value)]


def test_ordinal_day_without_year_is_resolved_near_the_reference() -> None:
    assert tag("Am 16.1. wurde gewählt.") == [("16.1.", "DATE", "2024-01-16")]
    assert tag("Am 20. Januar wird gewählt.") == [("20. Januar", "DATE", "2024-01-20")]
    assert values("Am 3. und 4. Oktober wurde gestreikt.") == ["2023-10-03", "2023-10-04"]


def test_pre_1900_years_need_context() -> None:
    assert values("Er kaufte 1500 Aktien.") == []
    assert values("Die Stadt wurde um 1500 gegründet.") == ["1500"]


# --- decades, centuries, seasons, quarters, halves, weeks -------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Das war in den zwanziger Jahren.", "den zwanziger Jahren", "192"),
        ("Die Musik der 90er Jahre.", "der 90er Jahre", "199"),
        ("Das begann in den 1990er-Jahren.", "den 1990er-Jahren", "199"),
        ("Bis Mitte der siebziger Jahre.", "Mitte der siebziger Jahre", "197"),
        ("Das geschah im 19. Jahrhundert.", "19. Jahrhundert", "18"),
        ("Im Sommer 2023 war es heiß.", "Sommer 2023", "2023-SU"),
        ("Im kommenden Frühjahr wird gebaut.", "kommenden Frühjahr", "2024-SP"),
        ("Im ersten Quartal 2024 wuchs die Wirtschaft.", "ersten Quartal 2024", "2024-Q1"),
        ("In der zweiten Jahreshälfte wird es besser.", "der zweiten Jahreshälfte", "2024-H2"),
        ("Das ist in der dritten Kalenderwoche.", "der dritten Kalenderwoche", "2024-W03"),
        ("Diese Woche ist Wahl.", "Diese Woche", "2024-W03"),
        ("Letzte Woche war Wahl.", "Letzte Woche", "2024-W02"),
        ("Nächste Woche wird gewählt.", "Nächste Woche", "2024-W04"),
    ],
)
def test_coarse_dates(text: str, surface: str, value: str) -> None:
    assert tag(text) == [(surface, "DATE", value)]


# --- weekdays and tense ------------------------------------------------------------------------


def test_weekday_on_reference_day_is_that_day() -> None:
    assert values("Am Dienstag lobte er die Beziehungen.") == ["2024-01-16"]
    assert tag("Er wird sie später am Dienstag empfangen.") == [("Dienstag", "DATE", "2024-01-16")]


def test_weekday_follows_tense() -> None:
    assert values("Am Freitag besuchte er Paris.") == ["2024-01-12"]
    assert values("Am Freitag wird er Paris besuchen.") == ["2024-01-19"]
    assert values("Am vergangenen Dienstag war Wahl.") == ["2024-01-09"]
    assert values("Am nächsten Dienstag ist Wahl.") == ["2024-01-23"]


def test_weekday_with_part_of_day_is_a_time() -> None:
    assert tag("Am Montagabend sprach er.") == [("Montagabend", "TIME", "2024-01-15TEV")]
    assert tag("Am Dienstagmorgen begann es.") == [("Dienstagmorgen", "TIME", "2024-01-16TMO")]


def test_months_follow_tense() -> None:
    assert values("Im Oktober besuchte er Pjöngjang.") == ["2023-10"]
    assert values("Im September hat er Kim besucht.") == ["2023-09"]
    assert values("Im März wird er Kim besuchen.") == ["2024-03"]
    assert values("Im vergangenen September war er dort.") == ["2023-09"]
    assert values("Im nächsten Januar ist Wahl.") == ["2025-01"]


def test_august_the_first_name_is_not_a_month() -> None:
    assert values("August Bebel sprach.") == []
    assert values("Im August war es heiß.") == ["2023-08"]


# --- clock times and parts of day -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Um 20.30 Uhr begann das Spiel.", "20.30 Uhr", "2024-01-16T20:30"),
        ("Das Spiel beginnt um 20:30 Uhr.", "20:30 Uhr", "2024-01-16T20:30"),
        ("Gegen 8 Uhr kam er.", "8 Uhr", "2024-01-16T08:00"),
        ("Um 9 Uhr abends war Schluss.", "9 Uhr abends", "2024-01-16T21:00"),
        ("Um halb neun kam er.", "halb neun", "2024-01-16T08:30"),
        ("Am Abend sprach er.", "Abend", "XXXX-XX-XXTEV"),
        ("In der Nacht schneite es.", "der Nacht", "XXXX-XX-XXTNI"),
        ("Heute Morgen regnete es.", "Heute Morgen", "2024-01-16TMO"),
    ],
)
def test_times_without_a_day(text: str, surface: str, value: str) -> None:
    """Issue 16: a clock time without a day named is on the day the text is about (TimeML);
    a part of day stays unanchored, as KRAUTS annotates it."""
    assert tag(text) == [(surface, "TIME", value)]


@pytest.mark.parametrize(
    ("text", "ref", "value"),
    [
        ("Die Bäckerei öffnet jeweils um 7.30 Uhr.", REF, "T07:30"),
        ("Man könnte die Straße beispielsweise von 9 bis 11 Uhr sperren.", REF, "T11:00"),
        ("Um 20.30 Uhr begann das Spiel.", None, "T20:30"),
    ],
)
def test_habitual_or_undated_clock_times_stay_bare(text: str, ref: str | None, value: str) -> None:
    """Opening hours, examples and texts without a reference date name no day."""
    assert values(text, ref)[-1] == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das Stück läuft am 3. und 4. Februar, jeweils 19 Uhr.",
         ["2024-02-03", "2024-02-04", "T19:00"]),
        ("Die Schau ist bis 9. März täglich von 10 bis 18 Uhr offen.",
         ["2024-03-09", "P1D", "T10:00", "T18:00"]),
    ],
)
def test_clock_time_for_several_days_stays_bare(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_clock_time_takes_a_day_named_after_it_in_its_sentence() -> None:
    text = "Um 19 Uhr beginnt am Freitag das Konzert. Die Kasse öffnet um 18.30 Uhr."
    assert values(text) == ["2024-01-19T19:00", "2024-01-19", "2024-01-19T18:30"]


def test_clock_time_takes_the_day_mentioned_before() -> None:
    text = "Die Sitzung ist am 18. Januar. Beginn ist um 9.30 Uhr, am Abend folgt ein Fest."
    assert values(text) == ["2024-01-18", "2024-01-18T09:30", "2024-01-18TEV"]


def test_clock_time_takes_the_day_named_in_its_sentence() -> None:
    assert values("Am Freitag um 9 Uhr beginnt das Rennen.") == ["2024-01-19", "2024-01-19T09:00"]


def test_morgen_tomorrow_versus_morning() -> None:
    assert tag("Morgen wird gewählt.") == [("Morgen", "DATE", "2024-01-17")]
    assert tag("Am Morgen wurde gewählt.") == [("Morgen", "TIME", "XXXX-XX-XXTMO")]


# --- holidays ----------------------------------------------------------------------------------


def test_easter_dates() -> None:
    assert easter_sunday(2024) == dt.date(2024, 3, 31)
    assert easter_sunday(2025) == dt.date(2025, 4, 20)
    assert easter_sunday(2000) == dt.date(2000, 4, 23)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ostern 2024", "2024-03-31"),
        ("Karfreitag 2024", "2024-03-29"),
        ("Ostermontag 2024", "2024-04-01"),
        ("Christi Himmelfahrt 2024", "2024-05-09"),
        ("Pfingsten 2024", "2024-05-19"),
        ("Heiligabend 2023", "2023-12-24"),
        ("Weihnachten 2023", "2023-12-25"),
        ("Silvester 2023", "2023-12-31"),
        ("Neujahr 2024", "2024-01-01"),
        ("Tag der Deutschen Einheit 2023", "2023-10-03"),
    ],
)
def test_holidays_with_year(text: str, value: str) -> None:
    assert tag(text) == [(text, "DATE", value)]


def test_holidays_without_year_are_resolved() -> None:
    assert values("Zu Weihnachten kam er.") == ["2023-12-25"]
    assert values("Zu Ostern wird er kommen.") == ["2024-03-31"]
    assert values("Zu Pfingsten wird er kommen.") == ["2024-05-19"]


# --- relative expressions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Gestern war Wahl.", "Gestern", "2024-01-15"),
        ("Vorgestern war Wahl.", "Vorgestern", "2024-01-14"),
        ("Das ist übermorgen.", "übermorgen", "2024-01-18"),
        ("Im letzten Jahr war er dort.", "letzten Jahr", "2023"),
        ("Letztes Jahr war er dort.", "Letztes Jahr", "2023"),
        ("Im Vorjahr sank der Umsatz.", "Vorjahr", "2023"),
        ("Nächstes Jahr wird gewählt.", "Nächstes Jahr", "2025"),
        ("Anfang Oktober wurde gewählt.", "Anfang Oktober", "2023-10"),
        ("Mitte Oktober wurde gewählt.", "Mitte Oktober", "2023-10"),
        ("Im vergangenen September war er dort.", "vergangenen September", "2023-09"),
        ("Der Umsatz des Vorjahres sank.", "des Vorjahres", "2023"),
        ("Im Herbst des Vorjahres sank er.", "Herbst des Vorjahres", "2023-FA"),
        ("Im Mai des folgenden Jahres kam er.", "Mai des folgenden Jahres", "2025-05"),
        ("Ende Oktober wird gewählt.", "Ende Oktober", "2024-10"),
        ("Derzeit ist alles ruhig.", "Derzeit", "PRESENT_REF"),
        ("Jetzt geht es los.", "Jetzt", "PRESENT_REF"),
        ("Zurzeit sinkt der Preis.", "Zurzeit", "PRESENT_REF"),
        ("Früher war alles besser.", "Früher", "PAST_REF"),
        ("Damals war er jung.", "Damals", "PAST_REF"),
        ("In Zukunft soll es besser werden.", "Zukunft", "FUTURE_REF"),
        ("Bald ist es so weit.", "Bald", "FUTURE_REF"),
    ],
)
def test_relative_expressions(text: str, surface: str, value: str) -> None:
    assert tag(text) == [(surface, "DATE", value)]


def test_heute_is_the_day_in_a_report_and_nowadays_in_an_essay() -> None:
    assert tag("Gestern tagte der Rat, heute ist Wahl.") == [
        ("Gestern", "DATE", "2024-01-15"), ("heute", "DATE", "2024-01-16")]
    assert tag("Früher las man Zeitung, heute liest man am Handy.") == [
        ("Früher", "DATE", "PAST_REF"), ("heute", "DATE", "PRESENT_REF")]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Vor zwei Wochen war er dort.", "zwei Wochen", "P2W"),
        ("In drei Jahren wird es fertig.", "drei Jahren", "P3Y"),
    ],
)
def test_vor_in_with_a_number_is_a_duration(text: str, surface: str, value: str) -> None:
    """KRAUTS convention: the preposition is a signal, the timex is the duration."""
    assert tag(text) == [(surface, "DURATION", value)]


def test_seit_year_keeps_the_preposition_out() -> None:
    assert tag("Seit 2022 steigt der Preis.") == [("2022", "DATE", "2022")]


# --- durations and sets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Er war drei Jahre lang dort.", "drei Jahre lang", "P3Y"),
        ("Seit zwei Monaten wartet er.", "zwei Monaten", "P2M"),
        ("Nach einem Monat kam er.", "einem Monat", "P1M"),
        ("Das dauerte zehn Tage.", "zehn Tage", "P10D"),
        ("Er blieb zwei Wochen.", "zwei Wochen", "P2W"),
        ("Es dauerte eineinhalb Stunden.", "eineinhalb Stunden", "PT1.5H"),
        ("Er saß drei Jahre und vier Monate in Haft.", "drei Jahre und vier Monate", "P3Y4M"),
        ("Das zog sich jahrelang hin.", "jahrelang", "PXY"),
    ],
)
def test_durations(text: str, surface: str, value: str) -> None:
    assert tag(text) == [(surface, "DURATION", value)]


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("Das Geschäft hat donnerstags abends geöffnet.", "donnerstags abends", "XXXX-WXX-4TEV"),
    ("Wir treffen uns dienstagabends im Café.", "dienstagabends", "XXXX-WXX-2TEV"),
    ("Die Bücherei öffnet montags.", "montags", "XXXX-WXX-1"),
])
def test_weekdays_with_a_part_of_day_recur(text: str, surface: str, value: str) -> None:
    assert tag(text) == [(surface, "SET", value)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Die Sitzung dauerte eine halbe Stunde.", "eine halbe Stunde", "PT30M"),
        ("Sie lebte ein halbes Jahr in Lissabon.", "ein halbes Jahr", "P6M"),
        ("Der Streik legte den Hafen einen halben Tag lahm.", "einen halben Tag", "PT12H"),
        ("Nach einer halben Minute war alles vorbei.", "einer halben Minute", "PT30S"),
        ("Die Reparatur dauert eine halbe Woche.", "eine halbe Woche", "P3.5D"),
    ],
)
def test_half_units(text: str, surface: str, value: str) -> None:
    """Issue 16: "halb" halves the unit (in the next smaller one where TimeML writers use it)."""
    assert tag(text) == [(surface, "DURATION", value)]


def test_ages_are_not_durations() -> None:
    assert values("Die Männer sind 31 und 22 Jahre alt.") == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Jeden Montag trifft er sie.", "Jeden Montag", "XXXX-WXX-1"),
        ("Der Bericht erscheint jährlich.", "jährlich", "P1Y"),
        ("Er läuft täglich.", "täglich", "P1D"),
        ("Das Blatt erscheint wöchentlich.", "wöchentlich", "P1W"),
        ("Sie treffen sich zweimal pro Woche.", "zweimal pro Woche", "P1W"),
        ("Die Wahl ist alle vier Jahre.", "alle vier Jahre", "P4Y"),
    ],
)
def test_sets(text: str, surface: str, value: str) -> None:
    assert tag(text) == [(surface, "SET", value)]


# --- inflected and compound forms ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        ("Im Laufe des Sommers 2023 stieg er.", "Sommers 2023", "DATE", "2023-SU"),
        ("Die Bilanz des Jahres 2020 ist gut.", "des Jahres 2020", "DATE", "2020"),
        ("Im Frühjahr 2023 blühte es.", "Frühjahr 2023", "DATE", "2023-SP"),
        ("Im Winter 2022 war es kalt.", "Winter 2022", "DATE", "2022-WI"),
        ("Im zweiten Halbjahr 2023 stieg er.", "zweiten Halbjahr 2023", "DATE", "2023-H2"),
        ("Im 4. Quartal 2023 sank er.", "4. Quartal 2023", "DATE", "2023-Q4"),
        ("In der KW 3 ist Wahl.", "KW 3", "DATE", "2024-W03"),
        ("Das geschah im 18. Jahrhundert.", "18. Jahrhundert", "DATE", "17"),
        ("Nach einem einwöchigen Streik kam er.", "einwöchigen", "DURATION", "P1W"),
        ("Sie spielen sonntags.", "sonntags", "SET", "XXXX-WXX-7"),
        ("Am Samstagvormittag regnete es.", "Samstagvormittag", "TIME", "2024-01-13TMO"),
    ],
)
def test_inflected_and_compound_forms(text: str, surface: str, kind: str, value: str) -> None:
    assert tag(text) == [(surface, kind, value)]


# --- narrative resolution ------------------------------------------------------------------------


def narrative(text: str) -> list[str]:
    return list(extract_timexes(text, "2011-02-16", narrative=True)["value"])


def test_narrative_months_follow_the_last_mentioned_year() -> None:
    text = "Der Krieg begann im August 1914. Im Dezember erstarrte die Front."
    assert narrative(text) == ["1914-08", "1914-12"]
    assert values(text, "2011-02-16") == ["1914-08", "2010-12"]  # news reading: last December


def test_narrative_relative_years_and_days_follow_the_story() -> None:
    assert narrative("1917 kam die Revolution. Im folgenden Jahr endete der Krieg.") == [
        "1917", "1918"]
    assert narrative("Am 3. Mai 1945 fiel die Stadt, am 8. Mai kapitulierte das Heer.") == [
        "1945-05-03", "1945-05-08"]


def test_narrative_keeps_deictic_words_at_the_document_date() -> None:
    assert narrative("Im Jahr 1950 war es anders als heute.") == ["1950", "PRESENT_REF"]


# --- without a reference date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Im September war er dort.", "XXXX-09"),
        ("Gestern war Wahl.", "XXXX-XX-XX"),
        ("Im letzten Jahr war er dort.", "XXXX"),
        ("Am Dienstag war Wahl.", "XXXX-WXX-2"),
        ("Im Sommer war es heiß.", "XXXX-SU"),
        ("Um 20.30 Uhr begann es.", "T20:30"),
        ("Am 16. Januar 2024 trafen sie sich.", "2024-01-16"),
        ("Derzeit ist alles ruhig.", "PRESENT_REF"),
    ],
)
def test_without_reference_date(text: str, value: str) -> None:
    assert values(text, None) == [value]


# --- the seed article --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    text = SEED.read_text(encoding="utf-8")
    frame = extract_timexes(text, REF)
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.text
    return frame


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("16. Januar 2024", "2024-01-16"),
        ("Dienstag", "2024-01-16"),
        ("vergangenen September", "2023-09"),
        ("September", "2023-09"),
        ("Oktober", "2023-10"),
        ("Jahr 2022", "2022"),
        ("letzten Jahr", "2023"),
        ("1948", "1948"),
        ("letzten Tag des Jahres 1999", "1999-12-31"),
        ("Juli 2000", "2000-07"),
    ],
)
def test_seed_article(seed: pd.DataFrame, surface: str, value: str) -> None:
    found = seed[seed["text"] == surface]
    assert not found.empty, surface
    assert set(found["value"]) == {value}


def test_seed_article_has_no_gallery_counters(seed: pd.DataFrame) -> None:
    assert "2/2" not in set(seed["text"])
    assert (seed["value"] == "2024-01-16").sum() >= 3  # the date and both "Dienstag"s


# --- value_range -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2024-01-16", dt.date(2024, 1, 16), dt.date(2024, 1, 16)),
        ("2024-01-16T20:30", dt.date(2024, 1, 16), dt.date(2024, 1, 16)),
        ("2023-09", dt.date(2023, 9, 1), dt.date(2023, 9, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)),
        ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("199", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("19", dt.date(1900, 1, 1), dt.date(1999, 12, 31)),
        ("2023-W03", dt.date(2023, 1, 16), dt.date(2023, 1, 22)),
        ("2024-W03-WE", dt.date(2024, 1, 20), dt.date(2024, 1, 21)),
        ("2024-SU", dt.date(2024, 6, 21), dt.date(2024, 9, 22)),
        ("2023-WI", dt.date(2023, 12, 21), dt.date(2024, 3, 19)),
        ("2024-Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        ("2024-Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        ("2024-H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ("2024-H2", dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
    ],
)
def test_value_range(value: str, first: dt.date, last: dt.date) -> None:
    assert value_range(value) == (first, last)


@pytest.mark.parametrize(
    "value", ["PRESENT_REF", "PAST_REF", "P3Y", "XXXX-09", "XXXX-WXX-2", "T20:30", "", "2023-13"]
)
def test_value_range_of_non_ranges(value: str) -> None:
    assert value_range(value) == (None, None)


# --- lexicon tables (analysis/data/timeline) ----------------------------------------------------

TABLE_COLUMNS = {
    "anaphoric_days": ["phrase", "offset"],
    "decades": ["word", "decade"],
    "duration_adjectives": ["suffix", "letter"],
    "habitual_cues": ["phrase", "where"],
    "halves": ["letter", "clock", "amount", "half_letter", "half_clock"],
    "holidays": ["name", "rule"],
    "months": ["word", "form", "month"],
    "numbers": ["word", "value", "kind"],
    "ordinals": ["stem", "value"],
    "parts_of_day": ["word", "code"],
    "quantity_words": ["word", "whole_word"],
    "rate_phrases": ["phrase", "value"],
    "reference_words": ["phrase", "value"],
    "relative_words": ["stem", "direction", "kind"],
    "seasons": ["word", "code", "anchor_month", "first_day", "last_day"],
    "set_words": ["word", "value"],
    "tense_cues": ["word", "cue", "inflected"],
    "units": ["stem", "endings", "letter", "clock"],
    "vague_day_cues": ["phrase", "where"],
    "vague_periods": ["stem", "value"],
    "weekdays": ["word", "iso_day"],
}


def test_every_table_parses_with_its_columns_and_a_comment() -> None:
    tables = load_tables()
    assert {name: list(rows[0]) for name, rows in tables.items()} == TABLE_COLUMNS
    for name in TABLE_COLUMNS:
        assert (DATA_DIR / f"{name}.tsv").read_text(encoding="utf-8").startswith("# ")
    assert {row["word"]: row["month"] for row in tables["months"]}["jänner"] == "1"
    assert {row["name"]: row["rule"] for row in tables["holidays"]}["pfingsten"] == "easter+49"
    words = [row["word"] for rows in tables.values() for row in rows if "word" in row]
    assert all(word == word.lower() for word in words)  # matched on the lower-cased text


def test_a_row_added_to_a_copy_is_picked_up(tmp_path: Path) -> None:
    folder = tmp_path / "timeline"
    shutil.copytree(DATA_DIR, folder)
    with (folder / "seasons.tsv").open("a", encoding="utf-8") as table:
        table.write("lenz\tSP\t4\t03-20\t06-20\n")
    seasons = {row["word"]: row["code"] for row in load_tables(folder)["seasons"]}
    assert seasons["lenz"] == "SP"
    assert "lenz" not in {row["word"] for row in load_tables()["seasons"]}


def test_a_malformed_row_names_file_and_row(tmp_path: Path) -> None:
    shutil.copytree(DATA_DIR, tmp_path, dirs_exist_ok=True)
    with (tmp_path / "weekdays.tsv").open("a", encoding="utf-8") as table:
        table.write("feiertag\n")
    with pytest.raises(ValueError, match=r"weekdays.tsv: row \d+ needs 2 cells"):
        load_tables(tmp_path)


# --- timeline table -------------------------------------------------------------------------------


def test_timeline_places_durations_counted_back_or_ahead() -> None:
    documents = pd.DataFrame({
        "doc_id": ["a", "b"],
        "published": [pd.Timestamp(REF), pd.NaT],
        "text": [
            "Vor zwei Wochen begann der Streik. In drei Jahren soll Scholz gehen. "
            "Das dauerte drei Jahre. In den vergangenen zwei Wochen regnete es. "
            "Vor einigen Jahren war es so. Vor zwei Monaten und vor zwei Stunden auch.",
            "Vor zwei Wochen begann es.",
        ],
    })
    mentions = pd.DataFrame({"doc_id": ["a"], "sentence_id": [1], "entity": ["Olaf Scholz"]})
    table = timeline(documents, mentions)
    rows = {
        (doc, text): (value, start, end)
        for doc, text, value, start, end in zip(
            table["doc_id"], table["text"], table["value"],
            table["date_start"], table["date_end"], strict=True,
        )
    }
    week = (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-07"))  # ISO week 1, two weeks back
    assert rows["a", "zwei Wochen"] == ("P2W", *week)
    assert rows["a", "drei Jahren"] == ("P3Y", pd.Timestamp("2027-01-01"),
                                        pd.Timestamp("2027-12-31"))
    assert rows["a", "zwei Monaten"] == ("P2M", pd.Timestamp("2023-11-01"),
                                         pd.Timestamp("2023-11-30"))
    assert rows["a", "zwei Stunden"][1:] == (pd.Timestamp(REF), pd.Timestamp(REF))
    # a plain duration, a modified one and a vague one say nothing about when
    for text in ("drei Jahre", "den vergangenen zwei Wochen"):
        assert pd.isna(rows["a", text][1]) and pd.isna(rows["a", text][2])
    assert rows["a", "einigen Jahren"][0] == "PXY"
    # without a publication date there is nothing to count from
    assert pd.isna(rows["b", "zwei Wochen"][1])
    assert table.loc[table["text"] == "drei Jahren", "entities"].item() == "Olaf Scholz"


def test_durations_beyond_the_calendar_get_no_range():
    documents = pd.DataFrame(
        [{"doc_id": "a", "text": "Die Höhle wurde vor 8000 Jahren bewohnt.",
          "published": pd.Timestamp("2024-01-16")}]
    )
    empty = pd.DataFrame(columns=["doc_id", "sentence_id", "entity"])
    table = timeline(documents, empty)
    assert table["value"].tolist() == ["P8000Y"]
    assert table["date_start"].isna().all()


@pytest.mark.parametrize(("text", "expected"), [
    ("Im ersten Halbjahr 2023 verdiente die Bank mehr als im selben Zeitraum des Vorjahres.",
     [("ersten Halbjahr 2023", "DATE", "2023-H1"),
      ("selben Zeitraum des Vorjahres", "DATE", "2022-H1")]),
    ("Im zweiten Quartal 2011 stieg der Absatz um vier Prozent gegenüber dem Vorjahresquartal.",
     [("zweiten Quartal 2011", "DATE", "2011-Q2"), ("Vorjahresquartal", "DATE", "2010-Q2")]),
    ("Der Umsatz lag deutlich über dem Vorjahreszeitraum.",
     [("Vorjahreszeitraum", "DATE", "2023")]),
])
def test_the_same_period_a_year_earlier(text: str, expected: list) -> None:
    """Issue 16: "im selben Zeitraum des Vorjahres" is the period just named, a year earlier;
    without one, the year before the reference date (2024-01-16 here)."""
    assert tag(text) == expected
