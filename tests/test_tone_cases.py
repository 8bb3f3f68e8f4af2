"""Tone on hand-written clear cases: the rules a reader would apply, one decision told
consistently, and the per-phenomenon evaluation (analysis.evaluation.tone)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import sentiment
from analysis.evaluation import tone as clear
from analysis.sentiment.lexicon import word_weights

CASES = Path(__file__).parent / "fixtures" / "sentiment" / "clear_cases.tsv"


def _tone(sentence: str, target: str | None = None) -> sentiment.Tone:
    if target is None:
        return sentiment.score(sentence)
    start = sentence.index(target)
    return sentiment.score(sentence, (start, start + len(target)))


def test_label_never_contradicts_polarity() -> None:
    cases = clear.load_cases(CASES)
    assert len(cases) == 555
    assert clear.contradictions(cases) == 0


@pytest.mark.parametrize(("sentence", "target", "label"), [
    # a negative word done away with: the solver did well
    ("Die Regierung hat das Problem erfolgreich gelöst.", "Regierung", "positive"),
    # events that are plainly bad or good news for whom they happen to
    ("Die Firma Alpha hat Insolvenz angemeldet.", "Alpha", "negative"),
    ("Der Spediteur Brandner wurde am Montag festgenommen.", "Brandner", "negative"),
    # polar nouns on an agenda are topics
    ("Das Problem wird am Dienstag im Ausschuss beraten.", "Ausschuss", "neutral"),
    # two actors in opposite tones: each target's own clause speaks of it
    ("Während Müller gelobt wurde, musste Huber harte Kritik einstecken.", "Huber", "negative"),
    ("Während Müller gelobt wurde, musste Huber harte Kritik einstecken.", "Müller", "positive"),
    # a negated negative, also by a negator of several words
    ("Die Gespräche waren nicht schlecht.", "Gespräche", "positive"),
    ("Die Bilanz der Firma Egger fiel keineswegs schlecht aus.", "Firma Egger", "positive"),
    ("Das Konzert von Lena Auer war alles andere als langweilig.", "Lena Auer", "positive"),
    # two words that together name an event
    ("Die Weberei Lind streicht in Steyr 300 Arbeitsplätze.", "Weberei Lind", "negative"),
    ("Landesrat Paul Eder trat am Montag von seinem Amt zurück.", "Paul Eder", "negative"),
    # praise, blame, win and loss verbs: who does it and to whom (active and passive)
    ("Der SK Hallein besiegte den FC Golling mit 2:0.", "SK Hallein", "positive"),
    ("Der SK Hallein besiegte den FC Golling mit 2:0.", "FC Golling", "negative"),
    ("Der FC Golling wurde vom SK Hallein mit 0:2 geschlagen.", "FC Golling", "negative"),
    # a name set off by commas belongs to the clause around it
    ("Der Bürgermeister von Radstadt, Karl Pichler, wurde vom Rechnungshof scharf kritisiert.",
     "Karl Pichler", "negative"),
    # a name's own words say nothing of it
    ("Die Buchhandlung Erfolg & Co. öffnet am Montag um 9 Uhr.", "Erfolg & Co.", "neutral"),
    # a downtoned criticism is still criticism
    ("Die Kunden der Bank Weiss zeigten sich etwas unzufrieden.", "Bank Weiss", "negative"),
    # "trotz …", "im Gegensatz zu …" open a phrase of its own tone, up to the clause's verb
    ("Im Gegensatz zur chaotischen Konkurrenz arbeitet die Firma Berg zuverlässig.",
     "Firma Berg", "positive"),
    # "aber" after the verb does not cut the clause: the praise is for the one after it
    ("Die Opposition kritisierte den Bürgermeister, lobte aber Stadträtin Eva Brandl.",
     "Eva Brandl", "positive"),
    # a pair that one does to another ("warf … vor"): bad news for the accused
    ("Die Gewerkschaft warf dem Konzern Optima schwere Versäumnisse vor.", "Konzern Optima",
     "negative"),
    # what was good is lost; what was alleged is void; more than is good
    ("Die Qualität der Produkte der Firma Lux hat sich verschlechtert.", "Firma Lux",
     "negative"),
    ("Die Vorwürfe gegen Direktorin Anna Berg erwiesen sich als haltlos.", "Anna Berg",
     "positive"),
    ("Die Mieten der Wohnbaufirma Kogler sind viel zu hoch.", "Wohnbaufirma Kogler", "negative"),
    # "nicht" right after a polar verb turns the verb, not the words after it
    ("Die Firma Wohnbau Nord kümmert sich nicht um die Schäden.", "Wohnbau Nord", "negative"),
    # "wenig" turns, "ein wenig" only weakens
    ("Der Betreiber Alpnet zeigte wenig Interesse an einer Lösung.", "Alpnet", "negative"),
    ("Die Kunden von Alpnet sind ein wenig enttäuscht.", "Alpnet", "negative"),
])
def test_clear_sentences(sentence: str, target: str, label: str) -> None:
    tone = _tone(sentence, target)
    assert tone.label == label
    assert sentiment.label_for(tone.polarity) == label


def test_compounds_need_a_known_front() -> None:
    """"Gespräche" is no compound of "räche"; "Polizeigewalt" is one of "gewalt", and
    "Auswärtssieg" of the news weights' "sieg"."""
    assert word_weights("gespräche") == (0.0, 0.0)
    assert min(word_weights("polizeigewalt")) < 0
    assert word_weights("auswärtssieg")[0] > 0


def test_an_event_on_an_agenda_is_still_news() -> None:
    """Agenda clauses drop their polar nouns as topics, but not the events of the news weights."""
    topics = [item.index for item in sentiment.polar_words(sentiment.tokenize(
        "Das Problem wird am Dienstag im Ausschuss beraten."))]
    assert topics  # the lexicon knows "Problem"; the agenda leaves it out of the tone
    assert sentiment.rule_score("Das Problem wird am Dienstag im Ausschuss beraten.").words == 0
    event = sentiment.rule_score("Die Firma Alpha meldet am Montag im Ausschuss die Insolvenz an.")
    assert event.negative > 0 and event.words == 1


def test_numbers_with_points_are_one_word() -> None:
    """"80.000 Fahrzeuge" does not end a clause at its point."""
    tokens = sentiment.tokenize("Velaro ruft 80.000 Fahrzeuge zurück.")
    assert [token.text for token in tokens][:3] == ["velaro", "ruft", "80.000"]
    assert {token.clause for token in tokens[:-1]} == {0}


def test_a_phrase_ends_before_the_verb_and_the_clause_resumes() -> None:
    tokens = sentiment.tokenize("Die Molkerei Alm musste trotz der Krise keinen Mitarbeiter "
                                "entlassen.")
    clause = {token.text: token.clause for token in tokens}
    assert clause["trotz"] == clause["krise"] != clause["musste"]
    assert clause["keinen"] == clause["entlassen"] == clause["musste"]


def test_an_accusing_pair_spares_the_accuser() -> None:
    sentence = "Die Gewerkschaft warf dem Konzern Optima schwere Versäumnisse vor."
    accuser = _tone(sentence, "Gewerkschaft")
    accused = _tone(sentence, "Konzern Optima")
    assert accused.negative > accuser.negative


def test_news_weights_replace_the_lexicons() -> None:
    assert word_weights("insolvenzverfahren")[0] < 0  # a stem entry
    assert word_weights("einstecken")[0] < 0  # textblob-de says +1
    assert word_weights("freigesprochen")[0] > 0


def test_evaluation_prints_every_phenomenon(capsys: pytest.CaptureFixture[str]) -> None:
    assert clear.main(["--cases", str(CASES), "--split", "dev"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("415 clear cases")
    for phenomenon in ("contrast", "events", "modifiers", "negation", "neutral_topic",
                       "praise_criticism", "roles"):
        assert f"\n{phenomenon} " in out
    assert "0 contradictions in 830 tones" in out


def test_a_malformed_case_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "cases.tsv"
    bad.write_text("phenomenon\tsplit\ttarget\tlabel\tsentence\n"
                   "negation\tdev\tX\tgood\tX war nicht schlecht.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cases.tsv:2"):
        clear.load_cases(bad)


def test_the_command_names_a_malformed_file_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "cases.tsv"
    bad.write_text("phenomenon\tsplit\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"cases.tsv: header must be"):
        clear.main(["--cases", str(bad)])


def test_errors_list_only_the_wrong_cases(tmp_path: Path) -> None:
    cases = tmp_path / "cases.tsv"
    cases.write_text(
        "phenomenon\tsplit\ttarget\tlabel\tsentence\n"
        "negation\tdev\tFirma Egger\tpositive\tDie Bilanz der Firma Egger war keineswegs "
        "schlecht.\n"
        "negation\tdev\tFirma Egger\tnegative\tDie Bilanz der Firma Egger war keineswegs "
        "schlecht.\n", encoding="utf-8")
    listed = clear.errors(clear.load_cases(cases)).splitlines()
    assert listed == [line for line in listed if line.startswith("[negation] negative → positive")]
    assert len(listed) == 1 and "Firma Egger: Die Bilanz" in listed[0]
