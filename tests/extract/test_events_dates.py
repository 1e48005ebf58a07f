"""The event-date keywords of ``resolve_event_date`` (clause cues), without the parser."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.resolve.dates import resolve_event_date

ANCHOR = dt.date(2024, 6, 12)


@pytest.mark.parametrize(
    "clause",
    [
        "Rebels are likely to storm the airport",
        "the militia threatened to shell the town",
        "the army vowed to attack the rebel positions",
        "the air force plans to bomb the bridges",
        "gunmen are poised to attack the convoy",
    ],
)
def test_intended_attack_has_no_date(clause: str) -> None:
    assert resolve_event_date(clause + ".", ANCHOR, clause=clause) is None


@pytest.mark.parametrize(
    "clause",
    [
        "Government troops had shelled the village",
        "the rebels had already seized the depot",
        "since the army launched the offensive",
        "ever since rebels stormed the barracks",
    ],
)
def test_looking_back_ends_on_the_news_day_with_no_start(clause: str) -> None:
    date = resolve_event_date(clause + ".", ANCHOR, clause=clause)
    assert date is not None
    assert (date.start, date.end, date.precision, date.text) == (
        None,
        "2024-06-12",
        "unknown",
        None,
    )


def test_reported_past_perfect_keeps_the_news_window() -> None:
    sentence = "Officials said rebel drones had hit a power plant."
    date = resolve_event_date(sentence, ANCHOR, clause="rebel drones had hit a power plant")
    assert date is not None and (date.start, date.precision) == ("2024-06-11", "days")


def test_had_with_a_number_is_not_past_perfect() -> None:
    clause = "the convoy had ten trucks hit by drones"
    date = resolve_event_date(clause + ".", ANCHOR, clause=clause)
    assert date is not None and date.start == "2024-06-11"


def test_setting_clause_keeps_the_window_with_unknown_precision() -> None:
    date = resolve_event_date("When the army attacked the town, she left.", ANCHOR, setting=True)
    assert date is not None
    assert (date.start, date.end, date.precision) == ("2024-06-11", "2024-06-12", "unknown")


def test_date_phrase_wins_over_clause_cues() -> None:
    clause = "the army had shelled the village on 3 June"
    date = resolve_event_date(clause + ".", ANCHOR, clause=clause, setting=True)
    assert date is not None and (date.start, date.precision) == ("2024-06-03", "day")


def test_without_keywords_the_sentence_rules_are_unchanged() -> None:
    date = resolve_event_date("The militia threatened to shell the town.", ANCHOR)
    assert date is not None and (date.start, date.end) == ("2024-06-11", "2024-06-12")
    assert resolve_event_date("The army will strike again.", ANCHOR, clause="x") is None
