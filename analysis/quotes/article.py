"""One parsed article as the speech frames see it: its words with their entity mentions, the
clause and noun-phrase lookups, and who speaks: a named mention, a pronoun or role resolved to the
last fitting person ("sagte er", "so der Bürgermeister"), or a phrase that reads as a name. Anything
else (a determiner, quantifier, time expression or common noun: "der", "Manche", "Ende Dezember",
"Büro") names nobody, so the speaker is unknown (""): a reader is better served by no name than
by a wrong one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.document import Doc
from analysis.entities import names
from analysis.entities.words import ORG_ENDINGS, role_key
from analysis.quotes.lexicon import (
    ARTICLES,
    CLAUSE_BREAKS,
    FEMALE_CUES,
    FEMALE_NAMES,
    MALE_CUES,
    NOMINATIVE_ARTICLES,
    NOT_SPEAKERS,
    NOT_SUBJECTS,
    PREPOSITIONS,
    PRONOUNS,
    QUOTE_MARKS,
    RELATIVES,
    ROLE_ARTICLES,
    TIME_WORDS,
    speech_verbs,
)

# Of several named subjects before a verb, a person speaks rather than an organisation or place.
LABEL_RANK = {"PER": 0, "ORG": 1}
# Mentions that can speak: people, organisations, and places standing for their government
# ("Moskau erklärt"); a work or event (MISC) says nothing.
SPEAKER_LABELS = frozenset({"PER", "ORG", "LOC"})
# Words that attach an organisation to a role: "ein Sprecher des Ministeriums", "von Siemens".
GENITIVES = frozenset({"des", "der", "von", "vom"})
NO_NAMES = NOT_SPEAKERS | TIME_WORDS


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said a quote: the span of the mention or phrase and the name (-1, -1, "" if none)."""

    start: int = -1
    end: int = -1
    name: str = ""


class _Article:
    """The words of one parsed text with its entity mentions, and the lookups the frames need."""

    def __init__(self, doc: Doc, entities: Iterable[tuple[int, int, str, str]]) -> None:
        self.text = doc.text
        self.words = doc.tokens
        self.sentence_ids = doc.token_sentences
        self.starts = [word.start for word in self.words]
        # word index → (last word index, label, canonical name) of the mention starting there
        self.mentions: dict[int, tuple[int, str, str]] = {}
        # Words only the front of which is a mention: "EU-Diplomaten", "SPD-Chef".
        self.modifiers: set[int] = set()
        for start, end, label, entity in entities:
            first, last = self.index(start), self.index(end - 1, before=True)
            if 0 <= first <= last:
                self.mentions[first] = (last, label, entity)
                if first == last and end < self.words[last].end:
                    self.modifiers.add(first)
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
                    and names.lexicon().get(word) != "V"  # "EU-Diplomaten unterstützen Frankreich"
                    and word not in speech_verbs()
                )
            ):
                last = j
            else:
                break
        while last > i and self.words[last].text in ARTICLES:
            last -= 1
        return last

    def entity_speaker(self, first: int, last: int) -> Speaker | None:
        """The head entity of a noun phrase: the first mention before any genitive (des, der);
        a mention that cannot speak (a work, an event) is where the speaker is, unnamed."""
        for j in range(first, last + 1):
            if j in self.modifiers:  # the compound's head decides: "EU-Kommission" speaks,
                if self.organisation(j):  # "EU-Diplomaten" are nobody in particular
                    return Speaker(self.words[j].start, self.words[j].end, self.organisation(j))
                continue
            if j in self.mentions:
                end, label, name = self.mentions[j]
                name = name if label in SPEAKER_LABELS else ""
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
        start, end = self.words[i].start, self.words[last].end
        gender = ROLE_ARTICLES.get(self.text_at(i))
        holder = self.role_holder(i, last) if gender else ""
        if holder:  # "so der Bürgermeister" after "Bürgermeister Hans Meier"
            return Speaker(start, end, holder)
        if gender and self._role_gender(self.text_at(last)) == gender:
            # "der Bürgermeister": the last man named, else unknown.
            return Speaker(start, end, self.person_before(i, gender, known=True))
        head = i
        while head < last and self.text_at(head).lower() in NOT_SPEAKERS:
            head += 1
        organisation = self.organisation(head)
        if organisation and (head == last or self.text_at(head + 1) in GENITIVES | {"für"}):
            return Speaker(start, end, organisation)  # "das Bundesinnenministerium"
        found = self.spokesperson(i, last)
        if found:
            return found
        # Where the speaker is, named only when the phrase reads as a name.
        return Speaker(start, end, self.span_text(i, last) if self.is_name(i, last) else "")

    @staticmethod
    def _role(word: str) -> str:
        """A role noun in one form for both genders and cases: Ministerin, Ministers → minister."""
        return role_key(word) or word.lower()

    def role_holder(self, i: int, last: int) -> str:
        """The nearest person before word i named with the role that ends the phrase i..last:
        "Bürgermeister Hans Meier …, so der Bürgermeister", "Günther Seidner, Geschäftsführer
        des Milchhofs, … der Geschäftsführer"; "" if nobody was."""
        head = self.text_at(last)
        if not head[:1].isupper() or last in self.mentions:
            return ""
        wanted = self._role(head)
        for first, (end, label, name) in sorted(self.mentions.items(), reverse=True):
            if label != "PER" or first >= i:
                continue
            titles = [self.text_at(first - 1)]
            if self.text_at(end + 1) == ",":  # apposition: ", (der) Geschäftsführer des …"
                after = end + 3 if self.text_at(end + 2) in ARTICLES else end + 2
                titles.append(self.text_at(after))
            if any(title[:1].isupper() and self._role(title) == wanted for title in titles):
                return name
        return ""

    def organisation(self, j: int) -> str:
        """Word j as an organisation, "" if it is none: a compound ending in an organisation
        word (Bundesinnenministerium, Landesregierung, in the genitive too). The bare word
        ("die Regierung", "die Polizei") is no name: which one is meant, the article must say."""
        word = self.text_at(j)
        if not word[:1].isupper():
            return ""
        stem = names.genitive_stem(word) if word.endswith("s") else None
        for form in (word, stem):
            lower = form.lower() if form else ""
            if any(lower.endswith(ending) and len(lower) > len(ending) + 2
                   for ending in ORG_ENDINGS):
                return form or ""
        return ""

    def spokesperson(self, first: int, last: int) -> Speaker | None:
        """A role of an organisation speaks for it: "ein Sprecher des Innenministeriums",
        "ein Sprecher von Siemens" → the organisation."""
        for j in range(first + 1, last + 1):
            if self.text_at(j) not in GENITIVES:
                continue
            if not any(self._role_gender(self.text_at(k)) for k in range(first, j)):
                return None
            for k in range(j + 1, last + 1):
                if k in self.mentions:
                    end, label, name = self.mentions[k]
                    if label != "ORG":
                        return None
                    return Speaker(self.words[k].start, self.words[end].end, name)
                if self.organisation(k):
                    return Speaker(self.words[k].start, self.words[k].end, self.organisation(k))
            return None
        return None

    def is_name(self, first: int, last: int) -> bool:
        """Whether words no mention covers still read as a name: capitalised, none a determiner,
        quantifier or time word, none a word of another class in the lexicon (noun, pronoun,
        adjective: "Büro", "Manche", "Wochenende"), and one a known name ("Tarantino"). An
        unknown word ("Pickerl") is no evidence of a name, so it stays unknown."""
        lexicon, lists = names.lexicon(), names.name_lists()
        known = False
        for j in range(first, last + 1):
            word = self.text_at(j)
            if not word[:1].isupper() or word.lower() in NO_NAMES:
                return False
            if any(lexicon.get(form, "NE") != "NE" for form in (word, word.lower())):
                return False
            known = known or lexicon.get(word) == "NE" or word in lists["fn"] or word in lists["ln"]
        return known

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
        """Resolve er/sie to the last person mentioned whose known gender fits, else unknown."""
        word = self.words[i]
        return Speaker(word.start, word.end, self.person_before(i, PRONOUNS[word.text]))

    def candidate(self, j: int) -> Speaker | None:
        """The speaker phrase starting at word j, or None if no subject starts there."""
        word = self.text_at(j)
        if word in PRONOUNS:
            return self.pronoun_speaker(j)
        if j not in self.mentions and word.lower() in TIME_WORDS:
            return None  # "Ende Dezember sagte er": a time, not the subject
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
                # The whole phrase it opens: "in den USA" is no subject.
                j = min(self.noun_phrase(j + 1), verb - 1) + 1 if j + 1 < verb else j + 1
                continue
            found = self.candidate(j)
            if found:
                candidates.append(found)
                j = self.index(found.end, before=True) + 1 if found.end > 0 else j + 1
                continue
            j += 1
        named = [c for c in candidates if c.name and self.index(c.start) in self.mentions]
        if named:  # "Bayerns Ministerpräsident Markus Söder": the person, not the genitive place
            return min(
                named, key=lambda c: LABEL_RANK.get(self.mentions[self.index(c.start)][1], 2)
            )
        if candidates:  # a resolved pronoun or role before an unknown phrase
            return next((c for c in candidates if c.name), candidates[0])
        return self.speaker_after(verb)

    def speaker_before_comma(self, comma: int) -> Speaker:
        """Antecedent of a relative clause: "Putin, der sagt, …" → Putin."""
        for j in range(comma - 1, max(comma - 6, -1), -1):
            for first, (last, _, name) in self.mentions.items():
                if last == j:
                    return Speaker(self.words[first].start, self.words[last].end, name)
        return Speaker()

