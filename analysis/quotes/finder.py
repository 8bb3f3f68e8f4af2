"""The quotes of one article: direct speech between quote marks with the frame around it
(", sagte X", "X sagte: „…“"), then indirect speech ("X erklärte, dass …", "…, so X", "laut X",
"… zufolge") and the subjunctive sentences that continue a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.quotes.article import Speaker, _Article
from analysis.quotes.lexicon import (
    ARTICLES,
    COMPLEMENTISERS,
    COORDINATORS,
    NOT_COMPLEMENTS,
    OPEN_TO_CLOSE,
    QUOTE_MARKS,
    RELATIVES,
    SENTENCE_ENDS,
    SUBJUNCTIVES,
    SUBORDINATORS,
    speech_verbs,
)

_OPENING = re.compile("[" + re.escape("".join(OPEN_TO_CLOSE)) + "]")
_CLOSING = {mark: re.compile("[" + re.escape(closers) + "]")
            for mark, closers in OPEN_TO_CLOSE.items()}
# A quote without a speech frame must be a statement (ends like a sentence, or is long), not a
# term or a title: „Mähr. Tagbl.“, „Zeitenwende“.
MIN_STATEMENT_WORDS, MIN_FRAMELESS_WORDS = 4, 8
# "„…“ – das sagte X": a dash and a pronoun standing for the quote before the speech verb.
DASHES, QUOTE_PRONOUNS = frozenset("-–—"), frozenset({"das", "dies"})


@dataclass(frozen=True, slots=True)
class Quote:
    """One quote: its span, direct or indirect, the verb as written, who said it, where."""

    start: int
    end: int
    kind: str
    verb: str
    speaker: Speaker
    sentence_id: int


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
        self.frameless: set[int] = set()  # starts of direct quotes with no speaker of their own

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
        if a.text_at(j) in DASHES and a.text_at(j + 1).lower() in QUOTE_PRONOUNS:
            found = self.speech_verb(j + 2)  # "– das sagte Squinzi"
            if found:
                return self.verb_text(j + 2, found), a.speaker_after(j + 2), a.clause_end(j + 2)
        return None

    def sentence_verb(self, open_: int) -> tuple[str, Speaker] | None:
        """A quote inside reported speech ("Keller sagte, die Pläne läsen sich „wie …“") is said
        by the subject of the speech verb before it in the same sentence."""
        a = self.a
        j = open_ - 1
        while a.same_sentence(open_, j) and j not in self.used:
            found = self.speech_verb(j)
            if found:
                coordinated = a.text_at(j - 1) in COORDINATORS
                speaker = self.last_speaker(j) if coordinated else a.speaker_before(j)
                return self.verb_text(j, found), speaker
            j -= 1
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
                # Without a verb before it in its sentence, the speaker is settled once
                # indirect speech is known too (`settle_frameless`).
                verb, speaker = self.sentence_verb(open_) or ("", None)
                frame_end = close
            else:
                verb, speaker, frame_end = frame
            count = len(self.quotes)
            self.add(first, last, "direct", verb, speaker or Speaker())
            if speaker is None and len(self.quotes) > count:
                self.frameless.add(self.quotes[-1].start)
            self.used.update(range(open_, max(close, frame_end) + 1))
            # Verbs in the frame or the quote belong to this quote, not to indirect speech.
            self.used.update(
                range(a.clause_start(open_ - 2) if a.text_at(open_ - 1) == ":" else open_, open_)
            )

    def settle_frameless(self) -> None:
        """A quote without a frame continues the nearest quote before it, direct or indirect
        ("…, so Zimmermann. „Wie immer sie es anstellen …“"), if that is at most three sentences
        back; else its speaker is unknown."""
        settled: list[Quote] = []
        for quote in sorted(self.quotes, key=lambda q: q.start):
            if quote.start in self.frameless:
                before = settled[-1] if settled else None
                near = before is not None and quote.sentence_id - before.sentence_id <= 3
                quote = replace(quote, speaker=before.speaker if near else Speaker())
            settled.append(quote)
        self.quotes = settled

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
            if a.text_at(j + 1) in QUOTE_MARKS and j + 2 in self.used:
                break  # a direct quote goes on the reported clause: „wie der Wunschzettel …“
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
        verbs = speech_verbs()
        # Only these words can frame indirect speech; skipping the rest keeps the pass linear
        # in the frames, not in the words.
        cues = [i for i, word in enumerate(a.words)
                if word.text in verbs or word.text in ("so", "zufolge")
                or word.text.lower() == "laut"]
        for i in cues:
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
            elif a.text_at(i) == "so" and a.text_at(i - 1) == ",":
                self.so_aside(i)
            elif a.text_at(i) == "zufolge":
                first = a.clause_start(i)
                if first < i:
                    self.attributed(first, i, "zufolge", a.phrase_speaker(first))
        self.settle_frameless()
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

    def so_aside(self, i: int) -> None:
        """ "Deshalb, so Zimmermann, können wir …": a named speaker between commas inside the
        sentence; the whole sentence is what he said."""
        a = self.a
        speaker = a.candidate(i + 1)
        if speaker is None or not speaker.name:
            return
        after = a.index(speaker.end)
        if a.text_at(after) != "," or not a.same_sentence(i, after):
            return
        first, last = i, after
        while a.same_sentence(i, first - 1) and a.text_at(first - 1) not in QUOTE_MARKS:
            first -= 1
        while a.same_sentence(i, last + 1) and a.text_at(last + 1) not in QUOTE_MARKS:
            last += 1
        if a.text_at(last) in SENTENCE_ENDS:
            last -= 1
        if first < i - 1 and last > after + 2:
            self.add(first, last, "indirect", "so", speaker)
            self.used.update(range(i, after + 1))

    def attributed(self, first: int, last: int, verb: str, speaker: Speaker) -> None:
        """ "Laut X ist …" / "Dem Bericht zufolge …": the rest of the sentence is attributed."""
        a = self.a
        sentence_first = a.clause_start(first) if first else 0
        while a.same_sentence(first, sentence_first - 1):
            sentence_first -= 1
        while sentence_first < first and a.text_at(sentence_first) in QUOTE_MARKS:
            sentence_first += 1  # the closing mark of a quote before, split off with this sentence
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

