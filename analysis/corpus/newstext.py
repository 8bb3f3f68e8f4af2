"""News text: the headline, byline, dateline, photo captions and agency inside an article's text.

Agency feeds (the format of `seeds/`) wrap the body in page furniture: a title ending in
"Von Reuters", gallery counters "2/2", "© Reuters." photo captions with a "REUTERS/Name" credit,
a "Von <author>" byline, a "MOSKAU (Reuters) –" dateline and a "source site-20" footer. This
module takes them apart so the body is clean for analysis and the parts fill their own columns.
Scraped articles may also bring HTML markup, which `strip_html` removes. The agency names and
the other small word lists lie in analysis/data/corpus/ (see its README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from analysis import wordlists
from analysis.paths import PACKAGE_DIR

WORD_LISTS = PACKAGE_DIR / "data" / "corpus"


def _words(file: str) -> tuple[str, ...]:
    return tuple(wordlists.words(WORD_LISTS / file))


def _alternatives(words: tuple[str, ...]) -> str:
    """A regex alternation of literal words, in list order."""
    return "|".join(map(re.escape, words))


# Canonical spelling of news agencies, keyed by lower case.
_AGENCY_NAMES = _words("agencies.tsv")
AGENCIES = {name.lower(): name for name in _AGENCY_NAMES}

_TITLE_AGENCY = re.compile(r"^(?P<title>.+?)\s+Von\s+(?P<agency>[\w.-]+)$")
_GALLERY = re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$")
_FOOTER = re.compile(r"^source site-\d+$", re.IGNORECASE)
# "© Reuters. " (at most three words before the period) and "REUTERS/Name/Pool" after a sentence.
_CAPTION_PREFIX = re.compile(r"^©\s*(?:[^\s.]+(?:\s[^\s.]+){0,2}\.\s+)?")
_CAPTION_CREDIT = re.compile(
    r"(?<=[.)!?])\s+(?:[A-Z]{2,}(?: [A-Z]{2,})*|"
    + _alternatives(_words("caption_credits.tsv"))
    + r")(?:/[^/\n.]+)+$"
)
_NAME_WORD = rf"(?:[A-ZÄÖÜ][\w.'-]*|{_alternatives(_words('name_particles.tsv'))})"
_BYLINE = re.compile(
    rf"^Von\s+(?P<name>[A-ZÄÖÜ][\w.'-]*(?:\s+{_NAME_WORD}){{0,6}})(?:,\s*(?P<agency>[\w.-]+))?$"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.'/ -]{0,40}?)\s*\((?P<agency>[^()\n]{1,30})\)\s*[–—-]+\s*"
)
_SMALL_PLACE_WORDS = set(_words("place_small_words.tsv"))

# --------------------------------------------------------------------------- HTML

_HTML_TAG = re.compile(r"</?(?:[a-z][a-z0-9]*)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
               "table", "blockquote", "section", "article", "header", "footer", "figure"}
_HIDDEN_TAGS = {"script", "style", "noscript", "template", "head"}


class _TextOnly(HTMLParser):
    """Text of an HTML fragment: block tags become paragraph breaks, scripts and styles vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """Article text without HTML markup, for analysis; text without tags is returned unchanged.

    Scraped articles often keep their <p> and <a> tags. Reports escape whatever they show, so
    stripping here is about clean analysis, not safety.
    """
    if not _HTML_TAG.search(text):
        return text
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", "".join(parser.parts)))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


# --------------------------------------------------------------------------- article parts


def take_title(lines: list[str]) -> tuple[str, str, list[str]]:
    """Headline: first line with an agency suffix, or a short unpunctuated line before a gap."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if start == len(lines):
        return "", "", lines
    first = lines[start].strip().lstrip("#").strip()
    rest = lines[start + 1 :]
    match = _TITLE_AGENCY.match(first)
    if match and match["agency"].lower() in AGENCIES:
        return match["title"].strip(), AGENCIES[match["agency"].lower()], rest
    looks_like_title = (
        len(first) < 200
        and not first.endswith((".", ":", ";", ","))
        and not _is_furniture(first)
        and bool(rest)
        and not rest[0].strip()
    )
    return (first, "", rest) if looks_like_title else ("", "", lines)


def _is_furniture(line: str) -> bool:
    """Lines that are page furniture rather than headline or body text."""
    return bool(
        _GALLERY.match(line) or _FOOTER.match(line) or line.startswith("©") or _BYLINE.match(line)
    )


@dataclass
class Body:
    """What the body lines yield besides the paragraphs themselves."""

    paragraphs: list[str]
    captions: list[str]
    author: str = ""
    byline_agency: str = ""
    dateline: str = ""
    dateline_agency: str = ""


def parse_body(lines: list[str]) -> Body:
    """Drop gallery counters and footers, collect captions and byline, strip the dateline."""
    body = Body(paragraphs=[], captions=[])
    current: list[str] = []

    def flush() -> None:
        if current:
            body.paragraphs.append("\n".join(current))
            current.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            flush()
        elif _GALLERY.match(line) or _FOOTER.match(line):
            continue
        elif line.startswith("©"):
            flush()
            caption = _clean_caption(line)
            if caption:
                body.captions.append(caption)
        elif not body.paragraphs and not current and (byline := _BYLINE.match(line)):
            body.author = byline["name"]
            body.byline_agency = _agency_name(byline["agency"] or "")
        else:
            current.append(line)
    flush()

    if body.paragraphs:
        match = _DATELINE.match(body.paragraphs[0])
        if match and (match["place"].isupper() or match["agency"].lower() in AGENCIES):
            body.dateline = _place_name(match["place"])
            body.dateline_agency = _agency_name(match["agency"])
            rest = body.paragraphs[0][match.end() :].strip()
            body.paragraphs = [rest, *body.paragraphs[1:]] if rest else body.paragraphs[1:]
    return body


def _clean_caption(line: str) -> str:
    """Caption text without the '© Reuters. ' prefix and the 'REUTERS/Name/Pool' credit."""
    caption = _CAPTION_PREFIX.sub("", line, count=1)
    return _CAPTION_CREDIT.sub("", caption).strip()


def _agency_name(name: str) -> str:
    """Canonical spelling for known agencies ("DPA" → "dpa"), others unchanged."""
    name = name.strip()
    return AGENCIES.get(name.lower(), name)


def _place_name(place: str) -> str:
    """'KIEW/MOSKAU' → 'Kiew/Moskau', 'FRANKFURT AM MAIN' → 'Frankfurt am Main'."""
    place = " ".join(place.split())
    if not place.isupper():
        return place
    words = place.split(" ")
    return " ".join(
        word.lower() if i and word.lower() in _SMALL_PLACE_WORDS else word.title()
        for i, word in enumerate(words)
    )
