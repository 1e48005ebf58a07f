"""Exports in standard formats: ACLED-style CSV, PLOVER JSON, GeoJSON, Parquet, ClaimReview."""

from __future__ import annotations

import logging
from pathlib import Path

import pyarrow.parquet as pq

from ceasewatch.export.acled import write_acled_csv
from ceasewatch.export.claimreview import write_claimreview
from ceasewatch.export.geojson import write_geojson
from ceasewatch.export.plover import write_plover_json
from ceasewatch.store.queries import TABLES, ReadStore

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("acled-csv", "plover-json", "geojson", "parquet", "claimreview")


def write_parquet(store: ReadStore, out: Path) -> int:
    """One Parquet file per table in directory ``out``; returns the rows written."""
    out.mkdir(parents=True, exist_ok=True)
    rows = 0
    for name in TABLES:
        table = store.table(name)
        pq.write_table(table, out / f"{name}.parquet")
        rows += table.num_rows
    return rows


def export(db_path: Path, fmt: str, out: Path) -> int:
    """Write the store at ``db_path`` as ``fmt`` to ``out`` (a directory for parquet).

    Returns the number of rows (events, claims, features, or table rows) written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt != "parquet":
        out.parent.mkdir(parents=True, exist_ok=True)
    with ReadStore(db_path, timeout=600.0) as store:
        if fmt == "parquet":
            rows = write_parquet(store, out)
        elif fmt == "claimreview":
            rows = write_claimreview(store.disputed_claims(), out)
        else:
            writer = {
                "acled-csv": write_acled_csv,
                "plover-json": write_plover_json,
                "geojson": write_geojson,
            }[fmt]
            rows = writer(store.event_records(), out)
    log.info("exported %d rows as %s to %s", rows, fmt, out)
    return rows


__all__ = ["FORMATS", "export"]
