"""The rules: what a plain sum of lexicon weights gets wrong, and the tone they give alone.

A text is cut into words and clause marks; each word a lexicon (or the project's news weights)
scores gets its weight after negation (before it, "nicht" after the verb, "alles andere als"),
intensifiers and downtoners, shifters ("das Problem gelöst"), quotes and contrast ("aber": the
clause after it is the point); two words naming an event count once ("trat … zurück"), and the
polar nouns of an agenda ("wird im Ausschuss beraten") not at all. For a target the clause it
stands in counts fully (alone when the clauses clearly disagree), its own words not at all, and
a verb of praise, blame, winning or losing by whether the target does it or has it done to it.
The sums of these weights are the parts of every tone, and the tone itself where the rules see
clear wording (see analysis.sentiment.scoring.combine). The word lists lie in
analysis/data/sentiment/ (see its README).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from analysis import wordlists
from analysis.sentiment.lexicon import DATA_DIR, news_weight, word_weights

LABELS = ("negative", "neutral", "positive")
NEUTRAL_BAND = 0.1  # |polarity| below this is neutral: most news sentences report, not judge
RULE_SMOOTHING = 0.5  # weight sums this small stay near 0: a lone weak lexicon word is not a tone

TOKEN = re.compile(
    r"(?P<word>\d+(?:[.,:]\d+)+|\w+(?:[-'’]\w+)*)|(?P<quote>[„“”»«\"])|(?P<stop>[.!?]+)|(?P<comma>[,;:–—()\[\]{}])"
)


def _rows(name: str) -> list[list[str]]:
    return wordlists.rows(DATA_DIR / name)


CLAUSE_WORDS = frozenset(word for word, starts, _ in _rows("clause_words.tsv")
                         if starts == "always")
# "aber", "zwar": a new clause only as the first word after a comma or the sentence's start
CLAUSE_OPENERS = frozenset(word for word, starts, _ in _rows("clause_words.tsv")
                           if starts == "after_mark")
# "während", "wohingegen": two parts set against each other
SETTING_APART = frozenset(word for word, _, contrast in _rows("clause_words.tsv")
                          if contrast == "yes")


def _phrase_words() -> dict[str, frozenset[str]]:
    """"trotz …", "im Gegensatz zu …": word -> the words that must follow it ("-": none)."""
    table: dict[str, set[str]] = {}
    for word, then in _rows("phrase_words.tsv"):
        table.setdefault(word, set()).add(then)
    return {word: frozenset(then) for word, then in table.items()}


# a phrase of its own tone inside a clause (see _mark_phrases)
PHRASE_WORDS = _phrase_words()
PHRASE_GLUE = frozenset(word for (word,) in _rows("phrase_glue.tsv"))
PHRASE_CLAUSE = 1000  # clause numbers of such phrases start here, apart from the sentence's
CONTRAST_WORDS = frozenset(word for (word,) in _rows("contrast_words.tsv"))
NEGATORS = frozenset(word for word, _ in _rows("negators.tsv") if " " not in word)
# "alles andere als": a negator of several words, found at its last word
NEGATOR_PHRASES = tuple(tuple(word.split()) for word, _ in _rows("negators.tsv") if " " in word)
# "Das gefällt mir nicht": these also turn the polar word before them, after the verb
POST_NEGATORS = frozenset(word for word, after in _rows("negators.tsv") if after == "yes")
# "kümmert sich nicht": a pronoun between a verb and the negator that turns it
VERB_PRONOUNS = frozenset(word for (word,) in _rows("verb_pronouns.tsv"))
# factor on the next polar word; kaum and wenig both weaken and turn ("kaum Hoffnung")
MODIFIERS = {word: float(factor) for word, factor in _rows("modifiers.tsv") if " " not in word}
# "ein wenig" weakens where "wenig" alone turns: phrase (found at its last word) -> factor
MODIFIER_PHRASES = {tuple(word.split()): float(factor) for word, factor in _rows("modifiers.tsv")
                    if " " in word}
# "das Problem gelöst" turns the negative words before it in its clause, "die Pünktlichkeit
# verschlechtert" the positive ones: word -> the sign of the weights it turns
SHIFTERS = {word: -1 if turns == "negative" else 1 for word, turns in _rows("shifters.tsv")}
EXCESS_WORDS = frozenset(word for (word,) in _rows("excess_words.tsv"))
TOPIC_WORDS = frozenset(word for (word,) in _rows("topic_words.tsv"))


def _collocations() -> dict[str, list[tuple[str, float, float]]]:
    """"streicht … Arbeitsplätze": first word -> (the second word, the pair's weight for the one
    it happens to, and for the one who does it)."""
    table: dict[str, list[tuple[str, float, float]]] = {}
    for first, second, weight, doer in _rows("collocations.tsv"):
        table.setdefault(first, []).append((second, float(weight), float(doer)))
    return table


COLLOCATIONS = _collocations()
# "lobte", "besiegte": word -> (tone for the one who does it, tone for the one it is done to)
ROLE_VERBS = {word: (float(subject), float(done_to))
              for word, subject, done_to in _rows("role_verbs.tsv")}
PASSIVE = frozenset({"wurde", "wurden", "wird", "werden", "worden"})
AGENT = frozenset({"von", "vom", "durch"})
SENTIWS_UNWEIGHED = 0.01  # half of SentiWS's word forms weigh ±0.004: listed, but unweighed
UNWEIGHED_SHAPED = 0.2  # their weight where negated or modified (chosen on dev and GerNTSA CV)
SCOPE_WINDOW = 4  # tokens a negator or modifier reaches
CONTRAST_BEFORE = 0.5  # what precedes "aber" counts half: the clause after it is the point
QUOTED = 0.75  # quoted or reported words are the speaker's tone, weaker evidence for the text's
OTHER_CLAUSE = 0.25  # for a target: words in other clauses count a quarter
CLEAR_CLAUSE = 0.3  # summed weight from which a clause clearly speaks in one tone
TEXTBLOB_SCALE = 0.3  # textblob-de's ±0.7/±1 brought to SentiWS's range (gut: 0.37)


@dataclass(frozen=True, slots=True)
class Tone:
    """The tone of a text, in parts.

    positive and negative are the summed lexicon weights of the positive and negative words after
    negation and modifiers (both ≥ 0); words is how many words the lexicons scored; coverage is
    their share of all words. label and polarity (P(positive) − P(negative)) are the model's,
    unless the rules see clear evaluative wording (see combine); then they are the rules'.
    """

    label: str
    polarity: float
    positive: float
    negative: float
    words: int
    coverage: float


class Token(NamedTuple):
    """A word or clause mark (text lower-cased), its clause number and whether it is quoted."""

    text: str
    start: int
    end: int
    kind: str  # word, quote, stop or comma
    clause: int
    quoted: bool


class Roles(NamedTuple):
    """What a verb of praise, blame, winning or losing (or a pair such as "warf … vor") gives
    the one who does it and the one it is done to, and where its finite verb stands."""

    doer: float
    done_to: float
    verb: int


@dataclass(frozen=True, slots=True)
class Polar:
    """One scored word: its lexicon weights after negation, modifiers and quotes.

    contrast is its factor for the whole sentence's tone (half before "aber"); a target's tone
    ignores it, since there the target's own clause decides.
    """

    index: int
    sentiws: float
    textblob: float
    negated: bool
    contrast: float
    # negated, intensified or downtoned, or an event of the project's news weights: wording whose
    # tone the rules know better than the model
    decisive: bool = False
    roles: Roles | None = None  # a verb (or pair) that one does to another: see _as_role

    @property
    def weight(self) -> float:
        """One weight per word: the stronger of SentiWS's and textblob-de's (scaled).

        SentiWS weighs some strong words next to nothing (schrecklich −0.02).
        """
        return max(self.sentiws, TEXTBLOB_SCALE * self.textblob, key=abs)


def tokenize(text: str) -> list[Token]:
    """Words and clause-ending marks, with their clause number and whether they are quoted."""
    tokens, clause, quoted = [], 0, False
    new = tuple.__new__  # skips NamedTuple's Python-level constructor: this is the hot loop
    opened = True  # at the start of a clause: "aber" here opens a new one
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        lower = match.group().lower()
        if kind != "word" or lower in CLAUSE_WORDS or (opened and lower in CLAUSE_OPENERS):
            clause += 1
            quoted ^= kind == "quote"
        opened = kind != "word"
        tokens.append(new(Token, (lower, *match.span(), kind, clause, quoted)))
    if any(token.text in PHRASE_WORDS for token in tokens):
        _mark_phrases(text, tokens)
    return tokens


def _mark_phrases(text: str, tokens: list[Token]) -> None:
    """Give a phrase opened by "trotz", "im Gegensatz zu" (phrase_words.tsv) a clause number of
    its own; it ends before the clause's verb: the first lower-case word after its noun that is
    no article or preposition ("Trotz der Krise | musste …", "trotz der Krise | keinen …")."""
    count = 0
    for opener, token in enumerate(tokens):
        following = PHRASE_WORDS.get(token.text)
        if following is None:
            continue
        start = opener + 1
        if "-" not in following:
            if start >= len(tokens) or tokens[start].text not in following:
                continue
            start += 1
        count += 1
        end, noun = start, False
        while end < len(tokens) and tokens[end].kind == "word":
            word = tokens[end]
            upper = text[word.start].isupper()
            if noun and not upper and word.text not in PHRASE_GLUE:
                break
            noun = noun or upper
            end += 1
        for index in range(opener, end):
            tokens[index] = tokens[index]._replace(clause=PHRASE_CLAUSE + count)


def _ends(tokens: list[Token], index: int, phrase: tuple[str, ...]) -> bool:
    """Whether the words up to `index` are `phrase` ("alles andere als", "ein wenig")."""
    return (index + 1 >= len(phrase)
            and tuple(t.text for t in tokens[index + 1 - len(phrase): index + 1]) == phrase)


def _negator(tokens: list[Token], index: int) -> bool:
    if tokens[index].text in NEGATORS:
        return True
    return any(_ends(tokens, index, phrase) for phrase in NEGATOR_PHRASES)


def _modifier(tokens: list[Token], index: int,
              spent: frozenset[int] = frozenset()) -> tuple[float, bool]:
    """Factor from negators and modifiers in the few words before `index`, and whether negated;
    a negator in `spent` has turned the verb before it and reaches no further."""
    factor, negated = 1.0, False
    clause = tokens[index].clause
    for before in range(max(0, index - SCOPE_WINDOW), index):
        if tokens[before].clause != clause or before in spent:
            continue
        if _negator(tokens, before):
            factor, negated = -factor, True
        elif tokens[before].text in MODIFIERS:
            factor *= _phrase_factor(tokens, before)
    return factor, negated


def _phrase_factor(tokens: list[Token], index: int) -> float:
    """A modifier's factor, or that of the phrase it ends ("ein wenig" 0.5, "wenig" −0.5)."""
    return next((factor for phrase, factor in MODIFIER_PHRASES.items()
                 if _ends(tokens, index, phrase)), MODIFIERS[tokens[index].text])


def _with_collocations(tokens: list[Token], found: list[list]) -> list[list]:
    """Two words that together name an event ("streicht … Arbeitsplätze", "trat … zurück")
    count once, at the later one, with the pair's weight instead of their own."""
    positions: dict[tuple[int, str], int] = {}
    for index, token in enumerate(tokens):
        positions.setdefault((token.clause, token.text), index)
    events = {}
    for (clause, text), index in positions.items():
        for second, weight, doer in COLLOCATIONS.get(text, ()):
            other = positions.get((clause, second))
            if other is not None:
                events[max(index, other)] = (min(index, other), weight, doer)
    if not events:
        return found
    pairs = {i for later, (earlier, _, _) in events.items() for i in (earlier, later)}
    kept = [item for item in found if item[0] not in pairs]
    for later, (earlier, weight, doer) in events.items():
        factor, negated = _modifier(tokens, later)
        kept.append([later, factor * weight, 0.0, negated, True,
                     None if doer == weight else Roles(doer, weight, earlier)])
    return sorted(kept, key=lambda item: item[0])


def _excess(tokens: list[Token], index: int) -> bool:
    """"zu hoch", "allzu optimistisch": more than is good (not "zu helfen", an infinitive)."""
    return (index > 0 and tokens[index - 1].text in EXCESS_WORDS
            and not tokens[index].text.endswith("n"))


def _scored(word: str) -> bool:
    return word not in MODIFIERS and word not in NEGATORS and (
        word in ROLE_VERBS or word_weights(word) != (0.0, 0.0))


def _negated_verbs(tokens: list[Token]) -> dict[int, int]:
    """"kümmert sich nicht um die Schäden": a negator right after a polar verb (a pronoun may
    stand between) turns the verb, not the words after it. Negator index -> verb index."""
    found = {}
    for index, token in enumerate(tokens):
        if token.text in POST_NEGATORS and index > 0:
            verb = index - 1 - (tokens[index - 1].text in VERB_PRONOUNS)
            if (verb >= 0 and tokens[verb].kind == "word"
                    and tokens[verb].clause == token.clause and _scored(tokens[verb].text)):
                found[index] = verb
    return found


def polar_words(tokens: list[Token]) -> list[Polar]:
    """Every word a lexicon scores, with negation (before or after it), modifiers and quotes."""
    found = []
    verbs = _negated_verbs(tokens)
    spent, turned = frozenset(verbs), frozenset(verbs.values())
    for index, (word, _, _, kind, _, _) in enumerate(tokens):
        if kind == "word" and word not in MODIFIERS and word not in NEGATORS:
            roles = Roles(*ROLE_VERBS[word], index) if word in ROLE_VERBS else None
            sentiws, textblob = (roles.done_to, 0.0) if roles else word_weights(word)
            if sentiws or textblob:
                factor, negated = _modifier(tokens, index, spent)
                if index in turned:
                    factor, negated = -factor, True
                if _excess(tokens, index) and sentiws + textblob > 0:  # "zu hoch"
                    factor = -abs(factor)
                decisive = factor != 1.0 or news_weight(word) is not None or roles is not None
                if factor != 1.0 and abs(sentiws) < SENTIWS_UNWEIGHED and not textblob:
                    # "kein Verständnis": SentiWS lists the word but gave it no weight
                    sentiws = UNWEIGHED_SHAPED if sentiws > 0 else -UNWEIGHED_SHAPED
                found.append([index, factor * sentiws, factor * textblob, negated, decisive,
                              roles])
    found = _with_collocations(tokens, found)
    for index, token in enumerate(tokens):  # "nicht" with nothing polar after it turns the verb
        if token.text in POST_NEGATORS and not any(
            index < item[0] <= index + SCOPE_WINDOW and tokens[item[0]].clause == token.clause
            for item in found
        ):
            before = [item for item in found if item[0] < index]
            if before and tokens[before[-1][0]].clause == token.clause and not before[-1][3]:
                before[-1][1:5] = [-before[-1][1], -before[-1][2], True, True]
    for index, token in enumerate(tokens):  # "hat das Problem gelöst": the problem is gone
        sign = SHIFTERS.get(token.text)
        if sign:
            turned = [item for item in found
                      if item[0] < index and tokens[item[0]].clause == token.clause
                      and (item[1] + item[2]) * sign > 0 and not item[3]]
            for item in turned:
                item[1:5] = [-item[1], -item[2], True, True]
            if turned:  # "die Vorwürfe erwiesen sich als unbegründet": its work is done
                found = [item for item in found if item[0] != index]
    contrast = _last_contrast(tokens)
    return [
        Polar(
            index,
            sentiws * (scale := QUOTED if tokens[index].quoted else 1.0),
            textblob * scale,
            negated,
            CONTRAST_BEFORE if index < contrast else 1.0,
            decisive,
            roles,
        )
        for index, sentiws, textblob, negated, decisive, roles in found
    ]


def target_tokens(tokens: list[Token], target: tuple[int, int]) -> tuple[int, int, int]:
    """First and last token index of the target and the clause it stands in."""
    start, end = target
    inside = [i for i, token in enumerate(tokens) if token.end > start and token.start < end]
    if not inside:
        before = [i for i, token in enumerate(tokens) if token.start < start]
        inside = [before[-1] if before else 0]
    return inside[0], inside[-1], tokens[inside[0]].clause if tokens else 0


def _check_target(text: str, target: tuple[int, int] | None) -> None:
    if target is not None and not 0 <= target[0] <= target[1] <= len(text):
        raise ValueError(f"target {target} lies outside the text of length {len(text)}")


def target_clause(text: str, target: tuple[int, int]) -> str:
    """The clause around the target: what the sentence says next to the entity, not elsewhere."""
    _check_target(text, target)
    tokens = tokenize(text)
    if not tokens:
        return text
    _, _, clause = target_tokens(tokens, target)
    inside = [token for token in tokens if token.clause == clause]
    start = inside[0].start if inside[0].kind == "word" else inside[0].end
    return text[start : max(token.end for token in inside)]


def _sums(weights: Iterable[float]) -> tuple[float, float, int]:
    """Positive weight, negative weight (as a positive number) and how many weights count."""
    positive = negative = 0.0
    count = 0
    for weight in weights:
        if weight > 0:
            positive += weight
            count += 1
        elif weight < 0:
            negative -= weight
            count += 1
    return positive, negative, count


def _rule_polarity(positive: float, negative: float) -> float:
    return (positive - negative) / (positive + negative + RULE_SMOOTHING)


def label_for(polarity: float) -> str:
    if polarity > NEUTRAL_BAND:
        return "positive"
    if polarity < -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def _weighted(
    tokens: list[Token], polar: list[Polar], target: tuple[int, int] | None
) -> list[float]:
    """Word weights as they bear on the sentence (contrast) or the target (its own clause fully,
    other clauses a quarter)."""
    if target is None:
        return [item.weight * item.contrast for item in polar]
    first, last, _ = target_tokens(tokens, target)
    own = _own_clauses(tokens, target)
    other = 0.0 if clause_contrast(tokens, polar, target) else OTHER_CLAUSE
    # a name's own words say nothing of it: "Erfolg & Co.", "Bürgerinitiative Kampf dem Lärm"
    return [0.0 if first <= item.index <= last else
            _as_role(tokens, item, first) * (1.0 if tokens[item.index].clause in own else other)
            for item in polar]


def _own_clauses(tokens: list[Token], target: tuple[int, int]) -> frozenset[int]:
    """The target's clause; a name set off by commas and nothing else ("Der Bürgermeister,
    Karl Feldbacher, wurde kritisiert") belongs to the clauses around it."""
    first, last, clause = target_tokens(tokens, target)
    words = [i for i, token in enumerate(tokens) if token.clause == clause
             and token.kind == "word"]
    if words and first <= words[0] and words[-1] <= last:
        return frozenset({clause - 1, clause, clause + 1})
    return frozenset({clause})


def _as_role(tokens: list[Token], item: Polar, first: int) -> float:
    """A praise, blame, win or loss verb's weight for the target as the one who does it or the
    one it is done to: before an active verb the target does it ("X besiegte Y"); in the
    passive the target has it done to it unless "von" names it as the one who did."""
    roles = item.roles
    if roles is None or roles.done_to == 0:
        return item.weight
    passive = any(token.text in PASSIVE and token.clause == tokens[roles.verb].clause
                  for token in tokens)
    agent = any(tokens[i].text in AGENT for i in range(max(0, first - 2), first))
    does_it = agent if passive else first < roles.verb
    return item.weight / roles.done_to * roles.doer if does_it else item.weight


def clause_contrast(tokens: list[Token], polar: list[Polar], target: tuple[int, int]) -> bool:
    """Whether the target's clause and the others speak in opposite tones ("Während X gelobt
    wurde, musste Y Kritik einstecken"): then only the target's own clause speaks of it."""
    if not polar:
        return False
    clauses = _own_clauses(tokens, target)
    first, last, _ = target_tokens(tokens, target)
    outside = [item for item in polar if not first <= item.index <= last]
    own = sum(item.weight for item in outside if tokens[item.index].clause in clauses)
    rest = sum(item.weight for item in outside if tokens[item.index].clause not in clauses)
    return own * rest < 0 and min(abs(own), abs(rest)) >= CLEAR_CLAUSE


def _analyse(text: str, target: tuple[int, int] | None) -> tuple[list[Token], list[Polar]]:
    _check_target(text, target)
    return analysed(text)


@lru_cache(maxsize=4096)
def analysed(text: str) -> tuple[list[Token], list[Polar]]:
    """Tokens and polar words of a text, which do not depend on the target: a sentence is scored
    once as a whole and once for each mention in it (callers must not change the lists)."""
    tokens = tokenize(text)
    return tokens, _without_topics(text, tokens, polar_words(tokens))


def _without_topics(text: str, tokens: list[Token], polar: list[Polar]) -> list[Polar]:
    """Polar nouns in a clause that reports an agenda or schedule ("Das Problem wird am
    Dienstag im Ausschuss beraten") name topics: they carry no tone and are left out, except
    the events of the news weights ("meldet am Montag Insolvenz an")."""
    agenda = {token.clause for token in tokens if token.text in TOPIC_WORDS}
    if not agenda:
        return polar
    return [item for item in polar
            if not (tokens[item.index].clause in agenda
                    and text[tokens[item.index].start].isupper() and item.index > 0
                    and not item.negated and news_weight(tokens[item.index].text) is None)]


def _rule_tone(tokens: list[Token], polar: list[Polar], target: tuple[int, int] | None) -> Tone:
    positive, negative, words = _sums(_weighted(tokens, polar, target))
    word_count = sum(token.kind == "word" for token in tokens)
    polarity = _rule_polarity(positive, negative)
    return Tone(
        label_for(polarity),
        polarity,
        positive,
        negative,
        words,
        words / word_count if word_count else 0.0,
    )


def rule_score(text: str, target: tuple[int, int] | None = None) -> Tone:
    """Tone from the lexicons and rules alone (also the parts of the model's tone)."""
    return _rule_tone(*_analyse(text, target), target)


def set_apart(tokens: list[Token]) -> bool:
    """Whether the sentence sets parts against each other ("während", "aber", "trotz …"): then
    each part speaks of those in it, and a target's own part is clear wording."""
    return any(token.text in SETTING_APART or token.clause >= PHRASE_CLAUSE for token in tokens)


def _last_contrast(tokens: list[Token]) -> int:
    """Index of the last "aber" (or the like), -1 when there is none: what follows it decides."""
    return max((i for i, token in enumerate(tokens) if token.text in CONTRAST_WORDS), default=-1)


def contrasted(tokens: list[Token], polar: list[Polar]) -> bool:
    """Whether polar words of opposite tone stand before and after the last "aber" (or the like)."""
    turn = _last_contrast(tokens)
    before = sum(item.weight for item in polar if item.index < turn)
    after = sum(item.weight for item in polar if item.index > turn)
    return turn >= 0 and before * after < 0
