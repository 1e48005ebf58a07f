"""Parquet shards with the store's table schema, and bulk loading them into DuckDB.

A dataset is a folder with one sub-folder per table (``documents``, ``events``, ``commitments``,
``claims``, ``spans``, ``sightings``, ``skips``, ``units``) and one file per shard in each:
``ROOT/events/<shard>.parquet``. The columns are those of the DuckDB tables (``store/schema.py``),
so ``read_parquet('ROOT/events/*.parquet')`` reads like the ``events`` table. ``units`` is the
run accounting of a shard (one row per input unit: stored document, unchanged, skip).

A shard is written table by table to temporary files renamed into place, ``units`` last: a shard
is complete exactly when its ``units`` file exists, so re-writing one is idempotent and a reader
never sees half a shard.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ceasewatch.model import DocumentResult
from ceasewatch.store.duckdb_store import (
    CLAIM_TYPES,
    COMMITMENT_TYPES,
    EVENT_TYPES,
    RECORD_TABLES,
    SPAN_TYPES,
    Store,
    result_tables,
)

log = logging.getLogger(__name__)

S, INT, B, D = pa.string(), pa.int64(), pa.bool_(), pa.date32()
DOCUMENT_TYPES = {
    "id": S,
    "external_id": S,
    "title": S,
    "published": S,
    "published_date": D,
    "source": S,
    "url": S,
    "language": S,
    "author": S,
    "origin": S,
    "text": S,
    "pipeline_version": S,
    "stored_at": pa.timestamp("us"),
}
SIGHTING_TYPES = {
    "document_id": S,
    "origin": S,
    "external_id": S,
    "published": S,
    "source": S,
    "url": S,
    "title": S,
    "seen_at": pa.timestamp("us"),
}
SKIP_TYPES = {"run_id": S, "origin": S, "reason": S, "detail": S, "failed": B}
UNIT_TYPES = {
    "partition": INT,
    "position": INT,
    "origin": S,
    "outcome": S,
    "document_id": S,
    "reason": S,
    "detail": S,
    "failed": B,
    "events": INT,
    "commitments": INT,
    "claims": INT,
}
"""``outcome``: ``document`` (extracted here), ``unchanged`` (already stored) or ``skip``."""

TABLE_TYPES: dict[str, dict[str, pa.DataType]] = {
    "documents": DOCUMENT_TYPES,
    "events": EVENT_TYPES,
    "commitments": COMMITMENT_TYPES,
    "claims": CLAIM_TYPES,
    "spans": SPAN_TYPES,
    "sightings": SIGHTING_TYPES,
    "skips": SKIP_TYPES,
    "units": UNIT_TYPES,
}
DATA_TABLES = ("documents", *RECORD_TABLES)


def typed_table(rows: Sequence[dict], name: str) -> pa.Table:
    """Rows as an Arrow table with exactly the columns and types of table ``name``."""
    types = TABLE_TYPES[name]
    return pa.table({c: pa.array([r.get(c) for r in rows], t) for c, t in types.items()})


def conform(table: pa.Table, name: str) -> pa.Table:
    """``table`` with the columns of ``name`` in schema order (missing ones null), cast."""
    types = TABLE_TYPES[name]
    columns = {}
    for column, dtype in types.items():
        if column in table.column_names:
            columns[column] = table.column(column).cast(dtype)
        else:
            columns[column] = pa.nulls(table.num_rows, dtype)
    return pa.table(columns)


def shard_tables(
    results: Sequence[DocumentResult], pipeline_version: str, now: dt.datetime | None = None
) -> dict[str, pa.Table]:
    """The rows ``Store.write_results`` would insert, as typed tables (one per data table)."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if not results:
        return {name: typed_table([], name) for name in DATA_TABLES}
    tables = result_tables(results, pipeline_version, now)
    return {name: conform(table, name) for name, table in tables.items()}


def shard_path(root: Path, table: str, shard: str) -> Path:
    return Path(root) / table / f"{shard}.parquet"


def shard_done(root: Path, shard: str) -> bool:
    return shard_path(root, "units", shard).exists()


def write_shard(root: Path, shard: str, tables: dict[str, pa.Table]) -> None:
    """Write one shard (every table, ``units`` last), each file atomically."""
    order = [n for n in TABLE_TYPES if n != "units" and n in tables] + ["units"]
    for name in order:
        table = conform(tables[name], name) if name in tables else typed_table([], name)
        target = shard_path(root, name, shard)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{shard}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def remove_shard(root: Path, shard: str) -> None:
    for name in TABLE_TYPES:  # units first would break the completeness rule; order irrelevant
        shard_path(root, name, shard).unlink(missing_ok=True)


def remove_empty_dataset(root: Path) -> None:
    """Remove the folders of a dataset whose shards were all removed."""
    for name in TABLE_TYPES:
        with contextlib.suppress(OSError):
            (Path(root) / name).rmdir()
    with contextlib.suppress(OSError):
        Path(root).rmdir()


def read_shard_table(root: Path, table: str, shard: str) -> pa.Table:
    return conform(pq.read_table(shard_path(root, table, shard)), table)


def dataset_shards(root: Path) -> list[str]:
    """Names of the complete shards in a dataset, sorted."""
    folder = Path(root) / "units"
    return sorted(p.stem for p in folder.glob("*.parquet")) if folder.exists() else []


# loading into DuckDB ------------------------------------------------------------------


def stored_document_ids(store: Store, pipeline_version: str) -> set[str]:
    """Ids of the documents stored by ``pipeline_version`` (they need no new extraction)."""
    rows = store.con.execute(
        "SELECT id FROM documents WHERE pipeline_version = ?", [pipeline_version]
    ).fetchall()
    return {r[0] for r in rows}


def load_shards(store: Store, root: Path, winners: dict[str, str]) -> dict[str, int]:
    """Bulk-load documents ``winners`` (document id -> shard holding the copy to keep).

    One transaction: the rows of those documents are deleted from every data table and
    re-inserted with ``INSERT ... SELECT FROM read_parquet(...)``. Returns rows inserted per table.
    """
    inserted = {name: 0 for name in DATA_TABLES}
    if not winners:
        return inserted
    shards = sorted(set(winners.values()))
    wanted = pa.table(
        {
            "id": pa.array(list(winners), pa.string()),
            "shard": pa.array(list(winners.values()), pa.string()),
        }
    )
    store.con.register("cw_winners", wanted)
    try:
        store.con.execute("BEGIN TRANSACTION").fetchall()
        for name in DATA_TABLES:
            key = "id" if name == "documents" else "document_id"
            files = [str(shard_path(root, name, s)) for s in shards]
            columns = ", ".join(f'p."{c}"' for c in TABLE_TYPES[name])
            names = ", ".join(f'"{c}"' for c in TABLE_TYPES[name])
            store.con.execute(
                f"DELETE FROM {name} WHERE {key} IN (SELECT id FROM cw_winners)"
            ).fetchall()
            row = store.con.execute(
                f"INSERT INTO {name} ({names}) SELECT {columns} "
                f"FROM read_parquet(?, filename = true) p JOIN cw_winners w "
                f"ON p.{key} = w.id AND parse_filename(p.filename, true) = w.shard",
                [files],
            ).fetchone()
            inserted[name] = int(row[0]) if row else 0
        store.con.execute("COMMIT").fetchall()
    except Exception:
        store.con.execute("ROLLBACK").fetchall()
        raise
    finally:
        store.con.unregister("cw_winners")
    return inserted


def load_sightings(store: Store, root: Path, shards: Sequence[str]) -> int:
    """Bulk-load the sightings (document, origin) of ``shards``; a repeated pair is replaced."""
    files = [
        str(shard_path(root, "sightings", s))
        for s in shards
        if shard_path(root, "sightings", s).exists()
    ]
    if not files:
        return 0
    names = ", ".join(f'"{c}"' for c in SIGHTING_TYPES)
    store.con.execute("BEGIN TRANSACTION").fetchall()
    try:
        store.con.execute(
            f"CREATE TEMP TABLE cw_sightings AS SELECT DISTINCT ON (document_id, origin) {names} "
            "FROM read_parquet(?)",
            [files],
        ).fetchall()
        store.con.execute(
            "DELETE FROM sightings WHERE (document_id, origin) IN "
            "(SELECT (document_id, origin) FROM cw_sightings)"
        ).fetchall()
        row = store.con.execute(
            f"INSERT INTO sightings ({names}) SELECT {names} FROM cw_sightings"
        ).fetchone()
        store.con.execute("DROP TABLE cw_sightings").fetchall()
        store.con.execute("COMMIT").fetchall()
    except Exception:
        store.con.execute("ROLLBACK").fetchall()
        raise
    return int(row[0]) if row else 0


def load_dataset(store: Store, root: Path, shards: Iterable[str] | None = None) -> dict[str, int]:
    """Load a whole Parquet dataset into the store; a document in several shards is kept from
    the first shard (by name) that holds it."""
    winners: dict[str, str] = {}
    for shard in shards if shards is not None else dataset_shards(root):
        ids = pq.read_table(shard_path(root, "documents", shard), columns=["id"]).column("id")
        for doc_id in ids.to_pylist():
            winners.setdefault(doc_id, shard)
    loaded = load_shards(store, root, winners)
    loaded["sightings"] = load_sightings(store, root, sorted(set(winners.values())))
    return loaded
