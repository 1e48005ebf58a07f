"""Cross-article event clustering: mentions of one real-world event become one cluster.

Two event mentions are compared on these kinds of evidence:

1. type: the same PLOVER type, or two kinds of fighting (ASSAULT, FIGHT); otherwise a conflict;
2. dates: the ranges overlap, with one day of slack (an overnight strike is reported on two
   dates); an event without a date takes its document's publication day; an event told looking
   back (a date with no start: "had shelled") has no day and is compared with nothing (it stays
   a cluster of its own: a background mention cannot be placed in time against the news);
3. actor side: two known actor countries must agree (an identical actor name without a country
   adds a little; different names do not conflict: reports name one side differently);
4. place: the distance allowed depends on the coarser precision of the two places
   (settlement 25 km, near 40 km, admin2 60 km, admin1 200 km); two country-level places only
   match by country, and two different admin1 names never match; only two settlements are
   *precise*: a ``near`` place (a paragraph's place, a village placed at its hromada's centre)
   is context, not the spot;
5. counts: weapons (45 vs 50 drones agree, 10 vs 90 conflict) and casualties; tolls rise over
   time, so casualties get a wider tolerance and only lower the score;
6. text: the content words of the evidence sentences (or headline), weighted by how rare they are
   among all mentions being clustered (``TextIndex``), so shared place names and specific words
   count and ``Ukraine`` or ``killed`` hardly do; counts stated in the text (not durations,
   distances or dates) must be compatible too;
7. sources: two reports of one outlet published on different days are usually its successive
   daily reports (a penalty); two outlets publishing on the same day corroborate (a bonus), unless
   either event is background or only guessed to be of that day (date precision ``unknown``).

Hard contradictions (types, dates, actor countries, places, weapons counts) make a *conflict*.
Otherwise the evidence adds up to a score (``WEIGHTS``); a pair reaching ``LINK_SCORE`` is linked,
*strong* when both places are precise and close (or the wording is near-identical and a count
agrees), else *thin*.

Candidates are blocked by type family and swept by day, so only mentions a day or so apart are
compared. Clusters grow from the best links down, but two groups merge only when no pair across
them conflicts and their mean pair score reaches ``GROUP_SCORE``, so chains of weak links cannot
glue templated daily reports together. A cluster joined by a thin link is a
``possible_duplicate``. Every mention, source and count is kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ceasewatch.model import CountRange, Counts, DateRange, DocumentResult, Event, Place, content_id

KINETIC = frozenset({"ASSAULT", "FIGHT"})
PRECISE = frozenset({"settlement"})
"""Precisions exact enough for a strong link: ``near`` is a place the event was reported in the
context of (a paragraph's place, a village placed at its hromada's centre), not where it was."""
PRECISION_KM = {"settlement": 25.0, "near": 40.0, "admin2": 60.0, "admin1": 200.0}
PRECISION_RANK = {"settlement": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}
DATE_SLACK_DAYS = 1
WEAPONS_TOLERANCE = (3, 0.25)  # absolute, relative: 45 vs 50 drones agree, 10 vs 40 do not
CASUALTY_TOLERANCE = (3, 0.6)
WEIGHTS = {
    "same type": 0.25,
    "same actor side": 0.5,
    "counts agree": 1.0,
    "casualty counts differ": -1.0,
    "place strong": 1.5,
    "place near": 0.5,
    "text": 3.0,  # times the weighted word overlap (0..1)
    "numbers agree": 0.5,
    "numbers differ": -2.0,
    "same source, other day": -3.0,
    "other source, same day": 1.0,
}
GROUP_SCORE = 2.0
"""Mean score over all pairs across two groups needed to merge them."""
EVIDENCE_FALLBACK_CHARS = 400
LINK_SCORE = 2.5
"""Evidence needed to link two mentions (sum of ``WEIGHTS``)."""
FIRM_TEXT = 0.6
"""Word overlap that counts as firm evidence without a precise place."""


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
    published: int | None = None  # the document's publication day (ordinal)
    news: bool = True  # reported as the news of its publication day (not looked back or unsure)


@dataclass(frozen=True)
class Link:
    status: str  # conflict | compatible | thin | strong
    reasons: tuple[str, ...] = ()
    score: float = 0.0


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
            first, last = _mention_days(event, published)
            text = _evidence_text(result, event)
            news = not _unsure_day(event)
            out.append(Mention(event, doc.id, doc.source, first, last, text, published, news))
    return out


def _looked_back(event: Event) -> bool:
    """Is the event told looking back from the news ("had shelled", "since X launched")? Its
    date then has no start: it happened some time before the publication day."""
    date = event.date
    return date is not None and not date.start and bool(date.end) and date.precision == "unknown"


def _unsure_day(event: Event) -> bool:
    """Is the event's day unknown (told looking back) or only a guess (a clause that sets the
    time of another: "when X shelled Y, ...")?"""
    return event.date is not None and event.date.precision == "unknown"


def _mention_days(event: Event, published: int | None) -> tuple[int | None, int | None]:
    """First and last day (ordinals) compared for date evidence.

    An event without a date takes its document's publication day. One told looking back has no
    day at all: taking the end of its open range (the publication day) would put background
    ("had shelled the city") on the day of the news it is background to."""
    if _looked_back(event):
        return None, None
    first = _day(event.date.start) if event.date else None
    last = _day(event.date.end) if event.date else None
    if first is None and last is None:
        return published, published
    first = first if first is not None else last
    last = last if last is not None else first
    return first, last


def _evidence_text(result: DocumentResult, event: Event) -> str:
    """The sentences an event was read from; else the title or the start of the text."""
    text = " ".join(span.text for span in event.evidence)
    return text or result.document.title or result.document.text[:EVIDENCE_FALLBACK_CHARS]


def _norm(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(text.replace("-", " ").split())


def _word_list(text: str) -> list[str]:
    return text.split()


STOPWORDS = frozenset(
    _word_list(
        """a about after against all also amid an and any are as at be been before but by can did
    do does during for from had has have he her his how if in into is it its last more most near
    new no not of off on or other our out over own past said says say she since so some than that
    the their them then there these they this those through to under until up upon was we were
    what when where which while who will with would yet"""
    )
)
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        _word_list(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
NUMBER_WORDS.update(thirty=30, forty=40, fifty=50, hundred=100, dozens=24, dozen=12)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_NUMBER = re.compile(
    r"(?<![\d\-/:.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d\-/:])(?:\s+(hours?|days?|weeks?|months?|"
    r"years?|km|kilometres?|kilometers?|miles?|times|percent|%|am|pm))?",
    re.I,
)


@functools.lru_cache(maxsize=65536)
def _tokens(text: str) -> frozenset[str]:
    """Content words, lower-cased, with a crude plural strip (soldiers = soldier)."""
    out = set()
    for word in _WORD.findall(_norm(text)):
        if word in STOPWORDS or len(word) < 3 or word.isdigit():
            continue
        out.add(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return frozenset(out)


def _numbers(text: str) -> frozenset[int]:
    """Counts stated in a text (digits or number words), not durations, distances or dates."""
    out = set()
    for m in _NUMBER.finditer(text):
        if m.group(2):
            continue
        value = int(m.group(1).replace(",", ""))
        if not 1900 <= value <= 2100:
            out.add(value)
    out.update(NUMBER_WORDS[w] for w in _WORD.findall(text.lower()) if w in NUMBER_WORDS)
    out.discard(0)
    return frozenset(out)


def _numbers_agree(a: frozenset[int], b: frozenset[int]) -> bool | None:
    """True when the texts share a count, False when both state counts and none is close."""
    if not a or not b:
        return None
    if a & b:
        return True
    close = any(
        abs(x - y) <= max(WEAPONS_TOLERANCE[0], WEAPONS_TOLERANCE[1] * max(x, y))
        for x in a
        for y in b
    )
    return None if close else False


class TextIndex:
    """Inverse document frequency of the content words of a set of texts: a word most mentions
    share (``Ukraine``, ``killed``) says little that two of them report the same event."""

    def __init__(self, texts: Iterable[str]) -> None:
        frequency: Counter[str] = Counter()
        self.n = 0
        for text in texts:
            self.n += 1
            frequency.update(_tokens(text))
        self.frequency = frequency

    def weight(self, word: str) -> float:
        return math.log(1.0 + (self.n + 1) / (self.frequency.get(word, 0) + 1))

    def similarity(self, a: str, b: str) -> float:
        """Weighted cosine of the content words of two texts (0 to 1)."""
        ta, tb = _tokens(a), _tokens(b)
        shared = ta & tb
        if not shared:
            return 0.0
        wa = sum(self.weight(w) ** 2 for w in ta)
        wb = sum(self.weight(w) ** 2 for w in tb)
        return sum(self.weight(w) ** 2 for w in shared) / math.sqrt(wa * wb)


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


def compare(a: Mention, b: Mention, *, idf: TextIndex | None = None) -> Link:
    """The evidence that two mentions report the same event (see the module docstring).

    ``idf`` weighs the words of the two texts by how rare they are among all mentions being
    clustered; without it every word weighs the same."""
    ea, eb = a.event, b.event
    if ea.type != eb.type and not (ea.type in KINETIC and eb.type in KINETIC):
        return Link("conflict", ("types differ",))
    if a.first_day is None or b.first_day is None:
        return Link("compatible", ("no date",))
    assert a.last_day is not None and b.last_day is not None
    if a.first_day > b.last_day + DATE_SLACK_DAYS or b.first_day > a.last_day + DATE_SLACK_DAYS:
        return Link("conflict", ("dates apart",))
    reasons: list[str] = ["dates overlap"]
    score = 0.0
    if ea.type == eb.type:
        score += WEIGHTS["same type"]

    ca = ea.actor.country if ea.actor else None
    cb = eb.actor.country if eb.actor else None
    if ca and cb:
        if ca != cb:
            return Link("conflict", (f"actor sides differ ({ca} vs {cb})",))
        score += WEIGHTS["same actor side"]
        reasons.append(f"same actor side {ca}")
    elif ea.actor and eb.actor and not (ca or cb) and _norm(ea.actor.name) == _norm(eb.actor.name):
        # Names without a country ('the army', 'a unit', 'two soldiers') often name one side
        # differently, so an identical name counts and a different one is no conflict.
        score += WEIGHTS["same actor side"]
        reasons.append(f"same actor {ea.actor.name}")

    weapons = _counts_agree(ea.counts.weapons, eb.counts.weapons, WEAPONS_TOLERANCE)
    if weapons is False:
        return Link("conflict", ("weapon counts differ",))
    killed = _counts_agree(ea.counts.killed, eb.counts.killed, CASUALTY_TOLERANCE)
    injured = _counts_agree(ea.counts.injured, eb.counts.injured, CASUALTY_TOLERANCE)
    if killed is False or injured is False:
        score += WEIGHTS["casualty counts differ"]
        reasons.append("casualty counts differ")
    elif True in (weapons, killed, injured):
        score += WEIGHTS["counts agree"]
        reasons.append("counts agree")

    place = _place_evidence(ea.place, eb.place)
    if place.status == "conflict":
        return place
    reasons.extend(place.reasons)
    score += WEIGHTS.get(f"place {place.status}", 0.0)

    text = (idf or TextIndex(())).similarity(a.text, b.text)
    if text >= 0.05:
        score += WEIGHTS["text"] * text
        reasons.append(f"headline words overlap {text:.2f}")
    numbers = _numbers_agree(_numbers(a.text), _numbers(b.text))
    if numbers is not None:
        score += WEIGHTS["numbers agree" if numbers else "numbers differ"]
        reasons.append("same numbers in text" if numbers else "different numbers in text")

    sources = _sources(a, b)
    if sources == "other source, same day" and (numbers is False or killed is False):
        sources = None  # corroboration only when the counts do not disagree
    if sources:
        score += WEIGHTS[sources]
        reasons.append(sources)

    if score < LINK_SCORE:
        return Link("compatible", tuple(reasons), score)
    agreeing = "counts agree" in reasons or numbers is True
    firm = place.status == "strong" or (text >= FIRM_TEXT and agreeing)
    return Link("strong" if firm else "thin", tuple(reasons), score)


def _sources(a: Mention, b: Mention) -> str | None:
    """``same source, other day``: two reports of one outlet published on different days, one of
    them not dating its event in its text (an outlet's daily reports, 'one soldier killed over the
    past day', are successive events);
    ``other source, same day``: two outlets reporting on the same day, each the news of that day
    (background told looking back, or a day only guessed, corroborates nothing)."""
    if not a.source or not b.source or a.document_id == b.document_id:
        return None
    if a.published is None or b.published is None:
        return None
    if a.source == b.source and a.published != b.published:
        # Follow-ups on an event both reports date in their text ('on May 3') may be one event.
        dated = all(m.event.date and m.event.date.text for m in (a, b))
        return None if dated else "same source, other day"
    if a.source != b.source and a.published == b.published and a.news and b.news:
        return "other source, same day"
    return None


def _place_evidence(a: Place | None, b: Place | None) -> Link:
    """conflict, strong (two precise places close), near (coarse but within range),
    country (same country, country-level), or none (a place is missing)."""
    if a is None or b is None:
        return Link("none", ("place missing",))
    if a.country and b.country and a.country != b.country:
        return Link("conflict", ("countries differ",))
    pa_, pb = a.precision or "settlement", b.precision or "settlement"
    # a region spanning provinces ("Donbas", feature RGN) places an event no better than its
    # country does
    if "country" in (pa_, pb) or "RGN" in (a.feature, b.feature) or a.lat is None or b.lat is None:
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

    def __init__(self, mentions: Sequence[Mention], idf: TextIndex | None = None) -> None:
        self.mentions = mentions
        self.idf = idf
        self.parent = list(range(len(mentions)))
        self.members = {i: [i] for i in range(len(mentions))}
        self.thin: dict[int, bool] = {i: False for i in range(len(mentions))}
        self.reasons: dict[int, list[str]] = {i: [] for i in range(len(mentions))}
        self.links: dict[tuple[int, int], Link] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _link(self, i: int, j: int) -> Link:
        key = (i, j) if i < j else (j, i)
        if key not in self.links:
            self.links[key] = compare(self.mentions[i], self.mentions[j], idf=self.idf)
        return self.links[key]

    def _fits(self, ri: int, rj: int) -> bool:
        """No pair across the two groups conflicts, and their mean score reaches
        ``GROUP_SCORE`` (so a chain of weak links cannot glue unrelated reports together)."""
        total, n = 0.0, 0
        for x in self.members[ri]:
            for y in self.members[rj]:
                link = self._link(x, y)
                if link.status == "conflict":
                    return False
                total, n = total + link.score, n + 1
        return n == 1 or total / n >= GROUP_SCORE

    def merge(self, i: int, j: int, link: Link) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        if not self._fits(ri, rj):
            return False
        if len(self.members[ri]) < len(self.members[rj]):
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri].extend(self.members.pop(rj))
        self.thin[ri] = self.thin[ri] or self.thin.pop(rj) or link.status == "thin"
        self.reasons[ri].extend(self.reasons.pop(rj))
        self.reasons[ri].extend(r for r in link.reasons if r not in self.reasons[ri])
        return True


def _family(event: Event) -> str:
    return "KINETIC" if event.type in KINETIC else event.type


def candidate_links(
    mentions: Sequence[Mention], idf: TextIndex | None = None
) -> list[tuple[int, int, Link]]:
    """Strong and thin links between mentions of one type family whose dates overlap.

    Mentions are blocked by type family and swept in order of start day, so only pairs within a
    few days of each other are compared: the work grows with the mentions per day, not with the
    square of all mentions."""
    blocks: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.first_day is not None:
            blocks.setdefault(_family(m.event), []).append(i)
    links = []
    for block in blocks.values():
        block.sort(key=lambda i: mentions[i].first_day or 0)
        for pos, i in enumerate(block):
            last = (mentions[i].last_day or 0) + DATE_SLACK_DAYS
            for j in block[pos + 1 :]:
                if (mentions[j].first_day or 0) > last:
                    break
                link = compare(mentions[i], mentions[j], idf=idf)
                if link.status in ("strong", "thin"):
                    links.append((min(i, j), max(i, j), link))
    return links


def _group(mentions: Sequence[Mention]) -> _Groups:
    idf = TextIndex(m.text for m in mentions)
    groups = _Groups(mentions, idf)
    links = candidate_links(mentions, idf)
    links.sort(key=lambda t: (t[2].status != "strong", -t[2].score, t[0], t[1]))
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
    return sorted(clusters, key=lambda c: (-c.size, (c.date.start if c.date else None) or "", c.id))


def _cluster(members: list[Mention], thin: bool, reasons: list[str]) -> EventCluster:
    events = [m.event for m in members]
    places = [e.place for e in events if e.place is not None]
    place = min(places, key=lambda p: PRECISION_RANK.get(p.precision or "", 5), default=None)
    firsts = [m.first_day for m in members if m.first_day is not None]
    lasts = [m.last_day for m in members if m.last_day is not None]
    date: DateRange | None = None
    if firsts and lasts:
        start = dt.date.fromordinal(min(firsts)).isoformat()
        end = dt.date.fromordinal(max(lasts)).isoformat()
        date = DateRange(start, end, "day" if start == end else "days")
    else:  # only looked-back mentions: some time before the latest publication
        ends = [e.date.end for e in events if e.date is not None and e.date.end]
        date = DateRange(None, max(ends), "unknown") if ends else None
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
