"""The per-text fast path of date resolution gives what a straightforward reading gives.

``_Clauses.tense`` answers ``_tense`` from positions found once per text, and ``_Taken`` answers
the overlap test from sorted spans; both are checked here against the plain versions on a
synthetic multi-paragraph text with long clauses (one sentence per line, no ". " for a while,
semicolons, extra whitespace) where the clause windows reach far.
"""

from __future__ import annotations

import datetime as dt

from ceasewatch.model import DateRange
from ceasewatch.resolve import dates
from ceasewatch.resolve.dates import find_dates

ANCHOR = dt.date(2025, 3, 19)  # a Wednesday

PARAGRAPHS = [
    "Drones struck the port of Valmora overnight, the governor said.",
    "The envoys will meet on Sunday in Castelbrun; they met last week as well.",
    "On Friday, the delegations are meeting in Orsa",
    "A truce is to start next Monday and run from March 12 to April 11.",
    "Talks were due to start on Tuesday but the convoy was hit on Tuesday night",
    "Rescuers are searching the rubble after a strike on Monday.",
    "The pause takes effect on Thursday   and ends on 30 March",
    "He said the sides had agreed in May that a ceasefire begins on 1 June 2025.",
    "Officials said the exchange is    to\ntake place on Saturday;  the lists are ready",
    "Shelling has continued since 2022 and since last week, and three days ago a drone hit a "
    "school; the ministry will report on it tomorrow.",
    "Fighting in 2024 was fierce, while exercises scheduled to take place at the weekend "
    "are cancelled",
    "The mayor said on Sunday that the bridge, closed on Sunday, would reopen on Sunday",
]


def long_text() -> str:
    """Paragraphs repeated with different joins: full stops, bare lines, blank lines."""
    joins = ["\n", "\n\n", " ", ", and ", "\n"]
    parts = []
    for n in range(4):
        for i, para in enumerate(PARAGRAPHS):
            parts.append(para)
            parts.append(joins[(i + n) % len(joins)])
    return "".join(parts)


def plain_scan(text: str, anchor: dt.date | None) -> list[tuple[int, int, DateRange]]:
    """``find_dates`` read straightforwardly: ``_tense`` cut per expression, every taken span
    compared."""
    found: list[tuple[int, int, DateRange]] = []
    taken: list[tuple[int, int]] = []
    for m in dates._CANDIDATE.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken):
            continue
        result = dates._dateparser_resolve(m.group(0), anchor, dates._tense(text, start, end))
        if result is not None:
            found.append((start, end, result))
            taken.append((start, end))
    for pattern, resolve in dates._RULES:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            result = resolve(m, anchor, dates._tense(text, start, end))
            if result is None:
                continue
            found.append((start, end, result))
            taken.append((start, end))
    found.sort(key=lambda item: item[0])
    return dates._merge_spans(text, found)


def test_clause_tense_matches_the_plain_tense_at_every_rule_match() -> None:
    text = long_text()
    clauses = dates._Clauses(text)
    compared = 0
    tenses = set()
    for pattern, _ in dates._RULES:
        for m in pattern.finditer(text):
            expected = dates._tense(text, *m.span())
            assert clauses.tense(*m.span()) == expected, (m.group(0), m.span())
            tenses.add(expected)
            compared += 1
    assert compared > 100
    assert tenses == {"past", "future"}


def test_clause_tense_matches_the_plain_tense_at_every_word() -> None:
    """Spans no rule would give too: every word and every pair of neighbouring words."""
    text = long_text()
    clauses = dates._Clauses(text)
    words = [(m.start(), m.end()) for m in dates.re.finditer(r"\S+", text)]
    for (s1, e1), (_, e2) in zip(words, words[1:], strict=False):
        assert clauses.tense(s1, e1) == dates._tense(text, s1, e1), text[s1:e1]
        assert clauses.tense(s1, e2) == dates._tense(text, s1, e2), text[s1:e2]


def test_find_dates_matches_the_plain_scan_on_a_long_text() -> None:
    text = long_text()
    for anchor in (ANCHOR, None):
        found = find_dates(text, anchor)
        assert found == plain_scan(text, anchor)
    assert len(find_dates(text, ANCHOR)) > 50


def test_the_fast_path_keeps_the_tense_of_far_clause_words() -> None:
    """Without ". " or ";" the clause runs on over the next lines, as it always did: a 'will' two
    lines on makes a weekday no verb governs ('over' cuts the words before) a future one."""
    text = "Sirens sounded over the port on Sunday\nofficials were at the site\nthe army will act"
    start, end = text.index("on Sunday"), text.index("\nofficials")
    assert dates._tense(text, start, end) == "future"
    assert dates._Clauses(text).tense(start, end) == "future"
    assert find_dates(text, ANCHOR) == plain_scan(text, ANCHOR)
    assert find_dates(text, ANCHOR)[0][2].start == "2025-03-23"


def test_taken_spans_answer_like_a_plain_list() -> None:
    taken = dates._Taken()
    plain: list[tuple[int, int]] = []
    for start, end in [(10, 20), (40, 45), (0, 5), (25, 30), (60, 90)]:
        taken.add(start, end)
        plain.append((start, end))
    for start in range(0, 100, 3):
        for end in range(start + 1, 101, 4):
            expected = any(s < end and start < e for s, e in plain)
            assert taken.overlaps(start, end) == expected, (start, end)
