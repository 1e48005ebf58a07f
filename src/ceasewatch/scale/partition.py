"""Splitting a run's inputs into independent partitions, and reading one partition.

A partition is a unit of work for one worker:

1. ``lines``: a range of lines of a large JSONL file (``start``..``stop``, 1-based, inclusive
   start, exclusive stop);
2. ``rows``: a range of data rows of a large CSV/TSV file (0-based row indexes);
3. ``inputs``: a group of whole inputs (small files, WARC archives, feeds, URLs, directories
   with no file) read with ``read_inputs`` exactly as a local run reads them.

Reading a partition yields the same Documents and Skips, with the same origins, as the local
``read_inputs`` gives for that part of the input, so both paths account for inputs alike. The
partition key hashes the spec, the files' sizes and modification times and the pipeline version:
it names the partition's shard, so a re-run finds the shards it already wrote.
"""

from __future__ import annotations

import csv
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ceasewatch.config import Config
from ceasewatch.ingest import read_inputs
from ceasewatch.ingest.fetch import is_url
from ceasewatch.ingest.records import read_csv, read_jsonl
from ceasewatch.ingest.sources import CSV_SUFFIXES, JSONL_SUFFIXES
from ceasewatch.model import Document, Skip, content_id
from ceasewatch.pipeline import PIPELINE_VERSION

log = logging.getLogger(__name__)

DEFAULT_SIZE = 32
"""Input units (lines, rows, files, URLs) per partition."""


@dataclass(frozen=True)
class Partition:
    kind: str  # lines | rows | inputs
    items: tuple[str, ...]  # one path for lines/rows; paths, directories or URLs for inputs
    start: int = 0
    stop: int | None = None
    fingerprint: str = ""
    ordinal: int = 0  # position in the run (accounting order); not part of the key
    units: int = 1  # estimated input units, for balancing

    @property
    def key(self) -> str:
        return content_id(
            self.kind,
            *self.items,
            str(self.start),
            str(self.stop),
            self.fingerprint,
            PIPELINE_VERSION,
            length=24,
        )

    @property
    def label(self) -> str:
        if self.kind == "inputs":
            more = f" (+{len(self.items) - 1})" if len(self.items) > 1 else ""
            return f"{self.items[0]}{more}"
        return f"{self.items[0]}[{self.kind} {self.start}:{self.stop}]"


def _fingerprint(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _jsonl_lines(path: Path) -> list[int]:
    """Line numbers of the non-blank lines (the JSONL units)."""
    with path.open("rb") as stream:
        return [n for n, raw in enumerate(stream, start=1) if raw.strip()]


def _csv_rows(path: Path, config: Config) -> int | None:
    """Number of data rows, or None when the file does not parse cleanly (read it whole)."""
    csv.field_size_limit(min(sys.maxsize, config.max_bytes * 4))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return sum(1 for _ in csv.DictReader(stream, delimiter=delimiter))
    except (UnicodeDecodeError, csv.Error, OSError):
        return None


def _expand(item: str) -> list[tuple[str, Path | None]]:
    """An input as (input string, file) pairs: a directory becomes its files, like read_inputs."""
    if is_url(item):
        return [(item, None)]
    path = Path(item).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        return [(str(f), f) for f in files] if files else [(item, None)]
    return [(item, path if path.is_file() else None)]


def plan_partitions(
    inputs: Sequence[str], config: Config, *, size: int = DEFAULT_SIZE
) -> list[Partition]:
    """Partitions covering every input unit once, in input order."""
    out: list[Partition] = []
    group: list[str] = []
    prints: list[str] = []

    def flush() -> None:
        if group:
            out.append(
                Partition("inputs", tuple(group), fingerprint=";".join(prints), units=len(group))
            )
            group.clear()
            prints.clear()

    for item in inputs:
        for name, path in _expand(item):
            lower = path.name.lower() if path else ""
            ranges: list[Partition] = []
            if path is not None and lower.endswith(JSONL_SUFFIXES):
                lines = _jsonl_lines(path)
                if len(lines) > size:
                    fp = _fingerprint(path)
                    for i in range(0, len(lines), size):
                        chunk = lines[i : i + size]
                        stop = lines[i + size] if i + size < len(lines) else chunk[-1] + 1
                        ranges.append(
                            Partition("lines", (name,), chunk[0], stop, fp, units=len(chunk))
                        )
            elif path is not None and lower.endswith(CSV_SUFFIXES):
                rows = _csv_rows(path, config)
                if rows is not None and rows > size:
                    fp = _fingerprint(path)
                    for i in range(0, rows, size):
                        ranges.append(
                            Partition(
                                "rows",
                                (name,),
                                i,
                                min(i + size, rows),
                                fp,
                                units=min(size, rows - i),
                            )
                        )
            if ranges:
                flush()
                out.extend(ranges)
                continue
            group.append(name)
            prints.append(_fingerprint(path) if path else name)
            if len(group) >= size:
                flush()
    flush()
    return [
        Partition(p.kind, p.items, p.start, p.stop, p.fingerprint, ordinal=i, units=p.units)
        for i, p in enumerate(out)
    ]


def read_partition(partition: Partition, config: Config) -> Iterator[Document | Skip]:
    """The Documents and Skips of one partition, with the origins a local run gives them."""
    if partition.kind == "inputs":
        yield from read_inputs(list(partition.items), config)
    elif partition.kind == "lines":
        yield from read_jsonl(
            Path(partition.items[0]), config, start=partition.start, stop=partition.stop
        )
    elif partition.kind == "rows":
        yield from read_csv(
            Path(partition.items[0]), config, start=partition.start, stop=partition.stop
        )
    else:
        raise ValueError(f"unknown partition kind {partition.kind!r}")
