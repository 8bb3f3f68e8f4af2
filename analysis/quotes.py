"""Who said what: direct quotes („…“, »…«, "…", ‚…‘) and indirect speech with their speakers.

Rule-based, because German news reports speech in a few fixed frames: a quote followed by
", sagte X", a colon after "X sagte", "X erklärte, dass …", "…, so X", "laut X", and
subjunctive sentences that continue what the last speaker said. Speakers are named entities
(canonical names from `analysis.entities`), pronouns resolved to the last fitting person, or the
noun phrase itself ("ein Sprecher des Ministeriums"). Short quoted words without a speech frame are
scare quotes („kameradschaftliche“ Beziehungen) and are not counted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis.document import Doc
from analysis.entities import extract_entities

COLUMNS = [
    "start",
    "end",
    "quote",
    "kind",
    "verb",
    "speaker_start",
    "speaker_end",
    "speaker",
    "sentence_id",
]
DOCUMENT_COLUMNS = ["doc_id", *COLUMNS]

# Speech verbs. Weak verbs are inflected by rule; "mit|teilen" marks a separable particle.
WEAK_VERBS = [
    "sagen",
    "erklären",
    "betonen",
    "ergänzen",
    "warnen",
    "fordern",
    "kritisieren",
    "behaupten",
    "bestätigen",
    "versichern",
    "berichten",
    "erläutern",
    "bekräftigen",
    "antworten",
    "erwidern",
    "mahnen",
    "beklagen",
    "argumentieren",
    "erinnern",
    "äußern",
    "schildern",
    "erzählen",
    "fragen",
    "verkünden",
    "beteuern",
    "bemerken",
    "präzisieren",
    "klagen",
    "twittern",
    "melden",
    "mit|teilen",
    "hinzu|fügen",
    "an|kündigen",
    "ein|räumen",
    "klar|stellen",
    "fest|stellen",
    "dar|legen",
    "auf|fordern",
    "an|merken",
    "lauten",
]
# Strong verbs: infinitive → (3rd person singular present, preterite, past participle).
STRONG_VERBS = {
    "schreiben": ("schreibt", "schrieb", "geschrieben"),
    "zu|geben": ("gibt", "gab", "gegeben"),
    "bekannt|geben": ("gibt", "gab", "gegeben"),
    "hin|weisen": ("weist", "wies", "gewiesen"),
    "verweisen": ("verweist", "verwies", "verwiesen"),
    "vor|werfen": ("wirft", "warf", "geworfen"),
    "unterstreichen": ("unterstreicht", "unterstrich", "unterstrichen"),
    "auf|rufen": ("ruft", "rief", "gerufen"),
    "heißen": ("heißt", "hieß", "geheißen"),
    "meinen": ("meint", "meinte", "gemeint"),  # irregular only in that "meine(n)" is a pronoun
}
NOT_VERBS = {"meine", "meinen", "meinst", "melde", "melden", "frage", "klage"}
UNSTRESSED_PREFIXES = ("be", "er", "ver", "zer", "ent", "emp", "miss", "über", "unter", "hinter")
# Konjunktiv I forms that mark reported speech on their own ("Die Lage sei ernst.").
SUBJUNCTIVES = frozenset(
    [
        "sei",
        "seien",
        "sey",
        "seyen",
        "habe",
        "werde",
        "könne",
        "müsse",
        "solle",
        "wolle",
        "dürfe",
        "möge",
        "gebe",
        "wisse",
        "liege",
        "stehe",
        "komme",
        "gehe",
        "brauche",
        "bestehe",
        "plane",
        "handle",
        "gelte",
        "bleibe",
        "lasse",
    ]
)
PRONOUNS = {"er": "m", "Er": "m", "sie": "f", "Sie": "f"}
ROLE_ARTICLES = {"der": "m", "Der": "m", "die": "f", "Die": "f"}
NOMINATIVE_ARTICLES = {
    "der",
    "die",
    "das",
    "ein",
    "eine",
    "dieser",
    "diese",
    "kein",
    "keine",
    "Der",
    "Die",
    "Das",
    "Ein",
    "Eine",
    "Dieser",
    "Diese",
    "Kein",
    "Keine",
    "viele",
    "Viele",
    "mehrere",
    "Mehrere",
}
ARTICLES = NOMINATIVE_ARTICLES | {"des", "dem", "den", "einem", "einen", "eines", "einer"}
PREPOSITIONS = {
    "in",
    "im",
    "an",
    "am",
    "auf",
    "aus",
    "bei",
    "beim",
    "mit",
    "nach",
    "vor",
    "zu",
    "zum",
    "zur",
    "über",
    "von",
    "vom",
    "für",
    "gegenüber",
    "während",
    "seit",
    "unter",
    "gegen",
    "durch",
    "um",
    "laut",
    "trotz",
    "wegen",
    "ins",
    "ans",
    "vorm",
}
# Adverbs that open a clause capitalised but are never its subject: "Dort sagte sie".
NOT_SUBJECTS = frozenset(
    [
        "dort",
        "hier",
        "dann",
        "da",
        "dazu",
        "zudem",
        "außerdem",
        "dabei",
        "damit",
        "deshalb",
        "darum",
        "dennoch",
        "auch",
        "später",
        "jetzt",
        "nun",
        "heute",
        "gestern",
        "morgen",
        "zuvor",
        "danach",
        "anschließend",
        "bereits",
        "zugleich",
        "gleichzeitig",
        "allerdings",
        "doch",
        "aber",
        "und",
        "so",
        "ebenfalls",
        "zunächst",
        "schließlich",
        "daraufhin",
        "trotzdem",
        "vielmehr",
        "immerhin",
        "zuletzt",
        "erst",
        "noch",
        "nur",
        "wie",
        "was",
        "als",
        "wenn",
        "weiter",
        "ferner",
        "überdies",
        "indes",
        "jedoch",
        "es",
        "man",
        "wir",
        "ich",
    ]
)
LABEL_RANK = {"PER": 0, "ORG": 1}
COORDINATORS = {"und", "sowie", "aber", "oder", "sondern", "doch", "denn"}
RELATIVES = {"der", "die", "das", "welcher", "welche", "welches"}
COMPLEMENTISERS = {"dass", "daß", "ob", "wie", "warum", "wann", "wo", "weshalb", "wer", "was"}
NOT_COMPLEMENTS = {"als", "nachdem", "bevor", "während", "weil", "obwohl", "bis", "seit"}
SUBORDINATORS = {"wenn", "da", "damit", "sobald", "solange", "falls", "indem", "um"}
CLAUSE_BREAKS = {",", ";", ":", ".", "!", "?", "–", "—", "(", ")"}
SENTENCE_ENDS = {".", "!", "?", ";", "…"}
# Role nouns that tell a person's gender for "er"/"sie": Außenministerin → f, Kremlsprecher → m.
FEMALE_CUES = ("in", "frau")
MALE_CUES = (
    "minister",
    "sprecher",
    "präsident",
    "kanzler",
    "chef",
    "leiter",
    "botschafter",
    "herr",
    "könig",
    "führer",
    "trainer",
    "direktor",
    "vorsitzender",
    "general",
    "senator",
    "kollege",
)
FEMALE_NAMES = frozenset(
    [
        "Angela",
        "Annalena",
        "Ursula",
        "Nancy",
        "Kamala",
        "Hillary",
        "Olena",
        "Giorgia",
        "Marine",
        "Theresa",
        "Liz",
        "Sahra",
        "Alice",
        "Ricarda",
        "Christine",
        "Svenja",
        "Saskia",
        "Manuela",
        "Claudia",
        "Franziska",
        "Julia",
        "Anna",
        "Maria",
        "Katharina",
        "Lisa",
        "Sarah",
        "Nicola",
        "Jacinda",
        "Sanna",
        "Kaja",
        "Roberta",
        "Mette",
        "Ellen",
        "Janet",
        "Marie",
        "Nadja",
        "Andrea",
        "Bärbel",
        "Malu",
        "Anke",
        "Katja",
        "Clara",
        "Nikki",
        "Karin",
        "Heidi",
        "Britta",
        "Natalie",
        "Sandra",
        "Kristina",
        "Yulia",
        "Julija",
        "Maria",
        "Emmanuelle",
        "Choe",
        "Kristalina",
        "Agnes",
        "Carola",
        "Silvia",
        "Lena",
        "Laura",
        "Sophie",
        "Elisabeth",
        "Margarete",
        "Irina",
        "Swetlana",
    ]
)
OPEN_TO_CLOSE = {"„": '“”"', "»": "«", "«": "»", "‚": "‘’", "“": "”", '"': '"'}
QUOTE_MARKS = set('„“”»«‚‘’"')
_OPENING = re.compile("[" + re.escape("".join(OPEN_TO_CLOSE)) + "]")
_CLOSING = {mark: re.compile("[" + re.escape(closers) + "]")
            for mark, closers in OPEN_TO_CLOSE.items()}
# A quote without a speech frame must be a statement (ends like a sentence, or is long), not a
# term or a title: „Mähr. Tagbl.“, „Zeitenwende“.
MIN_STATEMENT_WORDS, MIN_FRAMELESS_WORDS = 4, 8


@dataclass(frozen=True, slots=True)
class Speaker:
    start: int = -1
    end: int = -1
    name: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int
    kind: str
    verb: str
    speaker: Speaker
    sentence_id: int


def _weak_forms(stem: str, participle: str) -> set[str]:
    """Finite forms of a weak verb, with the e of "antwortet" after t/d stems."""
    e = "e" if stem.endswith(("t", "d")) or stem.endswith("chn") else ""
    forms = {stem + "e", stem + e + "st", stem + e + "t", stem + "en"}
    forms |= {stem + e + "te" + ending for ending in ("", "st", "n", "t")}
    if stem.endswith(("er", "el")):  # erinnern: erinnert, erinnern
        forms |= {stem + "n", stem + "st", stem + "t"}
        forms.discard(stem + "en")
    return forms | {participle}


def _strong_forms(infinitive: str, third: str, preterite: str, participle: str) -> set[str]:
    stem = infinitive[:-2]
    return {
        stem + "e",
        third[:-1] + "st",
        third,
        infinitive,
        preterite,
        preterite + "st",
        preterite + "en",
        preterite + "t",
        participle,
    }


@cache
def speech_verbs() -> dict[str, tuple[str, str]]:
    """Every finite form and participle of the speech verbs → (lemma, separable particle or "")."""
    table: dict[str, tuple[str, str]] = {}
    entries: list[tuple[str, set[str], str]] = []
    for verb in WEAK_VERBS:
        particle, _, base = verb.rpartition("|")
        stem = base[:-1] if base.endswith(("ern", "eln")) else base[:-2]
        plain = stem.endswith("ier") or base.startswith(UNSTRESSED_PREFIXES)
        participle = (stem if plain else "ge" + stem) + ("et" if stem.endswith(("t", "d")) else "t")
        entries.append((verb, _weak_forms(stem, participle), particle))
    for verb, (third, preterite, participle) in STRONG_VERBS.items():
        particle, _, base = verb.rpartition("|")
        entries.append((verb, _strong_forms(base, third, preterite, participle), particle))
    for verb, forms, particle in entries:
        lemma = verb.replace("|", "")
        for form in forms - NOT_VERBS:
            participle = form.startswith("ge") and form.endswith(("t", "en"))
            if particle and not participle:
                table.setdefault(form, (lemma, particle))
            table.setdefault(particle + form, (lemma, ""))
    return table


class _Article:
    """The words of one parsed text with its entity mentions, and the lookups the frames need."""

    def __init__(self, doc: Doc, entities: Iterable[tuple[int, int, str, str]]) -> None:
        self.text = doc.text
        self.words = doc.tokens
        self.sentence_ids = doc.token_sentences
        self.starts = [word.start for word in self.words]
        # word index → (last word index, label, canonical name) of the mention starting there
        self.mentions: dict[int, tuple[int, str, str]] = {}
        for start, end, label, entity in entities:
            first, last = self.index(start), self.index(end - 1, before=True)
            if 0 <= first <= last:
                self.mentions[first] = (last, label, entity)
        self.gender = self._genders()

    def index(self, offset: int, before: bool = False) -> int:
        """Word at or after character `offset` (at or before with `before`)."""
        if before:
            return bisect.bisect_right(self.starts, offset) - 1
        return bisect.bisect_left(self.starts, offset)

    def _genders(self) -> dict[str, str]:
        """Gender of each person from the role noun before a mention or a known first name."""
        gender: dict[str, str] = {}
        for first, (_, label, name) in self.mentions.items():
            if label != "PER":
                continue
            role = self.words[first - 1].text.lower() if first else ""
            if role.endswith(FEMALE_CUES) and role[:1].isalpha() and len(role) > 4:
                gender[name] = "f"
            elif role.endswith(MALE_CUES):
                gender.setdefault(name, "m")
            elif name.split()[0] in FEMALE_NAMES:
                gender.setdefault(name, "f")
        return gender

    def span_text(self, first: int, last: int) -> str:
        return self.text[self.words[first].start : self.words[last].end]

    def verb_at(self, i: int) -> tuple[str, str] | None:
        """(lemma, particle) when word i is a speech verb form in lower case."""
        word = self.text_at(i)
        found = speech_verbs().get(word) if word.islower() else None
        if found and found[0] == "heißen" and self.text_at(i + 1) != "es":
            return None
        return found

    def text_at(self, i: int) -> str:
        return self.words[i].text if 0 <= i < len(self.words) else ""

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= j < len(self.words) and self.sentence_ids[i] == self.sentence_ids[j]

    def clause_end(self, i: int) -> int:
        """Last word of the clause that word i is in."""
        while (
            self.same_sentence(i, i + 1) and self.text_at(i + 1) not in CLAUSE_BREAKS | QUOTE_MARKS
        ):
            i += 1
        return i

    def clause_start(self, i: int) -> int:
        while (
            self.same_sentence(i, i - 1) and self.text_at(i - 1) not in CLAUSE_BREAKS | QUOTE_MARKS
        ):
            i -= 1
        return i

    # Speakers -------------------------------------------------------------------------------

    def noun_phrase(self, i: int) -> int:
        """Last word of the noun phrase from word i: articles, adjectives, nouns, genitives."""
        last = i
        for j in range(i, min(i + 8, len(self.words))):
            word = self.text_at(j)
            if not self.same_sentence(i, j):
                break
            if j in self.mentions:
                last = self.mentions[j][0]
                continue
            if j <= last and j != i:
                continue
            if (
                word[:1].isupper()
                or word in ARTICLES
                or (
                    word.islower()
                    and word.endswith(("e", "en", "er", "es", "em"))
                    and self.text_at(j + 1)[:1].isupper()
                )
            ):
                last = j
            else:
                break
        while last > i and self.words[last].text in ARTICLES:
            last -= 1
        return last

    def entity_speaker(self, first: int, last: int) -> Speaker | None:
        """The head entity of a noun phrase: the first mention before any genitive (des, der)."""
        for j in range(first, last + 1):
            if j in self.mentions:
                end, _, name = self.mentions[j]
                return Speaker(self.words[j].start, self.words[end].end, name)
            if j > first and self.text_at(j) in {"des", "der", "von"}:
                return None
        return None

    def phrase_speaker(self, i: int) -> Speaker:
        last = self.noun_phrase(i)
        found = self.entity_speaker(i, last)
        if found:
            return found
        if self.text_at(last + 1) == "," and self.mentions.get(last + 2, ("", ""))[1] == "PER":
            return self.entity_speaker(last + 2, last + 2)  # "der Vorsitzende, Frank Überall,"
        phrase = Speaker(self.words[i].start, self.words[last].end, self.span_text(i, last))
        gender = ROLE_ARTICLES.get(self.text_at(i))
        if gender and self._role_gender(self.text_at(last)) == gender:
            person = self.person_before(i, gender, known=True)
            return Speaker(phrase.start, phrase.end, person) if person else phrase
        return phrase

    @staticmethod
    def _role_gender(noun: str) -> str:
        """ "Politikerin" → f, "Minister" → m, other nouns → ""."""
        noun = noun.lower()
        if noun.endswith(MALE_CUES):
            return "m"
        if noun.endswith("in") and noun[:-2].endswith((*MALE_CUES, "iker", "ler", "rer", "ter")):
            return "f"
        return ""

    def person_before(self, i: int, gender: str, known: bool = False) -> str:
        """The last person named before word i whose gender fits (is known to fit with `known`);
        of several people in that sentence the first, which is usually its subject."""
        sentence = self.sentence_ids[i]
        for back in range(sentence, max(sentence - 4, -1), -1):
            fitting = [
                name
                for first, (_, label, name) in sorted(self.mentions.items())
                if label == "PER"
                and first < i
                and self.sentence_ids[first] == back
                and self.gender.get(name, "" if known else gender) == gender
            ]
            if fitting:
                return fitting[0]
        return ""

    def pronoun_speaker(self, i: int) -> Speaker:
        """Resolve er/sie to the last person mentioned whose known gender fits."""
        word = self.words[i]
        return Speaker(
            word.start, word.end, self.person_before(i, PRONOUNS[word.text]) or word.text
        )

    def candidate(self, j: int) -> Speaker | None:
        word = self.text_at(j)
        if word in PRONOUNS:
            return self.pronoun_speaker(j)
        if j in self.mentions or word in NOMINATIVE_ARTICLES:
            return self.phrase_speaker(j)
        if (
            word[:1].isupper()
            and word.isalpha()
            and word.lower() not in PREPOSITIONS | NOT_SUBJECTS
        ):
            return self.phrase_speaker(j)
        return None

    def speaker_after(self, verb: int) -> Speaker:
        """Subject after the verb: "sagte Kremlsprecher Dmitri Peskow gegenüber Reportern"."""
        j, end = verb + 1, self.clause_end(verb)
        while j <= end:
            word = self.text_at(j)
            if word.lower() in PREPOSITIONS:  # skip "am Montag", "gegenüber Reportern"
                j += 1
                while j <= end and not self.text_at(j)[:1].isupper():
                    j += 1
                j = self.mentions.get(j, (j,))[0] + 1
                continue
            found = self.candidate(j) if word not in {"dem", "den", "einem", "einen"} else None
            if found:
                return found
            j += 1
        return Speaker()

    def speaker_before(self, verb: int) -> Speaker:
        """Subject in front of the verb ("Lawrow sagte"), else after it ("Am Montag sagte er")."""
        first = self.clause_start(verb)
        if self.text_at(first) in RELATIVES and self.text_at(first - 1) == ",":
            return self.speaker_before_comma(first - 1)
        candidates: list[Speaker] = []
        j = first
        while j < verb:
            if self.text_at(j).lower() in PREPOSITIONS:
                j = self.mentions.get(j + 1, (j,))[0] + 1
                continue
            found = self.candidate(j)
            if found:
                candidates.append(found)
                j = self.index(found.end, before=True) + 1 if found.end > 0 else j + 1
                continue
            j += 1
        named = [c for c in candidates if self.index(c.start) in self.mentions]
        if named:  # "Bayerns Ministerpräsident Markus Söder": the person, not the genitive place
            return min(
                named, key=lambda c: LABEL_RANK.get(self.mentions[self.index(c.start)][1], 2)
            )
        if candidates:
            return candidates[0]
        return self.speaker_after(verb)

    def speaker_before_comma(self, comma: int) -> Speaker:
        """Antecedent of a relative clause: "Putin, der sagt, …" → Putin."""
        for j in range(comma - 1, max(comma - 6, -1), -1):
            for first, (last, _, name) in self.mentions.items():
                if last == j:
                    return Speaker(self.words[first].start, self.words[last].end, name)
        return Speaker()


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) offsets; an unclosed quote ends with its paragraph."""
    spans: list[tuple[int, int]] = []
    found = _OPENING.search(text)
    while found is not None:
        i = found.start()
        mark = text[i]
        if mark == "‚" and not text[i + 1 : i + 2].isalpha():
            found = _OPENING.search(text, i + 1)
            continue
        paragraph_end = text.find("\n\n", i)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        close = paragraph_end
        for closer in _CLOSING[mark].finditer(text, i + 1, paragraph_end):
            j = closer.start()
            if not (text[j] == "’" and text[j + 1 : j + 2].isalpha()):  # an apostrophe: geht’s
                close = j
                break
        spans.append((i, close))
        found = _OPENING.search(text, close + 1)
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and the punctuation that closes the quoted words."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_MARKS):
        start += 1
    while end > start and (
        text[end - 1].isspace() or text[end - 1] in ",;:–—" or text[end - 1] in QUOTE_MARKS
    ):
        end -= 1
    return start, end


class _Finder:
    """Finds the quotes of one article, direct first, then indirect speech around them."""

    def __init__(self, article: _Article) -> None:
        self.a = article
        self.quotes: list[Quote] = []
        self.used: set[int] = set()  # words inside quotes or frames

    def add(self, first: int, last: int, kind: str, verb: str, speaker: Speaker) -> None:
        a = self.a
        if kind == "indirect" and a.text_at(last) in SENTENCE_ENDS:
            last -= 1  # the reporting sentence's full stop; direct quotes keep their own
        start, end = _strip(a.text, a.words[first].start, a.words[last].end)
        if start >= end or (
            any(i in self.used for i in range(first, last + 1)) and kind != "direct"
        ):
            return
        self.quotes.append(Quote(start, end, kind, verb, speaker, a.sentence_ids[first]))
        self.used.update(range(first, last + 1))

    def verb_text(self, verb: int, found: tuple[str, str]) -> str:
        """The verb as written, with its separated particle: "teilte mit"."""
        word = self.a.text_at(verb)
        return f"{word} {found[1]}" if found[1] else word

    def has_particle(self, verb: int, found: tuple[str, str]) -> bool:
        end = self.a.clause_end(verb)
        return not found[1] or any(self.a.text_at(j) == found[1] for j in range(verb + 1, end + 1))

    def speech_verb(self, i: int) -> tuple[str, str] | None:
        found = self.a.verb_at(i)
        return found if found and self.has_particle(i, found) else None

    # Direct speech --------------------------------------------------------------------------

    def frame_after(self, close: int) -> tuple[str, Speaker, int] | None:
        """ ", sagte Choe." or ", so Scholz." right after the closing mark."""
        a = self.a
        j = close + 1
        if a.text_at(j) == ",":
            j += 1
        found = self.speech_verb(j)
        if found:
            return self.verb_text(j, found), a.speaker_after(j), a.clause_end(j)
        speaker = self.so_speaker(j) if a.text_at(j - 1) == "," and a.text_at(j) == "so" else None
        if speaker:
            return "so", speaker, a.clause_end(j)
        return None

    def frame_before(self, open_: int) -> tuple[str, Speaker, int] | None:
        """ "Choe sagte: „…“", "Scholz: „…“" or "sagte er, „…“" before the opening mark."""
        a = self.a
        mark = a.text_at(open_ - 1)
        if mark not in {":", ","} or not a.same_sentence(open_, open_ - 1):
            return None
        first = a.clause_start(open_ - 2)
        verbs = [j for j in range(first, open_ - 1) if self.speech_verb(j)]
        if verbs:
            verb = verbs[-1]
            coordinated = a.text_at(verb - 1) in COORDINATORS
            speaker = self.last_speaker(verb) if coordinated else a.speaker_before(verb)
            return self.verb_text(verb, self.speech_verb(verb)), speaker, open_ - 1
        if mark == ":" and first in a.mentions and a.mentions[first][0] == open_ - 2:
            return "", a.phrase_speaker(first), open_ - 1  # "Scholz: „…“"
        return None

    def last_speaker(self, before: int) -> Speaker:
        """Speaker of the latest quote before word `before`: "Lawrow sagte, … und warnte, …"."""
        offset = self.a.words[before].start
        earlier = [q for q in self.quotes if q.start < offset]
        return max(earlier, key=lambda q: q.start).speaker if earlier else Speaker()

    def direct(self) -> None:
        a = self.a
        for open_at, close_at in _quote_spans(a.text):
            first, last = a.index(open_at + 1), a.index(close_at - 1, before=True)
            if first > last:
                continue
            open_, close = first - 1, last + 1
            words = sum(1 for i in range(first, last + 1) if a.text_at(i)[:1].isalnum())
            frame = self.frame_after(close) or self.frame_before(open_)
            if frame is None:
                statement = a.text_at(last) in SENTENCE_ENDS or words >= MIN_FRAMELESS_WORDS
                if words < MIN_STATEMENT_WORDS or not statement:
                    continue
                verb, speaker, frame_end = "", self.recent_speaker(first), close
            else:
                verb, speaker, frame_end = frame
            self.add(first, last, "direct", verb, speaker)
            self.used.update(range(open_, max(close, frame_end) + 1))
            # Verbs in the frame or the quote belong to this quote, not to indirect speech.
            self.used.update(
                range(a.clause_start(open_ - 2) if a.text_at(open_ - 1) == ":" else open_, open_)
            )

    def recent_speaker(self, first: int) -> Speaker:
        """A frameless quote continues the previous quote's speaker (interrupted or next quote)."""
        sentence = self.a.sentence_ids[first]
        if self.quotes and sentence - self.quotes[-1].sentence_id <= 3:
            return self.quotes[-1].speaker
        return Speaker()

    # Indirect speech ------------------------------------------------------------------------

    def complement_end(self, first: int, relative: bool) -> int:
        """Last word of reported speech from `first`: to the sentence end, cut where a new main
        clause starts (", und die beiden … diskutierten"), at a coordinated speech verb
        ("und warnte"), or, after a relative clause ("Putin, der sagt, …,"), at its comma."""
        a = self.a
        j = first
        while a.same_sentence(first, j + 1) and a.text_at(j + 1) not in {";", ":"} | SENTENCE_ENDS:
            following = a.text_at(j + 2)
            if a.text_at(j + 1) in COORDINATORS and self.speech_verb(j + 2):
                break
            if a.text_at(j + 1) == ",":
                if relative and following.lower() not in COMPLEMENTISERS | {"und"}:
                    break
                if following in COORDINATORS and not self.reported(j + 3):
                    break
                if self.speech_verb(j + 2) or (following == "so" and a.candidate(j + 3)):
                    break
            j += 1
        return j

    def reported(self, i: int) -> bool:
        """Whether the clause from word i is reported: starts with dass/ob or has a subjunctive."""
        a = self.a
        if a.text_at(i).lower() in COMPLEMENTISERS:
            return True
        return any(a.text_at(j) in SUBJUNCTIVES for j in range(i, a.clause_end(i) + 1))

    def indirect(self) -> None:
        a = self.a
        for i in range(len(a.words)):
            if i in self.used:
                continue
            found = self.speech_verb(i)
            if found:
                self.after_verb(i, found)
            elif a.text_at(i).lower() == "laut" and (
                a.text_at(i + 1)[:1].isupper() or a.text_at(i + 1) in ARTICLES
            ):
                self.attributed(i, a.noun_phrase(i + 1), "laut", a.phrase_speaker(i + 1))
            elif a.text_at(i) == "so" and a.text_at(i - 1) == "," and self.so_speaker(i):
                first = a.clause_start(i - 2)
                self.add(first, i - 2, "indirect", "so", self.so_speaker(i))
            elif a.text_at(i) == "zufolge":
                first = a.clause_start(i)
                if first < i:
                    self.attributed(first, i, "zufolge", a.phrase_speaker(first))
        self.continuations()

    def after_verb(self, verb: int, found: tuple[str, str]) -> None:
        """ "X sagte, …", "X teilte mit, dass …", else "…, sagte X." without quote marks."""
        a = self.a
        text = self.verb_text(verb, found)
        comma = a.clause_end(verb) + 1
        start = comma + 1
        if (
            a.text_at(comma) in {",", ":"}
            and comma - verb <= 8
            and a.same_sentence(verb, start)
            and a.text_at(start).lower() not in NOT_COMPLEMENTS
            and a.text_at(start) not in QUOTE_MARKS
        ):
            relative = a.text_at(a.clause_start(verb)) in RELATIVES
            coordinated = a.text_at(verb - 1) in COORDINATORS
            speaker = self.last_speaker(verb) if coordinated else a.speaker_before(verb)
            if a.text_at(start).lower() in {"dass", "daß"}:
                start += 1
            self.add(start, self.complement_end(start, relative), "indirect", text, speaker)
            return
        if a.text_at(verb - 1) != "," or not a.same_sentence(verb, verb - 1):
            return
        first = a.clause_start(verb - 2)
        if (
            first <= verb - 2
            and a.text_at(first - 1) not in QUOTE_MARKS
            and a.text_at(first).lower() not in NOT_COMPLEMENTS | SUBORDINATORS
        ):
            self.add(first, verb - 2, "indirect", text, a.speaker_after(verb))
            self.used.update(range(verb, a.clause_end(verb) + 1))

    def so_speaker(self, i: int) -> Speaker | None:
        """Speaker of a closing "…, so Lindner." (the phrase must end the sentence)."""
        speaker = self.a.candidate(i + 1)
        if speaker is None or speaker.end < 0:
            return None
        after = self.a.index(speaker.end)
        return (
            speaker
            if not self.a.same_sentence(i, after) or self.a.text_at(after) in SENTENCE_ENDS
            else None
        )

    def attributed(self, first: int, last: int, verb: str, speaker: Speaker) -> None:
        """ "Laut X ist …" / "Dem Bericht zufolge …": the rest of the sentence is attributed."""
        a = self.a
        sentence_first = a.clause_start(first) if first else 0
        while a.same_sentence(first, sentence_first - 1):
            sentence_first -= 1
        sentence_last = last
        while a.same_sentence(last, sentence_last + 1):
            sentence_last += 1
        if sentence_first == first:  # phrase opens the sentence
            start, end = last + 1, sentence_last
            if a.text_at(start) == ",":
                start += 1
        else:
            start, end = sentence_first, sentence_last
        if end - start >= 2:
            self.add(start, end, "indirect", verb, speaker)
            self.used.update(range(first, last + 1))

    def continuations(self) -> None:
        """Subjunctive sentences right after a quote continue it: "Die Lage sei ernst.\""""
        a = self.a
        by_sentence = {q.sentence_id: q for q in sorted(self.quotes, key=lambda q: q.start)}
        sentences: dict[int, list[int]] = {}
        for i, sentence_id in enumerate(a.sentence_ids):
            sentences.setdefault(sentence_id, []).append(i)
        for sentence_id, indices in sorted(sentences.items()):
            previous = by_sentence.get(sentence_id - 1)
            if previous is None or sentence_id in by_sentence or previous.speaker.end < 0:
                continue
            if any(i in self.used for i in indices) or any(
                a.text_at(i) in QUOTE_MARKS for i in indices
            ):
                continue
            if any(a.text_at(i) in SUBJUNCTIVES for i in indices):
                self.add(indices[0], indices[-1], "indirect", "", previous.speaker)
                by_sentence[sentence_id] = self.quotes[-1]


def quote_rows(doc: Doc, mentions: Iterable[tuple[int, int, str, str]]) -> list[tuple]:
    """The quotes of a parsed article as rows in COLUMNS order, by start.

    `mentions` are the article's named mentions as (start, end, label, entity): they name
    speakers. speaker_start/speaker_end locate the speaker mention (-1 when none was found).
    """
    finder = _Finder(_Article(doc, mentions))
    finder.direct()
    finder.indirect()
    text = doc.text
    return [
        (q.start, q.end, text[q.start : q.end], q.kind, q.verb, q.speaker.start, q.speaker.end,
         q.speaker.name, q.sentence_id)
        for q in sorted(finder.quotes, key=lambda q: q.start)
    ]


def extract_quotes(text: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Direct and indirect quotes of one article with verb and speaker, one row per quote.

    `entities` is the article's `extract_entities` frame (computed when None): it names speakers.
    speaker_start/speaker_end locate the speaker mention (-1 when none was found).
    """
    if entities is None:
        entities = extract_entities(text)
    mentions = zip(entities["start"], entities["end"], entities["label"], entities["entity"],
                   strict=True)
    return pd.DataFrame(quote_rows(Doc.parse(text), mentions), columns=COLUMNS)


def quotes(documents: pd.DataFrame) -> pd.DataFrame:
    """Quotes of every document (columns doc_id, text), with doc_id first."""
    frames = [
        extract_quotes(text).assign(doc_id=doc_id)
        for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True)
    ]
    if not frames:
        return pd.DataFrame(columns=DOCUMENT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[DOCUMENT_COLUMNS]
