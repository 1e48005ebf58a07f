"""Candidate violations across documents.

For each merged commitment that a party agreed, ordered or put in force, every hostile event
(PLOVER ASSAULT / FIGHT, or an ACLED violent type) is checked against three things, each giving a
reason string:

1. **party**: the event's actor country is a committed party. An event with no known actor in a
   country other than a committed party's is attributed to that party as *uncertain*.
2. **scope**: the event's target category / domain / place falls inside the commitment's scope.
   A full ceasefire covers every hostile event. Category coverage (``SCOPE_COVERS``) is explicit:
   ``infrastructure`` covers energy, transport, water, communications and health facilities
   (hospitals are counted as civilian infrastructure, and the violation says so and is marked
   uncertain), ``civilian`` covers residential, health, education and infrastructure, every other
   category covers only itself. Domains come from the event's mode and weapon (drone, missile,
   aerial -> air; naval -> sea; artillery, ground fighting -> land).
3. **time**: the event starts on or after the commitment's start (the agreement date) and, when a
   duration is known, before its end. Same-day events count ("hours after") but are marked
   uncertain unless the event's evidence says "after".

Declarations with status ``violated_alleged`` ("X accused Y of violating the truce") become
violations with ``allegation=True``; their ``event_id`` is ``"<document id>:<start>-<end>"``, a
pointer to the evidence span, as there is no event record behind an accusation.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from ceasewatch.link.commitments import MergedCommitment, date_of, group_commitments
from ceasewatch.model import (
    Commitment,
    DocumentResult,
    Event,
    Violation,
    content_id,
)

log = logging.getLogger(__name__)

ACTIVE_STATUSES = {"agreed", "ordered", "in_force", "violated_alleged"}
COMMITTED_STATUSES = {"agreed", "ordered", "in_force"}
HOSTILE_TYPES = {"ASSAULT", "FIGHT"}
HOSTILE_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
SCOPE_COVERS: dict[str, set[str]] = {
    "infrastructure": {"infrastructure", "energy", "transport", "water", "communications",
                       "health"},
    "civilian": {"civilian", "residential", "health", "education", "infrastructure", "energy",
                 "transport", "water"},
}  # fmt: skip
INDIRECT_COVER = {
    ("infrastructure", "health"): "target health counted as civilian infrastructure",
    ("civilian", "infrastructure"): "target infrastructure counted as civilian",
}
AIR_WORDS = {"aerial", "air", "airstrike", "drone", "uav", "missile", "bomb", "glide", "rocket"}
SEA_WORDS = {"naval", "sea", "ship", "maritime", "boat", "vessel", "torpedo"}
LAND_WORDS = {"artillery", "shelling", "firearms", "ground", "tank", "mortar", "small arms"}


def find_violations(results: Sequence[DocumentResult]) -> list[Violation]:
    """Events inside a commitment's parties, scope and time window, across all documents."""
    groups = group_commitments(results)
    events: list[tuple[DocumentResult, Event]] = [(r, e) for r in results for e in r.events]
    violations: list[Violation] = []
    for group in groups:
        c = group.commitment
        violations.extend(_allegations(group))
        if c.status not in ACTIVE_STATUSES and not any(
            d.status in COMMITTED_STATUSES for d in c.declarations
        ):
            continue
        for result, event in events:
            v = check_event(c, event, published=result.document.published)
            if v is not None:
                violations.append(v)
    log.debug("%d candidate violations", len(violations))
    return violations


def committed_parties(c: Commitment) -> list[str]:
    """Countries (or names) that agreed, ordered or put the commitment in force."""
    ordered = [d.actor.country or d.actor.name for d in c.declarations if d.status == "ordered"]
    committed = [
        d.actor.country or d.actor.name for d in c.declarations if d.status in COMMITTED_STATUSES
    ]
    return list(dict.fromkeys([*ordered, *committed]))


def check_event(c: Commitment, event: Event, *, published: str | None = None) -> Violation | None:
    """A Violation when ``event`` matches the commitment's parties, scope and window."""
    if not _hostile(event):
        return None
    reasons: list[str] = []
    uncertain: list[str] = []
    parties = committed_parties(c)
    if not parties:
        return None
    if not _party_match(event, parties, reasons, uncertain):
        return None
    if not _scope_match(c, event, reasons, uncertain):
        return None
    if not _time_match(c, event, published, reasons, uncertain):
        return None
    if event.status == "claimed":
        who = f" by {event.reported_by}" if event.reported_by else ""
        uncertain.append(f"event only claimed{who}, not confirmed")
    elif event.status == "denied":
        uncertain.append("event denied")
    confidence = max(0.2, round(0.8 - 0.15 * len(uncertain), 2))
    evidence = (*event.evidence, *c.evidence[:1])
    return Violation(
        id=content_id("violation", c.id, event.id),
        commitment_id=c.id,
        event_id=event.id,
        reasons=tuple(reasons),
        uncertain=tuple(uncertain),
        allegation=False,
        evidence=evidence,
        confidence=confidence,
    )


def _hostile(event: Event) -> bool:
    return event.type in HOSTILE_TYPES or (event.acled_event_type or "") in HOSTILE_ACLED


def _event_country(event: Event) -> str | None:
    if event.place is not None and event.place.country:
        return event.place.country
    if event.target is not None and event.target.country:
        return event.target.country
    return None


def _party_match(
    event: Event, parties: list[str], reasons: list[str], uncertain: list[str]
) -> bool:
    actor = event.actor
    who = (actor.country or None) if actor is not None else None
    if who is not None:
        if who in parties:
            reasons.append(f"party match: {who}")
            return True
        return False
    if actor is not None and actor.name in parties:
        reasons.append(f"party match: {actor.name}")
        return True
    where = _event_country(event)
    if where is None:
        return False
    suspects = [p for p in parties if p != where]
    if not suspects:
        return False
    reasons.append(f"party assumed: {suspects[0]} (actor unknown, event in {where})")
    uncertain.append("perpetrator unknown")
    return True


def _domain_of(event: Event) -> str | None:
    words = " ".join(
        w.lower() for w in (event.mode, event.counts.weapon, event.acled_sub_event_type) if w
    )
    tokens = set(re.findall(r"[a-z]+", words))
    if tokens & SEA_WORDS:
        return "sea"
    if tokens & AIR_WORDS or "air/drone" in words:
        return "air"
    if tokens & LAND_WORDS or event.type == "FIGHT":
        return "land"
    return None


def _scope_match(c: Commitment, event: Event, reasons: list[str], uncertain: list[str]) -> bool:
    scope = c.scope
    if scope.places:
        names = {
            (n or "").lower()
            for n in (
                event.place.name if event.place else None,
                event.place.admin1 if event.place else None,
            )
            if n
        }
        hit = [p for p in scope.places if any(p.lower() in n or n in p.lower() for n in names)]
        if not hit:
            return False
        reasons.append(f"place match: {hit[0]}")
    if scope.categories:
        category = event.target.category if event.target is not None else None
        if category is None:
            return False
        for scoped in scope.categories:
            covered = SCOPE_COVERS.get(scoped, {scoped})
            if category in covered:
                indirect = INDIRECT_COVER.get((scoped, category))
                if indirect:
                    reasons.append(f"scope match: {indirect}")
                    uncertain.append(f"scope reading: {indirect}")
                else:
                    reasons.append(f"scope match: {category}")
                break
        else:
            return False
    if scope.domains:
        domain = _domain_of(event)
        if domain is None or domain not in scope.domains:
            return False
        reasons.append(f"scope match: domain {domain}")
    if not (scope.places or scope.categories or scope.domains):
        if not scope.full:
            uncertain.append("scope of the commitment not stated")
        reasons.append("scope match: full ceasefire covers all hostilities")
    return True


def _time_match(
    c: Commitment,
    event: Event,
    published: str | None,
    reasons: list[str],
    uncertain: list[str],
) -> bool:
    start = date_of(c.start) or _earliest_committed(c)
    if start is None:
        return False
    ev_start = date_of(event.date)
    ev_end = event.date.end[:10] if event.date is not None and event.date.end else ev_start
    if ev_start is None:
        if not published:
            return False
        ev_start = ev_end = published[:10]
        uncertain.append("event date unknown: publication date used")
    if (ev_end or ev_start) < start:
        return False
    end = date_of(c.end)
    if end is not None and ev_start > end:
        return False
    if ev_start < start:
        uncertain.append(f"event dates {ev_start}..{ev_end} straddle the start {start}")
    evidence_text = " ".join(s.text for s in event.evidence)
    if ev_start == start and not re.search(r"\bafter\b", evidence_text, re.I):
        uncertain.append("same day as the agreement: may precede it")
    relation = "on" if ev_start == start else "after"
    reasons.append(f"time inside window: {ev_start} {relation} {start} start")
    if c.start is not None and c.start.precision not in (None, "day"):
        uncertain.append(f"agreement date precision: {c.start.precision}")
    if event.date is not None and event.date.precision not in (None, "day"):
        uncertain.append(f"event date precision: {event.date.precision}")
    return True


def _earliest_committed(c: Commitment) -> str | None:
    dates = [
        d.date.start[:10]
        for d in c.declarations
        if d.status in COMMITTED_STATUSES and d.date is not None and d.date.start
    ]
    return min(dates) if dates else None


def _allegations(group: MergedCommitment) -> list[Violation]:
    c = group.commitment
    out: list[Violation] = []
    for d in c.declarations:
        if d.status != "violated_alleged" or not d.evidence:
            continue
        span = d.evidence[0]
        pointer = f"{d.document_id}:{span.start}-{span.end}"
        who = d.actor.country or d.actor.name
        out.append(
            Violation(
                id=content_id("violation", c.id, pointer, who),
                commitment_id=c.id,
                event_id=pointer,
                reasons=(f"allegation: {who} accused of violating the {c.kind}",),
                uncertain=("allegation only: no event record",),
                allegation=True,
                evidence=d.evidence,
                confidence=0.3,
            )
        )
    return out
