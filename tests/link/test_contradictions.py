"""Each contradiction kind, across separately stored synthetic articles."""

from __future__ import annotations

import dataclasses

from ceasewatch.link.contradictions import find_contradictions, mark_disputed
from tests.link.link_records import (
    ALL,
    BOAST,
    DENIAL,
    RESULT_A,
    RESULT_B,
    RESULT_C,
    RESULT_D,
    TRUCE_A,
    USA,
    Claim,
    Commitment,
    Condition,
    Declaration,
    DocumentResult,
    Scope,
    day,
    doc,
    span_of,
)


def kinds(found):
    out: dict[str, list] = {}
    for c in found:
        out.setdefault(c.kind, []).append(c)
    return out


def test_denial_against_other_party_condition():
    found = kinds(find_contradictions([RESULT_A, RESULT_D]))
    denial = [c for c in found["denial"] if c.a == DENIAL.id]
    assert [c.b for c in denial] == [TRUCE_A.id]
    assert "aid" in denial[0].explanation
    assert len(denial[0].evidence) == 2


def test_denial_against_other_party_claim():
    text = "A Kremlin aide said the two presidents discussed arms aid during the call."
    other = Claim(
        id="claim-aide",
        speaker=dataclasses.replace(USA, name="Kremlin aide", country="RUS"),
        text="the two presidents discussed arms aid during the call",
        content_span=span_of(text, "the two presidents discussed arms aid during the call"),
    )
    result = DocumentResult(doc("doc-f", text, "2025-05-07"), claims=(other,))
    found = kinds(find_contradictions([RESULT_D, result]))
    assert {(c.a, c.b) for c in found["denial"]} == {(DENIAL.id, "claim-aide")}


def test_same_speaker_is_not_a_denial():
    found = find_contradictions([RESULT_D])
    assert not [c for c in found if c.kind == "denial"]


def test_condition_in_one_readout_only():
    text = "Washington offered a 45-day truce to both sides."
    readout = Commitment(
        id="truce-e",
        kind="ceasefire",
        actor=USA,
        status="proposed",
        scope=Scope(full=True),
        duration_days=45,
        declarations=(
            Declaration(USA, "proposed", day("2025-05-05"), "doc-e", (span_of(text, "offered"),)),
        ),
        evidence=(span_of(text, "a 45-day truce"),),
    )
    result = DocumentResult(doc("doc-e", text, "2025-05-06"), commitments=(readout,))
    found = kinds(find_contradictions([RESULT_A, result]))
    pairs = {(c.a, c.b) for c in found["condition"]}
    assert (TRUCE_A.id, "truce-e") in pairs
    assert all("RUS" in c.explanation for c in found["condition"])


def test_scope_differs_between_documents():
    found = kinds(find_contradictions([RESULT_A, RESULT_D]))
    scope = found["scope"]
    assert len(scope) == 1
    assert {scope[0].a, scope[0].b} == {"halt-a", "halt-d"}
    assert "energy and infrastructure" in scope[0].explanation


def test_number_for_the_same_night_and_place():
    found = kinds(find_contradictions([RESULT_B, RESULT_C]))
    numbers = found["number"]
    assert len(numbers) == 1
    assert {numbers[0].a, numbers[0].b} == {"ev-clinic", "ev-chernihiv-c"}
    assert "38 vs 52" in numbers[0].explanation


def test_no_number_contradiction_for_different_places():
    moved = dataclasses.replace(
        RESULT_C,
        events=tuple(
            dataclasses.replace(e, place=dataclasses.replace(e.place, name="Poltava"))
            for e in RESULT_C.events
        ),
    )
    assert not [c for c in find_contradictions([RESULT_B, moved]) if c.kind == "number"]


def test_unsupported_claim_marked_disputed():
    found = kinds(find_contradictions([RESULT_D]))
    unsupported = found["unsupported"]
    assert [(c.a, c.b) for c in unsupported] == [(BOAST.id, None)]
    assert "no evidence" in unsupported[0].evidence[-1].text
    marked = mark_disputed([RESULT_D], unsupported)
    disputed = {c.id: c.disputed for c in marked[0].claims}
    assert disputed == {BOAST.id: True, DENIAL.id: False}


def test_all_documents_together_give_every_kind():
    found = kinds(find_contradictions(ALL))
    assert {"denial", "scope", "number", "unsupported"} <= set(found)
    ids = [c.id for c in find_contradictions(ALL)]
    assert ids == [c.id for c in find_contradictions(ALL)]


def _claim(cid: str, who, text: str, polarity: str = "asserts") -> Claim:
    return Claim(id=cid, speaker=who, text=text, polarity=polarity)


def test_denial_needs_polarity_shared_topic_and_entity():
    rus = dataclasses.replace(USA, name="a Kremlin aide", country="RUS")
    denial = _claim("d", USA, "Washington did not send weapons to the port of Odesa", "denies")
    same = _claim("s", rus, "American weapons arrived at the port of Odesa last night")
    unrelated = _claim("u", rus, "The allies keep shipping arms without limit")
    negated_only = _claim("n", USA, "Nobody here wants more sanctions")  # negated, but asserts
    sanctions = _claim("t", rus, "New sanctions hit Russian banks")
    day_one = DocumentResult(doc("doc-1", "one", "2025-05-07"), claims=(denial, negated_only))
    day_two = DocumentResult(doc("doc-2", "two", "2025-05-08"), claims=(same, unrelated, sanctions))
    pairs = {(c.a, c.b) for c in find_contradictions([day_one, day_two]) if c.kind == "denial"}
    assert pairs == {("d", "s")}
    # the same pair a month apart, with no common commitment, is not a denial
    later = dataclasses.replace(day_two, document=doc("doc-2", "two", "2025-06-10"))
    assert not [c for c in find_contradictions([day_one, later]) if c.kind == "denial"]


def _day_pair(first: list[Claim], second: list[Claim]) -> list[DocumentResult]:
    return [
        DocumentResult(doc("doc-x", "x", "2025-05-07"), claims=tuple(first)),
        DocumentResult(doc("doc-y", "y", "2025-05-07"), claims=tuple(second)),
    ]


def test_negations_that_deny_nothing_are_not_denials():
    rus = dataclasses.replace(USA, name="a Kremlin aide", country="RUS")
    asserted = _claim("a", rus, "Washington threatened Moscow with new sanctions over Odesa")
    for text in (
        "We don't need your sanctions over Odesa",
        "he was not bluffing about sanctions over Odesa",
        "it is not known whether sanctions over Odesa threatened anyone",
        "they have not seen sanctions over Odesa work",
        "he had not simply threatened sanctions over Odesa",
    ):
        denial = _claim("d", USA, text, "denies")
        found = find_contradictions(_day_pair([denial], [asserted]))
        assert not [c for c in found if c.kind == "denial"], text
    real = _claim("d", USA, "Washington never threatened sanctions over Odesa", "denies")
    found = find_contradictions(_day_pair([real], [asserted]))
    assert [(c.a, c.b) for c in found if c.kind == "denial"] == [("d", "a")]


def test_a_denial_must_share_the_denied_proposition():
    rus = dataclasses.replace(USA, name="a Kremlin aide", country="RUS")
    denial = _claim("d", USA, "We did not cut weapons deliveries", "denies")
    other_topic = _claim("o", rus, "Washington sells weapons to everyone who pays")
    same = _claim("s", rus, "Washington cut weapons deliveries last week")
    found = find_contradictions(_day_pair([denial], [other_topic, same]))
    assert {(c.a, c.b) for c in found if c.kind == "denial"} == {("d", "s")}


def test_a_condition_is_denied_only_by_denying_the_talk():
    not_talk = dataclasses.replace(DENIAL, text="We will not stop arms aid at all", cue="told")
    result = dataclasses.replace(RESULT_D, claims=(not_talk,))
    found = find_contradictions([RESULT_A, result])
    assert not [c for c in found if c.kind == "denial" and c.b == TRUCE_A.id]
    explicit = dataclasses.replace(DENIAL, text="raising arms aid in the call", cue="denied")
    result = dataclasses.replace(RESULT_D, claims=(explicit,))
    found = find_contradictions([RESULT_A, result])
    assert [c.b for c in found if c.kind == "denial" and c.a == DENIAL.id] == [TRUCE_A.id]


def test_demands_conditions_and_refusals_are_not_unsupported_claims():
    text = "Observers found no evidence of any troop withdrawal from the border."
    check = DocumentResult(doc("doc-check", text, "2025-05-08"))
    rus = dataclasses.replace(USA, name="Moscow", country="RUS")
    claims = [
        _claim("c1", USA, "The condition for talks is the withdrawal of troops from the border"),
        _claim(
            "c2", rus, "he expects progress at the talks – while declining to move his units back"
        ),
        _claim("c3", USA, "the reports of a withdrawal are not true"),
        dataclasses.replace(_claim("c4", rus, "the withdrawal of the alliance"), cue="demanded"),
        _claim("c5", rus, "two brigades were withdrawing from the border after manoeuvres"),
    ]
    said = DocumentResult(doc("doc-said", "said", "2025-05-07"), claims=tuple(claims))
    found = find_contradictions([said, check])
    assert [c.a for c in found if c.kind == "unsupported"] == ["c5"]


def test_a_proposal_and_the_answering_condition_in_one_report_do_not_contradict():
    text = "Washington offered a 45-day truce; Moscow tied it to an end of arms aid."
    same = Commitment(
        id="truce-same",
        kind="ceasefire",
        actor=USA,
        status="rejected",
        scope=Scope(full=True),
        duration_days=45,
        conditions=(
            Condition("an end of arms aid", "RUS", (span_of(text, "an end of arms aid"),)),
        ),
        declarations=(
            Declaration(USA, "proposed", day("2025-05-05"), "doc-s", (span_of(text, "offered"),)),
        ),
        evidence=(span_of(text, "a 45-day truce"),),
    )
    result = DocumentResult(doc("doc-s", text, "2025-05-06"), commitments=(same,))
    assert not [c for c in find_contradictions([result]) if c.kind == "condition"]
