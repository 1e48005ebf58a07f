"""Cross-article event clustering: mentions of one real-world event become one cluster.

Two event mentions are compared on five kinds of evidence:

1. type: the same PLOVER type, or two kinds of fighting (ASSAULT, FIGHT);
2. actor side: two known actor countries (or, without them, names) must agree;
3. dates: the ranges overlap, with one day of slack (an overnight strike is reported on two
   dates); an event without a date takes its document's publication day;
4. place: the distance allowed depends on the coarser precision of the two places
   (settlement/near 25 km, admin2 60 km, admin1 200 km); two country-level places only match by
   country, and two different admin1 names never match;
5. counts: weapons (45 vs 50 drones) and casualties must be compatible; tolls rise over time,
   so casualties get a wider tolerance than weapons.

A pair is a *conflict* when any evidence contradicts (different actor side, dates apart, places
too far, weapons counts too different), *strong* when both places are precise and close and
nothing contradicts, *thin* when the place is coarse or missing but type, date and actor agree
(for country-level places also the counts), else merely *compatible*.

Clusters grow by single links (strong first, then thin) but two groups merge only when no pair
across them conflicts, so chains cannot glue distant strikes together. A cluster joined by a thin
link is a ``possible_duplicate``. Every mention, source and count is kept.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ceasewatch.model import CountRange, Counts, DateRange, DocumentResult, Event, Place, content_id

KINETIC = frozenset({"ASSAULT", "FIGHT"})
PRECISE = frozenset({"settlement", "near"})
PRECISION_KM = {"settlement": 25.0, "near": 25.0, "admin2": 60.0, "admin1": 200.0}
PRECISION_RANK = {"settlement": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}
DATE_SLACK_DAYS = 1
WEAPONS_TOLERANCE = (3, 0.25)  # absolute, relative: 45 vs 50 drones agree, 10 vs 40 do not
CASUALTY_TOLERANCE = (3, 0.6)


@dataclass(frozen=True)
class SourceCount:
    """The counts one mention gives (kept per source, never averaged away)."""

    event_id: str
    document_id: str
    source: str | None
    counts: Counts


@dataclass(frozen=True)
class EventCluster:
    id: str
    event_ids: tuple[str, ...]
    document_ids: tuple[str, ...]
    type: str
    place: Place | None
    date: DateRange | None
    counts: tuple[SourceCount, ...]
    sources: tuple[str, ...] = ()
    possible_duplicate: bool = False
    reasons: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.event_ids)


@dataclass(frozen=True)
class Mention:
    """One event as reported in one document, with what clustering compares."""

    event: Event
    document_id: str
    source: str | None
    first_day: int | None
    last_day: int | None
    text: str = ""  # the evidence sentences (or headline) the event was read from


@dataclass(frozen=True)
class Link:
    status: str  # conflict | compatible | thin | strong
    reasons: tuple[str, ...] = ()


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def mentions_of(results: Sequence[DocumentResult]) -> list[Mention]:
    out = []
    for result in results:
        doc = result.document
        published = _day(doc.published)
        for event in result.events:
            first = _day(event.date.start) if event.date else None
            last = _day(event.date.end) if event.date else None
            if first is None and last is None:
                first = last = published
            first = first if first is not None else last
            last = last if last is not None else first
            out.append(Mention(event, doc.id, doc.source, first, last, _evidence_text(result, event)))
    return out


def _evidence_text(result: DocumentResult, event: Event) -> str:
    text = " ".join(span.text for span in event.evidence)
    return text or result.document.title or ""


def _norm(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(text.replace("-", " ").split())


def _distance_km(a: Place, b: Place) -> float:
    from ceasewatch.resolve.gazetteer import distance_km

    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _value(r: CountRange | None) -> int | None:
    if r is None:
        return None
    return r.max if r.max is not None else r.min


def _counts_agree(
    a: CountRange | None, b: CountRange | None, tol: tuple[int, float]
) -> bool | None:
    va, vb = _value(a), _value(b)
    if va is None or vb is None:
        return None
    return abs(va - vb) <= max(tol[0], tol[1] * max(va, vb))


def compare(a: Mention, b: Mention) -> Link:
    """The evidence that two mentions report the same event (see the module docstring)."""
    ea, eb = a.event, b.event
    if ea.type != eb.type and not (ea.type in KINETIC and eb.type in KINETIC):
        return Link("conflict", ("types differ",))
    reasons: list[str] = []
    if a.first_day is None or b.first_day is None:
        return Link("compatible", ("no date",))
    assert a.last_day is not None and b.last_day is not None
    if a.first_day > b.last_day + DATE_SLACK_DAYS or b.first_day > a.last_day + DATE_SLACK_DAYS:
        return Link("conflict", ("dates apart",))
    reasons.append("dates overlap")

    actor_match = False
    ca = ea.actor.country if ea.actor else None
    cb = eb.actor.country if eb.actor else None
    if ca and cb:
        if ca != cb:
            return Link("conflict", (f"actor sides differ ({ca} vs {cb})",))
        actor_match = True
        reasons.append(f"same actor side {ca}")
    elif ea.actor and eb.actor and not (ca or cb):
        if _norm(ea.actor.name) != _norm(eb.actor.name):
            return Link("conflict", ("actors differ",))
        actor_match = True
        reasons.append(f"same actor {ea.actor.name}")

    weapons = _counts_agree(ea.counts.weapons, eb.counts.weapons, WEAPONS_TOLERANCE)
    if weapons is False:
        return Link("conflict", ("weapon counts differ",))
    killed = _counts_agree(ea.counts.killed, eb.counts.killed, CASUALTY_TOLERANCE)
    injured = _counts_agree(ea.counts.injured, eb.counts.injured, CASUALTY_TOLERANCE)
    counts_conflict = killed is False or injured is False
    counts_match = not counts_conflict and True in (weapons, killed, injured)
    if counts_match:
        reasons.append("counts agree")
    if counts_conflict:
        reasons.append("casualty counts differ")

    place = _place_evidence(ea.place, eb.place)
    if place.status == "conflict":
        return place
    reasons.extend(place.reasons)
    if place.status == "strong" and not counts_conflict:
        return Link("strong", tuple(reasons))
    same_type = ea.type == eb.type
    if place.status == "country" and not counts_match:
        return Link("compatible", tuple(reasons))
    if actor_match and same_type and (place.status != "none" or counts_match):
        return Link("thin", tuple(reasons))
    return Link("compatible", tuple(reasons))


def _place_evidence(a: Place | None, b: Place | None) -> Link:
    """conflict, strong (two precise places close), near (coarse but within range),
    country (same country, country-level), or none (a place is missing)."""
    if a is None or b is None:
        return Link("none", ("place missing",))
    if a.country and b.country and a.country != b.country:
        return Link("conflict", ("countries differ",))
    pa_, pb = a.precision or "settlement", b.precision or "settlement"
    if "country" in (pa_, pb) or a.lat is None or b.lat is None:
        if a.country and a.country == b.country:
            return Link("country", (f"same country {a.country}",))
        return Link("none", ("place too vague",))
    if pa_ == "admin1" and pb == "admin1" and a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return Link("conflict", ("different regions",))
    limit = max(PRECISION_KM.get(pa_, 200.0), PRECISION_KM.get(pb, 200.0))
    km = _distance_km(a, b)
    if km > limit:
        return Link("conflict", (f"{km:.0f} km apart (> {limit:.0f})",))
    if pa_ in PRECISE and pb in PRECISE:
        return Link("strong", (f"{km:.0f} km apart",))
    return Link("near", (f"{km:.0f} km apart ({pa_}/{pb})",))


class _Groups:
    """Union-find with member lists, merging only groups that have no conflicting pair."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self.members = {i: [i] for i in range(len(mentions))}
        self.thin: dict[int, bool] = {i: False for i in range(len(mentions))}
        self.reasons: dict[int, list[str]] = {i: [] for i in range(len(mentions))}
        self.conflicts: dict[tuple[int, int], bool] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _conflict(self, i: int, j: int) -> bool:
        key = (i, j) if i < j else (j, i)
        if key not in self.conflicts:
            self.conflicts[key] = compare(self.mentions[i], self.mentions[j]).status == "conflict"
        return self.conflicts[key]

    def merge(self, i: int, j: int, link: Link) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        if any(self._conflict(x, y) for x in self.members[ri] for y in self.members[rj]):
            return False
        if len(self.members[ri]) < len(self.members[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri].extend(self.members.pop(rj))
        self.thin[ri] = self.thin[ri] or self.thin.pop(rj) or link.status == "thin"
        self.reasons[ri].extend(self.reasons.pop(rj))
        self.reasons[ri].extend(r for r in link.reasons if r not in self.reasons[ri])
        return True


def candidate_links(mentions: Sequence[Mention]) -> list[tuple[int, int, Link]]:
    """Strong and thin links between mentions whose dates overlap (a sweep over start days)."""
    dated = sorted(
        (i for i, m in enumerate(mentions) if m.first_day is not None),
        key=lambda i: mentions[i].first_day or 0,
    )
    links = []
    for pos, i in enumerate(dated):
        last = (mentions[i].last_day or 0) + DATE_SLACK_DAYS
        for j in dated[pos + 1 :]:
            if (mentions[j].first_day or 0) > last:
                break
            link = compare(mentions[i], mentions[j])
            if link.status in ("strong", "thin"):
                links.append((i, j, link))
    return links


def _group(mentions: Sequence[Mention]) -> _Groups:
    groups = _Groups(mentions)
    links = candidate_links(mentions)
    links.sort(key=lambda t: (t[2].status != "strong", t[0], t[1]))
    for i, j, link in links:
        groups.merge(i, j, link)
    return groups


def cluster_mentions(mentions: Sequence[Mention]) -> list[tuple[list[int], bool]]:
    """Groups of mention indexes (every mention in exactly one), each with its
    possible-duplicate flag."""
    groups = _group(mentions)
    return [
        (sorted(members), groups.thin[root] and len(members) > 1)
        for root, members in groups.members.items()
    ]


def cluster_events(results: Sequence[DocumentResult]) -> list[EventCluster]:
    """Clusters of the events of ``results``, one per real-world event (largest first)."""
    mentions = mentions_of(results)
    groups = _group(mentions)
    clusters = [
        _cluster([mentions[i] for i in sorted(members)], groups.thin[root], groups.reasons[root])
        for root, members in groups.members.items()
    ]
    return sorted(clusters, key=lambda c: (-c.size, c.date.start if c.date else "", c.id))


def _cluster(members: list[Mention], thin: bool, reasons: list[str]) -> EventCluster:
    events = [m.event for m in members]
    places = [e.place for e in events if e.place is not None]
    place = min(places, key=lambda p: PRECISION_RANK.get(p.precision or "", 5), default=None)
    firsts = [m.first_day for m in members if m.first_day is not None]
    lasts = [m.last_day for m in members if m.last_day is not None]
    date = None
    if firsts and lasts:
        start = dt.date.fromordinal(min(firsts)).isoformat()
        end = dt.date.fromordinal(max(lasts)).isoformat()
        date = DateRange(start, end, "day" if start == end else "days")
    sources = tuple(dict.fromkeys(m.source or m.document_id for m in members))
    if thin and len(members) > 1:
        reasons = [*reasons, "thin evidence: coarse or missing place"]
    return EventCluster(
        id=content_id("cluster", *sorted(e.id for e in events)),
        event_ids=tuple(e.id for e in events),
        document_ids=tuple(dict.fromkeys(m.document_id for m in members)),
        type=Counter(e.type for e in events).most_common(1)[0][0],
        place=place,
        date=date,
        counts=tuple(
            SourceCount(m.event.id, m.document_id, m.source, m.event.counts) for m in members
        ),
        sources=sources,
        possible_duplicate=thin and len(members) > 1,
        reasons=tuple(dict.fromkeys(reasons)),
    )
