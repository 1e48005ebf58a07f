"""Generic parties ("the army", "the health ministry") take the country their document gives
them, only where the document says so."""

from __future__ import annotations

from ceasewatch.model import Actor, Claim, Document, DocumentResult, Event, Place
from ceasewatch.resolve.context import localize_parties

ARMY = Actor("army", None, "military")
MINISTRY = Actor("health ministry", None, "government")


def result(text: str, events=(), claims=()) -> DocumentResult:
    return DocumentResult(
        document=Document(id="d", text=text), events=tuple(events), claims=tuple(claims)
    )


def event(eid: str, actor: Actor | None, country: str | None = None) -> Event:
    place = Place("somewhere", 1.0, 2.0, country=country, precision="settlement")
    return Event(id=eid, type="FIGHT", actor=actor, place=place)


def test_the_army_is_the_army_the_text_qualifies_with_its_country():
    text = "Sudan's army and the RSF agreed to a truce. The army later denied any strikes."
    out = localize_parties(result(text, [event("a", ARMY, "SDN")]))
    assert out.events[0].actor is not None
    assert (out.events[0].actor.name, out.events[0].actor.country) == (
        "Sudanese Armed Forces",
        "SDN",
    )


def test_an_army_is_not_placed_where_it_strikes():
    """The place of a strike is often the other side's country."""
    text = "The army said it struck rocket launchers in southern Lebanon on Friday."
    out = localize_parties(result(text, [event("a", ARMY, "LBN")]))
    assert out.events[0].actor == ARMY


def test_two_countries_qualifying_the_words_leave_the_party_unresolved():
    text = "The Russian army shelled the town; the Ukrainian army returned fire. The army said."
    out = localize_parties(result(text, [event("a", ARMY, "UKR")]))
    assert out.events[0].actor == ARMY


def test_a_ministry_takes_the_country_of_the_events_not_of_another_named_official():
    text = "Israel's defence minister spoke. The health ministry said 30 people were killed."
    claims = [Claim(id="c", speaker=MINISTRY, text="30 people were killed")]
    out = localize_parties(result(text, [event("a", None, "PSE")], claims))
    assert out.claims[0].speaker is not None and out.claims[0].speaker.country == "PSE"


def test_places_split_between_countries_leave_a_ministry_unresolved():
    claims = [Claim(id="c", speaker=MINISTRY, text="two were hurt")]
    events = [event("a", None, "ISR"), event("b", None, "LBN")]
    out = localize_parties(result("Strikes on both sides.", events, claims))
    assert out.claims[0].speaker == MINISTRY


def test_a_named_party_is_left_alone_and_nothing_to_do_returns_the_result():
    named = Actor("Ministry of Health", None, "government")
    claims = [Claim(id="c", speaker=named, text="the toll rose")]
    r = result("The Ministry of Health said the toll rose.", [event("a", None, "SDN")], claims)
    assert localize_parties(r) is r


def test_the_other_sides_army_named_later_is_no_qualifier():
    text = "The army said it repelled an assault by the Russian army near the river."
    out = localize_parties(result(text, [event("a", ARMY, "UKR")]))
    assert out.events[0].actor == ARMY
