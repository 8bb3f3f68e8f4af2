"""The ordered table of patterns, each with the handler that turns its match into a value.

A group named "x" marks the extent when context words (prepositions) are matched only to decide;
otherwise the whole match is the extent. Earlier patterns win ties.
"""

from __future__ import annotations

import re

from analysis.timeline.context import _Handler
from analysis.timeline.dates import (
    _h_anaphoric_day,
    _h_calendar_week,
    _h_century,
    _h_clock,
    _h_day_month,
    _h_day_of_year,
    _h_decade,
    _h_deictic,
    _h_half,
    _h_half_hour,
    _h_holiday,
    _h_iso,
    _h_month,
    _h_numeric,
    _h_part_of_day,
    _h_previous_period,
    _h_quarter,
    _h_reference,
    _h_season,
    _h_today,
    _h_vague_period,
    _h_week,
    _h_week_simple,
    _h_weekday,
    _h_year_bare,
    _h_year_noun,
    _h_year_relative,
)
from analysis.timeline.durations import (
    _h_adverb_set,
    _h_compound_duration,
    _h_duration,
    _h_every_n,
    _h_monthly_weekday,
    _h_per_unit,
    _h_rate,
    _h_set,
    _h_vague_duration,
    _h_weekday_set,
)
from analysis.timeline.rules import (
    _ADVERB_SETS,
    _ANAPHORIC_DAYS,
    _ART,
    _DECADE_WORDS,
    _DUR_ADJ,
    _DURATION_ADJECTIVES,
    _HOLIDAY,
    _HOLIDAYS,
    _HOUR_WORDS,
    _MOD,
    _MONTH,
    _MONTHS,
    _NUM,
    _NUMBERS,
    _ORD,
    _ORDINALS,
    _PART,
    _POS,
    _QUAL,
    _RATES,
    _REF_OF,
    _SEASON,
    _SEASONS,
    _UNIT,
    _VAGUE_PERIODS,
    _VAGUE_WORDS,
    _WEEKDAY,
    _WEEKDAYS,
    _YEAR_REF,
    _YEAR_WORDS,
    _alt,
    _column,
    _inflected,
)

# patterns run on the lower-cased text (same offsets), which is several times faster than
# re.IGNORECASE; handlers that care about case look at the original text
_FLAGS = re.VERBOSE
# "heute", "gestern" point at the writer's day even inside a narrative
_DEICTIC_HANDLERS = {_h_deictic, _h_today}


def _initials(words: object) -> str:
    """First letters of a lexicon, for the first-character filter of a pattern."""
    return "".join(sorted({w[0] for w in words}))


_I_MOD = _initials(_column("relative_words", "stem", kind="modifier"))
_I_MONTH = _initials(_MONTHS)
_I_WEEKDAY = _initials(_WEEKDAYS)
_I_ORD = _initials(_ORDINALS)
_I_NUM = _initials([*_NUMBERS, *_VAGUE_WORDS])
_I_CARDINAL = _initials(_column("numbers", "word", kind="cardinal"))
_I_HOLIDAY = _I_MOD + _initials(_HOLIDAYS)
_I_ADVERB = _initials(_ADVERB_SETS)


def _rx(first: str, pattern: str) -> re.Pattern[str]:
    """Compile; the first-character lookahead lets the engine skip hopeless positions fast."""
    return re.compile(f"(?=[{first}])" + pattern if first else pattern, _FLAGS)


_PATTERNS: list[tuple[re.Pattern[str], _Handler]] = [
    (_rx(r"\d", r"(?<![\d.\-/])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?![\d])"), _h_iso),
    (_rx(r"\d", r"(?<![\d.,/])(?P<d>\d{1,2})\.\s?(?P<mo>\d{1,2})\.(?:\s?(?P<y>\d{4}|\d{2})"
                r"(?![\d.]\d))?(?!\d)"), _h_numeric),
    (_rx(r"0-9d" + _I_WEEKDAY, rf"""\b(?:(?:{_WEEKDAY}),?\s+(?:(?:den|dem)\s+)?)?(?:{_ART}\s+)?
                 (?<![\d.,])(?P<d>\d{{1,2}})\.\s*(?P<mon>{_MONTH}){_YEAR_REF}"""),
     _h_day_month),
    (_rx(r"\d", rf"""(?<![\d.,])(?P<d>\d{{1,2}})\.?
                 (?=(?:\s*(?:,|bis|und|sowie|-|–)\s*(?:zum\s+|am\s+)?
                 \d{{1,2}}\.)+\s*(?P<mon>{_MONTH})(?:\s+(?P<y>\d{{4}})\b)?(?P<ymod>))"""),
     _h_day_month),
    (_rx(r"ameb" + _I_MOD + _I_MONTH,
         rf"""\b(?:{_POS}\s+(?:des\s+)?)?(?:(?P<mod>{_MOD})\s+)?(?P<mon>{_MONTH})
                 {_YEAR_REF}"""), _h_month),
    (_rx(r"amebdj", rf"""\b(?:{_POS}\s+)?(?:(?:das|dem|des)\s+)?jahre?s?\s+
                 (?P<y>\d{{3,4}})(?![\d])"""), _h_year_noun),
    (_rx(r"ameb12", rf"""\b(?:\b{_POS}\s+)?(?<![\w.,])(?P<y>1\d{{3}}|20\d{{2}})
                 (?![\d]|[.,]\d|/\d{{1,2}}\b|er\b|er-)"""), _h_year_bare),
    (_rx(r"amebd" + _I_MOD + _initials(_YEAR_WORDS),
         rf"""\b(?:{_POS}\s+)?(?:(?:des|dem|das|der)\s+)?
                 (?P<rel>(?P<mod>{_MOD})\s+jahr(?:es|s)?\b|(?:{_alt(_YEAR_WORDS)})\b)"""),
     _h_year_relative),
    (_rx(r"ameb", rf"""{_POS}\s+(?:des|dieses)\s+(?P<rel>(?P<mod>)jahres)\b(?!\s+\d)"""),
     _h_year_relative),
    (_rx(r"del", rf"""\b(?:{_ART}\s+)?(?P<which>erst|letzt)e[nmrs]?\s+tag(?:e|es)?\s+
                 (?:des\s+jahres|im\s+jahr){_YEAR_REF}"""), _h_day_of_year),
    (_rx(r"amebd0-9" + _initials(_DECADE_WORDS),
         rf"""\b(?:{_POS}\s+)?(?:{_ART}\s+)?(?:(?<!\d)(?P<dnum>(?:1\d|20)?\d0)er
                 |(?P<dword>{_alt(_DECADE_WORDS)}))(?:(?:\s*-\s*|\s+)?jahren?\b|n\b)"""),
     _h_decade),
    (_rx(r"dezameb0-9" + _I_MOD,
         rf"""\b(?:(?:(?:{_ART}\s+)?(?:erst|zweit)e[nmrs]?\s+hälfte|{_POS})\s+
                 (?:des|der)\s+|{_POS}\s+|{_ART}\s+)?
                 (?:(?P<c>\d{{1,2}})\.\s*|(?P<mod>{_MOD})\s+)jahrhunderts?\b"""),
     _h_century),
    (_rx(r"ameb" + _I_MOD + _initials(_SEASONS), rf"""\b(?:{_POS}\s+(?:des\s+)?)?
                 (?:(?P<mod>{_MOD})\s+(?:[a-zäöüß]+e[nmrs]?\s+)?)?(?P<s>{_SEASON})
                 {_YEAR_REF}"""), _h_season),
    (_rx(r"d1-4" + _I_ORD, rf"""\b(?:{_ART}\s+)?(?:(?P<qw>{_ORD})|(?P<qd>[1-4])\.)\s+quartals?\b
                 {_YEAR_REF}"""), _h_quarter),
    (_rx(r"q", r"\bq(?P<qd>[1-4])(?P<qw>)(?:\s*/?\s*(?P<y>\d{4}))?(?P<ymod>)\b"), _h_quarter),
    (_rx(r"sgv", r"""\b(?:(?:selben|gleichen|vergleichbaren)\s+(?:zeitraum|quartal|monat|halbjahr)
                 \s+(?:des\s+)?vorjahr(?:es|s)?|vorjahres(?:zeitraum|quartal|monat|halbjahr))\b"""),
     _h_previous_period),
    (_rx(r"dez", rf"""\b(?:{_ART}\s+)?(?P<h>erst|zweit)e[nmrs]?\s+(?:jahreshälfte|halbjahr(?:es|s)?
                 |hälfte\s+des\s+jahres)\b{_YEAR_REF}"""), _h_half),
    (_rx(r"d0-9" + _I_ORD, rf"""\b(?:{_ART}\s+)?(?:(?P<wd>\d{{1,2}})\.|(?P<ww>{_ORD}))\s+
                 kalenderwoche\b
                 (?:\s+(?P<y>\d{{4}})\b)?"""), _h_calendar_week),
    (_rx(r"k", r"\bkw\s*(?P<wd>\d{1,2})(?P<ww>)(?:\s*/?\s*(?P<y>\d{4}))?\b"), _h_calendar_week),
    (_rx(r"d" + _I_MOD, rf"""\b(?:{_ART}\s+)?(?P<mod>{_MOD})\s+
                 (?:woche\b|(?P<we>wochenende)\b)"""), _h_week),
    (_rx(r"amebw", rf"""\b(?:{_POS}\s+(?:der|dieser)\s+woche\b
                 |(?<=\bam\s)(?P<we>wochenende)\b)"""),
     _h_week_simple),
    (_rx(_I_MOD + _I_WEEKDAY, rf"""\b(?:(?P<mod>{_MOD})\s+)?\b(?P<wd>{_WEEKDAY})(?P<part>{_PART})?\b
                 (?:\s+(?P<part2>{_PART})\b)?"""), _h_weekday),
    (_rx(_I_WEEKDAY, rf"""\b(?P<wd>{_WEEKDAY})(?P<part>{_PART})?s\b
                 (?:\s+(?P<part2>{_PART})s\b)?"""), _h_weekday_set),
    (_rx(r"h", rf"""\bheutige[nm]?\s+(?:{_WEEKDAY}|tag)\b"""), _h_today),
    (_rx(r"hgvüm", rf"""\b(?P<w>heute|gestern|vorgestern|übermorgen|morgen|gestrigen
                 |morgigen)\b(?:\s+(?P<part>{_PART})\b)?"""), _h_deictic),
    (_rx(_initials(_ANAPHORIC_DAYS), rf"""\b(?P<a>{_alt(_ANAPHORIC_DAYS)})\b"""),
     _h_anaphoric_day),
    (_rx(r"agzbv", r"""\b(?:am|gegen|zum|bis\s+zum|vom)\s+(?P<x>(?:(?:frühen|späten)\s+)?
                 (?P<p>morgen|vormittag|mittag|nachmittag|abend))\b"""), _h_part_of_day),
    (_rx(r"iwm", r"""\b(?:in|während|mitten\s+in)\s+(?P<x>der\s+(?:(?:gleichen|selben)\s+)?
                 (?P<p>nacht))\b"""), _h_part_of_day),
    (_rx(r"0-9" + _I_CARDINAL, rf"""(?<![\d.,:/])(?P<h>[01]?\d|2[0-4]|\b(?:{_HOUR_WORDS}))
                 (?:[:.](?P<mi>[0-5]\d))?\s*uhr\b(?:\s+(?P<q>früh|morgens|abends|nachts
                 |nachmittags)\b)?"""), _h_clock),
    (_rx(r"\d", r"""(?<![\d.,:/])(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?(?P<q>)
                 (?=\s*(?:bis|-|–|/)\s*\d{1,2}(?:[:.]\d\d)?\s*uhr\b)"""), _h_clock),
    (_rx(r"ugab", r"""\b(?:um|gegen|ab|bis)\s+(?P<x>(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d))(?P<q>)
                 (?![\d.]\d)"""), _h_clock),
    (_rx(r"\d", r"(?<![\d.,:/])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?P<q>)(?![\d:])"),
     _h_clock),
    (_rx(r"ugabvn", rf"""\b(?:um|gegen|ab|bis|vor|nach)\s+(?P<x>halb\s+(?P<h>\d{{1,2}}
                 |{_HOUR_WORDS}))\b"""), _h_half_hour),
    (_rx(_I_HOLIDAY, rf"""\b(?:(?P<mod>{_MOD})\s+)?\b(?P<hol>{_HOLIDAY})\b
                 (?:\s+(?P<y>\d{{4}})\b)?"""), _h_holiday),
    (_rx(r"dlv" + _initials(_REF_OF), rf"""\b(?:{_alt(_REF_OF)}
                 |(?:der\s+)?(?:letzte[rn]?|vergangene[rn]?)\s+zeit(?:en)?)\b"""), _h_reference),
    (_rx(r"dlvnkerfgümwczbih0-9" + _I_NUM, rf"""\b(?:{_ART}\s+)?
                 (?:(?:letzte|vergangene|nächste|kommende|ersten)n?\s+)?
                 (?:{_QUAL}\s+)?(?<![\w.,])(?P<n>{_NUM})\s+(?:{_DUR_ADJ}\s+)?(?P<u>{_UNIT})
                 (?:\s+(?:und|,)\s+(?P<n2>{_NUM})\s+(?P<u2>{_UNIT}))?(?:\s+lang\b)?"""),
     _h_duration),
    (_rx(r"jmwts", r"""\b(?P<u>jahr|monat|woche|tag|stunde|jahrzehnt)e?n?lang(?:e[nmrs]?)?\b"""),
     _h_vague_duration),
    (_rx(_I_CARDINAL, rf"""\b(?P<n>{_alt(_column("numbers", "word", kind="cardinal"))})
                 (?P<u>{_alt(_DURATION_ADJECTIVES)})
                 (?:e[nmrs]?)?\b"""), _h_compound_duration),
    (_rx(r"svnüf", r"""\b(?:seit|vor|nach|über|für)\s+(?P<x>(?P<u>jahren|jahrzehnten|monaten
                 |wochen|tagen))\b"""), _h_vague_duration),
    (_rx(r"d" + _initials(_VAGUE_PERIODS), rf"""\b(?:(?:den|die)\s+)?
                 (?P<mod>{_inflected(_VAGUE_PERIODS)})\s+(?:jahren?|monaten?|wochen)\b"""),
     _h_vague_period),
    (_rx(r"dvlknüa", rf"""\b(?P<x>(?:{_ART}\s+|diese[nm]?\s+)?(?:vergangenen|letzten|kommenden
                 |nächsten)\s+(?P<u>jahren?|jahrzehnten?|monaten?|wochen|tagen?)|diesen\s+(?P<u2>tagen)
                 |(?:lange|über|all\s+die(?:se)?)\s+(?P<u3>jahre|jahrzehnte))\b"""),
     _h_vague_duration),
    (_rx(r"j" + _I_ORD, rf"""\b(?:jede[nmrs]?\s+)?{_ORD}\s+(?P<wd>{_WEEKDAY})\s+
                 (?:im\s+monat|(?:des|eines)\s+monats)\b"""), _h_monthly_weekday),
    (_rx(_initials(_RATES), rf"""\b(?P<r>{_alt(_RATES)})\b
                 (?!\s+(?:\d|der|des|dem|den|vor|nach|darauf|danach|zuvor|davor)\b)"""), _h_rate),
    (_rx(r"j", rf"""\bjede[nmrs]?\s+(?:(?P<o>{_ORD})\s+)?(?P<u>{_WEEKDAY}(?:{_PART})?
                 |tag|woche|monat|jahr|stunde|minute|morgen|abend|nacht|wochenende|sommer
                 |winter|herbst|frühling|frühjahr)\b"""), _h_set),
    (_rx(_I_ADVERB, rf"""\b(?P<a>{_alt(_ADVERB_SETS)})(?:e[nmrs]?)?\b"""), _h_adverb_set),
    (_rx(r"ezdmpj0-9", r"""\b(?:(?:einmal|zweimal|dreimal|mehrmals|\d+-?mal)\s+(?:pro|im|in\s+der|am
                 |je)|pro|je)\s+(?P<u>jahr|monat|woche|tag|stunde)\b"""),
     _h_per_unit),
    (_rx(r"jtwm", r"""\b(?P<u>jahr|tag|woche|monat)\s+(?:für|um)\s+(?P=u)\b"""),
     _h_per_unit),
    (_rx(r"a", rf"""\balle\s+(?P<n>{_NUM})\s+(?P<u>jahre|monate|wochen|tage|stunden
                 |minuten)\b"""), _h_every_n),
]
