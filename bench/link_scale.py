"""Time of the cross-document links (``pipeline.link_results``) as the store grows.

    python bench/link_scale.py [--sizes 500 1000 2000 4000] [--shape year|spread|both]

Builds synthetic document results in code (no corpus text): every document has the same actor
(Russia), the same event kind (a drone strike on a power station in one city), the same kind of
commitment (an energy strike halt agreed by Russia), a claim, and every few documents a denial, an
asserting claim on the same topic, a "no evidence" sentence and a commitment condition, so every
linking rule has work to do. ``year`` puts all documents into one year (density grows with the
store: the reviewer's worst case); ``spread`` keeps about six documents a day, so the store grows
in time, as an archive does.

Prints, for each size, the CPU seconds of ``group_commitments`` (what ``merge_commitments`` runs),
``find_violations``, ``find_contradictions`` and the whole ``link_results``, the number of links
found, and the growth ratio against the previous size (2.0 for a doubling is linear, 4.0 quadratic).

    python bench/link_scale.py --rerun [--sizes 200 400 800]

The idempotent re-run instead: the synthetic documents are stored in a temporary DuckDB file and
written as one JSONL input, then ``pipeline.run`` reads that input again (every document is
``unchanged``). Prints the wall seconds of the re-run when the links are stale and are recomputed
(the link state cleared: what every re-run did before the link state existed) and when they are
up to date and skipped, with the seconds of the link-state check alone and the ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from ceasewatch.link.commitments import group_commitments
from ceasewatch.link.contradictions import find_contradictions
from ceasewatch.link.violations import find_violations
from ceasewatch.model import (
    Actor,
    Claim,
    Commitment,
    Condition,
    CountRange,
    Counts,
    DateRange,
    Declaration,
    Document,
    DocumentResult,
    Event,
    Place,
    Scope,
    Span,
    Target,
    content_id,
)
from ceasewatch.pipeline import PIPELINE_VERSION, link_results

RUSSIA = Actor("Russian forces", "RUS", "military")
KREMLIN = Actor("Kremlin", "RUS", "government")
KYIV = Actor("Ukrainian air force", "UKR", "military")
ENVOY = Actor("US envoy", "USA", "government")
START = dt.date(2024, 1, 1)


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def make_document(i: int, day: dt.date) -> DocumentResult:
    """One synthetic article: a strike, a strike halt, claims; some denials and conditions."""
    published = day.isoformat()
    strike = f"Russian drones hit a power station in Kharkiv overnight, report {i} said."
    halt = "The Kremlin agreed to a halt on strikes against energy sites."
    said = f"Air force officials said {10 + i % 40} drones were launched at the region."
    parts = [strike, halt, said]
    denial = envoy = doubt = None
    if i % 5 == 0:
        denial = f"We did not discuss weapons deliveries for Kharkiv with anyone, aide {i} said."
        envoy = f"The envoy said weapons deliveries for Kharkiv would resume, source {i} added."
        doubt = f"There is no evidence of weapons deliveries in Kharkiv, monitor {i} wrote."
        parts += [denial, envoy, doubt]
    text = " ".join(parts)
    doc = Document(id=content_id("bench-doc", str(i)), text=text, published=published)
    s_strike, s_halt, s_said = _span(text, strike), _span(text, halt), _span(text, said)
    date = DateRange(published, published, "day", "overnight")
    event = Event(
        id=content_id(doc.id, "event"),
        type="ASSAULT",
        mode="drone",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor=RUSSIA,
        target=Target("a power station", "UKR", "energy"),
        place=Place("Kharkiv", 49.99, 36.23, "UKR", "Kharkiv Oblast", None, "settlement"),
        date=date,
        counts=Counts(weapons=CountRange(10 + i % 40, 10 + i % 40), weapon="drone"),
        reported_by="air force",
        evidence=(s_strike, s_said),
        confidence=0.8,
    )
    conditions = ()
    if i % 7 == 0:
        conditions = (Condition("an end to weapons deliveries", "RUS", (s_halt,)),)
    commitment = Commitment(
        id=content_id(doc.id, "commitment"),
        kind="strike_halt",
        actor=KREMLIN,
        status="agreed",
        scope=Scope(categories=("energy", "infrastructure") if i % 25 == 0 else ("energy",)),
        start=DateRange(published, published, "day"),
        conditions=conditions,
        declarations=(Declaration(KREMLIN, "agreed", date, doc.id, (s_halt,)),),
        evidence=(s_halt,),
    )
    claims = [
        Claim(
            id=content_id(doc.id, "claim", "0"),
            speaker=KYIV,
            text=s_said.text,
            cue="said",
            content_span=s_said,
            evidence=(s_said,),
        )
    ]
    if denial and envoy:
        s_denial, s_envoy = _span(text, denial), _span(text, envoy)
        claims.append(
            Claim(
                id=content_id(doc.id, "claim", "1"),
                speaker=KREMLIN,
                text=s_denial.text,
                polarity="denies",
                cue="said",
                content_span=s_denial,
                evidence=(s_denial,),
            )
        )
        claims.append(
            Claim(
                id=content_id(doc.id, "claim", "2"),
                speaker=ENVOY,
                text=s_envoy.text,
                cue="said",
                content_span=s_envoy,
                evidence=(s_envoy,),
            )
        )
    return DocumentResult(doc, (event,), (commitment,), tuple(claims))


def make_store(n: int, shape: str) -> list[DocumentResult]:
    """``n`` documents, over one year (``year``) or about six a day (``spread``)."""
    out = []
    for i in range(n):
        offset = i % 336 if shape == "year" else i // 6
        out.append(make_document(i, START + dt.timedelta(days=offset)))
    return out


def _timed(fn, *args):  # type: ignore[no-untyped-def]
    """CPU seconds of one call (the linking is single-threaded; the machine may be shared)."""
    t = time.process_time()
    value = fn(*args)
    return time.process_time() - t, value


def run(sizes: list[int], shape: str) -> None:
    print(f"\nshape: {shape}")
    header = (
        f"{'docs':>6} {'merge s':>8} {'viol. s':>8} {'contr. s':>8} {'link s':>8} "
        f"{'groups':>7} {'viol.':>7} {'contr.':>7} {'growth':>7}"
    )
    print(header)
    previous = None
    for n in sizes:
        results = make_store(n, shape)
        t_merge, groups = _timed(group_commitments, results)
        t_viol, violations = _timed(find_violations, results)
        t_contr, contradictions = _timed(find_contradictions, results)
        t_link, _ = _timed(link_results, results)
        growth = f"{t_link / previous:.2f}" if previous else "-"
        print(
            f"{n:>6} {t_merge:>8.2f} {t_viol:>8.2f} {t_contr:>8.2f} {t_link:>8.2f} "
            f"{len(groups):>7} {len(violations):>7} {len(contradictions):>7} {growth:>7}",
            flush=True,
        )
        previous = t_link


def _wall(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - t, value


def rerun(sizes: list[int], shape: str, repeat: int) -> None:
    """Wall seconds of an idempotent ``pipeline.run`` re-run, relinking vs skipping."""
    from ceasewatch.config import Config
    from ceasewatch.pipeline import links_up_to_date
    from ceasewatch.pipeline import run as run_pipeline
    from ceasewatch.store import Store

    print(f"\nidempotent re-run, shape: {shape} (best of {repeat})")
    print(f"{'docs':>6} {'relink s':>9} {'skip s':>8} {'check s':>8} {'ratio':>7} {'links':>6}")
    for n in sizes:
        results = [
            dataclasses.replace(
                r, document=dataclasses.replace(r.document, id=Document.make_id(r.document.text))
            )
            for r in make_store(n, shape)
        ]
        with tempfile.TemporaryDirectory() as tmp:
            db, wire = Path(tmp) / "bench.duckdb", Path(tmp) / "wire.jsonl"
            rows = [
                {"id": f"b{i}", "published": r.document.published, "text": r.document.text}
                for i, r in enumerate(results)
            ]
            wire.write_text("".join(json.dumps(row) + "\n" for row in rows))
            config = Config(db_path=db)
            relink, skip, check = [], [], []
            with Store(db) as store:
                store.write_results(results, PIPELINE_VERSION)
                for _ in range(repeat):
                    store.clear_link_state()
                    t, report = _wall(run_pipeline, [str(wire)], config, store)
                    assert report.unchanged == n and report.links == "linked", report.to_dict()
                    relink.append(t)
                    t, report = _wall(run_pipeline, [str(wire)], config, store)
                    assert report.unchanged == n and report.links == "up_to_date"
                    skip.append(t)
                    t, fresh = _wall(lambda: links_up_to_date(store, *store.document_fingerprint()))
                    assert fresh
                    check.append(t)
                links = store.count("links")
        print(
            f"{n:>6} {min(relink):>9.3f} {min(skip):>8.3f} {min(check):>8.4f} "
            f"{min(relink) / min(skip):>7.1f} {links:>6}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--shape", choices=["year", "spread", "both"], default="both")
    parser.add_argument("--rerun", action="store_true", help="time an idempotent re-run")
    parser.add_argument("--repeat", type=int, default=3, help="re-runs timed (--rerun)")
    args = parser.parse_args()
    for shape in ("year", "spread") if args.shape == "both" else (args.shape,):
        if args.rerun:
            rerun(args.sizes or [200, 400, 800], shape, args.repeat)
        else:
            run(args.sizes or [500, 1000, 2000, 4000], shape)


if __name__ == "__main__":
    main()
