"""The main API read queries, as timed by ``bench/store_queries.py``.

Events by date window with optional country / type / bounding box filters, one document with its
records, and counts per day and type. (``store/queries.py`` holds the API's own versions.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ceasewatch.store.duckdb_store import Store

BBox = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def events_in_window(
    store: Store,
    start: dt.date,
    end: dt.date,
    *,
    country: str | None = None,
    event_type: str | None = None,
    bbox: BBox | None = None,
    limit: int = 100,
) -> list[tuple[Any, ...]]:
    """Events whose dates overlap ``start``..``end``, newest first."""
    where = ["date_start <= ?", "coalesce(date_end, date_start) >= ?"]
    params: list[Any] = [end, start]
    if country:
        where.append("place_country = ?")
        params.append(country)
    if event_type:
        where.append("type = ?")
        params.append(event_type)
    if bbox:
        where.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
        params.extend([bbox[0], bbox[2], bbox[1], bbox[3]])
    sql = (
        "SELECT id, document_id, type, place_name, lat, lon, date_start, date_end, killed_min "
        f"FROM events WHERE {' AND '.join(where)} ORDER BY date_start DESC, id LIMIT ?"
    )
    return store.con.execute(sql, [*params, limit]).fetchall()


def document_with_records(store: Store, document_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """A document row and the rows of its events, commitments, claims and spans."""
    out = {
        "documents": store.con.execute(
            "SELECT id, title, published, source, url FROM documents WHERE id = ?", [document_id]
        ).fetchall()
    }
    for table in ("events", "commitments", "claims", "spans"):
        out[table] = store.con.execute(
            f"SELECT * FROM {table} WHERE document_id = ?", [document_id]
        ).fetchall()
    return out


def counts_per_day_and_type(store: Store, start: dt.date, end: dt.date) -> list[tuple[Any, ...]]:
    """Number of events per start day and type in a window."""
    return store.con.execute(
        "SELECT date_start, type, count(*) FROM events WHERE date_start BETWEEN ? AND ? "
        "GROUP BY ALL ORDER BY ALL",
        [start, end],
    ).fetchall()


def insert_parquet(store: Store, table: str, files: list[str]) -> int:
    """Bulk-insert Parquet files whose columns are those of ``table``; returns rows inserted."""
    if table not in {"documents", "events", "commitments", "claims", "spans"}:
        raise ValueError(f"unknown table {table}")
    row = store.con.execute(
        f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?)", [files]
    ).fetchone()
    return int(row[0]) if row else 0
