"""Date expressions against a fixed publication date: Wednesday 19 March 2025."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.resolve.dates import find_dates, parse_anchor, resolve_event_date

ANCHOR = dt.date(2025, 3, 19)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "start", "end", "precision"),
    [
        ("Drones hit the city overnight.", "2025-03-18", "2025-03-19", "days"),
        ("The talks will begin on Sunday.", "2025-03-23", "2025-03-23", "day"),
        ("A missile struck the depot on Sunday.", "2025-03-16", "2025-03-16", "day"),
        ("The truce is to start next Monday.", "2025-03-24", "2025-03-24", "day"),
        ("The governor said yesterday that the fires were out.", "2025-03-18", "2025-03-18", "day"),
        ("Today the envoy arrived.", "2025-03-19", "2025-03-19", "day"),
        ("This morning sirens sounded.", "2025-03-19", "2025-03-19", "day"),
        ("Last night drones hit the port.", "2025-03-18", "2025-03-19", "days"),
        ("Last week the army shelled the town.", "2025-03-10", "2025-03-16", "week"),
        ("Earlier this month the sides met.", "2025-03-01", "2025-03-19", "month"),
        ("Last month talks stalled.", "2025-02-01", "2025-02-28", "month"),
        ("The sides met on March 12.", "2025-03-12", "2025-03-12", "day"),
        ("The sides met on 12 March 2025.", "2025-03-12", "2025-03-12", "day"),
        ("The deal was signed on Feb. 24, 2022.", "2022-02-24", "2022-02-24", "day"),
        ("Prices fell in March 2024.", "2024-03-01", "2024-03-31", "month"),
        ("Fighting in 2022 was fierce.", "2022-01-01", "2022-12-31", "year"),
        ("Shelling has continued since 2022.", "2022-01-01", "2025-03-19", "year"),
        ("Hours after the call, drones attacked.", "2025-03-19", "2025-03-19", "day"),
        ("Two days ago a drone hit a school.", "2025-03-17", "2025-03-17", "day"),
        ("Drones struck on Tuesday night.", "2025-03-18", "2025-03-19", "days"),
        ("Early on Monday, missiles hit the capital.", "2025-03-17", "2025-03-17", "day"),
        ("Drones attacked at the weekend.", "2025-03-15", "2025-03-16", "days"),
        ("The delegations will meet at the weekend.", "2025-03-22", "2025-03-23", "days"),
        ("The city was attacked overnight into Tuesday.", "2025-03-17", "2025-03-18", "days"),
        ("A truce runs from March 12 to April 11.", "2025-03-12", "2025-04-11", "days"),
        ("The sides met in mid-March.", "2025-03-11", "2025-03-20", "days"),
        ("The order was signed on 2025-03-12.", "2025-03-12", "2025-03-12", "day"),
        ("The order was signed on 12.03.2025.", "2025-03-12", "2025-03-12", "day"),
        ("In the past 24 hours the army lost ten tanks.", "2025-03-18", "2025-03-19", "days"),
        ("A talk was held on March the 12th.", "2025-03-12", "2025-03-12", "day"),
        ("Drones hit the port overnight on Sunday.", "2025-03-15", "2025-03-16", "days"),
        ("Shelling has gone on since last week.", "2025-03-10", "2025-03-19", "week"),
        ("Shelling has gone on since Sunday.", "2025-03-16", "2025-03-19", "days"),
        ("Strikes have continued since yesterday.", "2025-03-18", "2025-03-19", "days"),
        ("Losses have grown since the start of the year.", "2025-01-01", "2025-03-19", "year"),
        ("Shelling has continued since March.", "2025-03-01", "2025-03-19", "month"),
        ("The envoys will meet next week.", "2025-03-24", "2025-03-30", "week"),
        ("Three days ago a drone hit a school.", "2025-03-16", "2025-03-16", "day"),
        ("A few days ago a drone hit a school.", "2025-03-17", "2025-03-17", "day"),
    ],
)
def test_resolve_event_date(sentence: str, start: str, end: str, precision: str) -> None:
    date = resolve_event_date(sentence, ANCHOR)
    assert date is not None
    assert (date.start, date.end, date.precision) == (start, end, precision)
    assert date.text is not None and date.text in sentence


def test_month_without_year_in_the_future() -> None:
    date = resolve_event_date("Elections will be held in January.", ANCHOR)
    assert date is not None and date.start == "2026-01-01"


def test_past_report_without_expression_covers_the_last_day() -> None:
    date = resolve_event_date("The army shelled energy facilities.", ANCHOR)
    assert date is not None
    assert (date.start, date.end, date.precision, date.text) == (
        "2025-03-18",
        "2025-03-19",
        "days",
        None,
    )


def test_future_sentence_without_expression_has_no_date() -> None:
    assert resolve_event_date("The ministers will respond.", ANCHOR) is None


def test_no_anchor() -> None:
    assert resolve_event_date("Drones hit the city.", None) is None
    date = resolve_event_date("The sides met on 12 March 2025.", None)
    assert date is not None and date.start == "2025-03-12"
    found = find_dates("The sides met yesterday.", None)
    assert found and found[0][2].precision == "unknown" and found[0][2].start is None


def test_find_dates_spans() -> None:
    text = "Drones struck on Sunday, and talks will resume next week in Riyadh."
    found = find_dates(text, ANCHOR)
    assert [text[s:e] for s, e, _ in found] == ["on Sunday", "next week"]
    assert found[1][2].start == "2025-03-24" and found[1][2].precision == "week"


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("The talks may resume soon.", ANCHOR) == []


def test_parse_anchor() -> None:
    assert parse_anchor("2025-03-19T08:00:00Z") == ANCHOR
    assert parse_anchor(None) is None
    assert parse_anchor("not a date") is None


def test_sunday_reads_past_or_future_from_the_tense() -> None:
    past = resolve_event_date("Russia shelled the town on Sunday.", ANCHOR)
    future = resolve_event_date("The delegations are due to meet on Sunday.", ANCHOR)
    assert past is not None and (past.start, past.precision) == ("2025-03-16", "day")
    assert future is not None and (future.start, future.precision) == ("2025-03-23", "day")


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        # ANCHOR is Wednesday 2025-03-19
        ("Talks resume on Sunday in the Gulf.", "2025-03-23"),
        ("Negotiators meet on Friday, officials said.", "2025-03-21"),
        ("The envoys are meeting on Monday in Geneva.", "2025-03-24"),
        ("Both sides are holding talks on Tuesday.", "2025-03-25"),
        ("The minister is due to visit on Monday.", "2025-03-24"),
        ("Talks are scheduled for Tuesday.", "2025-03-25"),
        ("The treaty will be signed on Friday.", "2025-03-21"),
        ("On Friday, the delegations will meet in the capital.", "2025-03-21"),
        ("Talks resumed on Sunday.", "2025-03-16"),
        ("The army will hit back on Sunday, the commander said.", "2025-03-23"),
        ("On Monday, a drone struck a house.", "2025-03-17"),
        ("The delegation, which arrived on Monday, will meet the president.", "2025-03-17"),
        ("Rescuers are searching the rubble after a strike on Monday.", "2025-03-17"),
        ("A man was killed due to shelling on Monday.", "2025-03-17"),
        ("The town has been shelled on Sunday.", "2025-03-16"),
        ("Joint drills, scheduled to take place on Friday, were announced.", "2025-03-21"),
        ("Envoys will study their planned export curbs on Monday.", "2025-03-24"),
        ("An official said on Sunday that the operation would be over soon.", "2025-03-16"),
        ("The governor set a night curfew in the port to start on Tuesday.", "2025-03-25"),
        ("The ceasefire was extended to expire on Friday.", "2025-03-21"),
        ("Talks were due to start on Monday but were called off.", "2025-03-17"),
    ],
)
def test_weekday_tense_from_the_governing_verb(sentence: str, start: str) -> None:
    date = resolve_event_date(sentence, ANCHOR)
    assert date is not None and date.start == start
