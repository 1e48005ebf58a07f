"""Bulk load rate and query latency of the DuckDB store at one million events.

    python bench/store_queries.py [--events N] [--documents N] [--repeat N]

Generates a synthetic store (numpy + pyarrow straight into the ``events`` / ``documents``
schema; no text from any corpus), writes it as Parquet and bulk-loads it with ``read_parquet``
into a fresh store (rows/s), then times the main API queries (``store/bench_queries.py``), each
``--repeat`` times with random parameters, and prints p50/p95 in ms (target p95 < 200 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ceasewatch.store import Store
from ceasewatch.store import bench_queries as q
from ceasewatch.store.parquet import TABLE_TYPES

TYPES = ["ASSAULT", "FIGHT", "COERCE", "AGREE", "CONSULT", "MOBILIZE", "PROTEST", "AID"]
COUNTRIES = ["UKR", "RUS", "SYR", "SDN", "ISR", "PSE"]
DAY0 = dt.date(2022, 1, 1)
DAYS = 4 * 365


def synthetic_tables(n_events: int, n_docs: int, seed: int = 7) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    doc_ids = np.array([f"d{i:09d}" for i in range(n_docs)])
    doc_days = rng.integers(0, DAYS, n_docs)
    documents = {
        "id": doc_ids,
        "title": [f"Synthetic report {i}" for i in range(n_docs)],
        "published": [(DAY0 + dt.timedelta(days=int(d))).isoformat() for d in doc_days],
        "published_date": pa.array(
            doc_days.astype("int32") + (DAY0 - dt.date(1970, 1, 1)).days, pa.date32()
        ),
        "source": rng.choice(["Wire A", "Wire B", "Wire C"], n_docs),
        "language": np.full(n_docs, "en"),
        "origin": doc_ids,
        "text": np.full(n_docs, "Synthetic text."),
        "pipeline_version": np.full(n_docs, "bench"),
    }
    owner = rng.integers(0, n_docs, n_events)
    start = doc_days[owner] - rng.integers(0, 3, n_events)
    epoch = (DAY0 - dt.date(1970, 1, 1)).days
    killed = rng.poisson(1.5, n_events)
    events = {
        "id": [f"e{i:010d}" for i in range(n_events)],
        "document_id": doc_ids[owner],
        "type": rng.choice(TYPES, n_events, p=[0.4, 0.2, 0.1, 0.05, 0.1, 0.05, 0.05, 0.05]),
        "mode": rng.choice(["aerial", "missile", "artillery", "firearms"], n_events),
        "actor_name": rng.choice(["Russian forces", "Ukrainian forces", "unknown"], n_events),
        "actor_country": rng.choice(["RUS", "UKR"], n_events),
        "place_name": rng.choice(["Town A", "Town B", "Town C", "Town D"], n_events),
        "lat": rng.uniform(44.0, 53.0, n_events),
        "lon": rng.uniform(22.0, 41.0, n_events),
        "place_country": rng.choice(COUNTRIES, n_events, p=[0.6, 0.2, 0.05, 0.05, 0.05, 0.05]),
        "place_precision": rng.choice(["settlement", "admin1", "country"], n_events),
        "date_start": pa.array((start + epoch).astype("int32"), pa.date32()),
        "date_end": pa.array((start + epoch).astype("int32"), pa.date32()),
        "killed_min": killed,
        "killed_max": killed,
        "status": np.full(n_events, "reported"),
        "confidence": rng.uniform(0.3, 0.9, n_events),
        "record": np.full(n_events, json.dumps({"synthetic": True})),
    }
    out = {}
    for name, columns in (("documents", documents), ("events", events)):
        size = n_docs if name == "documents" else n_events
        types = TABLE_TYPES[name]
        out[name] = pa.table(
            {
                c: pa.array(columns[c], t)
                if c in columns and not isinstance(columns[c], pa.Array)
                else columns[c]
                if c in columns
                else pa.nulls(size, t)
                for c, t in types.items()
            }
        )
    return out


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cw-store-bench-"))
    started = time.perf_counter()
    tables = synthetic_tables(args.events, args.documents)
    print(
        f"generated {args.events} events, {args.documents} documents in "
        f"{time.perf_counter() - started:.1f} s"
    )
    files: dict[str, list[str]] = {}
    for name, table in tables.items():
        folder = tmp / name
        folder.mkdir()
        files[name] = []
        for k, offset in enumerate(range(0, table.num_rows, 250_000)):
            path = folder / f"part-{k}.parquet"
            pq.write_table(table.slice(offset, 250_000), path)
            files[name].append(str(path))

    with Store(tmp / "bench.duckdb") as store:
        for name in ("documents", "events"):
            start = time.perf_counter()
            rows = q.insert_parquet(store, name, files[name])
            seconds = time.perf_counter() - start
            print(
                f"bulk load {name}: {rows} rows in {seconds:.2f} s = {rows / seconds:,.0f} rows/s"
            )

        rng = np.random.default_rng(11)
        doc_ids = tables["documents"].column("id").to_pylist()

        def window() -> tuple[dt.date, dt.date]:
            day = DAY0 + dt.timedelta(days=int(rng.integers(0, DAYS - 30)))
            return day, day + dt.timedelta(days=int(rng.integers(1, 30)))

        def bbox() -> q.BBox:
            lon, lat = float(rng.uniform(22, 39)), float(rng.uniform(44, 51))
            return (lon, lat, lon + 2.0, lat + 2.0)

        cases = {
            "events by date range": lambda: q.events_in_window(store, *window()),
            "events by date + country": lambda: q.events_in_window(
                store, *window(), country=str(rng.choice(COUNTRIES))
            ),
            "events by date + type": lambda: q.events_in_window(
                store, *window(), event_type=str(rng.choice(TYPES))
            ),
            "events by date + bbox": lambda: q.events_in_window(store, *window(), bbox=bbox()),
            "events by all filters": lambda: q.events_in_window(
                store, *window(), country="UKR", event_type="ASSAULT", bbox=bbox()
            ),
            "document with its records": lambda: q.document_with_records(
                store, doc_ids[int(rng.integers(0, len(doc_ids)))]
            ),
            "counts per day and type (30 d)": lambda: q.counts_per_day_and_type(store, *window()),
            "counts per day and type (all)": lambda: q.counts_per_day_and_type(
                store, DAY0, DAY0 + dt.timedelta(days=DAYS)
            ),
        }
        print(f"\n{'query (limit 100)':<34}{'p50 ms':>9}{'p95 ms':>9}{'< 200 ms':>10}")
        for name, run in cases.items():
            run()  # warm
            samples = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                run()
                samples.append(time.perf_counter() - start)
            p50, p95 = percentiles(samples)
            print(f"{name:<34}{p50:>9.1f}{p95:>9.1f}{'yes' if p95 < 200 else 'NO':>10}")


if __name__ == "__main__":
    main()
