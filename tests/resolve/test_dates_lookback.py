"""Which clauses look back from the news (no start date) and which report the day's events."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.resolve.dates import resolve_event_date

ANCHOR = dt.date(2026, 3, 10)


def date_of(sentence: str):
    return resolve_event_date(sentence, ANCHOR, clause=sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebel gunners have shelled the port 14 times since the truce took effect.",
        "It was the first breach since the ceasefire started on the river front.",
        "Drones struck the depot, the worst attack since the accord entered into force.",
        "Militia units, who had fifteen tanks, shelled the bridge.",
        "Two battalions, which had seven guns, attacked the ridge.",
        "Officials said the drones had hit the power station.",
    ],
)
def test_breaches_and_counts_are_news_of_the_day(sentence):
    date = date_of(sentence)
    assert date is not None and date.start is not None and date.precision == "days"


@pytest.mark.parametrize(
    "sentence",
    [
        "The brigade had shelled the village before the talks began.",
        "Ever since the army launched its offensive, the town has been shelled.",
        "The militia had taken the airport weeks earlier.",
        "There had been heavy shelling of the port before dawn.",
        "Fighting had raged near the dam since the ceasefire collapsed.",
        "Gunners have shelled the market since the truce broke down.",
    ],
)
def test_past_perfect_and_since_the_offensive_look_back(sentence):
    date = date_of(sentence)
    assert date is not None and date.start is None and date.precision == "unknown"


def test_an_attack_the_side_is_ready_to_launch_has_no_date():
    assert date_of("Commanders say the brigade is ready to storm the hill.") is None
