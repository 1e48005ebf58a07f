"""Candidate violations across documents.

Only commitments that forbid attacks are checked (``ATTACK_KINDS``: ceasefire, truce, strike_halt,
moratorium, pause); a humanitarian corridor is checked only against events at or near its places.
Withdrawals, prisoner exchanges and aid pledges never produce violations from strike events.

For each merged commitment that a party agreed, ordered or put in force, every violent event (ACLED
Battles / Explosions/Remote violence / Violence against civilians, or PLOVER ASSAULT / FIGHT when
no ACLED type is known) is checked against four things, each giving a reason string:

1. **party**: the event's actor country is a party that agreed, ordered or put the commitment in
   force. An event with no known actor is attributed to a committed party only when it happened in
   that party's *theatre*: a country where the same results hold attributed violent events by that
   party outside its own territory (e.g. Russian strikes in Ukraine); it is marked *uncertain*.
2. **scope**: the event's target category / domain / place falls inside the commitment's scope.
   A full ceasefire covers every hostile event. Category coverage (``SCOPE_COVERS``) is explicit:
   ``infrastructure`` covers energy, transport, water, communications and health facilities
   (hospitals are counted as civilian infrastructure, and the violation says so and is marked
   uncertain), ``civilian`` covers residential, health, education and infrastructure, every other
   category covers only itself. Domains come from the event's mode and weapon (drone, missile,
   aerial -> air; naval -> sea; artillery, ground fighting -> land). When the commitment names
   places, the event must be at one of them: same name or admin1, or within ``NEAR_KM``.
3. **time**: the window runs from the start (the agreement date) to the end (start + duration).
   When no end is known the window is capped at ``DEFAULT_WINDOW_DAYS`` and the violation notes
   it as uncertain: a commitment only mentioned in passing, or mentioned years later as background
   ("despite a ceasefire agreed in 2015"), is not taken to be in force indefinitely. Same-day
   events count ("hours after") but are marked uncertain unless the event's evidence says "after";
   an event dated only vaguely ("in 2022") across the start, or only by a calendar month or year
   across the end, is not placed inside the window.
4. **status**: claimed-only or denied events stay candidates but are marked uncertain.
5. **area**: a commitment with no named places is bounded by the countries its own documents
   are about (``focus_countries``: the countries holding at least ``FOCUS_SHARE`` of the located
   events of those documents). An event in another country is no candidate ("a clash in Moscow"
   for a ceasefire in Syria); an event with no place is placed in its own document's focus
   country and marked uncertain. Documents with no located events set no area.

An event with no date of its own (not even a relative one) is never a candidate: the
publication date of a background sentence says nothing about when the attack happened. The
event's date is trusted for look-backs and intents: the event extractor reads them on the
event's own clause, dating an attack told looking back ("had launched", "since Turkey attacked")
with no start and an attack only likely or threatened with no date, so neither is placed in a
window; one whose day is only guessed (precision ``unknown``) is marked uncertain. Only a
sentence summing up a long period ("in recent months") with no date phrase is kept off the news
day here (:func:`off_the_news_day`). A
named actor with no country that is not a party ("rebel groups", "Isis members") is a known
non-party, not an unknown perpetrator. An unknown perpetrator is assumed to be a committed
party only where that party carries out most of the attributed violent events of the country
(``SUSPECT_SHARE``). Declarations from background mentions ("despite a ceasefire deal", no
start date) make no party committed.

When one commitment still collects more than ``MAX_PER_COMMITMENT`` candidates, only the most
confident are kept (a last resort; it is logged).

Declarations with status ``violated_alleged`` ("X accused Y of violating the truce") become
violations with ``allegation=True``; their ``event_id`` is ``"<document id>:<start>-<end>"``, a
pointer to the evidence span, as there is no event record behind an accusation. When the same
sentence reports a violent event ("regime forces launched an offensive in defiance of the
ceasefire"), the event itself is the candidate, with the sentence's words as its reason (and the
accusation marked uncertain when the sentence is one party accusing another).

A commitment imposed by an international body with no country (``binds_parties``: ordered or
brokered by the UN, OSCE, AU..., or demanded by a security council resolution) binds the
belligerents, not the body. When no party committed itself, its candidates are violent events
by any named armed actor (military, government, rebel, militia, police, or a state), named in the
event's own sentence (not carried over from context), inside the commitment's area, marked
uncertain ("parties not named: imposed by the UN"); with no area and
no places, nothing bounds it and it has no candidates.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from ceasewatch.extract.commitments import ARMED_KINDS, PARTIES_TO_CONFLICT, binds_parties, is_body
from ceasewatch.link.commitments import MergedCommitment, date_of, group_commitments
from ceasewatch.model import (
    Actor,
    Commitment,
    Declaration,
    DocumentResult,
    Event,
    Violation,
    content_id,
    parse_day,
)
from ceasewatch.resolve.actors import party_of, unnamed_group

log = logging.getLogger(__name__)

ATTACK_KINDS = {"ceasefire", "truce", "strike_halt", "moratorium", "pause"}
PLACE_KINDS = {"humanitarian_corridor"}  # checked only at their places
ACTIVE_STATUSES = {"agreed", "ordered", "in_force", "violated_alleged"}
COMMITTED_STATUSES = {"agreed", "ordered", "in_force"}
HOSTILE_TYPES = {"ASSAULT", "FIGHT"}
HOSTILE_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
DEFAULT_WINDOW_DAYS = 30
"""Days a commitment with no known end or duration is taken to be in force after its start."""
NEAR_KM = 50.0
"""An event this close to one of a commitment's places is inside its place scope."""
MAX_STRADDLE_DAYS = 2
"""An event dated by a range that starts before the agreement counts only if the range is short."""
CALENDAR_PRECISIONS = {"month", "year", "season", "quarter"}
"""An event dated only by a calendar period ("in March") across the window's end is not placed
inside it."""
MAX_PER_COMMITMENT = 200
"""Last-resort cap on candidates per commitment (most confident kept)."""
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
NO_PARTY = {"unspecified", ""}
FOCUS_SHARE = 0.25
"""A country holding this share of a document's located events is one it is about."""
SUSPECT_SHARE = 0.5
"""An unknown perpetrator is a party only where that party did more than this share of the
attributed violent events."""
NOT_NAMES = {
    "which", "who", "that", "one", "both", "it", "they", "them", "he", "she", "we", "i", "you",
    "this", "these", "those", "some", "others", "all", "each", "none", "unknown", "unidentified",
}  # fmt: skip
"""Actor "names" that name nobody: relative pronouns and pronouns the event extractor kept."""
TOTAL = "*"
"""The key in :data:`Theatres` holding every attributed violent event per country."""

Theatres = dict[str, Counter[str]]  # party -> countries where its attributed attacks happened
Areas = dict[str, frozenset[str]]  # document id -> the countries it is about


def find_violations(results: Sequence[DocumentResult]) -> list[Violation]:
    """Events inside a commitment's parties, scope and time window, across all documents.

    Events are indexed by who did them and sorted by date, so each commitment is checked only
    against its parties' events (and unattributed events in their theatres) near its window.
    """
    groups = group_commitments(results)
    events: list[tuple[DocumentResult, Event]] = [
        (r, e) for r in results for e in r.events if _hostile(e)
    ]
    theatres = _theatres(e for _, e in events)
    areas = {r.document.id: focus_countries(r) for r in results}
    index = _EventIndex(events, areas)
    by_document: dict[str, list[Event]] = {}
    for r, e in events:
        by_document.setdefault(r.document.id, []).append(e)
    violations: list[Violation] = []
    for group in groups:
        c = group.commitment
        reported = _allegations(group, by_document)
        violations.extend(reported)
        if not checkable(c):
            continue
        area = frozenset().union(*(areas.get(doc_id, frozenset()) for doc_id in group.sources))
        found = []
        seen = {v.id for v in reported}
        for number in index.candidates(c, theatres, area):
            result, event = events[number]
            v = check_event(
                c, event, published=result.document.published, theatres=theatres,
                area=area, home=areas.get(result.document.id, frozenset()),
            )  # fmt: skip
            if v is not None and v.id not in seen:
                seen.add(v.id)
                found.append(v)
        if len(found) > MAX_PER_COMMITMENT:
            log.info(
                "commitment %s: %d candidates, keeping the %d most confident",
                c.id, len(found), MAX_PER_COMMITMENT,
            )  # fmt: skip
            found = sorted(found, key=lambda v: -v.confidence)[:MAX_PER_COMMITMENT]
        violations.extend(found)
    log.debug("%d candidate violations", len(violations))
    return violations


MAX_INDEXED_DAYS = 31
"""Events dated by a longer range (or an unreadable date) are checked against every window."""


class _Dated:
    """Event numbers under one key, those with short ISO date ranges sorted by first day."""

    def __init__(self) -> None:
        self.days: list[str] = []
        self.numbers: list[int] = []
        self.loose: list[int] = []  # long or unreadable ranges

    def add(self, number: int, days: tuple[str, str]) -> None:
        first, last = days
        if _iso(first) is not None and _iso(last) is not None:
            span = _days_between(first, last)
            if 0 <= span <= MAX_INDEXED_DAYS:
                self.days.append(first)
                self.numbers.append(number)
                return
        self.loose.append(number)

    def sort(self) -> None:
        order = sorted(range(len(self.days)), key=self.days.__getitem__)
        self.days = [self.days[i] for i in order]
        self.numbers = [self.numbers[i] for i in order]

    def within(self, start: str, end: str) -> list[int]:
        """Numbers of events that may overlap ``start``..``end`` (a superset, never fewer)."""
        first = _iso(start)
        low = 0
        if first is not None and first.toordinal() > MAX_INDEXED_DAYS:
            lowest = (first - dt.timedelta(days=MAX_INDEXED_DAYS)).isoformat()
            low = bisect.bisect_left(self.days, lowest)
        high = bisect.bisect_right(self.days, end)
        return [*self.numbers[low:high], *self.loose]


class _EventIndex:
    """Hostile events by actor country (or name, or place country when the actor is unknown)."""

    def __init__(
        self, events: Sequence[tuple[DocumentResult, Event]], areas: Areas | None = None
    ) -> None:
        self.by_actor: dict[str, _Dated] = {}
        self.unattributed: dict[str, _Dated] = {}  # by the country where it happened
        self.by_where: dict[str, _Dated] = {}  # every event, by its country or its document's
        for number, (result, event) in enumerate(events):
            days = _event_days(event, result.document.published)
            if days is None:
                continue  # never inside a window
            country = _event_country(event)
            homes = {country} if country else (areas or {}).get(result.document.id, frozenset())
            for where in homes:
                self.by_where.setdefault(where, _Dated()).add(number, days)
            actor = event.actor
            if actor is not None and actor.country:
                # by country: a party "PSE/Hamas" looks its events up under "PSE" too
                self.by_actor.setdefault(actor.country, _Dated()).add(number, days)
                continue
            if actor is not None:
                self.by_actor.setdefault(actor.name, _Dated()).add(number, days)
            if country is not None:
                self.unattributed.setdefault(country, _Dated()).add(number, days)
        for dated in (*self.by_actor.values(), *self.unattributed.values()):
            dated.sort()
        for dated in self.by_where.values():
            dated.sort()

    def candidates(
        self, c: Commitment, theatres: Theatres, area: frozenset[str] = frozenset()
    ) -> list[int]:
        """Numbers of the events that may violate ``c``, in input order."""
        parties = committed_parties(c)
        span = window(c)
        if span is None:
            return []
        start, end, _ = span
        found: set[int] = set()
        if imposing_body(c) is not None:
            wheres = area if area else (self.by_where.keys() if c.scope.places else ())
            for where in wheres:
                if where in self.by_where:
                    found.update(self.by_where[where].within(start, end))
        for party in parties:
            key = _country_part(party)
            if key in self.by_actor:
                found.update(self.by_actor[key].within(start, end))
            for where in theatres.get(key, {}):
                if where != key and where in self.unattributed:
                    found.update(self.unattributed[where].within(start, end))
        return sorted(found)


def _country_part(party: str) -> str:
    """ "PSE/Hamas" -> "PSE": a named group's events are indexed under its country."""
    return party.split("/", 1)[0]


def _event_days(event: Event, published: str | None) -> tuple[str, str] | None:
    """First and last day of the event, None when it has no date of its own."""
    ev_start = date_of(event.date)
    ev_end = event.date.end[:10] if event.date is not None and event.date.end else ev_start
    if ev_start is None:
        return None
    return ev_start, ev_end or ev_start


def checkable(c: Commitment) -> bool:
    """Does the commitment forbid attacks, and did a party agree, order or put it in force (or
    an international body impose it on the belligerents)?"""
    if c.kind not in ATTACK_KINDS and not (c.kind in PLACE_KINDS and c.scope.places):
        return False
    return (
        c.status in ACTIVE_STATUSES
        or any(d.status in COMMITTED_STATUSES for d in c.declarations)
        or imposing_body(c) is not None
    )


def committed_parties(c: Commitment) -> list[str]:
    """Sides (:func:`~ceasewatch.resolve.actors.party_of`) that agreed, ordered or put the
    commitment in force.

    A declaration from a background mention (dated with no start: "despite a ceasefire deal")
    recalls a past commitment and binds nobody in the current window. An international body
    that orders or brokers a commitment is no party to it (see :func:`imposing_body`).
    """
    current = [d for d in c.declarations if not _background(d) and not is_body(d.actor)]
    ordered = [party_of(d.actor) for d in current if d.status == "ordered"]
    committed = [party_of(d.actor) for d in current if d.status in COMMITTED_STATUSES]
    return [
        p
        for p in dict.fromkeys([*ordered, *committed])
        if p.lower() not in NO_PARTY and p != PARTIES_TO_CONFLICT.name
    ]


def imposing_body(c: Commitment) -> str | None:
    """The international body that imposed the commitment on the belligerents, if one did."""
    for d in c.declarations:
        if not _background(d) and binds_parties(d):
            return d.actor.name
    return None


def _background(d: Declaration) -> bool:
    return d.date is not None and not d.date.start and bool(d.date.end)


def focus_countries(result: DocumentResult) -> frozenset[str]:
    """The countries a document is about: those holding ``FOCUS_SHARE`` of its located events."""
    counts = Counter(c for c in (_event_country(e) for e in result.events) if c)
    if not counts:
        return frozenset()
    total = sum(counts.values())
    top = counts.most_common(1)[0][0]
    return frozenset({top, *(c for c, n in counts.items() if n / total >= FOCUS_SHARE)})


def window(c: Commitment) -> tuple[str, str, bool] | None:
    """``(start, end, capped)``: the ISO dates the commitment is taken to be in force."""
    start = date_of(c.start) or _earliest_committed(c) or _earliest_imposed(c)
    if start is None:
        return None
    end = date_of(c.end)
    if end is None and c.duration_days:
        end = _plus_days(start, c.duration_days)
    if end is not None:
        return start, end, False
    capped = _plus_days(start, DEFAULT_WINDOW_DAYS)
    return (start, capped, True) if capped else None


def check_event(
    c: Commitment,
    event: Event,
    *,
    published: str | None = None,
    theatres: Theatres | None = None,
    area: frozenset[str] = frozenset(),
    home: frozenset[str] = frozenset(),
) -> Violation | None:
    """A Violation when ``event`` matches the commitment's parties, scope, area and window.

    ``area`` holds the countries the commitment's documents are about (empty: no bound);
    ``home`` those of the event's own document, used when the event has no place.
    """
    if not _hostile(event) or not checkable(c):
        return None
    reasons: list[str] = []
    uncertain: list[str] = []
    parties = committed_parties(c)
    body = imposing_body(c)
    if not parties and body is None:
        return None
    if theatres is None:
        theatres = _theatres([event])
    if body is not None and not (area or c.scope.places):
        body = None  # nothing bounds "the parties to the conflict"
    if not _area_match(c, event, area, home, uncertain):
        return None
    matched = bool(parties) and _party_match(event, parties, theatres, reasons, uncertain)
    if not matched and not (
        body is not None and _belligerent_match(event, body, reasons, uncertain)
    ):
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
    if event.acled_event_type:
        return event.acled_event_type in HOSTILE_ACLED
    return event.type in HOSTILE_TYPES


def _event_country(event: Event) -> str | None:
    if event.place is not None and event.place.country:
        return event.place.country
    if event.target is not None and event.target.country:
        return event.target.country
    return None


def _area_match(
    c: Commitment, event: Event, area: frozenset[str], home: frozenset[str], uncertain: list[str]
) -> bool:
    """Is the event in a country the commitment's documents are about (when they say)?"""
    if not area or c.scope.places:
        return True  # named places are checked by the scope
    where = _event_country(event)
    if where is not None:
        return where in area
    if home & area:
        uncertain.append("event place unknown: its document's country used")
        return True
    return False


def _named(actor: Actor | None) -> bool:
    """Does the event name who did it (not a pronoun or "which")?"""
    if actor is None:
        return False
    words = actor.name.lower().split()
    return bool(words) and not (len(words) == 1 and words[0] in NOT_NAMES)


def _theatres(events: object) -> Theatres:
    """Where each actor country's attributed violent events happened, outside its own land.

    ``TOTAL`` counts every attributed event per country (by any named actor, at home or not),
    so a party's share of a country's attributed violence can be read.
    """
    out: Theatres = {}
    for e in events:  # type: ignore[attr-defined]
        who = e.actor.country if e.actor is not None else None
        where = _event_country(e)
        if where and (who or _named(e.actor)):
            out.setdefault(TOTAL, Counter())[where] += 1
        if who and where and where != who:
            out.setdefault(who, Counter())[where] += 1
    return out


def _suspected(party: str, where: str, theatres: Theatres) -> bool:
    count = theatres.get(party, Counter())[where]
    total = theatres.get(TOTAL, Counter())[where] or count
    return count > 0 and count / total > SUSPECT_SHARE


def _party_match(
    event: Event,
    parties: list[str],
    theatres: Theatres,
    reasons: list[str],
    uncertain: list[str],
) -> bool:
    actor = event.actor
    who = party_of(actor) if actor is not None and actor.country else None
    if who is not None:
        if who in parties:
            reasons.append(f"party match: {who}")
            return True
        group = [
            p
            for p in parties
            if "/" in p and not unnamed_group(p) and _country_part(p) == _country_part(who)
        ]
        if unnamed_group(who) and group:
            # "Palestinian militants" after a truce Hamas agreed: the country's named group
            reasons.append(
                f"party match: {group[0]} (armed group of {_country_part(who)}, not named)"
            )
            uncertain.append("perpetrator named only as an armed group of that country")
            return True
        return False
    if actor is not None and actor.name in parties:
        reasons.append(f"party match: {actor.name}")
        return True
    if _named(actor):
        return False  # a known actor that is no party ("rebel groups")
    where = _event_country(event)
    if where is None:
        return False
    # unknown perpetrator: only a committed party that does most of the attacks in this country
    suspects = sorted(
        (
            p
            for p in parties
            if _country_part(p) != where and _suspected(_country_part(p), where, theatres)
        ),
        key=lambda p: -theatres[_country_part(p)][where],
    )
    if not suspects:
        return False
    reasons.append(f"party assumed: {suspects[0]} (actor unknown, event in {where})")
    uncertain.append("perpetrator unknown")
    return True


def _belligerent_match(event: Event, body: str, reasons: list[str], uncertain: list[str]) -> bool:
    """Is the event's actor one of the parties to the conflict a body's commitment binds?"""
    actor = event.actor
    if actor is None or not _named(actor) or is_body(actor):
        return False
    if actor.kind not in ARMED_KINDS and not (
        actor.country and actor.kind not in ("civilians", "organisation")
    ):
        return False
    if not _named_in_evidence(actor, event):
        return False  # an actor carried over from context ("they bombed ...") is too weak
    where = _event_country(event) or "the area"
    reasons.append(f"party: {actor.name} is a belligerent in {where}")
    uncertain.append(f"parties not named: imposed by {body}")
    return True


def _named_in_evidence(actor: Actor, event: Event) -> bool:
    """Does the event's own sentence name its actor (a word of the name, "Turks" ~ "Turkish")?"""
    text = " ".join(s.text for s in event.evidence).lower()
    stems = {w[:4] for w in re.findall(r"[a-z]{4,}", actor.name.lower())} - {"thei", "with"}
    return any(re.search(rf"\b{re.escape(stem)}", text) for stem in stems)


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


def _place_match(places: Sequence[str], event: Event) -> str | None:
    """Reason text when the event is at, in or near one of ``places``; else None."""
    if event.place is None:
        return None
    names = {n.lower() for n in (event.place.name, event.place.admin1) if n}
    for p in places:
        low = p.lower()
        if any(low == n or _word_in(low, n) or _word_in(n, low) for n in names):
            return f"place match: {p}"
    if event.place.lat is None or event.place.lon is None:
        return None
    for p in places:
        point = _place_point(p)
        if point is None:
            continue
        km = _distance_km(point[0], point[1], event.place.lat, event.place.lon)
        if km <= NEAR_KM:
            return f"place match: {event.place.name} is {km:.0f} km from {p}"
    return None


def _word_in(part: str, whole: str) -> bool:
    return bool(part) and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", whole) is not None


@lru_cache(maxsize=2048)
def _place_point(name: str) -> tuple[float, float] | None:
    """Coordinates of the most populous settlement called ``name`` (None when unknown)."""
    try:
        from ceasewatch.resolve.gazetteer import get_gazetteer, normalize_name

        entries = get_gazetteer().lookup(normalize_name(name))
    except Exception:  # no index available: name matching only
        log.debug("no gazetteer point for %r", name, exc_info=True)
        return None
    settlements = [e for e in entries if not e.is_area]  # an oblast's centroid says little
    if not settlements:
        return None
    best = max(settlements, key=lambda e: e.population or 0)
    return best.lat, best.lon


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from ceasewatch.resolve.gazetteer import distance_km

    return distance_km(lat1, lon1, lat2, lon2)


def _scope_match(c: Commitment, event: Event, reasons: list[str], uncertain: list[str]) -> bool:
    scope = c.scope
    if scope.places:
        hit = _place_match(scope.places, event)
        if hit is None:
            return False
        reasons.append(hit)
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
    span = window(c)
    if span is None:
        return False
    start, end, capped = span
    days = _event_days(event, published)
    if days is None:
        return False
    ev_start, ev_end = days
    if (ev_end or ev_start) < start or ev_start > end:
        return False
    if off_the_news_day(event) is not None:
        return False  # a period summed up, not the news of the publication day
    vague = _days_between(ev_start, ev_end or ev_start) > MAX_STRADDLE_DAYS
    if ev_start < start:
        if vague:
            return False  # "in 2022", "last year": too vague to place after the agreement
        uncertain.append(f"event dates {ev_start}..{ev_end} straddle the start {start}")
    calendar = event.date is not None and event.date.precision in CALENDAR_PRECISIONS
    if (ev_end or ev_start) > end and vague and calendar:
        return False  # "in March" across the end: as likely after the window as inside it
    evidence_text = " ".join(s.text for s in event.evidence)
    if ev_start == start and not re.search(r"\bafter\b", evidence_text, re.I):
        uncertain.append("same day as the agreement: may precede it")
    relation = "on" if ev_start == start else "after"
    reasons.append(f"time inside window: {ev_start} {relation} {start} start")
    if capped:
        uncertain.append(f"end not known: window capped at {DEFAULT_WINDOW_DAYS} days ({end})")
    if c.start is not None and c.start.precision not in (None, "day"):
        uncertain.append(f"agreement date precision: {c.start.precision}")
    if event.date is not None and event.date.precision not in (None, "day"):
        uncertain.append(f"event date precision: {event.date.precision}")
    return True


RECENT_PERIOD = re.compile(
    r"\bin\s+recent\s+(?:weeks|months|years)\b"
    r"|\bover\s+the\s+(?:past|last)\s+(?:few\s+|several\s+)?(?:months|years|decades)\b"
    r"|\b(?:many|several|some|a\s+few)\s+(?:years|decades)\s+ago\b",
    re.I,
)
"""A period that sums up months or years ("in recent months", "over the past years") and that
the date resolver reads as no date: the sentence is no report of one day's attack."""


def off_the_news_day(event: Event) -> str | None:
    """Why an event is not placed on its publication day, None when nothing says so.

    Look-backs and intents are read by the event extractor on the event's own clause (see
    ``resolve_event_date``): an attack told looking back ("had shelled", "since X launched the
    offensive") comes dated with no start (before the news, day unknown) and an attack only
    threatened or likely comes undated; neither is placed in a window. Re-reading the sentence
    here would overrule the clause-level reading: "shelled the city 20 times since the truce
    took effect" is how a breach is reported, and "officials said drones had hit" is reported
    speech. Only a sentence summing up a long period ("in recent months") with no date phrase of
    its own, which the resolver leaves at the news day, is kept off that day here."""
    date = event.date
    if date is None:
        return None
    if not date.start and date.end:
        return f"told looking back: some time before {date.end[:10]}"
    if date.text is not None:
        return None
    text = " ".join(s.text for s in event.evidence)
    cue = RECENT_PERIOD.search(text)
    return f"'{cue.group(0)}'" if cue is not None else None


def _days_between(a: str, b: str) -> int:
    try:
        return (dt.date.fromisoformat(b[:10]) - dt.date.fromisoformat(a[:10])).days
    except ValueError:
        return 0


def _plus_days(iso: str, days: int) -> str | None:
    try:
        return (dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _earliest_committed(c: Commitment) -> str | None:
    dates = [
        d.date.start[:10]
        for d in c.declarations
        if d.status in COMMITTED_STATUSES and d.date is not None and d.date.start
    ]
    return min(dates) if dates else None


def _earliest_imposed(c: Commitment) -> str | None:
    dates = [
        d.date.start[:10]
        for d in c.declarations
        if binds_parties(d) and not _background(d) and d.date is not None and d.date.start
    ]
    return min(dates) if dates else None


ACCUSATION = re.compile(r"\b(?:accus\w*|alleg\w*|blam\w*|claim\w*|charg\w*)\b", re.I)


def _reported_violations(c: Commitment, d: Declaration, events: Sequence[Event]) -> list[Violation]:
    """Violent events reported in the sentence that says they violate the commitment."""
    span = d.evidence[0]
    out = []
    for event in events:
        if not any(e.start < span.end and span.start < e.end for e in event.evidence):
            continue
        cue = re.search(
            r"\b(?:in (?:defiance|violation|breach) of|defy\w*|defie\w*|flout\w*|violat\w*|"
            r"breach\w*|broke|break\w*)\b",
            span.text,
            re.I,
        )
        who = party_of(d.actor)
        reasons = [
            f"event reported as violating the {c.kind}: '{cue.group(0) if cue else 'violation'}'",
            f"party: {who} said to violate it",
        ]
        uncertain = []
        if ACCUSATION.search(span.text):
            uncertain.append("an accusation, not confirmed")
        body = imposing_body(c)
        if body is not None and not committed_parties(c):
            uncertain.append(f"parties not named: imposed by {body}")
        out.append(
            Violation(
                id=content_id("violation", c.id, event.id),
                commitment_id=c.id,
                event_id=event.id,
                reasons=tuple(reasons),
                uncertain=tuple(uncertain),
                allegation=False,
                evidence=(*event.evidence, span),
                confidence=max(0.3, round(0.75 - 0.15 * len(uncertain), 2)),
            )
        )
    return out


def _allegations(
    group: MergedCommitment, by_document: dict[str, list[Event]] | None = None
) -> list[Violation]:
    c = group.commitment
    out: list[Violation] = []
    for d in c.declarations:
        if d.status != "violated_alleged" or not d.evidence:
            continue
        reported = _reported_violations(c, d, (by_document or {}).get(d.document_id or "", []))
        if reported:
            out.extend(reported)
            continue
        span = d.evidence[0]
        pointer = f"{d.document_id}:{span.start}-{span.end}"
        who = party_of(d.actor)
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


def _iso(day: str) -> dt.date | None:
    return parse_day(day, exact=True)
