"""Which events are placed on the news day: the event's date (read on its clause by the date
resolver) is trusted for look-backs and intents; breaches reported "since the truce took effect"
and reported speech stay candidates. Synthetic records."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.link.violations import check_event, off_the_news_day
from ceasewatch.resolve.dates import resolve_event_date
from tests.link.link_records import (
    RUS,
    DateRange,
    Event,
    Place,
    Span,
    Target,
    mutual_truce,
)

TEXT = "Both armies agreed to stop fighting on Monday."
TRUCE = mutual_truce("ceasefire", "truce-n", "doc-n", TEXT)
KHARKIV = Place("Kharkiv", 49.99, 36.23, "UKR")
NEWS_DAY = DateRange("2025-05-09", "2025-05-10", "days", None)  # publication default


def attack(sentence: str, date: DateRange | None = NEWS_DAY) -> Event:
    return Event(
        id="ev-" + sentence[:24],
        type="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        actor=RUS,
        target=Target("the city", "UKR", "residential"),
        place=KHARKIV,
        date=date,
        evidence=(Span(0, len(sentence), sentence),),
    )


LOOKED_BACK = DateRange(None, "2025-05-10", "unknown", None)  # before the news, day unknown
GUESSED_DAY = DateRange("2025-05-09", "2025-05-10", "unknown", None)  # "when X attacked, ..."
PUBLISHED = dt.date(2025, 5, 10)


def dated(sentence: str) -> DateRange | None:
    return resolve_event_date(sentence, PUBLISHED, clause=sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian forces had shelled the city heavily before the talks.",
        "Since Russian troops launched their push on the city, hundreds have fled.",
    ],
)
def test_an_event_dated_as_looked_back_is_not_placed_in_the_window(sentence):
    assert dated(sentence) == LOOKED_BACK  # the resolver reads the look-back on the clause
    event = attack(sentence, dated(sentence))
    assert off_the_news_day(event) == "told looking back: some time before 2025-05-10"
    assert check_event(TRUCE, event, published="2025-05-10") is None


def test_an_attack_only_threatened_has_no_date_and_is_no_candidate():
    assert check_event(TRUCE, attack("Moscow has threatened to bomb the city.", None)) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "In recent months Russian units have shifted from shelling the city to drone raids.",
        "Russian artillery has pounded the city over the past few years.",
    ],
)
def test_a_sentence_summing_up_a_long_period_is_not_the_news_of_the_day(sentence):
    event = attack(sentence)
    assert off_the_news_day(event) is not None
    assert check_event(TRUCE, event, published="2025-05-10") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian drones struck the city overnight, killing two people.",
        "At least ten civilians have been killed in the shelling of the city as Russian troops "
        "have advanced.",
        # a since-clause whose object is the commitment itself is how a breach is reported
        "Russian forces have shelled the city 20 times since the truce took effect.",
        "Russian drones hit the city in the first breach since the ceasefire started.",
        "Russian shelling of the city is the worst since the agreement entered into force.",
        # reported speech: the past perfect is the shifted tense of the day's report
        "Officials said Russian drones had hit the city.",
        # number words and nouns ending like participles are no past perfect
        "Russian troops, who had fifteen tanks, shelled the city.",
        "A Russian unit that had seven guns shelled the city.",
        "Russian shells hit a shelter that had women and children inside.",
        # "planes to" is no plan
        "Russian forces sent planes to the city and bombed it.",
    ],
)
def test_the_news_of_the_day_stays_a_candidate(sentence):
    event = attack(sentence, dated(sentence))  # dated by the resolver, as the extractor does
    assert off_the_news_day(event) is None
    v = check_event(TRUCE, event, published="2025-05-10")
    assert v is not None and "party match: RUS" in v.reasons
    assert "event date precision: unknown" not in v.uncertain


def test_an_event_whose_day_is_only_guessed_stays_a_candidate_marked_uncertain():
    event = attack("When Russian drones hit the city, the mayor kept working.", GUESSED_DAY)
    v = check_event(TRUCE, event, published="2025-05-10")
    assert v is not None and "event date precision: unknown" in v.uncertain


@pytest.mark.parametrize(
    ("sentence", "candidate"),
    [
        ("Russian forces had shelled the city heavily before the talks.", False),
        ("Since Russian troops launched their push on the city, hundreds have fled.", False),
        ("Officials said Russia was likely to strike the city again.", False),
        ("Officials said Russian drones had hit the city.", True),
        ("Russian forces sent planes to the city and bombed it.", True),
    ],
)
def test_the_resolvers_reading_of_the_clause_decides(sentence, candidate):
    """End to end with the date resolver, which reads look-backs and intents on the clause."""
    event = attack(sentence, resolve_event_date(sentence, PUBLISHED, clause=sentence))
    assert (check_event(TRUCE, event, published="2025-05-10") is not None) is candidate


def test_an_own_date_phrase_is_trusted_whatever_the_tense():
    dated = DateRange("2025-05-08", "2025-05-08", "day", "on Thursday")
    event = attack("On Thursday Russian forces had shelled the city for hours.", dated)
    assert off_the_news_day(event) is None
    assert check_event(TRUCE, event, published="2025-05-10") is not None
