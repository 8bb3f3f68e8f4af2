"""Issue 16: timeline values that follow TimeML (direction, vague references, recurrence, days
that move with the text). Sentences are written for these tests, not taken from a corpus."""

from __future__ import annotations

import pytest

from analysis.timeline import extract_timexes

REF = "2024-01-16"  # a Tuesday


def tag(text: str, ref: str | None = REF, *, narrative: bool = False) -> list[tuple[str, str, str]]:
    frame = extract_timexes(text, ref, narrative=narrative)
    return list(zip(frame["text"], frame["type"], frame["value"], strict=True))


def values(text: str, ref: str | None = REF) -> list[str]:
    return list(extract_timexes(text, ref)["value"])


# --- weekdays: past tense the last one, present and future the next ----------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Am Samstag findet das Stadtfest statt.", "2024-01-20"),
        ("Am Montag beginnt um 8 Uhr der Unterricht.", "2024-01-22"),
        ("Die Bücherei öffnet am Freitag wieder.", "2024-01-19"),
        ("Am Samstag feierte das Dorf sein Stadtfest.", "2024-01-13"),
        ("Am Montag hat der Unterricht angefangen.", "2024-01-15"),
        ("Am Dienstag öffnet die Bücherei.", "2024-01-16"),  # the reference day's weekday: today
    ],
)
def test_weekday_direction_follows_tense(text: str, value: str) -> None:
    assert values(text)[0] == value


@pytest.mark.parametrize(
    "text",
    [
        "Es geschah am Samstag auf der Landstraße.",
        "Nach dem Sieg am Samstag konnte Anna Huber nicht mehr aufholen.",
        "Am Samstag musste Peter Moser aufgeben.",
        "Am Samstag sank der Pegel wieder.",
    ],
)
def test_preterites_mark_the_past(text: str) -> None:
    """Strong and modal preterites ("geschah", "konnte", "musste", "sank") are past tense,
    even before a name (where a weak "-te" form could be an adjective)."""
    assert values(text)[0] == "2024-01-13"


# --- days counted from the day last named -------------------------------------------------------


def test_days_named_by_the_day_before_them() -> None:
    text = ("Am 3. Januar gewann sie die Abfahrt, am Tag darauf den Slalom. Schon am Vortag "
            "war sie Zweite, am Folgetag reiste sie ab.")
    assert tag(text) == [
        ("3. Januar", "DATE", "2024-01-03"),
        ("Tag darauf", "DATE", "2024-01-04"),
        ("Vortag", "DATE", "2024-01-02"),
        ("Folgetag", "DATE", "2024-01-04"),
    ]


def test_anaphoric_days_do_not_chain() -> None:
    """"wie am Vortag ... ihr Sieg vom Vortag" both count from the race day."""
    text = "Am Freitag siegte sie wie am Vortag. Ihr Sieg vom Vortag war knapper."
    assert values(text) == ["2024-01-12", "2024-01-11", "2024-01-11"]


def test_anaphoric_day_without_a_day_named_counts_from_the_reference_date() -> None:
    assert tag("Am Vortag hatte es geschneit.") == [("Vortag", "DATE", "2024-01-15")]
    assert tag("Am selben Tag kam er.", None) == [("selben Tag", "DATE", "XXXX-XX-XX")]


def test_days_in_a_history_follow_the_story() -> None:
    text = "Am 3. Mai 1915 fiel die Stadt. Einen Tag darauf ergab sich die Festung."
    assert tag(text, narrative=True)[-1] == ("Einen Tag darauf", "DATE", "1915-05-04")


def test_part_of_day_follows_the_weekday_before_it() -> None:
    text = "Am Montag tagte der Rat. Am Abend sprach der Bürgermeister."
    assert values(text) == ["2024-01-15", "2024-01-15TEV"]


# --- "heute": the day or the present ------------------------------------------------------------


def test_heute_is_the_day_in_a_report_on_the_days_just_past() -> None:
    text = "Am Sonntag brannte eine Scheune. Heute ermittelt die Polizei."
    assert values(text) == ["2024-01-14", "2024-01-16"]


def test_heute_is_the_present_in_a_text_that_only_looks_ahead() -> None:
    """A preview of coming days ("am Sonntag wird gewählt") is no report on particular days."""
    text = "Am Sonntag wird gewählt. Heute zweifeln viele Bürger an der Politik."
    assert values(text) == ["2024-01-21", "PRESENT_REF"]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Die Jugend von heute liest weniger.", "heute", "PRESENT_REF"),
        ("Die Welt von gestern ist vergangen.", "gestern", "PAST_REF"),
        ("Die Schulen von morgen brauchen Geld.", "morgen", "FUTURE_REF"),
    ],
)
def test_von_heute_gestern_morgen_are_vague(text: str, surface: str, value: str) -> None:
    assert tag(text) == [(surface, "DATE", value)]


def test_heute_against_the_past_is_the_present() -> None:
    text = "Gestern sprach Maier. Damals war er Bürgermeister, heute ist er Rentner."
    assert values(text) == ["2024-01-15", "PAST_REF", "PRESENT_REF"]


def test_von_heute_an_is_the_day() -> None:
    text = "Gestern fiel die Entscheidung. Von heute an gilt die neue Regel."
    assert values(text) == ["2024-01-15", "2024-01-16"]


def test_heute_in_a_history_is_the_present() -> None:
    text = "Am 3. Mai 1915 fiel die Stadt. Gestern wie heute gilt sie als Wendepunkt."
    assert tag(text, narrative=True)[-1] == ("heute", "DATE", "PRESENT_REF")


# --- vague periods and vague offsets ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("In den letzten Monaten stiegen die Preise.", "den letzten Monaten", "DATE", "PAST_REF"),
        ("In den nächsten Jahren wird gebaut.", "den nächsten Jahren", "DATE", "FUTURE_REF"),
        ("In den kommenden Wochen wird gebaut.", "den kommenden Wochen", "DATE", "FUTURE_REF"),
        ("In diesen Wochen wird gebaut.", "diesen Wochen", "DATE", "PRESENT_REF"),
        ("In den vergangenen Wochen wurde gebaut.", "den vergangenen Wochen", "DURATION", "PXW"),
        ("In diesen Tagen wird gebaut.", "diesen Tagen", "DURATION", "PXD"),
        ("Vor einigen Wochen wurde gebaut.", "einigen Wochen", "DURATION", "PXW"),
        ("In wenigen Tagen wird gebaut.", "wenigen Tagen", "DURATION", "PXD"),
    ],
)
def test_vague_periods(text: str, surface: str, type_: str, value: str) -> None:
    """letzten/nächsten/kommenden/diesen Wochen, Monaten, Jahren are a vague past, future or
    present; "den vergangenen Wochen" and "diesen Tagen" stay durations, and "vor einigen
    Wochen" is the duration alone, as KRAUTS annotates them."""
    assert tag(text) == [(surface, type_, value)]


# --- recurring times ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Der Stammtisch trifft sich jeden ersten Montag im Monat.",
         "jeden ersten Montag im Monat", "XXXX-WXX-1"),
        ("Die Sprechstunde ist am zweiten Mittwoch des Monats.",
         "zweiten Mittwoch des Monats", "XXXX-WXX-3"),
        ("Eine Familie verbraucht rund 300 Liter Wasser am Tag.", "am Tag", "P1D"),
        ("Der Verein zahlt 40 Euro im Monat.", "im Monat", "P1M"),
        ("Das Werk baut fünf Millionen Autos im Jahr.", "im Jahr", "P1Y"),
    ],
)
def test_recurring_times_are_sets(text: str, surface: str, value: str) -> None:
    assert tag(text) == [(surface, "SET", value)]


@pytest.mark.parametrize(
    "text",
    [
        "Am Tag der Wahl regnete es.",
        "Sie kamen mit 40 Leuten, im Jahr darauf mit mehr.",
        "Im Monat danach kam er wieder.",
        "Sie kamen 2010 in der Woche nach Ostern.",
    ],
)
def test_phrases_that_are_no_rates(text: str) -> None:
    assert "SET" not in [kind for _, kind, _ in tag(text)]


# --- quarters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Im zweiten Quartal 2011 sank der Umsatz.", "2011-Q2"),
        ("Im dritten Quartal sank der Umsatz.", "2023-Q3"),  # past tense: the last third quarter
        ("Im dritten Quartal wird der Umsatz steigen.", "2024-Q3"),
        ("Im ersten Quartal steigt der Umsatz.", "2024-Q1"),  # the reference date's own quarter
    ],
)
def test_quarters_without_a_year_take_the_reference_year_and_tense(text: str, value: str) -> None:
    assert values(text) == [value]
