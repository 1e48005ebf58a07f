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
    """Like :func:`merge_commitments`, keeping the per-document members of each group."""
    records: list[tuple[str, Commitment]] = []
    for result in results:
        for c in result.commitments:
            records.append((result.document.id, _with_document_ids(c, result.document.id)))
    specific = [r for r in records if _is_specific(r[1])]
    vague = [r for r in records if not _is_specific(r[1])]
    groups: list[list[tuple[str, Commitment]]] = []
    for record in [*specific, *vague]:
        target = None
        for group in groups:
            if _fits(group, record[1]):
                target = group
                break
        if target is None:
            groups.append([record])
        else:
            target.append(record)
    merged = [MergedCommitment(_merge(g), tuple(g)) for g in groups]
    log.debug("%d commitments merged into %d", len(records), len(merged))
    return merged


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


def _fits(group: list[tuple[str, Commitment]], c: Commitment) -> bool:
    merged = _merge(group)
    if kind_family(merged.kind) != kind_family(c.kind):
        return False
    if not (commitment_parties(merged) & commitment_parties(c)):
        return False
    a, b = merged.scope, c.scope
    if (
        a.places
        and b.places
        and not ({p.lower() for p in a.places} & {p.lower() for p in b.places})
    ):
        return False
    if not scope_compatible(
        set(a.categories), set(a.domains), a.full, merged.duration_days,
        set(b.categories), set(b.domains), b.full, c.duration_days,
    ):  # fmt: skip
        return False
    return _close_in_time(_first_date(merged), _first_date(c))


def _first_date(c: Commitment) -> str | None:
    if c.start is not None and c.start.start:
        return c.start.start[:10]
    dates = [d.date.start[:10] for d in c.declarations if d.date is not None and d.date.start]
    return min(dates) if dates else None


def _close_in_time(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    try:
        gap = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return True
    return gap <= MAX_DAYS_APART


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
    for c in records:
        for d in c.declarations:
            key = (d.document_id, d.actor.country or d.actor.name, d.status)
            if all(
                (x.document_id, x.actor.country or x.actor.name, x.status) != key
                for x in declarations
            ):
                declarations.append(d)
        for cond in c.conditions:
            if all((x.text, x.party) != (cond.text, cond.party) for x in conditions):
                conditions.append(cond)
        evidence.extend(e for e in c.evidence if e not in evidence)
        counterparts.extend(c.counterparts)
        categories |= set(c.scope.categories)
        domains |= set(c.scope.domains)
        places |= set(c.scope.places)
        duration = duration or c.duration_days
    kinds = [c.kind for c in records]
    kind = "strike_halt" if "strike_halt" in kinds else max(set(kinds), key=kinds.count)
    full = any(c.scope.full for c in records) and not (categories or domains)
    scope = Scope(tuple(sorted(categories)), tuple(sorted(domains)), tuple(sorted(places)), full)
    declarations.sort(key=lambda d: (d.date.start or "") if d.date else "")
    actor = committing_actor(declarations) or records[0].actor
    others: list[Actor] = []
    own = (actor.country or actor.name) if actor else None
    for a in [*(d.actor for d in declarations), *counterparts]:
        who = a.country or a.name
        if who != own and all((o.country or o.name) != who for o in others):
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
