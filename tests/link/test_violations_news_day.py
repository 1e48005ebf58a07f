"""An event dated only by its publication is not placed on that day when its sentence looks
back ("had launched", "since they attacked") or ahead ("is likely to"): synthetic records."""

from __future__ import annotations

import pytest

from ceasewatch.link.violations import check_event, off_the_news_day
from tests.link.link_records import (
    RUS,
    UKR,
    Commitment,
    DateRange,
    Declaration,
    Event,
    Place,
    Scope,
    Span,
    Target,
    day,
    span_of,
)

TEXT = "Both armies agreed to stop fighting on Monday."
TRUCE = Commitment(
    id="truce-n",
    kind="ceasefire",
    actor=RUS,
    counterparts=(UKR,),
    status="agreed",
    scope=Scope(full=True),
    start=day("2025-05-05"),
    declarations=(
        Declaration(RUS, "agreed", day("2025-05-05"), "doc-n", (span_of(TEXT, "agreed"),)),
        Declaration(UKR, "agreed", day("2025-05-05"), "doc-n", (span_of(TEXT, "agreed"),)),
    ),
    evidence=(span_of(TEXT, "agreed to stop fighting"),),
)
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


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian forces had shelled the city heavily before the talks.",
        "Since Russian troops launched their push on the city, hundreds have fled.",
        "In recent months Russian units have shifted from shelling the city to drone raids.",
        "Russian guns pounded the city two years ago.",
        "Officials said Russia was likely to strike the city again.",
        "Moscow has threatened to bomb the city.",
    ],
)
def test_a_sentence_looking_back_or_ahead_is_not_the_news_of_the_day(sentence):
    event = attack(sentence)
    assert off_the_news_day(event) is not None
    assert check_event(TRUCE, event, published="2025-05-10") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian drones struck the city overnight, killing two people.",
        "At least ten civilians have been killed in the shelling of the city as Russian troops "
        "have advanced.",
    ],
)
def test_the_news_of_the_day_stays_a_candidate(sentence):
    event = attack(sentence)
    assert off_the_news_day(event) is None
    v = check_event(TRUCE, event, published="2025-05-10")
    assert v is not None and "party match: RUS" in v.reasons


def test_an_own_date_phrase_is_trusted_whatever_the_tense():
    dated = DateRange("2025-05-08", "2025-05-08", "day", "on Thursday")
    event = attack("On Thursday Russian forces had shelled the city for hours.", dated)
    assert off_the_news_day(event) is None
    assert check_event(TRUCE, event, published="2025-05-10") is not None
