"""Sanity figures for the cross-document links of a stored run (no gold exists for these).

Usage::

    ceasewatch run ../shared/data/corpus/ukraine_war_news.jsonl --db /tmp/links.duckdb
    /work/venv/bin/python eval/links.py --db /tmp/links.duckdb [--markdown OUT]

Prints, from the store: merged commitments by status, candidate violations (events and
allegations) and the largest share of them hanging on one commitment, the commitments that
open violation windows with the stance sentences that put them in force, and contradictions
by kind. A high share on one commitment usually means one misread commitment (a plan or a
question read as an agreement); the stance sentences are there to be read. Precision needs a
manual judgement of each record; this script gives the counts to judge against. Skips with a
message when the database is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ceasewatch.link.commitments import group_commitments  # noqa: E402
from ceasewatch.link.contradictions import find_contradictions  # noqa: E402
from ceasewatch.link.violations import COMMITTED_STATUSES, find_violations  # noqa: E402
from ceasewatch.store.duckdb_store import Store  # noqa: E402


def _short(text: str, limit: int = 160) -> str:
    return " ".join(text.split())[:limit]


@dataclass(frozen=True)
class Figures:
    documents: int
    commitments: Counter[str]  # merged commitments by status
    violations: int
    allegations: int
    top_share: float  # largest share of event violations on one commitment
    windows: list[tuple[str, str, int, list[str]]]  # id, kind, violations, committing stances
    contradictions: Counter[str]  # by kind


def figures(db: Path) -> Figures:
    with Store(db, read_only=True) as store:
        results = store.load_results()
    groups = group_commitments(results)
    violations = find_violations(results)
    contradictions = find_contradictions(results)
    per_commitment = Counter(v.commitment_id for v in violations if not v.allegation)
    top = per_commitment.most_common(1)
    windows = []
    for g in groups:
        c = g.commitment
        if c.id in per_commitment:
            stances = [
                f"{d.actor.country or d.actor.name} {d.status}: {_short(d.evidence[0].text)}"
                for d in c.declarations
                if d.status in COMMITTED_STATUSES and d.evidence
            ]
            windows.append((c.id, c.kind, per_commitment[c.id], stances))
    return Figures(
        documents=len(results),
        commitments=Counter(g.commitment.status for g in groups),
        violations=len(violations),
        allegations=sum(v.allegation for v in violations),
        top_share=(top[0][1] / max(1, len(violations))) if top else 0.0,
        windows=windows,
        contradictions=Counter(c.kind for c in contradictions),
    )


def markdown(f: Figures) -> str:
    lines = [
        f"- documents: {f.documents}",
        f"- merged commitments by status: {dict(sorted(f.commitments.items()))}",
        f"- candidate violations: {f.violations} ({f.allegations} allegations); "
        f"largest share on one commitment: {f.top_share:.2f}",
        f"- contradictions by kind: {dict(sorted(f.contradictions.items()))}",
    ]
    for cid, kind, count, stances in f.windows:
        lines.append(f"- {kind} {cid}: {count} candidate violations")
        lines.extend(f"  - {s}" for s in stances)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/links.duckdb"))
    parser.add_argument("--markdown", type=Path, default=None)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"skipped: no database at {args.db} (run `ceasewatch run` first)")
        return 0
    text = markdown(figures(args.db))
    print(text, end="")
    if args.markdown is not None:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
