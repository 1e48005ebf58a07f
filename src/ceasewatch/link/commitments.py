"""The same commitment reported by several documents, merged into one record.

Two per-document commitments are the same when they are of the same kind family (a "limited
ceasefire" and a "halt on energy strikes" can name one thing), their scopes and durations are
compatible (see :func:`ceasewatch.extract.commitments.scope_compatible`), they share a party, and
their agreement dates (where known) lie within ``MAX_DAYS_APART``. Records with a scope or a
duration are placed first, so a vague "the ceasefire" joins an existing group instead of bridging
two different ones.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from ceasewatch.extract.commitments import (
    committing_actor,
    kind_family,
    overall_status,
    parties_key,
    scope_compatible,
)
from ceasewatch.model import (
    Actor,
    Commitment,
    Condition,
    DateRange,
    Declaration,
    DocumentResult,
    Scope,
    Span,
    content_id,
)
from ceasewatch.resolve.actors import party_of

log = logging.getLogger(__name__)

MAX_DAYS_APART = 21


@dataclass(frozen=True)
class MergedCommitment:
    """A merged commitment and the per-document records it was built from."""

    commitment: Commitment
    members: tuple[tuple[str, Commitment], ...]  # (document id, per-document record)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(doc_id for doc_id, _ in self.members))


def merge_commitments(results: Sequence[DocumentResult]) -> list[Commitment]:
    """Same commitment across documents -> one record with all declarations and sources."""
    return [g.commitment for g in group_commitments(results)]


def group_commitments(results: Sequence[DocumentResult]) -> list[MergedCommitment]:
    """Like :func:`merge_commitments`, keeping the per-document members of each group.

    Each record joins the first (oldest) group it fits. Groups are looked up by kind family,
    party and a date bucket (``MAX_DAYS_APART`` wide) instead of trying every group, and each
    group keeps a running summary of its merged record, so grouping grows about linearly.
    """
    records: list[tuple[str, Commitment]] = []
    for result in results:
        for c in result.commitments:
            records.append((result.document.id, _with_document_ids(c, result.document.id)))
    # mentions that name no party come last: they join only a group they can be, among all
    unnamed = [r for r in records if commitment_parties(r[1]) <= {UNNAMED}]
    named = [r for r in records if not commitment_parties(r[1]) <= {UNNAMED}]
    specific = [r for r in named if _is_specific(r[1])]
    vague = [r for r in named if not _is_specific(r[1])] + unnamed
    groups: list[_Group] = []
    index = _GroupIndex()
    by_family: dict[str, list[int]] = {}
    for record in [*specific, *vague]:
        view = _View.of(record[1])
        target = None
        for number in index.candidates(view):
            if groups[number].view().fits(view):
                target = number
                break
        if target is None and view.parties <= {UNNAMED} and view.day is not None:
            # "since the truce began", parties not named: the one group of its kind near it
            # (an undated group is near everything), if it fits
            near = [n for n in by_family.get(view.family, ()) if _near(groups[n].view(), view)]
            if len(near) == 1 and groups[near[0]].view().fits(view, True):
                target = near[0]
        if target is None:
            groups.append(_Group(record))
            target = len(groups) - 1
        else:
            groups[target].add(record)
        index.update(target, groups[target].view())
        if target not in by_family.setdefault(view.family, []):
            by_family[view.family].append(target)
    merged = [MergedCommitment(_merge(g.members), tuple(g.members)) for g in groups]
    log.debug("%d commitments merged into %d", len(records), len(merged))
    return merged


UNNAMED = "unspecified"  # the party of "the truce began" when nobody is named


def _near(group: _View, c: _View) -> bool:
    """Within ``MAX_DAYS_APART``; a group with no date is near everything."""
    return group.day is None or c.day is None or abs(group.day - c.day) <= MAX_DAYS_APART


def commitment_parties(c: Commitment) -> set[str]:
    actors = [*(d.actor for d in c.declarations), *c.counterparts]
    if c.actor is not None:
        actors.append(c.actor)
    return set(parties_key(actors))


def _is_specific(c: Commitment) -> bool:
    return bool(c.scope.categories or c.scope.domains or c.duration_days)


def _with_document_ids(c: Commitment, doc_id: str) -> Commitment:
    if all(d.document_id for d in c.declarations):
        return c
    decls = tuple(
        d if d.document_id else Declaration(d.actor, d.status, d.date, doc_id, d.evidence)
        for d in c.declarations
    )
    return Commitment(**{**c.__dict__, "declarations": decls})


@dataclass(frozen=True)
class _View:
    """What :meth:`fits` compares: a record, or the merged record of a group so far."""

    family: str
    parties: frozenset[str]
    places: frozenset[str]  # lower-cased
    categories: frozenset[str]
    domains: frozenset[str]
    full: bool
    duration: int | None
    first: str | None  # first date, ISO
    day: int | None  # its ordinal, None when unknown or unreadable (then close to any date)

    @staticmethod
    def of(c: Commitment) -> _View:
        return _View.build(
            c.kind, frozenset(commitment_parties(c)), c.scope, c.scope.full, c.duration_days,
            _first_date(c),
        )  # fmt: skip

    @staticmethod
    def build(
        kind: str,
        parties: frozenset[str],
        scope: Scope,
        full: bool,
        duration: int | None,
        first: str | None,
    ) -> _View:
        return _View(
            kind_family(kind), parties, frozenset(p.lower() for p in scope.places),
            frozenset(scope.categories), frozenset(scope.domains), full, duration, first,
            _ordinal(first),
        )  # fmt: skip

    def fits(self, c: _View, unnamed: bool = False) -> bool:
        """Can record ``c`` join the group this view summarises? ``unnamed``: ``c`` names no
        party, so any party of the group will do."""
        if self.family != c.family or not (unnamed or self.parties & c.parties):
            return False
        if unnamed and (self.day is None or c.day is None):
            return False  # no party and no date: nothing ties it to this group
        if self.places and c.places and not (self.places & c.places):
            return False
        if not scope_compatible(
            self.categories, self.domains, self.full, self.duration,
            c.categories, c.domains, c.full, c.duration,
        ):  # fmt: skip
            return False
        if self.day is None or c.day is None:
            return True
        return abs(self.day - c.day) <= MAX_DAYS_APART


def _ordinal(iso: str | None) -> int | None:
    if iso is None:
        return None
    try:
        return dt.date.fromisoformat(iso).toordinal()
    except ValueError:
        return None


class _Group:
    """The members of one group and a running summary of what :func:`_merge` would give."""

    def __init__(self, record: tuple[str, Commitment]) -> None:
        self.members: list[tuple[str, Commitment]] = []
        self.decl_keys: set[tuple[str | None, str, str]] = set()
        self.decl_parties: set[str] = set()
        self.decl_dates: list[str] = []
        self.others: set[str] = set()  # counterparts
        self.categories: set[str] = set()
        self.domains: set[str] = set()
        self.places: set[str] = set()
        self.any_full = False
        self.duration: int | None = None
        self.start: str | None = None  # earliest explicit start
        self._view: _View | None = None
        self.add(record)

    def add(self, record: tuple[str, Commitment]) -> None:
        c = record[1]
        self.members.append(record)
        for d in c.declarations:
            who = party_of(d.actor)
            key = (d.document_id, who, d.status)
            if key in self.decl_keys:
                continue
            self.decl_keys.add(key)
            self.decl_parties.add(who)
            if d.date is not None and d.date.start:
                self.decl_dates.append(d.date.start[:10])
        self.others.update(party_of(a) for a in c.counterparts)
        self.categories |= set(c.scope.categories)
        self.domains |= set(c.scope.domains)
        self.places |= set(c.scope.places)
        self.any_full = self.any_full or c.scope.full
        self.duration = self.duration or c.duration_days
        if (
            c.start is not None
            and c.start.start
            and (self.start is None or c.start.start < self.start)
        ):
            self.start = c.start.start
        self._view = None

    def view(self) -> _View:
        """The fields of ``_merge(self.members)`` that decide whether a record fits."""
        if self._view is not None:
            return self._view
        # every member joined with the family of the first, so the merged kind has it too
        kind = self.members[0][1].kind
        parties = self.decl_parties | self.others
        first_actor = self.members[0][1].actor
        if not self.decl_keys and first_actor is not None:
            parties.add(party_of(first_actor))
        scope = Scope(tuple(self.categories), tuple(self.domains), tuple(self.places))
        full = self.any_full and not (self.categories or self.domains)
        if self.start is not None:
            first: str | None = self.start[:10]
        else:
            first = min(self.decl_dates) if self.decl_dates else None
        self._view = _View.build(kind, frozenset(parties), scope, full, self.duration, first)
        return self._view


Signature = tuple[frozenset[str], frozenset[str], bool, int | None]
"""The scope inputs of ``scope_compatible``: categories, domains, full, duration."""


class _GroupIndex:
    """Groups by kind family, party, date bucket (``MAX_DAYS_APART + 1`` days) and signature.

    Groups with the same scope signature are accepted or ruled out together by one call of
    ``scope_compatible``, so many incompatible groups under one party cost one check.
    """

    def __init__(self) -> None:
        self.width = MAX_DAYS_APART + 1
        self.by_bucket: dict[tuple[str, str, int | None], dict[Signature, set[int]]] = {}
        self.by_party: dict[tuple[str, str], dict[Signature, set[int]]] = {}
        self.keys: dict[int, tuple[tuple[str, str, int | None], ...]] = {}
        self.signatures: dict[int, Signature] = {}

    def candidates(self, view: _View) -> list[int]:
        """Numbers of the groups ``view`` may fit, oldest first."""
        tables = []
        if view.day is None:
            for party in view.parties:
                tables.append(self.by_party.get((view.family, party), {}))
        else:
            bucket = view.day // self.width
            for party in view.parties:
                for b in (None, bucket - 1, bucket, bucket + 1):
                    tables.append(self.by_bucket.get((view.family, party, b), {}))
        mine = _signature(view)
        found: set[int] = set()
        fitting: dict[Signature, bool] = {}
        for table in tables:
            for signature, numbers in table.items():
                if signature not in fitting:
                    fitting[signature] = scope_compatible(*signature, *mine)
                if fitting[signature]:
                    found |= numbers
        return sorted(found)

    def update(self, number: int, view: _View) -> None:
        bucket = None if view.day is None else view.day // self.width
        keys = tuple(sorted(((view.family, p, bucket) for p in view.parties), key=str))
        signature = _signature(view)
        old = self.keys.get(number, ())
        old_signature = self.signatures.get(number)
        if keys == old and signature == old_signature:
            return
        for key in old:
            assert old_signature is not None
            _discard(self.by_bucket[key], old_signature, number)
            _discard(self.by_party[key[:2]], old_signature, number)
        for key in keys:
            self.by_bucket.setdefault(key, {}).setdefault(signature, set()).add(number)
            self.by_party.setdefault(key[:2], {}).setdefault(signature, set()).add(number)
        self.keys[number] = keys
        self.signatures[number] = signature


def _signature(view: _View) -> Signature:
    return view.categories, view.domains, view.full, view.duration


def _discard(table: dict[Signature, set[int]], signature: Signature, number: int) -> None:
    numbers = table[signature]
    numbers.discard(number)
    if not numbers:
        del table[signature]


def _first_date(c: Commitment) -> str | None:
    if c.start is not None and c.start.start:
        return c.start.start[:10]
    dates = [d.date.start[:10] for d in c.declarations if d.date is not None and d.date.start]
    return min(dates) if dates else None


def _merge(group: list[tuple[str, Commitment]]) -> Commitment:
    records = [c for _, c in group]
    declarations: list[Declaration] = []
    conditions: list[Condition] = []
    evidence: list[Span] = []
    counterparts: list[Actor] = []
    categories: set[str] = set()
    domains: set[str] = set()
    places: set[str] = set()
    duration: int | None = None
    decl_keys: set[tuple[str | None, str, str]] = set()
    cond_keys: set[tuple[str, str | None]] = set()
    seen_evidence: set[Span] = set()
    for c in records:
        for d in c.declarations:
            key = (d.document_id, party_of(d.actor), d.status)
            if key not in decl_keys:
                decl_keys.add(key)
                declarations.append(d)
        for cond in c.conditions:
            if (cond.text, cond.party) not in cond_keys:
                cond_keys.add((cond.text, cond.party))
                conditions.append(cond)
        for e in c.evidence:
            if e not in seen_evidence:
                seen_evidence.add(e)
                evidence.append(e)
        counterparts.extend(c.counterparts)
        categories |= set(c.scope.categories)
        domains |= set(c.scope.domains)
        places |= set(c.scope.places)
        duration = duration or c.duration_days
    kinds = [c.kind for c in records]
    # the most frequent kind; a tie goes to the earliest member's (not to set order, which
    # changes from one process to the next)
    kind = "strike_halt" if "strike_halt" in kinds else max(kinds, key=kinds.count)
    full = any(c.scope.full for c in records) and not (categories or domains)
    scope = Scope(tuple(sorted(categories)), tuple(sorted(domains)), tuple(sorted(places)), full)
    declarations.sort(key=lambda d: (d.date.start or "") if d.date else "")
    actor = committing_actor(declarations) or records[0].actor
    others: list[Actor] = []
    own = party_of(actor) if actor else None
    for a in [*(d.actor for d in declarations), *counterparts]:
        who = party_of(a)
        if who != own and all(party_of(o) != who for o in others):
            others.append(a)
    starts = [c.start for c in records if c.start is not None and c.start.start]
    start = min(starts, key=lambda r: r.start or "") if starts else None
    ends = [c.end for c in records if c.end is not None and c.end.start]
    end = min(ends, key=lambda r: r.start or "") if ends else None
    parties = parties_key([*(d.actor for d in declarations), *counterparts])
    cid = content_id(
        "commitment",
        kind,
        ",".join(parties),
        ",".join(scope.categories + scope.domains + scope.places) + ("|full" if full else ""),
        str(duration or ""),
    )
    return Commitment(
        id=cid,
        kind=kind,
        actor=actor,
        counterparts=tuple(others),
        status=overall_status(declarations),
        scope=scope,
        duration_days=duration,
        start=start,
        end=end,
        conditions=tuple(conditions),
        declarations=tuple(declarations),
        evidence=tuple(evidence),
        confidence=max(c.confidence for c in records),
    )


def date_of(r: DateRange | None) -> str | None:
    return r.start[:10] if r is not None and r.start else None
