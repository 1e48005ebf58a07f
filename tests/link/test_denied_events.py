"""A denial of striking a kind of target against an attack on that kind of target reported by
someone else: two synthetic articles stored separately."""

from __future__ import annotations

import dataclasses

from ceasewatch.link.contradictions import find_contradictions

from .link_records import RUS, Claim, DocumentResult, Event, Target, day, doc, span_of

REPORT = "A drone hit a power station near Sumy overnight, the regional governor said."
DENIAL = "The defence ministry in Moscow denied targeting power stations."


def _strike(**changes: object) -> Event:
    event = Event(
        id="ev-power",
        type="ASSAULT",
        actor=RUS,
        target=Target("a power station", None, "energy"),
        date=day("2025-04-02"),
        reported_by="the regional governor",
        evidence=(span_of(REPORT, REPORT),),
    )
    return dataclasses.replace(event, **changes)


def _denial(**changes: object) -> Claim:
    part = "targeting power stations"
    claim = Claim(
        id="c-deny",
        speaker=dataclasses.replace(RUS, name="defence ministry"),
        text=part,
        polarity="denies",
        cue="denied",
        content_span=span_of(DENIAL, part),
    )
    return dataclasses.replace(claim, **changes)


def _found(event: Event, claim: Claim) -> list[object]:
    results = [
        DocumentResult(doc("report", REPORT, "2025-04-02"), events=(event,)),
        DocumentResult(doc("denial", DENIAL, "2025-04-02"), claims=(claim,)),
    ]
    return [c for c in find_contradictions(results) if c.kind == "denial"]


def test_a_denied_kind_of_target_contradicts_the_reported_attack_on_it():
    found = _found(_strike(), _denial())
    assert [(c.a, c.b) for c in found] == [("c-deny", "ev-power")]
    assert "energy" in found[0].explanation and "regional governor" in found[0].explanation


def test_another_kind_of_target_another_party_or_a_soft_cue_is_no_contradiction():
    assert not _found(_strike(target=Target("a school", None, "education")), _denial())
    assert not _found(_strike(actor=None), _denial())
    assert not _found(_strike(), _denial(cue="said"))
    assert not _found(_strike(status="denied"), _denial())
