"""Latency of the API's own read queries (``ReadStore``) on a synthetic store of one million events.

    python bench/store_queries.py [--events N] [--documents N] [--repeat N] [--db PATH]

Builds a synthetic store through the real schema (``Store`` runs the migrations, then the
generated Arrow tables go in through ``Store._insert``, the bulk path of ``write_results``):
documents with text, events with their flat columns and a ~1 KB JSON ``record``, evidence
spans, claims, commitments, merged commitments, violation and contradiction links, event
clusters with their members, and sightings. No text comes from any corpus: words are drawn from
a small made-up vocabulary. Rows are inserted in document order, not date order, as an ingest
of a mixed archive would.

Then times the ``ReadStore`` methods the HTTP API and the web UI call, each ``--repeat`` times
with random parameters, opening the store once (``open`` times the per-request open), and prints
p50/p95 in ms with a pass/fail column against the 200 ms target. ``map page`` is the query
pattern of ``/`` (the 2,000 newest events in short form, the timeline and the type list).

``--db PATH`` keeps the generated store at PATH and reuses it on the next run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from ceasewatch.store import Store
from ceasewatch.store.duckdb_store import (
    CLAIM_TYPES,
    CLUSTER_TYPES,
    COMMITMENT_TYPES,
    EVENT_TYPES,
    MEMBER_TYPES,
    SPAN_TYPES,
)
from ceasewatch.store.parquet import DOCUMENT_TYPES, SIGHTING_TYPES
from ceasewatch.store.queries import ClusterFilter, EventFilter, ReadStore

TARGET_MS = 200.0
TYPES = ["ASSAULT", "FIGHT", "COERCE", "AGREE", "CONSULT", "MOBILIZE", "PROTEST", "AID"]
TYPE_P = [0.4, 0.2, 0.1, 0.05, 0.1, 0.05, 0.05, 0.05]
COUNTRIES = ["UKR", "RUS", "SYR", "SDN", "ISR", "PSE"]
COUNTRY_P = [0.45, 0.35, 0.05, 0.05, 0.05, 0.05]
CATEGORIES = ["energy", "transport", "residential", "military", "medical", "civilian"]
MODES = ["aerial", "missile", "artillery", "firearms"]
WEAPONS = ["drone", "missile", "shell", "rocket"]
# A made-up vocabulary: short neutral words, plus rare ones the text search looks for.
WORDS = (  # noqa: SIM905
    "the a of and to in at on by with near from after before over under across north south "
    "east west town city river bridge road station depot market school field village "
    "district port plant line tower hall camp base yard farm hill lake border valley centre "
    "building grid unit group team forces officials residents witnesses sources reports said "
    "stated noted morning evening overnight week day struck hit fired attacked damaged "
    "destroyed repaired opened closed moved held met agreed talked signed called warned "
    "denied claimed confirmed"
).split()
RARE = ["zephyrine", "quillmark", "borrowdale", "tantivy", "marrowfen"]
DAY0 = dt.date(2022, 1, 1)
DAYS = 4 * 365
EPOCH = (DAY0 - dt.date(1970, 1, 1)).days


def _typed(columns: dict[str, Any], types: dict[str, pa.DataType], size: int) -> pa.Table:
    return pa.table(
        {
            c: columns[c]
            if isinstance(columns.get(c), pa.Array)
            else pa.array(columns[c], t)
            if c in columns
            else pa.nulls(size, t)
            for c, t in types.items()
        }
    )


def _days(values: np.ndarray) -> pa.Array:
    return pa.array((values + EPOCH).astype("int32"), pa.date32())


def _iso(day: int) -> str:
    return (DAY0 + dt.timedelta(days=int(day))).isoformat()


class Phrases:
    """Random phrases from the vocabulary, with a rare word in about one of ``rare_every``."""

    def __init__(self, rng: np.random.Generator, rare_every: int = 200) -> None:
        self.rng = rng
        self.rare_every = rare_every

    def many(self, n: int, words: int) -> list[str]:
        picks = self.rng.integers(0, len(WORDS), (n, words))
        rare = self.rng.integers(0, self.rare_every * len(RARE), n)
        out = []
        for row, r in zip(picks, rare, strict=True):
            text = [WORDS[k] for k in row]
            if r < len(RARE):
                text[len(text) // 2] = RARE[r]
            out.append(" ".join(text))
        return out


def synthetic_tables(n_events: int, n_docs: int, seed: int = 7) -> dict[str, pa.Table]:
    """The store's tables, generated; events are grouped by document as an ingest writes them."""
    rng = np.random.default_rng(seed)
    say = Phrases(rng)
    doc_ids = np.array([f"d{i:015x}" for i in range(n_docs)])
    doc_days = rng.integers(0, DAYS, n_docs)
    sources = rng.choice(["Wire A", "Wire B", "Wire C", "Daily D"], n_docs)
    titles = say.many(n_docs, 8)
    published = [_iso(d) for d in doc_days]
    documents = _typed(
        {
            "id": doc_ids,
            "external_id": [f"x-{i}" for i in range(n_docs)],
            "title": titles,
            "published": published,
            "published_date": _days(doc_days),
            "source": sources,
            "url": [f"https://example.org/{i}" for i in range(n_docs)],
            "language": np.full(n_docs, "en"),
            "origin": doc_ids,
            "text": [
                " ".join(p) for p in zip(*(say.many(n_docs, 16) for _ in range(6)), strict=True)
            ],
            "pipeline_version": np.full(n_docs, "bench"),
            "stored_at": pa.array([dt.datetime(2026, 1, 1)] * n_docs, pa.timestamp("us")),
        },
        DOCUMENT_TYPES,
        n_docs,
    )
    sightings = _typed(
        {
            "document_id": doc_ids,
            "origin": doc_ids,
            "external_id": [f"x-{i}" for i in range(n_docs)],
            "published": published,
            "source": sources,
            "title": titles,
        },
        SIGHTING_TYPES,
        n_docs,
    )

    # events, sorted by document (the order an ingest writes them in)
    owner = np.sort(rng.integers(0, n_docs, n_events))
    start = np.maximum(doc_days[owner] - rng.integers(0, 3, n_events), 0)
    event_ids = np.array([f"e{i:015x}" for i in rng.permutation(n_events)])
    etype = rng.choice(TYPES, n_events, p=TYPE_P)
    mode = rng.choice(MODES, n_events)
    actor_country = rng.choice(COUNTRIES, n_events, p=COUNTRY_P)
    target_category = rng.choice(CATEGORIES, n_events)
    place_country = rng.choice(COUNTRIES, n_events, p=COUNTRY_P)
    lat = np.round(rng.uniform(44.0, 53.0, n_events), 4)
    lon = np.round(rng.uniform(22.0, 41.0, n_events), 4)
    killed = rng.poisson(1.5, n_events)
    weapons = rng.poisson(5, n_events)
    weapon = rng.choice(WEAPONS, n_events)
    confidence = np.round(rng.uniform(0.3, 0.9, n_events), 2)
    places = [f"Town {k}" for k in rng.integers(0, 2000, n_events)]
    targets = say.many(n_events, 3)
    quote1, quote2 = say.many(n_events, 9), say.many(n_events, 5)
    records = []
    span_rows: dict[str, list[Any]] = {
        "record_id": [],
        "record_kind": [],
        "document_id": [],
        "start": [],
        "end": [],
        "text": [],
    }
    for i in range(n_events):
        day = _iso(start[i])
        end1 = len(quote1[i])
        s2 = end1 + 2
        e2 = s2 + len(quote2[i])
        records.append(
            f'{{"id": "{event_ids[i]}", "type": "{etype[i]}", "mode": "{mode[i]}", '
            '"acled_event_type": "Explosions/Remote violence", '
            '"acled_sub_event_type": "Air/drone strike", '
            f'"actor": {{"name": "forces of {actor_country[i]}", "country": "{actor_country[i]}", '
            '"kind": "military", "role": null}, '
            f'"target": {{"name": "{targets[i]}", "country": "{place_country[i]}", '
            f'"category": "{target_category[i]}"}}, '
            f'"place": {{"name": "{places[i]}", "lat": {lat[i]}, "lon": {lon[i]}, '
            f'"country": "{place_country[i]}", "admin1": "Region {i % 40}", "geonames_id": '
            f'{100000 + i % 5000}, "precision": "settlement", "feature": null, "score": null, '
            '"start": null, "end": null}, '
            f'"date": {{"start": "{day}", "end": "{day}", "precision": "day", '
            '"text": "overnight"}, '
            f'"counts": {{"weapons": {{"min": {weapons[i]}, "max": {weapons[i]}}}, '
            f'"weapon": "{weapon[i]}", "killed": {{"min": {killed[i]}, "max": {killed[i]}}}, '
            '"injured": null, "evacuated": null, "intercepted": null}, '
            '"reported_by": "the regional governor", "status": "reported", '
            f'"evidence": [{{"start": 0, "end": {end1}, "text": "{quote1[i]}"}}, '
            f'{{"start": {s2}, "end": {e2}, "text": "{quote2[i]}"}}], '
            f'"confidence": {confidence[i]}}}'
        )
        for a, b, text in ((0, end1, quote1[i]), (s2, e2, quote2[i])):
            span_rows["record_id"].append(event_ids[i])
            span_rows["record_kind"].append("event")
            span_rows["document_id"].append(doc_ids[owner[i]])
            span_rows["start"].append(a)
            span_rows["end"].append(b)
            span_rows["text"].append(text)
    events = _typed(
        {
            "id": event_ids,
            "document_id": doc_ids[owner],
            "type": etype,
            "mode": mode,
            "acled_event_type": np.full(n_events, "Explosions/Remote violence"),
            "actor_name": [f"forces of {c}" for c in actor_country],
            "actor_country": actor_country,
            "actor_kind": np.full(n_events, "military"),
            "target_name": targets,
            "target_country": place_country,
            "target_category": target_category,
            "place_name": places,
            "lat": lat,
            "lon": lon,
            "place_country": place_country,
            "place_precision": np.full(n_events, "settlement"),
            "date_start": _days(start),
            "date_end": _days(start),
            "killed_min": killed,
            "killed_max": killed,
            "weapons_min": weapons,
            "weapon": weapon,
            "reported_by": np.full(n_events, "the regional governor"),
            "status": np.full(n_events, "reported"),
            "confidence": confidence,
            "record": records,
        },
        EVENT_TYPES,
        n_events,
    )

    # claims: two per document; commitments: one per two documents
    n_claims = 2 * n_docs
    claim_owner = np.repeat(np.arange(n_docs), 2)
    claim_ids = [f"c{i:015x}" for i in range(n_claims)]
    claim_text = say.many(n_claims, 8)
    speaker_country = rng.choice(COUNTRIES, n_claims, p=COUNTRY_P)
    disputed = rng.random(n_claims) < 0.05
    claims = _typed(
        {
            "id": claim_ids,
            "document_id": doc_ids[claim_owner],
            "speaker_name": [f"ministry of {c}" for c in speaker_country],
            "speaker_country": speaker_country,
            "channel": np.full(n_claims, "statement"),
            "quoted": np.zeros(n_claims, bool),
            "polarity": np.full(n_claims, "asserts"),
            "cue": np.full(n_claims, "said"),
            "text": claim_text,
            "disputed": disputed,
            "confidence": np.full(n_claims, 0.7),
            "record": [
                json.dumps(
                    {
                        "id": claim_ids[i],
                        "speaker": {"name": f"ministry of {speaker_country[i]}"},
                        "text": claim_text[i],
                        "channel": "statement",
                        "disputed": bool(disputed[i]),
                        "evidence": [
                            {"start": 0, "end": len(claim_text[i]), "text": claim_text[i]}
                        ],
                        "confidence": 0.7,
                    }
                )
                for i in range(n_claims)
            ],
        },
        CLAIM_TYPES,
        n_claims,
    )
    n_commit = max(1, n_docs // 2)
    commit_owner = rng.choice(n_docs, n_commit, replace=False)
    commit_ids = [f"m{i:015x}" for i in range(n_commit)]
    kinds = rng.choice(["ceasefire", "strike_halt", "truce", "withdrawal"], n_commit)
    statuses = rng.choice(["agreed", "proposed", "announced"], n_commit)

    def commitment(i: int) -> str:
        doc = doc_ids[commit_owner[i]]
        return json.dumps(
            {
                "id": commit_ids[i],
                "kind": str(kinds[i]),
                "status": str(statuses[i]),
                "declarations": [{"document_id": str(doc), "status": str(statuses[i])}],
                "evidence": [{"start": 0, "end": 40, "text": "the sides agreed to a halt"}],
                "confidence": 0.8,
            }
        )

    commit_records = [commitment(i) for i in range(n_commit)]
    commitments = _typed(
        {
            "id": commit_ids,
            "document_id": doc_ids[commit_owner],
            "kind": kinds,
            "status": statuses,
            "duration_days": np.full(n_commit, 30),
            "confidence": np.full(n_commit, 0.8),
            "record": commit_records,
        },
        COMMITMENT_TYPES,
        n_commit,
    )
    merged = pa.table(
        {
            "id": pa.array(commit_ids, pa.string()),
            "kind": pa.array(kinds, pa.string()),
            "status": pa.array(statuses, pa.string()),
            "record": pa.array(commit_records, pa.string()),
        }
    )
    # violations: a few events per commitment; contradictions between claims
    n_viol = n_commit * 2
    viol_a = [commit_ids[k] for k in rng.integers(0, n_commit, n_viol)]
    viol_b = event_ids[rng.integers(0, n_events, n_viol)]
    n_contra = n_docs // 20
    con_a = [claim_ids[k] for k in rng.integers(0, n_claims, n_contra)]
    con_b = [claim_ids[k] for k in rng.integers(0, n_claims, n_contra)]
    link_ids = [f"l{i:015x}" for i in range(n_viol + n_contra)]
    links = pa.table(
        {
            "id": pa.array(link_ids, pa.string()),
            "kind": pa.array(["violation"] * n_viol + ["contradiction"] * n_contra, pa.string()),
            "subtype": pa.array(["candidate"] * n_viol + ["denial"] * n_contra, pa.string()),
            "a": pa.array(viol_a + con_a, pa.string()),
            "b": pa.array(list(viol_b) + con_b, pa.string()),
            "explanation": pa.array(["same place and time"] * (n_viol + n_contra), pa.string()),
            "confidence": pa.array(np.full(n_viol + n_contra, 0.6), pa.float64()),
            "record": pa.array(
                [
                    json.dumps({"id": link_ids[i], "a": a, "b": str(b), "confidence": 0.6})
                    for i, (a, b) in enumerate(
                        zip(viol_a + con_a, list(viol_b) + con_b, strict=True)
                    )
                ],
                pa.string(),
            ),
        }
    )

    # clusters: consecutive events of the same day form a cluster of one to three mentions
    order = np.lexsort((rng.random(n_events), start))
    sizes = rng.choice([1, 1, 1, 2, 3], n_events)
    bounds = np.cumsum(sizes)
    bounds = bounds[bounds < n_events]
    groups = np.split(order, bounds)
    cluster_ids = [f"k{i:015x}" for i in range(len(groups))]
    member_cluster = np.repeat(np.array(cluster_ids), [len(g) for g in groups])
    first = np.array([g[0] for g in groups])
    cluster_records = [
        json.dumps(
            {
                "id": cluster_ids[k],
                "event_ids": [str(event_ids[i]) for i in g],
                "document_ids": [str(doc_ids[owner[i]]) for i in g],
                "type": str(etype[g[0]]),
                "place": {"name": places[g[0]], "lat": float(lat[g[0]]), "lon": float(lon[g[0]])},
                "date": {"start": _iso(start[g[0]]), "end": _iso(start[g[0]])},
                "sources": sorted({str(sources[owner[i]]) for i in g}),
                "possible_duplicate": len(g) > 1,
                "reasons": ["same type", "place strong"],
            }
        )
        for k, g in enumerate(groups)
    ]
    clusters = _typed(
        {
            "id": cluster_ids,
            "type": etype[first],
            "size": np.array([len(g) for g in groups]),
            "possible_duplicate": np.array([len(g) > 1 for g in groups]),
            "lat": lat[first],
            "lon": lon[first],
            "date_start": _days(start[first]),
            "date_end": _days(start[first]),
            "record": cluster_records,
        },
        CLUSTER_TYPES,
        len(groups),
    )
    members = _typed(
        {"cluster_id": member_cluster, "event_id": event_ids[np.concatenate(groups)]},
        MEMBER_TYPES,
        n_events,
    )
    spans = _typed(span_rows, SPAN_TYPES, len(span_rows["text"]))
    return {
        "documents": documents,
        "sightings": sightings,
        "events": events,
        "spans": spans,
        "claims": claims,
        "commitments": commitments,
        "merged_commitments": merged,
        "links": links,
        "event_clusters": clusters,
        "event_cluster_members": members,
    }


def build(path: Path, n_events: int, n_docs: int) -> None:
    started = time.perf_counter()
    tables = synthetic_tables(n_events, n_docs)
    print(
        f"generated {n_events:,} events, {n_docs:,} documents "
        f"in {time.perf_counter() - started:.1f} s"
    )
    with Store(path) as store:
        for name, table in tables.items():
            started = time.perf_counter()
            for offset in range(0, table.num_rows, 200_000):
                store._insert(name, table.slice(offset, 200_000))
            seconds = time.perf_counter() - started
            print(f"  load {name:<22}{table.num_rows:>10,} rows in {seconds:6.2f} s")
        started = time.perf_counter()
        store.rebuild_event_terms()  # the bulk path above skips write_results' word index
        print(f"  index event_terms {time.perf_counter() - started:24.2f} s")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def cases(store: ReadStore, path: Path, rng: np.random.Generator) -> dict[str, Callable[[], Any]]:
    counts = store.counts()  # the generator's ids are numbered: d<hex>, e<hex>
    doc_ids = [f"d{int(i):015x}" for i in rng.integers(0, counts["documents"], 2000)]
    event_ids = [f"e{int(i):015x}" for i in rng.integers(0, counts["events"], 2000)]
    pick = lambda xs: xs[int(rng.integers(0, len(xs)))]  # noqa: E731

    def window() -> dict[str, dt.date]:
        day = DAY0 + dt.timedelta(days=int(rng.integers(0, DAYS - 30)))
        return {"since": day, "until": day + dt.timedelta(days=int(rng.integers(1, 30)))}

    def bbox() -> tuple[float, float, float, float]:
        lon, lat = float(rng.uniform(22, 39)), float(rng.uniform(44, 51))
        return (lon, lat, lon + 2.0, lat + 2.0)

    def ev(**kw: Any) -> Callable[[], Any]:
        return lambda: store.events(EventFilter(**{k: v() for k, v in kw.items()}), limit=100)

    def map_page(f: EventFilter) -> None:
        store.map_events(f, limit=2000)
        store.event_days(f)
        store.event_types()

    return {
        "open a ReadStore (per request)": lambda: ReadStore(path).close(),
        "events: no filter": ev(),
        "events: page at offset 5,000": lambda: store.events(limit=100, offset=5000),
        "events: since (open-ended)": lambda: store.events(EventFilter(since=window()["since"])),
        "events: since + until": lambda: store.events(EventFilter(**window())),
        "events: country": ev(country=lambda: pick(COUNTRIES)),
        "events: type": ev(type=lambda: pick(TYPES)),
        "events: category": ev(category=lambda: pick(CATEGORIES)),
        "events: bbox": ev(bbox=bbox),
        "events: window+country+type+bbox": lambda: store.events(
            EventFilter(**window(), country=pick(COUNTRIES), type=pick(TYPES), bbox=bbox())
        ),
        "events: q (rare word)": ev(q=lambda: pick(RARE)),
        "events: q (common word)": ev(q=lambda: pick(WORDS[20:])),
        "events: q + country": ev(q=lambda: pick(RARE), country=lambda: pick(COUNTRIES)),
        "events: document_id": ev(document_id=lambda: pick(doc_ids)),
        "event_days: all": lambda: store.event_days(EventFilter()),
        "event_days: window": lambda: store.event_days(EventFilter(**window())),
        "event_days: country": lambda: store.event_days(EventFilter(country=pick(COUNTRIES))),
        "event_days: q": lambda: store.event_days(EventFilter(q=pick(RARE))),
        "map page / (30-day window)": lambda: map_page(EventFilter(**window())),
        "map page / (no filter, 2,000 events)": lambda: map_page(EventFilter()),
        "document": lambda: store.document(pick(doc_ids)),
        "documents: list": lambda: store.documents(limit=100),
        "clusters: no filter": lambda: store.clusters(ClusterFilter()),
        "clusters: window": lambda: store.clusters(ClusterFilter(**window())),
        "clusters: min_size 2 + type": lambda: store.clusters(
            ClusterFilter(min_size=2, type=pick(TYPES))
        ),
        "clusters: event_id": lambda: store.clusters(ClusterFilter(event_id=pick(event_ids))),
        "cluster map (500, no mentions)": lambda: store.clusters(
            ClusterFilter(**window()), limit=500, mentions=False
        ),
        "commitments: no filter": lambda: store.commitments(),
        "commitments: status": lambda: store.commitments(status="agreed"),
        "claims: no filter": lambda: store.claims(),
        "claims: q": lambda: store.claims(q=pick(RARE)),
        "claims: disputed + country": lambda: store.claims(disputed=True, country=pick(COUNTRIES)),
        "contradictions": lambda: store.contradictions(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--db", type=Path, help="keep the store here and reuse it")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="cw-store-bench-")) / "bench.duckdb"
    if not path.exists():
        build(path, args.events, args.documents)
    else:
        started = time.perf_counter()
        Store(path).close()  # migrate a store built by an older version
        print(f"opened {path} (migrations) in {time.perf_counter() - started:.1f} s")
    rng = np.random.default_rng(11)
    failed = 0
    with ReadStore(path, timeout=600) as store:
        counts = store.counts()
        print(f"store: {counts['events']:,} events, {counts['documents']:,} documents ({path})")
        print(f"\n{'ReadStore query (page of 100)':<40}{'p50 ms':>9}{'p95 ms':>9}{'p95<200':>9}")
        for name, run in cases(store, path, rng).items():
            if args.only and args.only not in name:
                continue
            run()  # warm
            samples = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                run()
                samples.append(time.perf_counter() - start)
            p50, p95 = percentiles(samples)
            ok = p95 < TARGET_MS
            failed += not ok
            print(f"{name:<40}{p50:>9.1f}{p95:>9.1f}{'pass' if ok else 'FAIL':>9}", flush=True)
    print(f"\n{failed} of the queries miss the {TARGET_MS:.0f} ms p95 target")


if __name__ == "__main__":
    main()
