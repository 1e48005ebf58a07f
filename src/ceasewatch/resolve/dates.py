"""Dates resolved against the publication date (the anchor).

Own regular expressions find the expressions news uses (``overnight``, ``on Sunday``,
``last week``, ``12 March 2025``, ``since 2022``...) and resolve them directly; dateparser is only
asked about short candidate substrings the expressions below do not cover (it is slow on whole
sentences). Weekdays and month names without a year are read as past or future from the tense of
the sentence around them: ``will``, ``would``, ``is to``, ``plans to``, ``next``... mean future.

Precision is one of ``day`` (start == end), ``days`` (a span of a few days, e.g. a night),
``week``, ``month``, ``year``; expressions that cannot be resolved without an anchor get
``start = end = None`` and precision ``unknown``.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable

from ceasewatch.model import DateRange
from ceasewatch.resolve import numbers as numbers_mod

log = logging.getLogger(__name__)

_DAY = dt.timedelta(days=1)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9}
_MONTH_ABBR.update({"sept": 9, "oct": 10, "nov": 11, "dec": 12})

# Month names are matched case-sensitively (so "may" the verb is not a month).
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
)
_WEEKDAY = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?i:\s+(?:morning|afternoon|evening|night|overnight))"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

_FUTURE_STRONG = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|planned\s+to|planning\s+to|"
    r"scheduled|set\s+to|due\s+to|expected\s+to|intends?\s+to|going\s+to|next|upcoming)\b|'ll\b",
    re.IGNORECASE,
)
_FUTURE_WEAK = re.compile(
    r"\b(?:from|starting|begins?|takes?\s+effect|until|till|expires?|ends?)\b", re.IGNORECASE
)
_PAST_VERB = re.compile(
    r"\b(?:was|were|had|has\s+been|have\s+been|did|said|says|struck|hit|killed|launched|"
    r"attacked|began|agreed|announced|met|signed|fired|shelled|held|took|came|went|\w+ed)\b",
    re.IGNORECASE,
)


def _i(pattern: str) -> str:
    return f"(?i:{pattern})"


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTH_ABBR[key[:4] if key.startswith("sept") else key[:3]]


# The verb that governs a date expression decides its tense: the nearest verb group before it
# ("talks resume on Sunday", "the envoys are meeting on Friday", "a drone struck ... on Monday"),
# or after it when the expression opens the clause ("On Friday, the delegations will meet").
_MODALS = frozenset({"will", "shall", "'ll", "’ll", "won't"})
_SCHEDULED = frozenset({"scheduled", "slated", "planned", "expected", "due", "poised", "set"})
_COPULA_NOW = frozenset({"is", "are", "am", "'re", "’re", "'s", "’s"})
_COPULA = _COPULA_NOW | {"was", "were", "be", "been", "being"}
_SCHEDULE_PRESENT = frozenset(
    {"meet", "meets", "resume", "resumes", "begin", "begins", "start", "starts", "open", "opens",
     "arrive", "arrives", "visit", "visits", "travel", "travels", "convene", "convenes",
     "reconvene", "reconvenes", "gather", "gathers", "vote", "votes", "return", "returns",
     "fly", "flies", "host", "hosts", "hold", "holds", "head", "heads", "leave", "leaves"}
)  # fmt: skip
# Verbs of starting or ending whose infinitive ("to begin on Tuesday") names a planned date.
_STARTS = frozenset({"begin", "start", "resume", "open", "end", "expire", "commence"})
_PAST_FORMS = frozenset(
    {"was", "were", "had", "did", "said", "struck", "hit", "took", "came", "went", "began",
     "met", "held", "fought", "shot", "led", "left", "sent", "brought", "saw", "told", "made",
     "broke", "fell", "gave", "got", "ran", "stood", "spoke", "wrote", "flew", "rose", "won",
     "lost", "sought", "thought", "found", "kept", "drove", "overran", "undertook"}
)  # fmt: skip
_NOT_PAST_ED = frozenset(
    {"hundred", "armed", "alleged", "united", "limited", "wounded", "injured", "naked", "sacred",
     "beloved", "detained", "killed", "displaced", "occupied", "disputed", "annexed", "embattled",
     "besieged", "unmanned", "unidentified", "unnamed", "undisclosed", "coordinated", "combined"}
)  # fmt: skip
_DETERMINERS = frozenset(
    {"the", "a", "an", "their", "its", "his", "her", "our", "my", "your", "this", "these", "those"}
)
# After a progressive verb these mean the date belongs to an earlier event ("rescuers are
# searching the rubble after a strike on Monday").
_EARLIER_LINK = frozenset({"after", "following", "since", "amid", "despite", "over", "from"})


def _word_tense(words: list[str], i: int) -> str | None:
    """The tense word ``words[i]`` gives with the words before it, or None when it is no verb."""
    w = words[i]
    prev = words[i - 1] if i > 0 else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    if w in _MODALS:
        return "future"
    if w in _SCHEDULED and (prev in _COPULA or (after in ("to", "for") and w != "due")):
        return "future"  # "is due to", "exercises scheduled to take place"; not "due to shelling"
    if w.endswith("ing") and len(w) > 4 and prev in _COPULA_NOW | {"was", "were"}:
        return "future" if prev in _COPULA_NOW else "past"
    if w in _STARTS and prev == "to":
        # "ordered a pause to begin on Tuesday": the start of something decided, still ahead,
        # unless it was only "due to begin" in a past clause ("talks were due to start ...").
        planned = i >= 3 and words[i - 2] in _SCHEDULED | {"supposed"}
        return "past" if planned and words[i - 3] in ("was", "were") else "future"
    if w in _SCHEDULE_PRESENT and prev not in ("to", "did", "didn't", "the", "a", "their", "its"):
        return "future"
    regular = w.endswith("ed") and len(w) > 4 and not w.endswith("eed") and w not in _NOT_PAST_ED
    if w in _PAST_FORMS or regular:
        if prev in _MODALS:
            return "future"  # "will hit": a base form that looks like a past one
        if prev in ("be", "been", "being", "to"):
            return None  # a passive or an infinitive: the words before decide ("will be held")
        if prev in _DETERMINERS:
            return None  # an adjective: "their expected sanctions package"
        return "past"
    return None


def _governing_tense(left: str, right: str) -> str | None:
    """The tense of the nearest verb before the expression (up to eight words back), or of the
    first verb after it when the expression opens the clause; None when no verb decides."""
    return _governing_from_words(left.lower().split()[-8:], right.lower().split()[:8])


def _governing_from_words(before: list[str], after: list[str]) -> str | None:
    """``_governing_tense`` over the last eight words before and the first eight after."""
    words = [w.strip(',:"“”()') for w in before]
    for i in range(len(words) - 1, -1, -1):
        if words[i] in _EARLIER_LINK:
            return None
        tense = _word_tense(words, i)
        if tense is not None:
            return tense
    if words:
        return None
    after = [w.strip(',:"“”()') for w in after]
    for i in range(len(after)):
        tense = _word_tense(after, i)
        if tense is not None:
            return tense
    return None


def _tense(text: str, start: int, end: int) -> str:
    """'future' or 'past' from the clause around a date expression."""
    left = max(text.rfind(".", 0, start), text.rfind(";", 0, start), text.rfind("\n", 0, start))
    right_candidates = [p for p in (text.find(". ", end), text.find(";", end)) if p != -1]
    right = min(right_candidates) if right_candidates else len(text)
    expr = text[start:end]
    clause = text[left + 1 : start] + " " + text[end:right]
    if re.search(r"(?i)\b(?:next|coming|upcoming)\b", expr):
        return "future"
    if re.search(r"(?i)\b(?:last|past|previous|ago|earlier|since)\b", expr):
        return "past"
    governing = _governing_tense(text[left + 1 : start], text[end:right])
    if governing is not None:
        return governing
    if _FUTURE_STRONG.search(clause):
        return "future"
    if _FUTURE_WEAK.search(clause) and not _PAST_VERB.search(clause):
        return "future"
    return "past"


# The clause patterns are searched in ``left + " " + right`` of every date expression. On a long
# clause (a text with few full stops, or one sentence per line so that the next ". " is far away)
# cutting and searching those strings for each expression is quadratic; ``_Clauses`` answers the
# same questions from positions found once per text. It relies on what the three patterns share:
# a match is one word or two words with whitespace between them, starts with a letter or an
# apostrophe and ends with a letter before ``\b``.
_CLAUSE_PATTERNS = (_FUTURE_STRONG, _FUTURE_WEAK, _PAST_VERB)
_LEFT_BREAK = re.compile(r"[.;\n]")
_RIGHT_BREAK = re.compile(r"(?=\. |;)")


class _Clauses:
    """``_tense`` for many expressions of one text, each in time independent of the text length.

    Same answer as ``_tense(text, start, end)``: the clause bounds come from sorted break
    positions, the eight words on each side from short windows grown until they hold them, and
    a pattern matches ``left + " " + right`` when it matches across the joining space (the last
    word of ``left`` and the first of ``right``), in ``left`` or in ``right``. The matches inside
    a clause are found once per clause and kept by position; only the two words next to the
    expression, where cutting the text can change a word boundary, are searched each time.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.left_breaks = [m.start() for m in _LEFT_BREAK.finditer(text)]
        self.right_breaks = [m.start() for m in _RIGHT_BREAK.finditer(text)]
        self._left_ends: dict[tuple[int, int], int] = {}
        self._right_starts: dict[tuple[int, int], int] = {}

    def tense(self, start: int, end: int) -> str:
        text = self.text
        expr = text[start:end]
        if re.search(r"(?i)\b(?:next|coming|upcoming)\b", expr):
            return "future"
        if re.search(r"(?i)\b(?:last|past|previous|ago|earlier|since)\b", expr):
            return "past"
        i = bisect.bisect_left(self.left_breaks, start)
        j = bisect.bisect_left(self.right_breaks, end)
        clause = _Clause(
            left=self.left_breaks[i - 1] + 1 if i else 0,
            left_stop=self.left_breaks[i] if i < len(self.left_breaks) else len(text),
            start=start,
            end=end,
            right_lo=self.right_breaks[j - 1] + 1 if j else 0,
            right=self.right_breaks[j] if j < len(self.right_breaks) else len(text),
        )
        before = _last_words(text, clause.left, start, 8)
        after = _first_words(text, end, clause.right, 8)
        governing = _governing_from_words(before, after)
        if governing is not None:
            return governing
        if self._has(0, clause):
            return "future"
        if self._has(1, clause) and not self._has(2, clause):
            return "future"
        return "past"

    def _has(self, k: int, c: _Clause) -> bool:
        """Does clause pattern ``k`` match ``text[c.left:c.start] + " " + text[c.end:c.right]``?"""
        pattern, text = _CLAUSE_PATTERNS[k], self.text
        last = _nth_word_start(text, c.left, c.start, 1)
        across = text[last : c.start] + " " + text[c.end : _nth_word_end(text, c.end, c.right, 1)]
        if pattern.search(across):
            return True
        return self._in_left(k, c) or self._in_right(k, c)

    def _in_left(self, k: int, c: _Clause) -> bool:
        pattern, text = _CLAUSE_PATTERNS[k], self.text
        key = (k, c.left)
        if key not in self._left_ends:
            # The earliest end of a match anywhere in the clause up to its next break.
            first_end, pos = len(text) + 1, c.left
            while (m := pattern.search(text, pos, c.left_stop)) is not None:
                first_end = min(first_end, m.end())
                pos = m.start() + 1
            self._left_ends[key] = first_end
        # A match ending before the last two words ends before the cut: a match of the cut text
        # (the characters it depends on are the same). Near the cut, search the cut text itself.
        if self._left_ends[key] < c.start:
            return True
        near = _nth_word_start(text, c.left, c.start, 2)
        return pattern.search(text, near, c.start) is not None

    def _in_right(self, k: int, c: _Clause) -> bool:
        pattern, text = _CLAUSE_PATTERNS[k], self.text
        key = (k, c.right_lo)
        if key not in self._right_starts:
            # The last start of a match in the region of the text whose clauses end at c.right.
            last, pos = -1, c.right_lo
            while (m := pattern.search(text, pos, c.right)) is not None:
                last = m.start()
                pos = last + 1
            self._right_starts[key] = last
        # A match starting after ``end`` sees the same characters as in the cut text; one
        # starting at ``end`` sees none before it there and spans at most two words.
        if self._right_starts[key] > c.end:
            return True
        return pattern.match(text[c.end : _nth_word_end(text, c.end, c.right, 2)]) is not None


@dataclasses.dataclass(frozen=True)
class _Clause:
    """Positions around one date expression ``text[start:end]``: ``_tense`` reads the clause
    ``text[left:start] + " " + text[end:right]``; ``left_stop`` is the break after ``left`` and
    ``right_lo`` the position after the break before ``right``."""

    left: int
    left_stop: int
    start: int
    end: int
    right_lo: int
    right: int


def _last_words(text: str, left: int, start: int, n: int) -> list[str]:
    """``text[left:start].lower().split()[-n:]``, reading only as far back as needed."""
    size = 16 * (n + 1)
    while True:
        lo = max(left, start - size)
        words = text[lo:start].lower().split()
        if lo == left or len(words) > n:  # the first word of the window may be cut
            return words[-n:]
        size *= 2


def _first_words(text: str, end: int, right: int, n: int) -> list[str]:
    """``text[end:right].lower().split()[:n]``, reading only as far as needed."""
    size = 16 * (n + 1)
    while True:
        hi = min(right, end + size)
        words = text[end:hi].lower().split()
        if hi == right or len(words) > n:  # the last word of the window may be cut
            return words[:n]
        size *= 2


def _nth_word_start(text: str, lo: int, hi: int, n: int) -> int:
    """Where the n-th last word of ``text[lo:hi]`` starts (``lo`` when it has fewer)."""
    i = hi
    for _ in range(n):
        while i > lo and text[i - 1].isspace():
            i -= 1
        while i > lo and not text[i - 1].isspace():
            i -= 1
    return i


def _nth_word_end(text: str, lo: int, hi: int, n: int) -> int:
    """Where the n-th word of ``text[lo:hi]`` ends (``hi`` when it has fewer)."""
    i = lo
    for _ in range(n):
        while i < hi and text[i].isspace():
            i += 1
        while i < hi and not text[i].isspace():
            i += 1
    return i


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _range(start: dt.date, end: dt.date, precision: str, text: str) -> DateRange:
    return DateRange(_iso(start), _iso(end), precision, text)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _weekday(anchor: dt.date, weekday: int, tense: str, qualifier: str) -> dt.date:
    """The weekday nearest the anchor in the direction the tense says."""
    if qualifier == "next":
        ahead = (weekday - anchor.weekday()) % 7 or 7
        return anchor + dt.timedelta(days=ahead)
    if qualifier == "last":
        back = (anchor.weekday() - weekday) % 7 or 7
        return anchor - dt.timedelta(days=back)
    if tense == "future":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _year_for(anchor: dt.date, month: int, day: int, tense: str) -> dt.date | None:
    """The year that puts a month/day on the side of the anchor the tense says."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if tense == "future":
        later = [c for c in candidates if c >= anchor - dt.timedelta(days=3)]
        return later[0] if later else candidates[-1]
    earlier = [c for c in candidates if c <= anchor + dt.timedelta(days=3)]
    return earlier[-1] if earlier else candidates[0]


# Each rule: (regex, resolver). A resolver gets the match, the anchor (maybe None), the tense of
# the clause and returns a DateRange or None.
Resolver = Callable[[re.Match[str], "dt.date | None", str], "DateRange | None"]
_RULES: list[tuple[re.Pattern[str], Resolver]] = []


def _rule(pattern: str) -> Callable[[Resolver], Resolver]:
    def register(func: Resolver) -> Resolver:
        _RULES.append((re.compile(pattern), func))
        return func

    return register


def _unknown(m: re.Match[str]) -> DateRange:
    return DateRange(None, None, "unknown", m.group(0))


_PREP = r"(?:(?i:on|by|from|until|till|since|before|after)\s+(?:(?i:the)\s+)?)?"


@_rule(
    rf"\b{_i('since')}\s+(?:{_DAYNUM}\s+{_MONTH}\s+{_YEAR}|{_MONTH}\s+{_DAYNUM},?\s+{_YEAR}|"
    rf"{_MONTH}\s+{_YEAR}|{_YEAR}|{_MONTH}\s+{_DAYNUM}|{_DAYNUM}\s+{_MONTH}|{_MONTH})\b"
)
def _since(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    inner = "in " + m.group(0)[len("since") :].strip()
    found = [r for _, _, r in _scan(inner, anchor, past_only=True)]
    if not found or found[0].start is None:
        return _unknown(m)
    first = found[0]
    end = anchor.isoformat() if anchor else None
    precision = "days" if first.precision == "day" else first.precision
    return DateRange(first.start, end, precision, m.group(0))


@_rule(
    _i(
        r"\bsince\s+(?:(?:last|this|the\s+past|the\s+previous)\s+(?:week|month|year|weekend)|"
        r"yesterday|(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
        r"the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?:week|month|year))\b"
    )
)
def _since_relative(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    """'since last week', 'since Sunday', 'since the start of the year': from then to the anchor."""
    if anchor is None:
        return _unknown(m)
    inner = m.group(0)[len("since") :].strip()
    low = inner.lower()
    if low.startswith("the start of") or low.startswith("the beginning of"):
        unit = low.split()[-1]
        if unit == "week":
            start, precision = anchor - dt.timedelta(days=anchor.weekday()), "week"
        elif unit == "month":
            start, precision = anchor.replace(day=1), "month"
        else:
            start, precision = anchor.replace(month=1, day=1), "year"
        return _range(start, anchor, precision, m.group(0))
    found = [r for _, _, r in _scan(inner, anchor, past_only=True)]
    if not found or found[0].start is None:
        return _unknown(m)
    first = found[0]
    precision = "days" if first.precision == "day" else (first.precision or "days")
    return DateRange(first.start, anchor.isoformat(), precision, m.group(0))


@_rule(
    rf"\b(?:(?i:between|from)\s+)?({_DAYNUM})\s*(?:-|–|(?i:to|and))\s*({_DAYNUM})\s+"
    rf"(?:(?i:of)\s+)?({_MONTH})(?:,?\s+({_YEAR}))?\b"
)
def _day_span_dm(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    return _day_span(
        m,
        anchor,
        tense,
        int(re.sub(r"\D", "", m.group(1))),
        int(re.sub(r"\D", "", m.group(2))),
        _month_number(m.group(3)),
        m.group(4),
    )


@_rule(
    rf"\b(?:(?i:between|from)\s+)?({_MONTH})\s+({_DAYNUM})\s*(?:-|–|(?i:to|and))\s*"
    rf"({_DAYNUM})(?:,?\s+({_YEAR}))?\b"
)
def _day_span_md(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    return _day_span(
        m,
        anchor,
        tense,
        int(re.sub(r"\D", "", m.group(2))),
        int(re.sub(r"\D", "", m.group(3))),
        _month_number(m.group(1)),
        m.group(4),
    )


def _day_span(
    m: re.Match[str],
    anchor: dt.date | None,
    tense: str,
    d1: int,
    d2: int,
    month: int,
    year: str | None,
) -> DateRange | None:
    if d2 < d1:
        return None
    try:
        if year:
            start = dt.date(int(year), month, d1)
        elif anchor:
            found = _year_for(anchor, month, d1, tense)
            if found is None:
                return None
            start = found
        else:
            return _unknown(m)
        end = start.replace(day=d2)
    except ValueError:
        return None
    return _range(start, end, "days", m.group(0))


@_rule(rf"\b{_PREP}({_DAYNUM})\s+(?:(?i:of)\s+)?({_MONTH})(?:,?\s+({_YEAR}))?(?!\s*\d)")
def _day_month(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    return _day(
        m, anchor, tense, int(re.sub(r"\D", "", m.group(1))), _month_number(m.group(2)), m.group(3)
    )


@_rule(rf"\b{_PREP}({_MONTH})\s+({_DAYNUM})(?:,?\s+({_YEAR}))?(?![\d:])(?!\s*(?i:percent|%))")
def _month_day(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    return _day(
        m, anchor, tense, int(re.sub(r"\D", "", m.group(2))), _month_number(m.group(1)), m.group(3)
    )


def _day(
    m: re.Match[str], anchor: dt.date | None, tense: str, day: int, month: int, year: str | None
) -> DateRange | None:
    try:
        if year:
            date = dt.date(int(year), month, day)
        elif anchor:
            found = _year_for(anchor, month, day, tense)
            if found is None:
                return None
            date = found
        else:
            return _unknown(m)
    except ValueError:
        return None
    return _range(date, date, "day", m.group(0))


@_rule(r"\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)\b")
def _iso_date(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    try:
        date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return _range(date, date, "day", m.group(0))


@_rule(r"\b([0-3]?\d)[./]([01]?\d)[./]((?:19|20)\d\d)\b")
def _numeric_date(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    """'12.03.2025' day first (European and Ukrainian/Russian usage); US order when day > 12."""
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    day, month = (a, b) if b <= 12 else (b, a)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return _range(date, date, "day", m.group(0))


@_rule(
    rf"\b(?:(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)"
    rf"[\s-]+)?(?:(?i:in|during|by|until|before|after|of)\s+)?({_MONTH})(?:,?\s+({_YEAR}))?\b"
)
def _month(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    month = _month_number(m.group(1))
    if m.group(2):
        year = int(m.group(2))
    elif anchor:
        if tense == "future":
            year = anchor.year if month >= anchor.month else anchor.year + 1
        else:
            year = anchor.year if month <= anchor.month else anchor.year - 1
    else:
        return _unknown(m)
    start, end = _month_range(year, month)
    part = m.group(0).lower()
    if part.startswith("early") or "beginning" in part or "start of" in part:
        return _range(start, start.replace(day=10), "days", m.group(0))
    if part.startswith("mid"):
        return _range(start.replace(day=11), start.replace(day=20), "days", m.group(0))
    if part.startswith("late") or "end of" in part:
        return _range(start.replace(day=21), end, "days", m.group(0))
    return _range(start, end, "month", m.group(0))


@_rule(rf"\b(?i:in|during|of|by|until|before|after|throughout)\s+({_YEAR})\b(?![-/.]\d)")
def _year(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    year = int(m.group(1))
    return _range(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", m.group(0))


@_rule(
    _i(
        r"\b(?:in\s+the\s+)?(?:early\s+hours\s+of\s+)?(?:late\s+)?overnight(?:\s+(?:into|on)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?"
        r"|\blast\s+night\b|\bin\s+the\s+early\s+hours\b|\bduring\s+the\s+night\b"
    )
)
def _overnight(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    into = re.search(
        r"(?i)(?:into|on)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", m.group(0)
    )
    if into:
        day = _weekday(anchor, _WEEKDAYS.index(into.group(1).lower()), tense, "")
        return _range(day - _DAY, day, "days", m.group(0))
    return _range(anchor - _DAY, anchor, "days", m.group(0))


@_rule(
    _i(
        r"\b(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:the\s+)?(?:night|morning|evening)\s+of\s+)?"
        r"(last|next|this|coming|past)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|"
        r"sunday)(?:'s|’s)?((?:\s+|-)(?:morning|afternoon|evening|night|overnight))?\b"
    )
)
def _weekday_rule(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    qualifier = (m.group(1) or "").lower()
    qualifier = {"coming": "next", "past": "last"}.get(qualifier, qualifier)
    date = _weekday(anchor, _WEEKDAYS.index(m.group(2).lower()), tense, qualifier)
    text = m.group(0)
    if re.search(r"(?i)night|overnight", text):
        return _range(date, date + _DAY, "days", text)
    return _range(date, date, "day", text)


@_rule(_i(r"\b(?:the\s+day\s+before\s+yesterday)\b"))
def _day_before_yesterday(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    date = anchor - 2 * _DAY
    return _range(date, date, "day", m.group(0))


@_rule(_i(r"\byesterday(?:\s+(?:morning|afternoon|evening))?\b"))
def _yesterday(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    return _range(anchor - _DAY, anchor - _DAY, "day", m.group(0))


@_rule(
    _i(
        r"\b(?:earlier\s+|later\s+)?today\b|\b(?:earlier\s+|later\s+)?this\s+(?:morning|"
        r"afternoon|evening)\b|\btonight\b|\bhours\s+(?:after|before|earlier|later)\b|"
        r"\bon\s+the\s+same\s+day\b"
    )
)
def _today(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    return _range(anchor, anchor, "day", m.group(0))


@_rule(_i(r"\btomorrow(?:\s+(?:morning|afternoon|evening|night))?\b"))
def _tomorrow(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    return _range(anchor + _DAY, anchor + _DAY, "day", m.group(0))


@_rule(
    _i(
        r"\b(?:(?:at|over|during|this|last|next|on)\s+the\s+|this\s+|last\s+|next\s+|"
        r"over\s+|at\s+)weekend\b"
    )
)
def _weekend(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    text = m.group(0).lower()
    future = "next" in text or (tense == "future" and "last" not in text)
    if future:
        saturday = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
        if "next" in text and saturday - anchor < dt.timedelta(days=2):
            saturday += 7 * _DAY
    else:
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
        if "last" in text and anchor.weekday() in (5, 6):
            saturday -= 7 * _DAY
    return _range(saturday, saturday + _DAY, "days", m.group(0))


@_rule(
    _i(
        r"\b(?:(?:earlier|later)\s+)?(?:last|this|next|past|previous|coming)\s+"
        r"(week|month|year)\b"
    )
)
def _relative_period(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    text = m.group(0).lower()
    unit = m.group(1).lower()
    which = "this"
    for word in ("last", "previous", "past", "next", "coming"):
        if re.search(rf"\b{word}\b", text):
            which = {"previous": "last", "coming": "next"}.get(word, word)
            break
    if which == "past":
        days = {"week": 7, "month": 30, "year": 365}[unit]
        return _range(anchor - dt.timedelta(days=days), anchor, unit, m.group(0))
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday())
        if which == "last":
            return _range(monday - 7 * _DAY, monday - _DAY, "week", m.group(0))
        if which == "next":
            return _range(monday + 7 * _DAY, monday + 13 * _DAY, "week", m.group(0))
        end = anchor if tense == "past" or "earlier" in text else monday + 6 * _DAY
        return _range(monday, end, "week", m.group(0))
    if unit == "month":
        delta = {"last": -1, "next": 1}.get(which, 0)
        year, month = _shift_month(anchor.year, anchor.month, delta)
        start, end = _month_range(year, month)
        if which == "this" and (tense == "past" or "earlier" in text):
            end = anchor
        return _range(start, end, "month", m.group(0))
    year = anchor.year + {"last": -1, "next": 1}.get(which, 0)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if which == "this" and (tense == "past" or "earlier" in text):
        end = anchor
    return _range(start, end, "year", m.group(0))


@_rule(
    _i(
        r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(\d+|\w+)\s+"
        r"(hours?|days?|weeks?)\b"
    )
)
def _past_n(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    n = _count(m.group(1))
    if n is None:
        return None
    unit = m.group(2).lower().rstrip("s")
    days = {"hour": max(1, -(-n // 24)), "day": n, "week": 7 * n}[unit]
    return _range(anchor - dt.timedelta(days=days), anchor, "days", m.group(0))


@_rule(
    _i(
        r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
        r"a\s+few|few)\s+(days?|weeks?|months?|years?)\s+(ago|earlier|before|later|from\s+now)"
        r"\b"
    )
)
def _ago(m: re.Match[str], anchor: dt.date | None, tense: str) -> DateRange | None:
    if anchor is None:
        return _unknown(m)
    n = _count(m.group(1))
    if n is None:
        return None
    unit = m.group(2).lower().rstrip("s")
    sign = 1 if m.group(3).lower() in ("later", "from now") else -1
    if unit == "day":
        date = anchor + sign * dt.timedelta(days=n)
        return _range(date, date, "day", m.group(0))
    if unit == "week":
        centre = anchor + sign * dt.timedelta(days=7 * n)
        return _range(centre - 3 * _DAY, centre + 3 * _DAY, "week", m.group(0))
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, sign * n)
        start, end = _month_range(year, month)
        return _range(start, end, "month", m.group(0))
    year = anchor.year + sign * n
    return _range(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", m.group(0))


def _count(word: str) -> int | None:
    """'3' / 'three' / 'a' / 'several' -> a number of units (numbers.py holds the word table)."""
    word = " ".join(word.lower().split())
    if word == "few":
        word = "a few"
    return numbers_mod.number_value(word)


# Candidates for dateparser: expressions with a month name that no rule above resolved.
_CANDIDATE = re.compile(rf"\b{_MONTH}\s+(?i:the)\s+{_DAYNUM}(?:,?\s+{_YEAR})?")


def _dateparser_resolve(text: str, anchor: dt.date | None, tense: str) -> DateRange | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return _range(parsed.date(), parsed.date(), "day", text)


def _scan(
    text: str, anchor: dt.date | None, *, past_only: bool = False
) -> list[tuple[int, int, DateRange]]:
    found: list[tuple[int, int, DateRange]] = []
    taken = _Taken()
    clauses = _Clauses(text)
    for m in _CANDIDATE.finditer(text):
        start, end = m.span()
        if taken.overlaps(start, end):
            continue
        result = _dateparser_resolve(m.group(0), anchor, clauses.tense(start, end))
        if result is not None:
            found.append((start, end, result))
            taken.add(start, end)
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text):
            start, end = m.span()
            if taken.overlaps(start, end):
                continue
            tense = "past" if past_only else clauses.tense(start, end)
            result = resolve(m, anchor, tense)
            if result is None:
                continue
            found.append((start, end, result))
            taken.add(start, end)
    found.sort(key=lambda item: item[0])
    return _merge_spans(text, found)


class _Taken:
    """The spans already given to an expression: none of them overlap, so sorted by start they
    are sorted by end too and one neighbour tells whether a new span overlaps any."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        if start >= end:  # an empty span overlaps a span strictly around it
            return any(s < end and start < e for s, e in zip(self.starts, self.ends, strict=True))
        i = bisect.bisect_left(self.starts, end)  # the spans before i start before ``end``
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


_BETWEEN = re.compile(r"\s*(?:-|–|(?i:to|until|till|through|and))\s*")


def _merge_spans(
    text: str, found: list[tuple[int, int, DateRange]]
) -> list[tuple[int, int, DateRange]]:
    """'from March 12 to April 11' -> one range from the first date to the second."""
    merged: list[tuple[int, int, DateRange]] = []
    for start, end, date in found:
        if merged:
            p_start, p_end, prev = merged[-1]
            joined = (
                _BETWEEN.fullmatch(text[p_end:start])
                and re.match(r"(?i)from|between", prev.text or "")
                and prev.start
                and date.end
                and prev.start <= date.end
            )
            if joined:
                merged[-1] = (
                    p_start,
                    end,
                    DateRange(prev.start, date.end, "days", text[p_start:end]),
                )
                continue
        merged.append((start, end, date))
    return merged


def find_dates(text: str, anchor: dt.date | None) -> list[tuple[int, int, DateRange]]:
    """Every date expression in ``text`` with its character span and resolved range.

    Overlapping expressions keep the one found by the earlier (more specific) rule; spans cover
    the whole expression including its preposition ("on Sunday", "since 2022").
    """
    return _scan(text, anchor)


_FUTURE_SENTENCE = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|plans?\s+to|planning\s+to|intends?\s+to|"
    r"scheduled\s+to|set\s+to|expected\s+to|going\s+to)\b",
    re.IGNORECASE,
)


_INTENT_CLAUSE = re.compile(
    r"\b(?:likely|unlikely|poised|ready|threaten(?:s|ed|ing)?|vow(?:s|ed|ing)?|"
    r"plann?(?:s|ed|ing)?|intend(?:s|ed|ing)?|prepar(?:es|ed|ing))\s+to\b",
    re.IGNORECASE,
)
"""A clause whose attack is only likely, threatened, vowed or planned ("is likely to strike",
"vowed to attack"): checked on the event's own clause, since the threat itself is news."""
_PLUPERFECT = re.compile(
    r"\bhad\s+(?:(?:not|already|long|just|never|also|previously|earlier|repeatedly)\s+)?"
    r"(?:been\b|(?:been\s+)?(?!(?:\w*teen|ten|seven|eleven|women|men|children|dozen)\b)"
    r"(?:\w+ed|\w+en|fought|struck|hit|shot|led|held|begun|made|won|lost|sent|took|kept|"
    r"seized|broke|overrun|done|gone)\b)",
    re.IGNORECASE,
)
_SINCE_CLAUSE = re.compile(
    r"\b(?:ever\s+)?since\s+(?:[\w'’-]+\s+){1,5}?"
    r"(?:\w+ed|began|fought|struck|hit|shot|took|won|seized|broke|went|came)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:said|says|told|tells|reported|claimed|stated|announced|added|confirmed|according\s+to)\b",
    re.IGNORECASE,
)
"""Past perfect ("had shelled") or "since X launched": the clause looks back from the news. A
past perfect in reported speech ("officials said drones had hit ...") is the shifted tense of a
report of the day, so it does not count there."""


_COMMITMENT_SINCE = re.compile(
    r"\b(?:ceasefire|cease-fire|truce|armistice|agreement|accord|deal|halt|moratorium|pause)\b"
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:took\s+effect|came\s+into\s+(?:effect|force)|"
    r"entered\s+into\s+force|began|started|was\s+(?:signed|agreed|declared|announced|reached))\b",
    re.IGNORECASE,
)
"""A since-clause about the commitment's start ("since the truce took effect") dates a breach
from the truce; it does not push the event back before the news ("since the truce collapsed"
does)."""


def _looks_back(sentence: str, clause: str) -> bool:
    since = _SINCE_CLAUSE.finditer(clause)
    if any(not _COMMITMENT_SINCE.search(clause, m.start(), m.end() + 40) for m in since):
        return True
    return _PLUPERFECT.search(clause) is not None and not _REPORTED.search(sentence)


def resolve_event_date(
    sentence: str, anchor: dt.date | None, *, clause: str | None = None, setting: bool = False
) -> DateRange | None:
    """The date of the event a sentence reports.

    The first date expression in the sentence wins. When the sentence has none: a past-tense
    report is taken to cover the day before publication and the publication day
    (``anchor-1 .. anchor``, precision ``days``, ``text=None``), since news reports events of
    the last day or so; a future-tense sentence (``will``, ``plans to``...) gives ``None``, as
    does a missing anchor.

    With ``clause`` (the event's own words), an attack that is only likely, threatened or vowed
    ("likely to strike") gives ``None``, and one told looking back ("had shelled", "since X
    launched the offensive") gives an open range ending on the publication day (start ``None``,
    precision ``unknown``): it happened before the news, day unknown. With ``setting`` (the
    clause only sets the time of another: "when X attacked Y, she kept pushing"), the default
    range comes back with precision ``unknown``.
    """
    dates = find_dates(sentence, anchor)
    resolved = [d for _, _, d in dates if d.start is not None]
    if resolved:
        return resolved[0]
    if anchor is None or _FUTURE_SENTENCE.search(sentence):
        return None
    if clause is not None:
        if _INTENT_CLAUSE.search(clause):
            return None
        if _looks_back(sentence, clause):
            return DateRange(None, _iso(anchor), "unknown", None)
    precision = "unknown" if setting else "days"
    return DateRange(_iso(anchor - _DAY), _iso(anchor), precision, None)


def parse_anchor(published: str | None) -> dt.date | None:
    """The anchor date from a document's ``published`` value (ISO date or datetime)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        log.debug("unparseable publication date %r", published)
        return None
