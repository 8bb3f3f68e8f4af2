"""German words and numbers for everything a page shows."""

from analysis.wording import german, number, percent, plural, words


def test_codes_become_german_words():
    assert german("label", "PER") == "Person"
    assert german("label", "ORG") == "Organisation"
    assert german("tone", "negative") == "negativ"
    assert german("kind", "indirect") == "indirekt"
    assert german("date_source", "unknown") == "unbekannt"
    assert words("column")["ci_low"] == "Band von"


def test_an_unknown_code_is_shown_as_it_is():
    assert german("label", "EVENT") == "EVENT"


def test_numbers_have_a_decimal_comma_and_spaced_thousands():
    assert number(10280) == "10\u202f280"
    assert number(0.4567, 2) == "0,46"
    assert number(-0.1234, 2) == "-0,12"
    assert number(-0.001, 2) == "0,00", "no negative zero"
    assert percent(0.031) == "3\u202f%"


def test_plurals_are_words_not_rules():
    assert plural(1, "Erwähnung", "Erwähnungen") == "1 Erwähnung"
    assert plural(2, "Erwähnung", "Erwähnungen") == "2 Erwähnungen"
    assert plural(0, "Satz", "Sätze") == "0 Sätze"
