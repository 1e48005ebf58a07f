"""Who struck and whether the report stands, on hand-written sentences: a party named on the
attack noun itself, and an attack its party denies."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.extract.events import extract_events
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import Document, Event

ANCHOR = dt.date(2025, 5, 12)


def violent(text: str) -> Event:
    document = Document(id=Document.make_id(text), text=text, published=ANCHOR.isoformat())
    found = [e for e in extract_events(load_nlp()(text), document, ANCHOR) if e.type == "FIGHT"]
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("An army air strike hit a crowded market in Omdurman on Sunday.", "army"),
        ("A rebel drone strike hit a fuel depot in Goma.", "rebel"),
        ("A militia rocket attack struck the airport in Tripoli on Monday.", "militia"),
    ],
)
def test_a_party_noun_on_the_attack_itself_is_its_actor(text, actor):
    e = violent(text)
    assert e.actor is not None and e.actor.name == actor


@pytest.mark.parametrize(
    ("text", "reporter"),
    [
        ("The army denied carrying out any air strikes on Sunday.", "The army"),
        ("The ministry denied reports of an attack on the convoy.", "The ministry"),
    ],
)
def test_an_attack_under_a_denial_is_denied_by_the_subject(text, reporter):
    e = violent(text)
    assert (e.status, e.reported_by) == ("denied", reporter)


def test_an_attack_reported_by_the_subject_is_reported():
    e = violent("Ukraine said Russian forces shelled the town of Vovchansk overnight.")
    assert (e.status, e.reported_by) == ("reported", "Ukraine")


def test_a_demonym_on_the_attack_noun_names_the_actor_of_a_passive_toll():
    e = violent("Nine people were killed in an Israeli strike in Khan Younis on Monday.")
    assert e.actor is not None and e.actor.country == "ISR"


@pytest.mark.parametrize(
    "text",
    [
        "Twelve people were killed in a Gaza airstrike on Monday.",
        "Two people were hurt in a Kharkiv missile strike on Monday.",
    ],
)
def test_a_town_or_territory_on_the_attack_noun_is_where_it_hit_not_who_struck(text):
    e = violent(text)
    assert e.actor is None or e.actor.country is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Two men were killed in a US drone strike in Yemen.", "USA"),
        ("A Turkey drone strike hit a car near Qamishli.", "TUR"),
    ],
)
def test_a_country_on_the_attack_noun_struck(text, country):
    e = violent(text)
    assert e.actor is not None and e.actor.country == country
