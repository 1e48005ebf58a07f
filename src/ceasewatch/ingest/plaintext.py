"""Clean plain-text article pages: headline, body paragraphs, and no page furniture.

Text copied from a web page carries furniture around the article: image placeholders, photo
credits and licences, share buttons, stray tokens, and a tail of unrelated headlines. The
method works on lines, not on known strings:

1. Drop boilerplate lines: media placeholders, credit or licence lines, URL-only lines,
   calls to action and lone short tokens.
2. Group the remaining lines into paragraphs (blank lines or dropped lines separate them;
   hard-wrapped lines are joined).
3. Classify each paragraph as prose (ends a sentence and has several words) or a short line.
4. The first paragraph is the headline when it reads like one (short, no closing full stop).
5. Short lines before the first prose paragraph are bylines and datelines; an author is kept.
6. Everything after the last prose paragraph is a tail of short lines: related headlines,
   author boxes, tags. It is cut.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

LOGGER = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」]*$")
_FULL_STOP_END = re.compile(r"[.…][\"'”’»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)\]]*\s+[\"'“‘«(]?[A-Z0-9]")
_OPEN_END = re.compile(r"[,;:—–-]\s*$")
_GLUED_SENTENCES = re.compile(r"[a-z][.!?][\"'”’]?[A-Z]")
_QUOTE_ATTRIBUTION = re.compile(r"[,!?][\"”’']\s+[a-z]")
_MEDIA_WORD = re.compile(
    r"^(?:image|images|photo|photos|picture|video|audio|graphic|gallery|slideshow|illustration|"
    r"advertisement|advert|ad|sponsored|promoted|share|share this|share this article|print|"
    r"email|e-mail|comments?|listen|watch|read more|related|related articles|related stories|"
    r"more on this|more stories|loading|skip to content|menu|close|open in app|"
    r"expand|enlarge|copy link)\W*$",
    re.I,
)
_CREDIT = re.compile(
    r"\bCC[ -]?BY\b|\bCC0\b|creative\s+commons|public\s+domain|wikimedia|commons\.wikimedia|"
    r"getty\s+images|\bvia\s+(?:getty|reuters|ap|afp)\b|shutterstock|©|\ball\s+rights\s+reserved|"
    r"^\s*copyright\b|^\s*(?:photo|photograph|image|picture|credit|file\s+photo|source|"
    r"illustration|video)(?:\s+credit)?\s*[:|/]",
    re.I,
)
_CALL_TO_ACTION = re.compile(
    r"^(?:sign\s+up|subscribe|follow\s+us|click\s+here|read\s+more|read\s+also|also\s+read|"
    r"see\s+also|related\s*:|more\s*:|download\s+(?:our|the)\s+app|join\s+our)\b",
    re.I,
)
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_BYLINE = re.compile(r"^by\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*$", re.I)
_DATE_WORDS_TEXT = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue wed thu fri sat sun monday "
    "tuesday wednesday thursday friday saturday sunday published updated posted last modified "
    "on at am pm gmt utc bst cet cest eet eest est edt pst pdt msk st nd rd th min read"
)
_DATE_WORDS = frozenset(_DATE_WORDS_TEXT.split())
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")

MAX_BOILERPLATE_CHARS = 300
"""Lines longer than this are never treated as boilerplate (they are article text)."""
MAX_TITLE_CHARS = 160
MAX_TITLE_WORDS = 25
MIN_PROSE_WORDS = 4
MIN_UNTERMINATED_PROSE_CHARS = 200
"""A paragraph this long is prose even when it does not end a sentence (cut-off text)."""


@dataclass(frozen=True)
class CleanText:
    text: str  # paragraphs separated by a blank line
    title: str | None = None
    author: str | None = None
    dropped: tuple[str, ...] = ()  # lines removed as furniture, for logging and tests


def clean_plain_text(raw: str, *, find_title: bool = True, trim_edges: bool = True) -> CleanText:
    """Split a plain-text page into headline and clean body (see the module docstring).

    ``trim_edges=False`` keeps steps 1-3 only, for text an extractor has already trimmed.
    """
    dropped: list[str] = []
    paragraphs = _paragraphs(raw, dropped)

    title = None
    if find_title and len(paragraphs) > 1 and _is_title_like(paragraphs[0]):
        title = paragraphs.pop(0)

    prose = [i for i, p in enumerate(paragraphs) if is_prose(p)] if trim_edges else []
    author = None
    if prose:
        first, last = prose[0], prose[-1]
        for line in paragraphs[:first]:
            match = _BYLINE.match(line)
            if match and author is None:
                author = match.group(1)
        dropped.extend(paragraphs[:first])
        dropped.extend(paragraphs[last + 1 :])
        paragraphs = paragraphs[first : last + 1]
    if dropped:
        LOGGER.debug("dropped %d furniture lines: %r", len(dropped), dropped[:10])
    return CleanText("\n\n".join(paragraphs), title, author, tuple(dropped))


def normalize_paragraphs(text: str) -> str:
    """Collapse spaces and separate non-empty lines by one blank line (for extracted text)."""
    lines = (_SPACES.sub(" ", _INVISIBLE.sub("", line)).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def is_prose(paragraph: str) -> bool:
    """Running text: several words ending a sentence, or long or multi-sentence (cut-off text)."""
    if len(paragraph.split()) < MIN_PROSE_WORDS:
        return False
    return (
        bool(_SENTENCE_END.search(paragraph))
        or len(paragraph) >= MIN_UNTERMINATED_PROSE_CHARS
        or bool(_SENTENCE_BREAK.search(paragraph))
    )


def is_boilerplate(line: str, *, first: bool = False) -> bool:
    """Page furniture: placeholders, credits, licences, bare URLs, calls to action, lone tokens."""
    if len(line) > MAX_BOILERPLATE_CHARS or len(_SENTENCE_BREAK.findall(line)) >= 2:
        return False
    if not any(c.isalpha() for c in line):
        return True
    if _MEDIA_WORD.match(line) or _URL_ONLY.match(line) or _CALL_TO_ACTION.match(line):
        return True
    if _CREDIT.search(line) or _is_date_line(line):
        return True
    # A lone short token ("4o", "AD", "@handle") is never article text; a one-word first
    # line may still be a headline.
    return not first and len(line.split()) == 1 and len(line) < 20


def _is_date_line(line: str) -> bool:
    """A dateline or timestamp alone ("Updated 18 March 2025, 10:42 GMT")."""
    if len(line) > 60 or not any(c.isdigit() for c in line):
        return False
    words = re.findall(r"[A-Za-z]+", line.lower())
    return all(w in _DATE_WORDS for w in words)


def _is_title_like(paragraph: str) -> bool:
    """A headline: short, two words or more, one sentence, no closing full stop or dash."""
    return (
        len(paragraph) <= MAX_TITLE_CHARS
        and 2 <= len(paragraph.split()) <= MAX_TITLE_WORDS
        and not _FULL_STOP_END.search(paragraph)
        and not _OPEN_END.search(paragraph)
        and not _GLUED_SENTENCES.search(paragraph)
        and not _SENTENCE_BREAK.search(paragraph)
        and not _QUOTE_ATTRIBUTION.search(paragraph)
    )


def _paragraphs(raw: str, dropped: list[str]) -> list[str]:
    """Kept lines grouped into paragraphs; blank and dropped lines end a paragraph."""
    text = _INVISIBLE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[list[str]] = [[]]
    first = True
    for raw_line in text.split("\n"):
        line = _SPACES.sub(" ", raw_line).strip()
        if not line:
            blocks.append([])
            continue
        if is_boilerplate(line, first=first):
            dropped.append(line)
            blocks.append([])
        else:
            blocks[-1].append(line)
        first = False
    paragraphs: list[str] = []
    for block in blocks:
        paragraphs.extend(_join_wrapped(block))
    return paragraphs


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines of one block; lines that are separate paragraphs stay apart."""
    if len(lines) < 2:
        return lines
    body = [len(line) for line in lines[:-1]]
    wrapped = min(body) >= 40 and max(body) <= 100 and max(body) - min(body) <= 30
    out = [lines[0]]
    for line in lines[1:]:
        continues = not _SENTENCE_END.search(out[-1]) and line[:1].islower()
        if wrapped or continues:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out
