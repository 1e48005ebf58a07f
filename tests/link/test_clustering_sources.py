"""Clustering evidence from who published a report and when, from ``near`` places, and from
actor names without a country (hand-built events)."""

from __future__ import annotations

import datetime as dt

from ceasewatch.link.clustering import cluster_events, compare, mentions_of
from ceasewatch.model import (
    Actor,
    CountRange,
    Counts,
    DateRange,
    Document,
    DocumentResult,
    Event,
    Place,
    content_id,
)

IZIUM = Place("Izium", 49.21, 37.26, "UKR", "Kharkivska", precision="settlement")
HROMADA_CENTRE = Place("Savyntsi", 49.40, 37.05, "UKR", "Kharkivska", precision="near")  # ~26 km


def report(
    outlet: str,
    text: str,
    *,
    published: str = "2025-05-10",
    event_day: str | None = None,
    place: Place | None = None,
    actor: Actor | None = None,
    killed: int | None = None,
) -> DocumentResult:
    doc = Document(
        id=Document.make_id(outlet + text + published),
        text=text,
        title=text,
        published=published,
        source=outlet,
    )
    event = Event(
        id=content_id(doc.id, "event"),
        type="ASSAULT",
        actor=actor,
        place=place,
        date=DateRange(event_day, event_day, "day") if event_day else None,
        counts=Counts(killed=CountRange(killed, killed)) if killed else Counts(),
    )
    return DocumentResult(document=doc, events=(event,))


def test_mentions_carry_the_publication_day():
    (mention,) = mentions_of([report("Wire A", "One soldier killed in shelling.")])
    assert mention.published == dt.date(2025, 5, 10).toordinal()
    assert mention.first_day == mention.published


def test_one_outlets_daily_template_on_successive_days_stays_apart():
    text = "Shelling of a frontline village kills one soldier over the past day - command."
    results = [
        report("Daily Wire", text, published="2025-05-10", killed=1),
        report("Daily Wire", text, published="2025-05-11", killed=1),
        report("Daily Wire", text, published="2025-05-12", killed=1),
    ]
    assert len(cluster_events(results)) == 3
    a, b = mentions_of(results[:2])
    assert "same source, other day" in compare(a, b).reasons


def test_two_outlets_reporting_one_attack_the_same_day_join():
    results = [
        report("Wire A", "Missile strike on Izium kills four civilians.", place=IZIUM, killed=4),
        report("Wire B", "Four dead as missile hits Izium, officials say.", place=IZIUM, killed=4),
    ]
    (cluster,) = cluster_events(results)
    assert cluster.sources == ("Wire A", "Wire B")
    assert "other source, same day" in cluster.reasons


def test_same_day_corroboration_does_not_outweigh_different_tolls():
    a, b = mentions_of(
        [
            report("Wire A", "Missile strike kills four civilians in the east.", killed=4),
            report("Wire B", "Missile strike kills forty civilians in the east.", killed=40),
        ]
    )
    link = compare(a, b)
    assert "other source, same day" not in link.reasons
    assert link.status == "compatible"


def test_two_near_places_at_one_hromada_centre_are_not_a_precise_match():
    a, b = mentions_of(
        [
            report("Wire A", "A drone hit a farm.", place=HROMADA_CENTRE),
            report("Wire B", "Shelling damaged a school.", place=HROMADA_CENTRE),
        ]
    )
    link = compare(a, b)
    assert link.status != "strong"
    assert not any(r.endswith("km apart") for r in link.reasons)  # not a precise place match


def test_a_near_place_tolerates_the_distance_to_its_hromada_centre():
    """A village placed at a centre ~26 km from a town named by another report is no conflict."""
    a, b = mentions_of(
        [
            report("Wire A", "Strike near Izium kills two.", place=IZIUM, killed=2),
            report(
                "Wire B", "Two killed in a strike on a village.", place=HROMADA_CENTRE, killed=2
            ),
        ]
    )
    assert compare(a, b).status != "conflict"


def test_different_actor_names_without_a_country_do_not_conflict():
    a, b = mentions_of(
        [
            report(
                "Wire A",
                "Artillery unit shells Izium, killing three.",
                place=IZIUM,
                actor=Actor("artillery unit"),
                killed=3,
            ),
            report(
                "Wire B",
                "Three killed as troops shell Izium.",
                place=IZIUM,
                actor=Actor("troops"),
                killed=3,
            ),
        ]
    )
    link = compare(a, b)
    assert link.status in ("strong", "thin")
    assert not any(r.startswith("same actor") for r in link.reasons)
