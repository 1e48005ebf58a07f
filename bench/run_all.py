"""Run every benchmark, one after the other, and keep their printed tables.

    python bench/run_all.py [--quick] [--out bench/results/latest.txt]

``--quick`` uses a 100-document slice for the extraction and Dask benchmarks and 200,000 events
for the store benchmark. Each benchmark measures its own baseline in the same run and prints
ratios against it; run them on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHMARKS = [
    ("ingest_store.py", [], []),
    ("extract_speed.py", [], ["--limit", "100"]),
    ("dask_speedup.py", [], ["--limit", "100"]),
    ("store_queries.py", [], ["--events", "200000", "--documents", "20000", "--repeat", "20"]),
    ("link_scale.py", [], ["--sizes", "500", "1000"]),
    ("long_documents.py", [], []),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.txt")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    failed = 0
    with args.out.open("w") as log:
        for script, full, quick in BENCHMARKS:
            command = [sys.executable, str(HERE / script), *(quick if args.quick else full)]
            header = f"\n=== {script} {' '.join(command[2:])}\n"
            print(header, flush=True)
            log.write(header)
            started = time.perf_counter()
            proc = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent)
            output = proc.stdout + (proc.stderr[-2000:] if proc.returncode else "")
            print(output, flush=True)
            log.write(output + f"\n({time.perf_counter() - started:.0f} s)\n")
            failed += proc.returncode != 0
    print(f"tables saved in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
