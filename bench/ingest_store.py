"""Ingest and store throughput, with baselines measured in the same run.

    python bench/ingest_store.py [--corpus PATH] [--repeat N]

- ingest: documents/s through ``read_inputs`` (JSONL -> cleaned Documents), against the baseline
  of only reading and decoding the same JSONL lines;
- store: documents/s written to a fresh DuckDB file through ``Store.write_results`` (Arrow bulk
  load, one transaction per batch), against the baseline of row-by-row ``executemany`` inserts of
  the same document rows.

Uses ../shared/data/corpus/ukraine_war_news.jsonl when present, else a synthetic corpus.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import duckdb
from corpus import DEFAULT_CORPUS, corpus_or_synthetic

from ceasewatch.config import Config
from ceasewatch.ingest import read_inputs
from ceasewatch.model import Document, DocumentResult
from ceasewatch.store import Store


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="store passes (best is kept)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cw-bench-"))
    corpus = corpus_or_synthetic(args.corpus, tmp, 500)
    print(f"corpus: {corpus}")

    lines, base_s = timed(lambda: [json.loads(x) for x in corpus.open(encoding="utf-8")])
    items, ingest_s = timed(lambda: list(read_inputs([str(corpus)], Config())))
    docs = list({d.id: d for d in items if isinstance(d, Document)}.values())  # distinct texts
    n = len(lines)
    print(f"\n{'stage':<34}{'docs':>6}{'seconds':>10}{'docs/s':>10}{'ratio':>8}")
    print(f"{'baseline: read + json.loads':<34}{n:>6}{base_s:>10.3f}{n / base_s:>10.0f}{1:>8.2f}")
    print(
        f"{'ingest: read_inputs (cleaned)':<34}{len(items):>6}{ingest_s:>10.3f}"
        f"{len(items) / ingest_s:>10.0f}{(len(items) / ingest_s) / (n / base_s):>8.3f}"
    )
    skips = sum(not isinstance(d, Document) for d in items)
    print(f"  -> {len(items) - skips} documents ({len(docs)} distinct texts), {skips} skips")

    results = [DocumentResult(document=d) for d in docs]
    best_store = best_rows = float("inf")
    for i in range(args.repeat):
        db = tmp / f"store-{i}.duckdb"
        with Store(db) as store:
            _, s = timed(lambda store=store: store.write_results(results, "bench"))
        best_store = min(best_store, s)
        con = duckdb.connect(str(tmp / f"rows-{i}.duckdb"))
        con.execute(
            "CREATE TABLE documents (id VARCHAR PRIMARY KEY, title VARCHAR, "
            "published VARCHAR, source VARCHAR, url VARCHAR, text VARCHAR)"
        ).fetchall()
        rows = [(d.id, d.title, d.published, d.source, d.url, d.text) for d in docs]
        _, s = timed(
            lambda con=con, rows=rows: con.executemany(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", rows
            ).fetchall()
        )
        con.close()
        best_rows = min(best_rows, s)
    m = len(results)
    print(
        f"{'baseline: executemany row inserts':<34}{m:>6}{best_rows:>10.3f}"
        f"{m / best_rows:>10.0f}{1:>8.2f}"
    )
    print(
        f"{'store: Arrow bulk write':<34}{m:>6}{best_store:>10.3f}{m / best_store:>10.0f}"
        f"{best_rows / best_store:>8.2f}"
    )


if __name__ == "__main__":
    main()
