"""A small hand-built ledger (synthetic articles) for the serve, export and Python API tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ceasewatch.link.clustering import EventCluster, SourceCount
from ceasewatch.model import (
    Actor,
    Claim,
    Commitment,
    Contradiction,
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
    Violation,
    content_id,
)
from ceasewatch.store import Store
from tests.conftest import span_of

STRIKE = (
    "Twelve drones struck a power station in Kharkiv overnight, the regional governor said. "
    "One worker was killed and the station lost power.\n\n"
    "Repair crews reached the site by morning."
)
PORT = (
    "Missiles hit the port of Odesa on Saturday evening. Three people were killed and ten were "
    "injured, officials said.\n\nA grain warehouse burned for hours."
)
PAUSE = (
    "Russia and Ukraine agreed to a 30-day halt on strikes against energy infrastructure on "
    "Tuesday. The pause is to start immediately, both governments said."
)
DENIAL = (
    "The Russian defence ministry denied striking the power station in Kharkiv. Ukraine's "
    "energy minister said the attack broke the pause on energy strikes."
)
HOSTILE = (
    "Shelling damaged homes near Kherson <script>window.__xss = 1; alert('x')</script> on "
    'Monday. <img src=x onerror="window.__xss = 2"> A resident said '
    '<a href="javascript:alert(3)">nothing</a> was left.'
)
HOSTILE_TITLE = '<b onmouseover="alert(4)">Kherson</b> <script>alert(5)</script>'
SECOND_STRIKE = (
    "Fifteen drones hit an energy facility in Kharkiv during the night, city officials said. "
    "A worker died at the site."
)


def _document(
    text: str, published: str, title: str, *, url: str | None = None, source: str = "Test Wire"
) -> Document:
    return Document(
        id=Document.make_id(text),
        text=text,
        title=title,
        published=published,
        source=source,
        url=url,
        origin="test",
    )


def build_results() -> tuple[
    list[DocumentResult], list[Violation], list[Contradiction], list[Commitment]
]:
    """Five documents with events, a merged commitment, a violation and a contradiction."""
    strike_doc = _document(
        STRIKE, "2025-03-19", "Drones hit Kharkiv power station", url="https://example.org/kharkiv"
    )
    s1 = span_of(STRIKE, "Twelve drones struck a power station in Kharkiv overnight")
    s2 = span_of(STRIKE, "One worker was killed")
    strike = Event(
        id=content_id(strike_doc.id, "event", "0"),
        type="ASSAULT",
        mode="aerial",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor=Actor("Russian forces", "RUS", "military"),
        target=Target("a power station", "UKR", "energy"),
        place=Place("Kharkiv", 49.98, 36.25, "UKR", "Kharkivska", 706483, "settlement"),
        date=DateRange("2025-03-19", "2025-03-19", "day", "overnight"),
        counts=Counts(weapons=CountRange(12, 12), weapon="drone", killed=CountRange(1, 1)),
        reported_by="the regional governor",
        evidence=(s1, s2),
        confidence=0.8,
    )
    port_doc = _document(PORT, "2025-03-23", "Missiles strike Odesa port")
    p1 = span_of(PORT, "Missiles hit the port of Odesa on Saturday evening")
    p2 = span_of(PORT, "Three people were killed and ten were injured")
    port = Event(
        id=content_id(port_doc.id, "event", "0"),
        type="ASSAULT",
        mode="missile",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        actor=Actor("Russian forces", "RUS", "military"),
        target=Target("the port", "UKR", "transport"),
        place=Place("Odesa", 46.48, 30.73, "UKR", "Odeska", 698740, "settlement"),
        date=DateRange("2025-03-22", "2025-03-22", "day", "on Saturday"),
        counts=Counts(weapon="missile", killed=CountRange(3, 3), injured=CountRange(10, 10)),
        reported_by="officials",
        evidence=(p1, p2),
        confidence=0.7,
    )
    pause_doc = _document(PAUSE, "2025-03-18", "Energy strike pause agreed")
    c1 = span_of(
        PAUSE,
        "Russia and Ukraine agreed to a 30-day halt on strikes against energy "
        "infrastructure on Tuesday",
    )
    window = DateRange("2025-03-18", "2025-03-18", "day", "immediately")
    pause = Commitment(
        id=content_id(pause_doc.id, "commitment", "0"),
        kind="strike_halt",
        actor=Actor("Russia", "RUS", "government"),
        counterparts=(Actor("Ukraine", "UKR"),),
        status="agreed",
        scope=Scope(categories=("energy",)),
        duration_days=30,
        start=window,
        declarations=(
            Declaration(
                Actor("Russia", "RUS", "government"), "agreed", window, pause_doc.id, (c1,)
            ),
            Declaration(
                Actor("Ukraine", "UKR", "government"), "agreed", window, pause_doc.id, (c1,)
            ),
        ),
        evidence=(c1,),
        confidence=0.8,
    )
    denial_doc = _document(DENIAL, "2025-03-20", "Moscow denies Kharkiv strike")
    d1 = span_of(
        DENIAL, "The Russian defence ministry denied striking the power station in Kharkiv"
    )
    d2 = span_of(
        DENIAL, "Ukraine's energy minister said the attack broke the pause on energy strikes"
    )
    denied = Claim(
        id=content_id(denial_doc.id, "claim", "0"),
        speaker=Actor("Russian defence ministry", "RUS", "military"),
        text="striking the power station in Kharkiv",
        channel="statement",
        polarity="denies",
        cue="denied",
        speaker_span=span_of(DENIAL, "The Russian defence ministry"),
        content_span=span_of(DENIAL, "striking the power station in Kharkiv"),
        about=strike.id,
        disputed=True,
        evidence=(d1,),
        confidence=0.7,
    )
    accused = Claim(
        id=content_id(denial_doc.id, "claim", "1"),
        speaker=Actor("energy minister", "UKR", "government", "energy minister"),
        text="the attack broke the pause on energy strikes",
        cue="said",
        speaker_span=span_of(DENIAL, "Ukraine's energy minister"),
        content_span=span_of(DENIAL, "the attack broke the pause on energy strikes"),
        evidence=(d2,),
        confidence=0.6,
    )
    hostile_doc = _document(
        HOSTILE,
        "2025-03-24",
        HOSTILE_TITLE,
        url="javascript:alert(document.cookie)",
        source="<script>alert(6)</script>",
    )
    h1 = span_of(
        HOSTILE, "Shelling damaged homes near Kherson <script>window.__xss = 1; alert('x')</script>"
    )
    hostile = Event(
        id=content_id(hostile_doc.id, "event", "0"),
        type="ASSAULT",
        mode="artillery",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        actor=Actor("<svg onload=alert(7)>", None, None),
        target=Target("homes", "UKR", "residential"),
        place=Place("Kherson", 46.64, 32.61, "UKR", "Khersonska", 706448, "near"),
        date=DateRange("2025-03-24", "2025-03-24", "day", "on Monday"),
        evidence=(h1,),
        confidence=0.5,
    )
    hostile_claim = Claim(
        id=content_id(hostile_doc.id, "claim", "0"),
        speaker=Actor("A resident"),
        text='<a href="javascript:alert(3)">nothing</a> was left',
        cue="said",
        evidence=(
            span_of(HOSTILE, 'A resident said <a href="javascript:alert(3)">nothing</a> was left'),
        ),
    )
    results = [
        DocumentResult(strike_doc, events=(strike,)),
        DocumentResult(port_doc, events=(port,)),
        DocumentResult(pause_doc, commitments=(pause,)),
        DocumentResult(denial_doc, claims=(denied, accused)),
        DocumentResult(hostile_doc, events=(hostile,), claims=(hostile_claim,)),
    ]
    merged = Commitment(
        id=content_id("commitment", "strike_halt", "RUS,UKR", "energy", "30"),
        kind=pause.kind,
        actor=pause.actor,
        counterparts=pause.counterparts,
        status="agreed",
        scope=pause.scope,
        duration_days=30,
        start=window,
        declarations=pause.declarations,
        evidence=pause.evidence,
        confidence=0.8,
    )
    violations = [
        Violation(
            id=content_id("violation", merged.id, strike.id),
            commitment_id=merged.id,
            event_id=strike.id,
            reasons=("party RUS", "scope energy", "inside window"),
            uncertain=("perpetrator denies",),
            evidence=strike.evidence,
            confidence=0.6,
        ),
        Violation(
            id=content_id("violation", merged.id, "allegation"),
            commitment_id=merged.id,
            event_id=f"{denial_doc.id}:{d2.start}-{d2.end}",
            reasons=("allegation: RUS accused of violating the strike_halt",),
            uncertain=("allegation only: no event record",),
            allegation=True,
            evidence=(d2,),
            confidence=0.3,
        ),
    ]
    contradictions = [
        Contradiction(
            id=content_id("contradiction", denied.id, strike.id),
            kind="denial",
            a=denied.id,
            b=strike.id,
            explanation="the defence ministry denies a strike others report",
            evidence=(d1, s1),
            confidence=0.7,
        ),
    ]
    return results, violations, contradictions, [merged]


def fill_store(db: Path) -> dict[str, object]:
    """Write the ledger to ``db``; returns the records by name for assertions."""
    results, violations, contradictions, merged = build_results()
    with Store(db) as store:
        store.write_results(results, "test")
        store.write_sightings([r.document for r in results])
        store.replace_links(violations, contradictions, merged)
    return {
        "results": results,
        "strike": results[0].events[0],
        "port": results[1].events[0],
        "hostile_doc": results[4].document,
        "hostile": results[4].events[0],
        "denied": results[3].claims[0],
        "merged": merged[0],
        "violations": violations,
        "contradiction": contradictions[0],
    }


def fill_clustered_store(db: Path) -> dict[str, object]:
    """The ledger plus a second report of the Kharkiv strike (15 drones, not 12), repeated
    sightings of documents, and event clusters: the two Kharkiv reports form one cluster flagged
    as a possible duplicate; Odesa and Kherson are clusters of one."""
    results, violations, contradictions, merged = build_results()
    strike_doc = results[0].document
    strike = results[0].events[0]
    second_doc = _document(
        SECOND_STRIKE, "2025-03-20", "Kharkiv energy site hit again", source="Other Wire"
    )
    second = dataclasses.replace(
        strike,
        id=content_id(second_doc.id, "event", "0"),
        counts=Counts(weapons=CountRange(15, 15), weapon="drone", killed=CountRange(1, 1)),
        reported_by="city officials",
        evidence=(span_of(SECOND_STRIKE, "Fifteen drones hit an energy facility in Kharkiv"),),
    )
    results.append(DocumentResult(second_doc, events=(second,)))
    hostile_doc = results[4].document
    mirror = dataclasses.replace(
        strike_doc,
        origin="feeds/mirror.xml#item-7",
        external_id="mirror-7",
        published="2025-03-21",
        source="Mirror Wire",
        url="https://mirror.example.net/kharkiv-drones",
    )
    hostile_mirror = dataclasses.replace(
        hostile_doc,
        origin='<img src=x onerror="window.__xss = 9">',
        url="javascript:alert(10)",
        source="<script>alert(11)</script>",
    )

    def singleton(result: DocumentResult) -> EventCluster:
        event = result.events[0]
        doc = result.document
        return EventCluster(
            id=content_id("cluster", event.id),
            event_ids=(event.id,),
            document_ids=(doc.id,),
            type=event.type,
            place=event.place,
            date=event.date,
            counts=(SourceCount(event.id, doc.id, doc.source, event.counts),),
            sources=(doc.source or doc.id,),
        )

    kharkiv = EventCluster(
        id=content_id("cluster", strike.id, second.id),
        event_ids=(strike.id, second.id),
        document_ids=(strike_doc.id, second_doc.id),
        type="ASSAULT",
        place=strike.place,
        date=DateRange("2025-03-19", "2025-03-19", "day"),
        counts=(
            SourceCount(strike.id, strike_doc.id, strike_doc.source, strike.counts),
            SourceCount(second.id, second_doc.id, second_doc.source, second.counts),
        ),
        sources=("Test Wire", "Other Wire"),
        possible_duplicate=True,
        reasons=("same type", "place strong", "counts agree"),
    )
    clusters = [kharkiv, singleton(results[1]), singleton(results[4])]
    with Store(db) as store:
        store.write_results(results, "test")
        store.write_sightings([r.document for r in results] + [mirror, hostile_mirror])
        store.replace_links(violations, contradictions, merged)
        store.replace_clusters(clusters)
    return {
        "results": results,
        "strike": strike,
        "second": second,
        "port": results[1].events[0],
        "hostile": results[4].events[0],
        "hostile_doc": hostile_doc,
        "kharkiv": kharkiv,
        "clusters": clusters,
        "mirror": mirror,
    }
