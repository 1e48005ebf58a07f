"""The commitments report: per commitment its declarations, status history and candidate
violations, then the contradictions. Built from records only (no SQL); JSON-ready and Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ceasewatch.link.commitments import group_commitments
from ceasewatch.link.contradictions import find_contradictions
from ceasewatch.link.violations import find_violations
from ceasewatch.model import (
    Actor,
    Commitment,
    DocumentResult,
    Event,
    Span,
    to_dict,
)


def build_report(
    results: Sequence[DocumentResult],
    *,
    commitment_id: str | None = None,
    since: str | None = None,
) -> dict[str, Any]:
    """The report as plain data.

    ``commitment_id`` keeps one commitment (its merged id or any per-document member id);
    ``since`` (ISO date) keeps history entries, violations and contradictions dated on or after
    it, and the commitments that still have something left.
    """
    groups = group_commitments(results)
    violations = find_violations(results)
    contradictions = find_contradictions(results)
    events: dict[str, tuple[DocumentResult, Event]] = {
        e.id: (r, e) for r in results for e in r.events
    }
    owner: dict[str, str] = {}  # record id -> document id
    for r in results:
        ids = [e.id for e in r.events] + [c.id for c in r.claims] + [c.id for c in r.commitments]
        for rid in ids:
            owner[rid] = r.document.id
    commitments: list[dict[str, Any]] = []
    for group in groups:
        c = group.commitment
        member_ids = [m.id for _, m in group.members]
        if commitment_id is not None and commitment_id not in (c.id, *member_ids):
            continue
        for mid in member_ids:
            owner.setdefault(mid, group.members[0][0])
        history = _history(c, since)
        vios = [_violation_entry(v, events) for v in violations if v.commitment_id == c.id]
        vios = [v for v in vios if since is None or (v["date"] or "") >= since]
        if since is not None and not history and not vios:
            continue
        commitments.append(
            {
                "id": c.id,
                "kind": c.kind,
                "status": c.status,
                "actor": _actor(c.actor),
                "counterparts": [_actor(a) for a in c.counterparts],
                "scope": to_dict(c.scope),
                "duration_days": c.duration_days,
                "start": c.start.start if c.start else None,
                "end": c.end.start if c.end else None,
                "conditions": [
                    {"text": k.text, "party": k.party, "evidence": _spans(k.evidence)}
                    for k in c.conditions
                ],
                "sources": list(group.sources),
                "members": member_ids,
                "status_history": history,
                "violations": vios,
                "confidence": c.confidence,
            }
        )
    kept_ids = {x["id"] for x in commitments} | {m for x in commitments for m in x["members"]}
    contra = []
    for k in contradictions:
        if commitment_id is not None and not ({k.a, k.b} & kept_ids):
            continue
        contra.append(
            {
                "id": k.id,
                "kind": k.kind,
                "a": k.a,
                "a_document": owner.get(k.a),
                "b": k.b,
                "b_document": owner.get(k.b) if k.b else None,
                "explanation": k.explanation,
                "evidence": _spans(k.evidence),
                "confidence": k.confidence,
            }
        )
    return {
        "documents": [
            {
                "id": r.document.id,
                "title": r.document.title,
                "published": r.document.published,
                "source": r.document.source,
            }
            for r in results
        ],
        "filters": {"commitment_id": commitment_id, "since": since},
        "commitments": commitments,
        "contradictions": contra,
        "summary": {
            "documents": len(results),
            "commitments": len(commitments),
            "violations": sum(len(x["violations"]) for x in commitments),
            "contradictions": len(contra),
        },
    }


def _actor(a: Actor | None) -> dict[str, Any] | None:
    return None if a is None else {"name": a.name, "country": a.country}


def _spans(spans: Sequence[Span]) -> list[dict[str, Any]]:
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]


def _history(c: Commitment, since: str | None) -> list[dict[str, Any]]:
    rows = []
    for d in c.declarations:
        day = d.date.start[:10] if d.date is not None and d.date.start else None
        if since is not None and (day is None or day < since):
            continue
        rows.append(
            {
                "date": day,
                "date_precision": d.date.precision if d.date else None,
                "actor": _actor(d.actor),
                "status": d.status,
                "document_id": d.document_id,
                "evidence": _spans(d.evidence),
            }
        )
    rows.sort(key=lambda r: (r["date"] or "9999", r["document_id"] or ""))
    return rows


def _violation_entry(v: Any, events: dict[str, tuple[DocumentResult, Event]]) -> dict[str, Any]:
    found = events.get(v.event_id)
    event: dict[str, Any] | None = None
    day = None
    doc_id = v.event_id.split(":")[0] if v.allegation else None
    if found is not None:
        r, e = found
        doc_id = r.document.id
        day = e.date.start[:10] if e.date is not None and e.date.start else None
        event = {
            "type": e.type,
            "actor": _actor(e.actor),
            "target": None
            if e.target is None
            else {"name": e.target.name, "category": e.target.category},
            "place": e.place.name if e.place else None,
            "date": day,
            "status": e.status,
        }
    return {
        "id": v.id,
        "event_id": v.event_id,
        "document_id": doc_id,
        "date": day,
        "event": event,
        "reasons": list(v.reasons),
        "uncertain": list(v.uncertain),
        "allegation": v.allegation,
        "evidence": _spans(v.evidence),
        "confidence": v.confidence,
    }


def _who(a: dict[str, Any] | None) -> str:
    if a is None:
        return "unknown"
    return f"{a['name']} ({a['country']})" if a.get("country") else a["name"]


def _quote(spans: list[dict[str, Any]], limit: int = 160) -> str:
    if not spans:
        return ""
    text = " ".join(spans[0]["text"].split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"“{text}” [{spans[0]['start']}:{spans[0]['end']}]"


def render_markdown(report: dict[str, Any]) -> str:
    """A readable Markdown rendering of :func:`build_report`'s output."""
    s = report["summary"]
    lines = [
        "# Commitments report",
        "",
        f"{s['documents']} documents, {s['commitments']} commitments, "
        f"{s['violations']} candidate violations, {s['contradictions']} contradictions.",
        "",
    ]
    for c in report["commitments"]:
        scope = c["scope"]
        terms = [*scope["categories"], *scope["domains"], *scope["places"]]
        if scope["full"]:
            terms.append("full")
        title = c["kind"].replace("_", " ")
        if c["duration_days"]:
            title = f"{c['duration_days']}-day {title}"
        lines += [
            f"## {title}: {c['status']} (`{c['id']}`)",
            "",
            f"- party: {_who(c['actor'])}; counterparts: "
            + (", ".join(_who(a) for a in c["counterparts"]) or "none"),
            f"- scope: {', '.join(terms) or 'not stated'}",
        ]
        if c["start"]:
            lines.append(f"- window: {c['start']} to {c['end'] or 'open'}")
        for k in c["conditions"]:
            lines.append(f"- condition set by {k['party'] or 'unknown'}: {k['text']}")
        lines.append(f"- sources: {', '.join(c['sources'])}")
        lines += ["", "### Status history", ""]
        for h in c["status_history"]:
            lines.append(
                f"- {h['date'] or 'undated'}: {_who(h['actor'])} **{h['status']}** "
                f"(doc {h['document_id']}) {_quote(h['evidence'])}"
            )
        if c["violations"]:
            lines += ["", "### Candidate violations", ""]
            for v in c["violations"]:
                label = "allegation" if v["allegation"] else "event"
                lines.append(f"- {label} `{v['event_id']}` (doc {v['document_id']}): "
                             + "; ".join(v["reasons"]))  # fmt: skip
                if v["uncertain"]:
                    lines.append(f"  - uncertain: {'; '.join(v['uncertain'])}")
                if v["evidence"]:
                    lines.append(f"  - evidence: {_quote(v['evidence'])}")
        lines.append("")
    if report["contradictions"]:
        lines += ["## Contradictions", ""]
        for k in report["contradictions"]:
            lines.append(f"- **{k['kind']}**: {k['explanation']}")
            lines.append(
                f"  - `{k['a']}` (doc {k['a_document']}) vs `{k['b']}` (doc {k['b_document']})"
            )
            for e in k["evidence"][:2]:
                lines.append(f"  - {_quote([e])}")
        lines.append("")
    return "\n".join(lines)
