"""Python API for notebooks: ``ceasewatch.api.open("ceasewatch.duckdb").events(country="RUS")``.

Every method returns a pandas DataFrame, or a ``pyarrow.Table`` with ``as_arrow=True``. Nested
records (declarations, violations, sides of a contradiction) stay as Python objects in their
columns. The store is opened read-only for each call, so a pipeline run can write in between.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from ceasewatch.store.queries import ClusterFilter, EventFilter, ReadStore

if TYPE_CHECKING:
    import pandas as pd


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value[:10])


def _bbox(bbox: Sequence[float] | None) -> tuple[float, float, float, float] | None:
    if bbox is None:
        return None
    box = tuple(float(x) for x in bbox)
    if len(box) != 4:
        raise ValueError("bbox is (minlon, minlat, maxlon, maxlat)")
    return box[0], box[1], box[2], box[3]


def _frame(table: pa.Table, as_arrow: bool) -> pa.Table | pd.DataFrame:
    return table if as_arrow else table.to_pandas()


def _records(rows: list[dict[str, Any]], as_arrow: bool) -> pa.Table | pd.DataFrame:
    """Rows of nested records: flat in Arrow when they fit a schema, else as Python objects."""
    if as_arrow:
        return pa.Table.from_pylist(rows) if rows else pa.table({})
    import pandas as pd

    return pd.DataFrame.from_records(rows)


class Ledger:
    """A ceasewatch database opened for reading."""

    def __init__(self, db: str | Path, *, timeout: float = 60.0) -> None:
        self.path = Path(db)
        self.timeout = timeout
        with self._store() as store:  # fail now, not at the first query, when it cannot open
            store.counts()

    def _store(self) -> ReadStore:
        return ReadStore(self.path, timeout=self.timeout)

    def __repr__(self) -> str:
        return f"Ledger({str(self.path)!r})"

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self._store() as store:
            return store.counts()

    def events(
        self,
        *,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        country: str | None = None,
        type: str | None = None,  # noqa: A002 - mirrors the HTTP API's filter name
        category: str | None = None,
        bbox: Sequence[float] | None = None,
        q: str | None = None,
        document_id: str | None = None,
        limit: int | None = None,
        as_arrow: bool = False,
    ) -> pa.Table | pd.DataFrame:
        """Events as flat columns (one row each) with their document's title, date and URL."""
        f = EventFilter(
            since=_date(since),
            until=_date(until),
            country=country,
            type=type,
            category=category,
            bbox=_bbox(bbox),
            q=q,
            document_id=document_id,
        )
        with self._store() as store:
            return _frame(store.event_table(f, limit=limit), as_arrow)

    def documents(
        self, *, with_text: bool = False, as_arrow: bool = False
    ) -> pa.Table | pd.DataFrame:
        """Documents (without their text unless ``with_text``)."""
        with self._store() as store:
            table = store.table("documents")
        if not with_text:
            table = table.drop_columns(["text"])
        return _frame(table, as_arrow)

    def commitments(
        self, *, merged: bool = True, as_arrow: bool = False
    ) -> pa.Table | pd.DataFrame:
        """Merged commitments with declarations, sources and candidate violations.

        ``merged=False`` gives the per-document commitment rows instead.
        """
        with self._store() as store:
            if not merged:
                return _frame(store.table("commitments"), as_arrow)
            items: list[dict[str, Any]] = []
            offset = 0
            while True:
                page, total = store.commitments(limit=500, offset=offset)
                items += page
                offset += len(page)
                if not page or offset >= total:
                    break
        return _records(items, as_arrow)

    def claims(
        self, *, disputed: bool | None = None, as_arrow: bool = False
    ) -> pa.Table | pd.DataFrame:
        """Claims as flat columns (speaker, channel, polarity, text, disputed, ...)."""
        with self._store() as store:
            table = store.table("claims")
        if disputed is not None:
            import pyarrow.compute as pc

            table = table.filter(pc.equal(table["disputed"], disputed))
        return _frame(table, as_arrow)

    def contradictions(self, *, as_arrow: bool = False) -> pa.Table | pd.DataFrame:
        """Contradictions with both sides (``a_side``, ``b_side``) resolved to their records."""
        items: list[dict[str, Any]] = []
        with self._store() as store:
            offset = 0
            while True:
                page, total = store.contradictions(limit=500, offset=offset)
                items += page
                offset += len(page)
                if not page or offset >= total:
                    break
        return _records(items, as_arrow)

    def violations(self, *, as_arrow: bool = False) -> pa.Table | pd.DataFrame:
        """Candidate violations (link rows: ``a`` the commitment, ``b`` the event)."""
        with self._store() as store:
            table = store.table("links")
        import pyarrow.compute as pc

        return _frame(table.filter(pc.equal(table["kind"], "violation")), as_arrow)

    def clusters(
        self,
        *,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        type: str | None = None,  # noqa: A002 - mirrors the HTTP API's filter name
        bbox: Sequence[float] | None = None,
        min_size: int | None = None,
        possible_duplicate: bool | None = None,
        document_id: str | None = None,
        event_id: str | None = None,
        as_arrow: bool = False,
    ) -> pa.Table | pd.DataFrame:
        """Event clusters (one row per real-world event), oldest first.

        Columns: ``id``, ``type``, ``size`` (mentions), ``possible_duplicate``, ``place_name``,
        ``lat``, ``lon``, ``date_start``, ``date_end``, ``sources``, ``event_ids``,
        ``document_ids``, ``reasons`` and ``counts`` (what each mention reports, per source).
        """
        f = ClusterFilter(
            since=_date(since),
            until=_date(until),
            type=type,
            bbox=_bbox(bbox),
            min_size=min_size,
            possible_duplicate=possible_duplicate,
            document_id=document_id,
            event_id=event_id,
        )
        with self._store() as store:
            records = store.cluster_records(f)
        rows = [
            {
                "id": c["id"],
                "type": c.get("type"),
                "size": c["size"],
                "possible_duplicate": bool(c.get("possible_duplicate")),
                "place_name": (c.get("place") or {}).get("name"),
                "lat": (c.get("place") or {}).get("lat"),
                "lon": (c.get("place") or {}).get("lon"),
                "date_start": (c.get("date") or {}).get("start"),
                "date_end": (c.get("date") or {}).get("end"),
                "sources": c.get("sources") or [],
                "event_ids": c.get("event_ids") or [],
                "document_ids": c.get("document_ids") or [],
                "reasons": c.get("reasons") or [],
                "counts": c.get("counts") or [],
            }
            for c in records
        ]
        return _records(rows, as_arrow)

    def sightings(
        self, *, document_id: str | None = None, as_arrow: bool = False
    ) -> pa.Table | pd.DataFrame:
        """Every input unit that produced a document (origin, input id, source, URL, date)."""
        with self._store() as store:
            return _frame(store.sightings_table(document_id), as_arrow)

    def table(self, name: str, *, as_arrow: bool = False) -> pa.Table | pd.DataFrame:
        """Any store table as it is (documents, events, spans, links, runs, ...)."""
        with self._store() as store:
            return _frame(store.table(name), as_arrow)


def open(db: str | Path, *, timeout: float = 60.0) -> Ledger:  # noqa: A001 - ``api.open`` reads well
    """Open a ceasewatch database for reading."""
    return Ledger(db, timeout=timeout)
