"""Linking looks only at nearby candidates; these cases sit at the edges of that blocking."""

from __future__ import annotations

import dataclasses

from ceasewatch.link.commitments import group_commitments
from ceasewatch.link.contradictions import find_contradictions
from ceasewatch.link.violations import find_violations
from ceasewatch.model import (
    Claim,
    Commitment,
    CountRange,
    Counts,
    DateRange,
    Declaration,
    Document,
    DocumentResult,
    Event,
    Place,
    Scope,
    Target,
)
from tests.link.link_records import RUS, UKR, day, span_of

HALT_TEXT = "Moscow agreed to halt strikes on power plants for now."
STRIKE_TEXT = "Drones hit a power plant near Poltava during a long campaign."


def halt(doc_id: str, start: str, *, duration: int | None = None) -> DocumentResult:
    document = Document(id=doc_id, text=HALT_TEXT, published=start)
    evidence = (span_of(HALT_TEXT, "agreed to halt strikes"),)
    commitment = Commitment(
        id=f"halt-{doc_id}",
        kind="strike_halt",
        actor=RUS,
        status="agreed",
        scope=Scope(categories=("energy",)),
        duration_days=duration,
        start=day(start),
        declarations=(Declaration(RUS, "agreed", day(start), doc_id, evidence),),
        evidence=evidence,
    )
    return DocumentResult(document, commitments=(commitment,))


def strike(
    doc_id: str, date: DateRange, *, country: str | None = "RUS", published: str = "2025-04-01"
) -> DocumentResult:
    document = Document(id=doc_id, text=STRIKE_TEXT, published=published)
    event = Event(
        id=f"ev-{doc_id}",
        type="ASSAULT",
        mode="drone",
        actor=None if country is None else dataclasses.replace(RUS, country=country),
        target=Target("a power plant", "UKR", "energy"),
        place=Place("Poltava", country="UKR"),
        date=date,
        counts=Counts(weapons=CountRange(5, 5), weapon="drone"),
        evidence=(span_of(STRIKE_TEXT, "Drones hit a power plant"),),
    )
    return DocumentResult(document, events=(event,))


def test_event_with_a_long_date_range_is_still_checked():
    results = [
        halt("h", "2025-03-18"),
        strike("s", DateRange("2025-03-20", "2025-06-30", "days")),
    ]
    violations = [v for v in find_violations(results) if not v.allegation]
    assert [v.event_id for v in violations] == ["ev-s"]


def test_events_outside_the_window_are_not_candidates():
    results = [
        halt("h", "2025-03-18"),
        strike("before", day("2025-02-01")),
        strike("after", day("2025-06-01")),
        strike("inside", day("2025-03-25")),
    ]
    assert [v.event_id for v in find_violations(results)] == ["ev-inside"]


def test_unattributed_event_found_through_the_theatre():
    results = [
        halt("h", "2025-03-18"),
        strike("known", day("2025-03-22")),
        strike("unknown", day("2025-03-23"), country=None),
    ]
    found = {v.event_id: v for v in find_violations(results)}
    assert set(found) == {"ev-known", "ev-unknown"}
    assert "perpetrator unknown" in found["ev-unknown"].uncertain


def test_groups_follow_the_date_window_and_the_scope():
    results = [
        halt("a", "2025-01-01"),
        halt("b", "2025-01-15"),  # within the window of a
        halt("c", "2025-06-01"),  # months later: its own group
        halt("d", "2025-01-10", duration=30),  # duration and partial scope: never merged
    ]
    groups = group_commitments(results)
    assert [g.sources for g in groups] == [("a", "b"), ("c",), ("d",)]


def test_number_contradiction_only_for_overlapping_days():
    same_day = [
        strike("x", day("2025-03-22")),
        dataclasses.replace(
            strike("y", day("2025-03-22")),
            events=(
                dataclasses.replace(
                    strike("y", day("2025-03-22")).events[0],
                    counts=Counts(weapons=CountRange(40, 40), weapon="drone"),
                ),
            ),
        ),
    ]
    numbers = [c for c in find_contradictions(same_day) if c.kind == "number"]
    assert [(c.a, c.b) for c in numbers] == [("ev-x", "ev-y")]
    apart = [same_day[0], strike("z", day("2025-05-01"))]
    apart[1] = dataclasses.replace(apart[1], events=(same_day[1].events[0],))
    moved = dataclasses.replace(apart[1].events[0], id="ev-z", date=day("2025-05-01"))
    apart[1] = dataclasses.replace(apart[1], events=(moved,))
    assert not [c for c in find_contradictions(apart) if c.kind == "number"]
    # a week-long range that covers the day is the same event
    long = dataclasses.replace(moved, date=DateRange("2025-03-18", "2025-03-24", "week"))
    found = find_contradictions([same_day[0], dataclasses.replace(apart[1], events=(long,))])
    assert [c.kind for c in found] == ["number"]


def test_unsupported_claim_against_an_undated_report():
    claim_text = "Kyiv said its troops were encircled near Kupiansk on Friday."
    doubt_text = "There is no evidence of an encirclement near Kupiansk, analysts said."
    claim = Claim(
        id="claim-encircled",
        speaker=UKR,
        text=claim_text,
        content_span=span_of(claim_text, claim_text),
    )
    dated = DocumentResult(
        Document(id="dated", text=claim_text, published="2025-03-20"), claims=(claim,)
    )
    undated = DocumentResult(Document(id="undated", text=doubt_text, published=None))
    far = DocumentResult(Document(id="far", text=doubt_text, published="2025-09-01"))
    found = find_contradictions([dated, undated, far])
    assert [(c.kind, c.a) for c in found] == [("unsupported", "claim-encircled")]
    assert "undated" in found[0].explanation
