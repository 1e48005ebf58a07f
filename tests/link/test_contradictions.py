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
