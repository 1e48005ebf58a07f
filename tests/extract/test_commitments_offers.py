"""Offers ("ready for a ceasefire if ..."), unnamed parties ("both sides") and the places of a
commitment's scope, on short synthetic sentences (our own words)."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import Commitment
from tests.extract.commitment_cases import commitments_of, stances

ANCHOR = dt.date(2025, 4, 14)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def only(nlp, text: str) -> Commitment:
    found = commitments_of(nlp, text, ANCHOR)
    assert len(found) == 1, found
    return found[0]


def test_readiness_is_an_offer_with_its_condition(nlp):
    c = only(
        nlp,
        "Zelenskyy said Kyiv was ready for a full ceasefire if Russia stopped attacking cities.",
    )
    assert c.kind == "ceasefire" and stances(c) == {("UKR", "proposed")}
    assert [(x.text, x.party) for x in c.conditions] == [("Russia stopped attacking cities", "UKR")]


def test_not_ready_is_a_refusal(nlp):
    c = only(nlp, "The Kremlin said Moscow was not ready to agree to a ceasefire.")
    assert stances(c) == {("RUS", "rejected")}


def test_a_commitment_word_inside_the_condition_is_a_term_not_a_commitment(nlp):
    c = only(nlp, "Hamas said it was willing to accept a truce once Israel withdrew its troops.")
    assert c.kind == "truce" and stances(c) == {("PSE", "proposed")}
    assert [x.text for x in c.conditions] == ["Israel withdrew its troops"]


def test_both_sides_are_the_parties_named_before(nlp):
    text = "Russia and Ukraine held talks in Istanbul. Both sides agreed to a prisoner exchange."
    c = only(nlp, text)
    assert c.kind == "prisoner_exchange"
    assert stances(c) == {("RUS", "agreed"), ("UKR", "agreed")}


def test_both_sides_with_nobody_named_still_agree(nlp):
    c = only(
        nlp, "Both sides agreed to open a humanitarian corridor from Mariupol to Zaporizhzhia."
    )
    assert c.kind == "humanitarian_corridor"
    assert [(d.actor.name, d.status) for d in c.declarations] == [("unspecified", "agreed")]
    # towns the small parser does not tag as places are found through the gazetteer
    assert set(c.scope.places) == {"Mariupol", "Zaporizhzhia"}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Israel announced a daily ten-hour humanitarian pause in fighting in parts of Gaza.",
         {"Gaza"}),
        ("The SDF and Turkey agreed to a ceasefire in northern Syria brokered by Washington.",
         {"northern Syria"}),
    ],
)  # fmt: skip
def test_places_of_the_scope(nlp, text, places):
    assert set(only(nlp, text).scope.places) == places


def test_a_country_after_for_is_a_party_not_a_place(nlp):
    c = only(nlp, "The UN envoy proposed a truce for Armenia and Azerbaijan on Monday.")
    assert c.scope.places == ()


def test_the_other_half_of_an_exchange_is_a_counterpart_not_a_condition(nlp):
    c = only(
        nlp,
        "Under the deal, Hamas will release 33 hostages in exchange for hundreds of "
        "Palestinian prisoners held by Israel.",
    )
    assert c.kind == "prisoner_exchange" and c.conditions == ()
    assert [a.country for a in c.counterparts] == ["ISR"]  # not the prisoners' "Palestinian"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Netanyahu's office said Israel remained committed to the ceasefire.", "agreed"),
        ("Hamas said it was not committed to the truce.", "rejected"),
    ],
)
def test_a_party_committed_to_a_truce_agrees(nlp, text, status):
    (stance,) = stances(only(nlp, text))
    assert stance[1] == status


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Israel said the truce covers all of Gaza.", {"Gaza"}),
        ("The ceasefire applies to Idlib.", {"Idlib"}),
    ],
)
def test_a_sentence_stating_what_a_truce_covers_gives_its_places(nlp, text, places):
    assert set(only(nlp, text).scope.places) == places


def test_talks_about_a_truce_somewhere_are_no_commitment_there(nlp):
    assert commitments_of(nlp, "Officials held ceasefire talks in Doha on Monday.", ANCHOR) == []


def test_a_possessive_party_is_read_as_the_organisation_it_names(nlp):
    c = only(
        nlp,
        "Sudan's army and the Rapid Support Forces agreed on Friday to a seven-day ceasefire.",
    )
    assert {d.actor.name for d in c.declarations} == {
        "Sudanese Armed Forces",
        "Rapid Support Forces",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Hamas remains committed to armed struggle despite the truce.",
        "Israel remains committed to destroying Hamas even after the ceasefire.",
        "Russia is ready to keep fighting without a ceasefire.",
    ],
)
def test_readiness_for_something_else_is_no_offer_of_the_truce(nlp, text):
    assert all(
        d.status not in ("proposed", "agreed")
        for c in commitments_of(nlp, text, ANCHOR)
        for d in c.declarations
    )


@pytest.mark.parametrize(
    "text",
    [
        "Egypt and Qatar, which mediated the talks, said both sides had agreed to a ceasefire.",
        "Officials met in Doha. Qatar said both sides agreed to a ceasefire.",
    ],
)
def test_both_sides_are_never_the_mediators(nlp, text):
    (c,) = commitments_of(nlp, text, ANCHOR)
    assert {d.actor.country for d in c.declarations} <= {None}


@pytest.mark.parametrize(
    "text",
    [
        "Israel and Hamas agreed to a ceasefire at talks in Doha on Sunday.",
        "Russia and Ukraine agreed to a ceasefire in Ukraine.",
    ],
)
def test_a_venue_or_a_whole_country_is_no_place_of_the_scope(nlp, text):
    (c,) = commitments_of(nlp, text, ANCHOR)
    assert c.scope.places == ()


def test_an_exchange_for_a_demand_keeps_its_condition(nlp):
    c = only(nlp, "Hamas offered to release all hostages in exchange for an end to the war.")
    assert [x.text for x in c.conditions] == ["an end to the war"]


@pytest.mark.parametrize(
    "text",
    [
        "Russia is ready to halt attacks on energy facilities.",
        "Hamas is ready to abide by the truce.",
    ],
)
def test_readiness_to_keep_a_truce_is_an_offer(nlp, text):
    (c,) = commitments_of(nlp, text, ANCHOR)
    assert [d.status for d in c.declarations] == ["proposed"]


def test_the_two_sides_named_by_the_demonyms_of_the_sentence_before(nlp):
    text = (
        "Russian and Ukrainian officials met in Istanbul. The two sides agreed to a prisoner swap."
    )
    (c,) = commitments_of(nlp, text, ANCHOR)
    assert stances(c) == {("RUS", "agreed"), ("UKR", "agreed")}
