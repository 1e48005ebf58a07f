"""Generic parties ("the army") take the country their document gives them."""

from __future__ import annotations

from ceasewatch.model import Actor, Claim, Document, DocumentResult, Event, Place
from ceasewatch.resolve.context import localize_parties

ARMY = Actor("army", None, "military")


def result(events=(), claims=()) -> DocumentResult:
    return DocumentResult(
        document=Document(id="d", text="synthetic"), events=tuple(events), claims=tuple(claims)
    )


def event(eid: str, actor: Actor | None, country: str | None = None) -> Event:
    place = Place("somewhere", 1.0, 2.0, country=country, precision="settlement")
    return Event(id=eid, type="FIGHT", actor=actor, place=place)


def test_the_army_takes_the_country_of_the_one_military_the_document_names():
    named = Actor("Sudanese Armed Forces", "SDN", "military")
    out = localize_parties(result([event("a", named, "SDN"), event("b", ARMY, "SDN")]))
    assert out.events[1].actor == named  # the known organisation, not just a country


def test_without_a_named_military_the_places_decide():
    out = localize_parties(result([event("a", ARMY, "SDN"), event("b", None, "SDN")]))
    assert out.events[0].actor is not None and out.events[0].actor.country == "SDN"


def test_two_named_militaries_leave_the_army_unresolved():
    russian = Actor("Russian forces", "RUS", "military")
    ukrainian = Actor("Ukrainian forces", "UKR", "military")
    events = [event("a", russian, "UKR"), event("b", ukrainian, "UKR"), event("c", ARMY, "UKR")]
    assert localize_parties(result(events)).events[2].actor == ARMY


def test_places_split_between_countries_leave_the_army_unresolved():
    events = [event("a", ARMY, "ISR"), event("b", None, "LBN")]
    assert localize_parties(result(events)).events[0].actor == ARMY


def test_a_speaker_is_localized_and_a_named_one_is_left_alone():
    ministry = Actor("health ministry", None, "government")
    named = Actor("Ministry of Health", None, "government")
    claims = [
        Claim(id="c1", speaker=ministry, text="fifteen people were killed"),
        Claim(id="c2", speaker=named, text="the toll rose"),
    ]
    out = localize_parties(result([event("a", None, "SDN")], claims))
    assert out.claims[0].speaker is not None and out.claims[0].speaker.country == "SDN"
    assert out.claims[1].speaker == named


def test_nothing_to_do_returns_the_same_result():
    r = result([event("a", Actor("Rapid Support Forces", "SDN", "rebel"), "SDN")])
    assert localize_parties(r) is r
