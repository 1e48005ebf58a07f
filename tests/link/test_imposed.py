"""Commitments imposed by a body with no country, violations told in the reporting sentence,
one unsupported finding per claim and document. Synthetic records, several documents each."""

from __future__ import annotations

import dataclasses

from ceasewatch.extract.commitments import PARTIES_TO_CONFLICT
from ceasewatch.link.contradictions import find_contradictions
from ceasewatch.link.violations import find_violations
from tests.link.link_records import (
    RUS,
    Actor,
    Claim,
    Commitment,
    DateRange,
    Declaration,
    DocumentResult,
    Event,
    Place,
    Scope,
    Target,
    day,
    doc,
    span_of,
)

UN = Actor("United Nations", None, "organisation")
HAMA = Place("Hama", 35.13, 36.75, "SYR", "Hama", precision="settlement")
ALEPPO = Place("Aleppo", 36.2, 37.16, "SYR", "Aleppo", precision="settlement")
ADANA = Place("Adana", 37.0, 35.32, "TUR", "Adana", precision="settlement")
GOVT = Actor("government forces", None, "government")
REBELS = Actor("rebels", None, "rebel")
ORDER_TEXT = "The security council ordered a nationwide ceasefire on Saturday. Shelling hit Hama."


def order(*declarations: Declaration, places: tuple[str, ...] = ()) -> DocumentResult:
    """Saturday's article: the UN orders a ceasefire; it reports a shelling in Hama (its area)."""
    evidence = (span_of(ORDER_TEXT, "ordered a nationwide ceasefire"),)
    decls = declarations or (Declaration(UN, "ordered", day("2025-05-03"), "doc-un", evidence),)
    c = Commitment(
        id="un-ceasefire",
        kind="ceasefire",
        actor=PARTIES_TO_CONFLICT,
        counterparts=(UN,),
        status="ordered",
        scope=Scope(places=places, full=not places),
        start=day("2025-05-03"),
        declarations=decls,
        evidence=evidence,
    )
    report = event("ev-report", HAMA, day("2025-05-03"), Actor("gunmen"), type="CONSULT",
                   acled_event_type="Strategic developments")  # fmt: skip
    return DocumentResult(doc("doc-un", ORDER_TEXT, "2025-05-03"), events=(report,),
                          commitments=(c,))  # fmt: skip


def event(event_id: str, place: Place | None, date: DateRange | None, actor: Actor | None,
          text: str = "", **changes: object) -> Event:  # fmt: skip
    text = text or f"The {actor.name if actor else 'shells'} hit a village that day."
    e = Event(
        id=event_id,
        type="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        actor=actor,
        target=Target("a village", place.country if place else None, "residential"),
        place=place,
        date=date,
        evidence=(span_of(text, text),),
    )
    return dataclasses.replace(e, **changes)  # type: ignore[arg-type]


def article(doc_id: str, published: str, *events: Event) -> DocumentResult:
    text = events[0].evidence[0].text if events else "Nothing happened."
    return DocumentResult(doc(doc_id, text, published), events=events)


def hits(results: list[DocumentResult]) -> dict[str, object]:
    return {v.event_id: v for v in find_violations(results) if not v.allegation}


def test_a_body_order_binds_armed_actors_in_its_area_with_an_uncertainty():
    army = article("a", "2025-05-05", event("ev-army", ALEPPO, day("2025-05-05"), GOVT))
    rebels = article("b", "2025-05-06", event("ev-rebels", HAMA, day("2025-05-06"), REBELS))
    found = hits([order(), army, rebels])
    assert set(found) == {"ev-army", "ev-rebels"}
    v = found["ev-army"]
    assert "parties not named: imposed by United Nations" in v.uncertain  # type: ignore[attr-defined]
    assert any("belligerent" in r for r in v.reasons)  # type: ignore[attr-defined]


def test_a_body_order_needs_the_actor_named_in_the_events_own_sentence():
    carried = event("ev-they", ALEPPO, day("2025-05-05"), GOVT, "They bombed the hospital.")
    assert hits([order(), article("a", "2025-05-05", carried)]) == {}


def test_a_body_order_binds_no_civilians_no_body_and_nothing_outside_its_area():
    residents = Actor("residents", None, "civilians")
    civilians = article("a", "2025-05-05", event("ev-civ", HAMA, day("2025-05-05"), residents))
    monitors = article("b", "2025-05-05", event("ev-un", HAMA, day("2025-05-05"), UN))
    turks = Actor("Turkish troops", "TUR", "military")
    abroad = article("c", "2025-05-05", event("ev-abroad", ADANA, day("2025-05-05"), turks))
    before = article("d", "2025-05-01", event("ev-before", HAMA, day("2025-05-01"), REBELS))
    assert hits([order(), civilians, monitors, abroad, before]) == {}


def test_a_body_order_with_no_area_bounds_nothing():
    bare = dataclasses.replace(order(), events=())  # no located event: no area
    army = article("a", "2025-05-05", event("ev-army", ALEPPO, day("2025-05-05"), GOVT))
    assert hits([bare, army]) == {}
    # named places bound it instead
    placed = dataclasses.replace(order(places=("Aleppo",)), events=())
    assert set(hits([placed, army])) == {"ev-army"}


def test_a_plain_call_by_the_un_binds_nobody():
    call = Declaration(UN, "demanded", day("2025-05-03"), "doc-un",
                       (span_of(ORDER_TEXT, "Shelling hit Hama"),))  # fmt: skip
    army = article("a", "2025-05-05", event("ev-army", ALEPPO, day("2025-05-05"), GOVT))
    assert hits([order(call), army]) == {}


def test_an_event_told_as_defying_the_ceasefire_is_a_candidate_with_its_words():
    text = "Regime forces attacked Aleppo on Sunday in defiance of the ceasefire."
    attack = event("ev-defy", ALEPPO, day("2025-05-04"), Actor("regime forces", "SYR",
                                                               "government"), text)  # fmt: skip
    defiance = Declaration(Actor("regime forces", "SYR", "government"), "violated_alleged",
                           day("2025-05-04"), "doc-defy", (span_of(text, text),))  # fmt: skip
    un = order()
    c = un.commitments[0]
    un = dataclasses.replace(un, commitments=(dataclasses.replace(
        c, declarations=(*c.declarations, defiance)),))  # fmt: skip
    defy = DocumentResult(doc("doc-defy", text, "2025-05-04"), events=(attack,))
    violations = find_violations([un, defy])
    assert [v.event_id for v in violations] == ["ev-defy"]  # no separate pointer allegation
    v = violations[0]
    assert not v.allegation
    assert any("in defiance of" in r for r in v.reasons)


def test_an_accusation_with_its_event_stays_uncertain():
    text = "Moscow accused Kyiv of violating the truce by shelling Donetsk on Sunday."
    shelling = event("ev-acc", None, day("2025-05-04"), Actor("Kyiv", "UKR", "government"), text)
    accused = Declaration(Actor("Kyiv", "UKR"), "violated_alleged", day("2025-05-04"), "doc-acc",
                          (span_of(text, text),))  # fmt: skip
    truce = Commitment(id="truce", kind="truce", actor=RUS, status="agreed",
                       scope=Scope(full=True), declarations=(accused,),
                       evidence=(span_of(text, text),))  # fmt: skip
    result = DocumentResult(doc("doc-acc", text, "2025-05-04"), events=(shelling,),
                            commitments=(truce,))  # fmt: skip
    (v,) = find_violations([result])
    assert v.event_id == "ev-acc"
    assert "an accusation, not confirmed" in v.uncertain


def _claim(claim_id: str, text: str) -> Claim:
    return Claim(id=claim_id, speaker=RUS, text=text, content_span=span_of(text, text))


def test_one_unsupported_finding_per_claim_and_document_with_every_sentence():
    said = "Moscow said two brigades were withdrawing from the border after manoeuvres."
    doubt = ("Officials saw no sign of the withdrawal of troops on Monday. Satellite images "
             "showed no evidence of the withdrawal either.")  # fmt: skip
    other = "Analysts found no evidence of the withdrawal from the border."
    claim = _claim("c-withdraw", said)
    results = [
        DocumentResult(doc("said", said, "2025-05-07"), claims=(claim,)),
        DocumentResult(doc("doubt", doubt, "2025-05-08")),
        DocumentResult(doc("other", other, "2025-05-08")),
    ]
    found = [c for c in find_contradictions(results) if c.kind == "unsupported"]
    assert len(found) == 2  # one per disputing document
    by_doc = {("doubt" if "Satellite" in c.explanation else "other"): c for c in found}
    assert len(by_doc["doubt"].evidence) == 3  # the claim and both sentences
    assert "Satellite images" in by_doc["doubt"].evidence[-1].text
