"""Dask speed-up: the same corpus with 1 and 2 local worker processes.

    python bench/dask_speedup.py [--corpus PATH] [--limit N] [--partition-size N]

For each worker count: the cluster start-up (scheduler + worker processes), the per-worker warm-up
(loading spaCy and the place index, ``warm_worker``) and the run itself (``run_dask`` into a
fresh DuckDB file: partitions, extraction on the workers, Parquet shards, bulk load, linking).
Prints the speed-up of 2 workers over 1 (target >= 1.6x on 2 cores).
Uses ../shared/data/corpus/ukraine_war_news.jsonl when present, else a synthetic corpus.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from corpus import DEFAULT_CORPUS, corpus_or_synthetic

from ceasewatch.config import Config
from ceasewatch.scale.dask_engine import dask_client, run_dask, warm_worker
from ceasewatch.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N lines of the corpus")
    parser.add_argument("--partition-size", type=int, default=16)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("distributed").setLevel(logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="cw-dask-bench-"))
    corpus = corpus_or_synthetic(args.corpus, tmp, 200)
    if args.limit:
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)[: args.limit]
        corpus = tmp / "corpus.jsonl"
        corpus.write_text("".join(lines), encoding="utf-8")
    print(f"corpus: {corpus}")
    timings = {}
    for workers in (1, 2):
        start = time.perf_counter()
        with dask_client(workers=workers) as client:
            cluster_s = time.perf_counter() - start
            start = time.perf_counter()
            warm = client.run(warm_worker)
            warm_s = time.perf_counter() - start
            with Store(tmp / f"w{workers}.duckdb") as store:
                start = time.perf_counter()
                report = run_dask(
                    [str(corpus)],
                    Config(),
                    store,
                    client=client,
                    partition_size=args.partition_size,
                )
                run_s = time.perf_counter() - start
        timings[workers] = run_s
        per_worker = ", ".join(f"{s:.1f}" for s in warm.values())
        print(
            f"\n{workers} worker(s): cluster start {cluster_s:.1f} s; warm-up per worker "
            f"[{per_worker}] s (wall {warm_s:.1f} s)"
        )
        print(
            f"  run: {run_s:.1f} s, read {report.read}, stored {report.stored}, "
            f"{report.stored / run_s:.2f} docs/s, records {dict(report.records)}"
        )
    print(f"\nspeed-up 2 workers / 1 worker: {timings[1] / timings[2]:.2f}x (target >= 1.6x)")


if __name__ == "__main__":
    main()
