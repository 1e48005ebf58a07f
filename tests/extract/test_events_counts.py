"""A death toll that no clause of its sentence holds goes to the sentence's violent event."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.extract.events import extract_events
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import CountRange, Document, Event

pytestmark = pytest.mark.slow


def run(text: str) -> list[Event]:
    document = Document(id=Document.make_id(text), text=text)
    return extract_events(load_nlp()(text), document, dt.date(2021, 5, 4))


def test_toll_outside_the_clause_goes_to_the_violent_event() -> None:
    # the parse leaves "two people reported killed" to no event's clause
    events = run("Artillery hit the market; two people reported killed")
    assert [e.counts.killed for e in events] == [CountRange(2, 2)]


def test_toll_after_a_count_of_attacks() -> None:
    events = run(
        "Rocket batteries pounded Horlivka 35 times within a single day, 3 militiamen killed, "
        "rebel command says"
    )
    tolls = [e.counts.killed for e in events if e.counts.killed is not None]
    assert tolls == [CountRange(3, 3)]


def test_toll_of_a_rising_death_count() -> None:
    events = run("Bombardment of Horlivka: number of dead climbs to four")
    assert [e.counts.killed for e in events] == [CountRange(4, 4)]


def test_clause_toll_is_kept_and_not_copied() -> None:
    events = run(
        "Drones struck a depot in the north, and in a separate attack artillery killed three "
        "soldiers in the south."
    )
    tolls = [e.counts.killed for e in events]
    assert CountRange(3, 3) in tolls
    assert tolls.count(CountRange(3, 3)) == 1


def test_no_toll_in_the_sentence_gives_none() -> None:
    events = run("Rebels shelled the outskirts of the town overnight, officials said.")
    assert events
    assert all(e.counts.killed is None for e in events)


def test_toll_of_an_earlier_dated_raid_is_not_handed_out() -> None:
    # the figure sits in a relative clause about a raid in March: that raid's toll
    events = run(
        "Drones hit a depot in Horlivka on Tuesday, weeks after a raid in March whose death toll "
        "reached 30."
    )
    assert events
    assert all(e.counts.killed is None for e in events)


def test_undated_clause_toll_is_still_handed_out() -> None:
    events = run("Drones hit a depot in Horlivka, and the death toll reached 30.")
    assert [e.counts.killed for e in events if e.counts.killed is not None] == [CountRange(30, 30)]
