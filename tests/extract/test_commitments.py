"""Commitment extraction on short synthetic sentences (our own words)."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import Commitment
from tests.extract.commitment_cases import commitments_of, stances

ANCHOR = dt.date(2025, 4, 2)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, text: str) -> list[Commitment]:
    return commitments_of(nlp, text, ANCHOR)


def only(commitments: list[Commitment]) -> Commitment:
    assert len(commitments) == 1, commitments
    return commitments[0]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Armenia proposed a 14-day truce along the border on Monday.", "truce",
         {("ARM", "proposed")}),
        ("Azerbaijan demanded a full ceasefire in Karabakh.", "ceasefire", {("AZE", "demanded")}),
        ("Baku rejected the Armenian proposal for a truce.", "truce",
         {("ARM", "proposed"), ("AZE", "rejected")}),
        ("Pashinyan accepted the French offer of a ceasefire.", "ceasefire",
         {("FRA", "proposed"), ("ARM", "accepted")}),
        ("Moscow and Kyiv agreed to exchange 150 prisoners of war.", "prisoner_exchange",
         {("RUS", "agreed"), ("UKR", "agreed")}),
        ("The Russian president ordered a halt to strikes on Ukrainian power plants.",
         "strike_halt", {("RUS", "ordered")}),
        ("After talks in Ankara, the truce between Armenia and Azerbaijan took effect at midnight.",
         "truce", {("ARM", "in_force"), ("AZE", "in_force")}),
        ("Azerbaijan accused Armenia of violating the truce.", "truce",
         {("ARM", "violated_alleged")}),
        ("Russia suspended the ceasefire after the attack.", "ceasefire", {("RUS", "suspended")}),
        ("Germany pledged 500 million euros in military aid to Ukraine.", "aid_pledge",
         {("DEU", "agreed")}),
        ("Israel and Hamas agreed to open a humanitarian corridor from Rafah.",
         "humanitarian_corridor", {("ISR", "agreed"), ("PSE", "agreed")}),
        ("Israel agreed to withdraw its troops from southern Lebanon within 60 days.",
         "withdrawal", {("ISR", "agreed")}),
        ("Ukraine announced a moratorium on strikes against Russian oil refineries.",
         "strike_halt", {("UKR", "agreed")}),
    ],
)  # fmt: skip
def test_kind_and_declarations(nlp, text, kind, expected):
    c = only(run(nlp, text))
    assert c.kind == kind
    assert stances(c) == expected
    assert c.evidence and c.evidence[0].text in text


def test_expired_status_without_named_party(nlp):
    c = only(run(nlp, "The truce expired on Friday."))
    assert c.status == "expired"


def test_scope_duration_and_condition(nlp):
    text = (
        "Russia said it would halt strikes on energy facilities for 30 days, "
        "on condition that Ukraine stopped attacks on its refineries."
    )
    c = only(run(nlp, text))
    assert c.kind == "strike_halt"
    assert c.scope.categories == ("energy",)
    assert c.duration_days == 30
    assert [(k.party, k.text) for k in c.conditions] == [
        ("RUS", "Ukraine stopped attacks on its refineries")
    ]
    span = c.conditions[0].evidence[0]
    assert text[span.start : span.end] == span.text


def test_domains_and_places(nlp):
    air_sea = only(run(nlp, "Kyiv proposed a ceasefire in the air and at sea."))
    assert air_sea.scope.domains == ("air", "sea")
    assert not air_sea.scope.full
    local = only(run(nlp, "Azerbaijan demanded a full ceasefire in Karabakh."))
    assert local.scope.places == ("Karabakh",)
    assert local.scope.full


def test_bare_mention_is_not_a_commitment(nlp):
    assert run(nlp, "A ceasefire alone would not end the war, the analyst wrote.") == []


SEED_LIKE = (
    "Hours after the Russian president agreed to a limited ceasefire in a phone call with the "
    "American president, drones hit Odesa. "
    "The Kremlin said Putin had ordered a suspension of attacks on Ukrainian energy and "
    "infrastructure targets. "
    "Putin turned down Washington's request for a broader 45-day ceasefire, something Kyiv had "
    "accepted a week earlier in Riyadh. "
    "The Kremlin linked any broader ceasefire to an end of Western weapons deliveries to Kyiv. "
    "Kyiv had first pushed for a truce covering air and sea operations."
)


@pytest.mark.slow
def test_seed_like_article(nlp):
    found = run(nlp, SEED_LIKE)
    by_kind = {(c.kind, c.duration_days, c.scope.domains): c for c in found}
    assert len(found) == 3, [(c.kind, c.scope) for c in found]
    halt = by_kind[("strike_halt", None, ())]
    assert set(halt.scope.categories) == {"energy", "infrastructure"}
    assert ("RUS", "agreed") in stances(halt) and ("RUS", "ordered") in stances(halt)
    assert "USA" in {a.country for a in halt.counterparts}
    broad = by_kind[("ceasefire", 45, ())]
    assert stances(broad) >= {("USA", "proposed"), ("RUS", "rejected"), ("UKR", "accepted")}
    assert broad.scope.full
    assert [k.party for k in broad.conditions] == ["RUS"]
    assert "weapons" in broad.conditions[0].text
    air_sea = by_kind[("truce", None, ("air", "sea"))]
    assert stances(air_sea) == {("UKR", "proposed")}
    for c in found:
        for span in c.evidence:
            assert SEED_LIKE[span.start : span.end] == span.text


def test_ids_are_stable(nlp):
    text = "Armenia proposed a 14-day truce along the border on Monday."
    assert [c.id for c in run(nlp, text)] == [c.id for c in run(nlp, text)]


def committed_dates(c: Commitment) -> list[str | None]:
    return [d.date.start if d.date else None for d in c.declarations]


def test_background_mentions_do_not_start_now(nlp):
    # the anchor is 2025-04-02: these mentions recall older agreements
    dated = only(run(nlp, "Armenia and Azerbaijan agreed a truce in 2019, but it did not hold."))
    assert dated.start is not None and dated.start.start.startswith("2019")
    for text in (
        "Armenia and Azerbaijan had agreed a truce, but it never held.",
        "Despite Armenia's ceasefire agreement with Azerbaijan, shelling went on.",
        "Armenia agreed to the previous truce with Azerbaijan.",
    ):
        found = run(nlp, text)
        assert found, text
        for c in found:
            assert c.start is None, (text, c.start)
            assert all(d.date is None or d.date.start is None for d in c.declarations)


def test_current_mentions_keep_their_dates(nlp):
    c = only(run(nlp, "Hours after Russia had agreed to a ceasefire, drones hit Odesa."))
    assert c.start is not None and c.start.start == "2025-04-02"
    reported = only(run(nlp, "The Kremlin said Putin had ordered a halt to strikes on refineries."))
    assert reported.start is not None and reported.start.start is not None


def test_hypothetical_agreement_and_business_operations_are_not_commitments(nlp):
    hypothetical = run(
        nlp, "Armenia believes a ceasefire agreement can be achieved only through negotiation."
    )
    assert all(c.status != "agreed" for c in hypothetical)
    assert run(nlp, "Several Chinese drone firms suspended their operations in the region.") == []
    assert all(
        c.status != "ordered"
        for c in run(nlp, "Russian troops needed to end hostilities, the envoy said.")
    )


def test_obligations_and_plan_steps_are_not_agreements(nlp):
    must = run(nlp, "Azerbaijan must agree to a truce, the Armenian envoy said.")
    assert ("AZE", "agreed") not in {s for c in must for s in stances(c)}
    step = run(
        nlp,
        "Elements of the plan include Armenia guiding convoys; Azerbaijan agreeing to a truce "
        "while convoys move; and France inspecting convoys.",
    )
    assert all(c.status != "agreed" for c in step)


def test_the_party_that_ordered_a_halt_is_its_actor():
    from ceasewatch.extract.commitments import committing_actor
    from ceasewatch.model import Actor, Declaration

    washington = Actor("Washington", "USA", "government")
    moscow = Actor("Moscow", "RUS", "government")
    declarations = [
        Declaration(washington, "agreed"),
        Declaration(moscow, "agreed"),
        Declaration(moscow, "ordered"),
    ]
    assert committing_actor(declarations) == moscow
    assert (
        committing_actor(
            declarations[:1] + [Declaration(moscow, "agreed"), Declaration(moscow, "agreed")]
        )
        == moscow
    )
    assert (
        committing_actor([Declaration(washington, "proposed"), Declaration(moscow, "rejected")])
        == washington
    )


COMMITTED = {"agreed", "ordered", "in_force", "accepted"}


@pytest.mark.parametrize(
    "text",
    [
        # a step of a plan, as an absolute clause or a gerund list item
        "The two sides are close to a deal under which grain would leave the ports, with "
        "Azerbaijan agreeing to a truce while ships sail.",
        "The agency spoke to envoys who said that elements of the plan include Armenian boats "
        "guiding ships; Azerbaijan agreeing to a truce while ships sail; and France inspecting "
        "cargo.",
        "The plan envisages Azerbaijan halting strikes on power plants.",
        "A deal in which Azerbaijan agrees to a truce is under discussion.",
        "Talks on a deal under which Armenia would withdraw its troops from the border continued.",
        # a condition, a question, a possibility, a demand
        "If Azerbaijan agreed to a truce, Armenia would halt its strikes on refineries.",
        "Would Azerbaijan agree to a ceasefire?",
        "Whether Azerbaijan will agree to a ceasefire remains unclear.",
        "The mediator asked whether Baku would accept a truce.",
        "Analysts said Azerbaijan could agree to a truce within weeks.",
        "Under the proposal, Azerbaijan would halt strikes on energy facilities for 30 days.",
        "The proposal calls for Baku to declare a ceasefire along the front.",
    ],
)
def test_stances_inside_plans_conditions_and_questions_are_not_commitments(nlp, text):
    for c in run(nlp, text):
        assert not {s for _, s in stances(c)} & COMMITTED, (text, stances(c))
        assert c.status not in COMMITTED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azerbaijan agreed to a truce, the ministry said.", ("AZE", "agreed")),
        ("Baku said it would halt strikes on energy facilities for 30 days.", ("AZE", "agreed")),
        ("Armenia and Azerbaijan agreed to a truce along the border.", ("ARM", "agreed")),
    ],
)
def test_reported_decisions_stay_commitments(nlp, text, expected):
    assert expected in stances(only(run(nlp, text)))


def test_a_call_for_a_ceasefire_to_begin_is_a_demand_by_the_caller(nlp):
    text = (
        "The UN security council adopted a resolution on Saturday. "
        "It called for the ceasefire to begin without delay."
    )
    c = only(run(nlp, text))
    assert c.status == "demanded"
    assert {d.actor.name for d in c.declarations} == {"United Nations"}
    assert not any(d.status == "in_force" for d in c.declarations)


def test_demanded_start_is_not_in_force(nlp):
    c = only(run(nlp, "Turkey demanded that the truce begin at once."))
    assert stances(c) == {("TUR", "demanded")}


def test_it_stays_unknown_when_the_last_subject_is_no_named_actor(nlp):
    text = (
        "Greece spoke to Armenia on Monday. The draft text was circulated to members. "
        "It called for a truce along the border."
    )
    for c in run(nlp, text):
        assert not any(d.actor.country in ("GRC", "ARM") for d in c.declarations)


def test_a_pronoun_in_a_reported_clause_is_the_reporter(nlp):
    text = "Armenia was named earlier. The rebel factions said they would implement the truce."
    c = only(run(nlp, text))
    assert [(d.actor.country, d.status) for d in c.declarations] == [(None, "agreed")]
    assert "rebel factions" in c.declarations[0].actor.name


def test_begging_a_party_to_agree_is_no_agreement(nlp):
    text = "The UN begged the coalition to agree to an immediate ceasefire."
    assert not any(
        d.status in ("agreed", "in_force") for c in run(nlp, text) for d in c.declarations
    )


def test_a_ceasefire_that_broke_down_expired_and_accuses_nobody(nlp):
    c = only(run(nlp, "Since 2015, when a ceasefire with the militants broke down, talks stalled."))
    assert c.status == "expired"
    assert not any(d.status == "violated_alleged" for d in c.declarations)


# --- commitments imposed by a body, violations told in the same sentence, withdrawals --------


def test_a_ceasefire_ordered_by_the_un_binds_the_parties_not_the_un(nlp):
    from ceasewatch.extract.commitments import PARTIES_TO_CONFLICT, binds_parties

    c = only(run(nlp, "Army units shelled the town on Sunday in defiance of a truce ordered by "
                      "the UN security council."))  # fmt: skip
    ordered = [d for d in c.declarations if d.status == "ordered"]
    assert [d.actor.name for d in ordered] == ["United Nations"]
    assert binds_parties(ordered[0])
    assert c.actor == PARTIES_TO_CONFLICT
    assert "United Nations" in {a.name for a in c.counterparts}


def test_a_body_brokered_truce_binds_the_parties_it_names(nlp):
    c = only(run(nlp, "An OSCE-brokered truce between the government and the rebels took effect "
                      "on Monday."))  # fmt: skip
    in_force = {d.actor.name for d in c.declarations if d.status == "in_force"}
    assert in_force == {"government", "rebels"}
    assert c.actor is not None and c.actor.name in in_force  # never the broker


def test_only_a_binding_demand_of_a_body_imposes(nlp):
    from ceasewatch.extract.commitments import binds_parties

    council = only(run(nlp, "The security council demanded a 30-day ceasefire across Yemen."))
    chief = only(run(nlp, "The UN secretary general called for a ceasefire in Yemen."))
    assert any(binds_parties(d) for d in council.declarations)
    assert not any(binds_parties(d) for d in chief.declarations)
    voted = only(run(nlp, "The security council, which voted for a truce on Saturday, met again."))
    assert any(d.status == "agreed" and binds_parties(d) for d in voted.declarations)


def test_a_failure_to_impose_is_no_stance(nlp):
    assert run(nlp, "Critics pointed to the UN's failure to impose a truce in the region.") == []


def test_in_defiance_of_a_ceasefire_names_the_violator(nlp):
    c = only(run(nlp, "Armenian soldiers stormed the village in defiance of the ceasefire "
                      "agreed by both sides."))  # fmt: skip
    assert ("ARM", "violated_alleged") in stances(c)


def test_hours_after_agreeing_to_a_truce_the_subject_agreed(nlp):
    c = only(run(nlp, "Hours after agreeing to a truce, Azerbaijan shelled Armenian villages."))
    assert stances(c) == {("AZE", "agreed")}
    assert c.start is not None and c.start.start == ANCHOR.isoformat()


@pytest.mark.parametrize(
    "text",
    [
        "Several banks have said they will withdraw from Azerbaijan.",
        "The Armenian envoy announced that France withdrew from talks with Baku.",
        "Baku criticised the decision to withdraw from the Black Sea grain deal.",
        "Firms can withdraw from depending on imported gas.",
    ],
)
def test_leaving_a_market_talks_or_a_deal_is_no_withdrawal(nlp, text):
    assert [c for c in run(nlp, text) if c.kind == "withdrawal"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Israel agreed to withdraw its troops from southern Lebanon.",
        "Armenia said it would withdraw from the border villages.",
        "The Azerbaijani decision to withdraw forces from the line angered Yerevan.",
    ],
)
def test_pulling_forces_back_from_an_area_is_a_withdrawal(nlp, text):
    assert [c.kind for c in run(nlp, text)] == ["withdrawal"]


def test_leaving_a_truce_suspends_it(nlp):
    c = only(run(nlp, "Azerbaijan withdrew from the truce on Monday."))
    assert c.kind == "truce"
    assert stances(c) == {("AZE", "suspended")}
    deal = only(run(nlp, "Armenia pulled out of the ceasefire deal."))
    assert stances(deal) == {("ARM", "suspended")}  # leaving the deal is no agreement to it
    assert run(nlp, "Azerbaijani troops will leave the ceasefire line.") == []
