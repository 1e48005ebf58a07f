"""Read-only queries for the HTTP API, the web UI, the exports and the Python API.

Every statement is parameterised and runs under a time limit: a timer calls DuckDB's
``interrupt`` after ``timeout`` seconds and the query fails with :class:`QueryTimeout`.

The list queries stay fast at a million events by working in two steps: filter and order on the
flat columns to get one page of ids, then fetch the JSON ``record`` (about 1 KB each) and the
documents of just those ids with ``list_contains(?, id)``, which DuckDB pushes into the scan. A
join or an ``IN (SELECT unnest(?))`` there would read every record of the table
(``bench/store_queries.py`` times both).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ceasewatch.store.duckdb_store import EVENT_TEXT_COLUMNS, StoreError, search_terms
from ceasewatch.store.schema import SCHEMA_VERSION

MAX_PAGE = 500
"""Largest page the list queries return."""
QUERY_SECONDS = 10.0
"""Default time limit of one statement."""

TABLES = (
    "documents",
    "events",
    "commitments",
    "claims",
    "spans",
    "links",
    "merged_commitments",
    "runs",
    "skips",
    "sightings",
    "event_clusters",
    "event_cluster_members",
)
DOC_FIELDS = (
    "d.id AS doc_id, d.title AS doc_title, d.published AS doc_published, "
    "d.source AS doc_source, d.url AS doc_url"
)


class QueryTimeout(Exception):
    """A statement ran longer than the store's time limit and was interrupted."""


@dataclass(frozen=True)
class EventFilter:
    """Filters of the event list; ``None`` means no filter."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None  # actor country, ISO3
    type: str | None = None  # PLOVER type
    category: str | None = None  # target category
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat
    q: str | None = None  # text search over names, places, evidence quotes and document title
    document_id: str | None = None


@dataclass(frozen=True)
class ClusterFilter:
    """Filters of the event-cluster list; ``None`` means no filter."""

    since: dt.date | None = None
    until: dt.date | None = None
    type: str | None = None  # PLOVER type
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat
    min_size: int | None = None  # at least this many mentions
    possible_duplicate: bool | None = None
    document_id: str | None = None  # clusters with a mention in this document
    event_id: str | None = None  # the cluster of this event


def like_pattern(text: str) -> str:
    """A ``%text%`` pattern with LIKE wildcards in ``text`` escaped (use ``ESCAPE '\\'``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_PAGE)), max(0, int(offset))


def _bbox_where(
    alias: str, bbox: tuple[float, float, float, float], where: list[str], params: list[Any]
) -> None:
    minlon, minlat, maxlon, maxlat = bbox
    where.append(f"{alias}.lat BETWEEN ? AND ?")
    params += [minlat, maxlat]
    if minlon <= maxlon:
        where.append(f"{alias}.lon BETWEEN ? AND ?")
        params += [minlon, maxlon]
    else:  # the box crosses the antimeridian
        where.append(f"({alias}.lon >= ? OR {alias}.lon <= ?)")
        params += [minlon, maxlon]


def _cluster(row: dict[str, Any]) -> dict[str, Any]:
    """A cluster record with its ``size`` (mentions)."""
    item: dict[str, Any] = json.loads(row["record"])
    item["size"] = int(row["size"] or len(item.get("event_ids") or ()))
    return item


def _short(doc: dict[str, Any] | None, doc_id: str | None) -> dict[str, Any]:
    """A document's short form; only its id (the rest ``None``) when it is not stored."""
    doc = doc or {}
    return {
        "id": doc.get("id", doc_id),
        "title": doc.get("title"),
        "published": doc.get("published"),
        "source": doc.get("source"),
        "url": doc.get("url"),
    }


def _doc(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row.pop("doc_id"),
        "title": row.pop("doc_title"),
        "published": row.pop("doc_published"),
        "source": row.pop("doc_source"),
        "url": row.pop("doc_url"),
    }


def _text_where(q: str) -> tuple[str, list[Any]]:
    """The ``q`` filter on events ``e``: ``q`` anywhere (ILIKE) in a flat text column, an
    evidence quote or the document title.

    The word index ``event_terms`` narrows it first: an event can match only if each word of
    ``q`` is part of one of its terms. When ``q`` is a single ASCII word that is also enough
    (a text contains it exactly when one of its words does); otherwise the ILIKE check runs on
    just those candidates. Without a word in ``q`` it is a scan of all events.
    """
    like = "ILIKE ? ESCAPE '\\'"
    pattern = like_pattern(q)
    words = sorted(search_terms(q))
    if not words:
        text = [f"e.{c} {like}" for c in EVENT_TEXT_COLUMNS]
        text.append(
            "e.id IN (SELECT s.record_id FROM spans s "
            f"WHERE s.record_kind = 'event' AND s.text {like})"
        )
        text.append(f"e.document_id IN (SELECT t.id FROM documents t WHERE t.title {like})")
        return "(" + " OR ".join(text) + ")", [pattern] * len(text)
    candidates = " INTERSECT ".join(
        "SELECT event_id FROM event_terms WHERE contains(term, ?)" for _ in words
    )
    if len(words) == 1 and q.isascii() and q.lower() == words[0]:
        return f"e.id IN ({candidates})", list(words)
    flat = " OR ".join(f"x.{c} {like}" for c in EVENT_TEXT_COLUMNS)
    clause = (
        f"e.id IN (WITH c AS MATERIALIZED ({candidates}) "
        f"SELECT x.id FROM events x WHERE x.id IN (SELECT event_id FROM c) AND ({flat}) "
        "UNION SELECT s.record_id FROM spans s WHERE s.record_kind = 'event' "
        f"AND s.record_id IN (SELECT event_id FROM c) AND s.text {like} "
        "UNION SELECT x.id FROM events x JOIN documents t ON t.id = x.document_id "
        f"WHERE x.id IN (SELECT event_id FROM c) AND t.title {like})"
    )
    return clause, [*words, *[pattern] * (len(EVENT_TEXT_COLUMNS) + 2)]


def _map_item(r: dict[str, Any]) -> dict[str, Any]:
    """An event of the map page from its flat columns, shaped like (a part of) its record."""
    place = (
        {"name": r["place_name"], "lat": r["lat"], "lon": r["lon"]}
        if r["place_name"] is not None or r["lat"] is not None
        else None
    )
    return {
        "id": r["id"],
        "type": r["type"],
        "mode": r["mode"],
        "actor": {"name": r["actor_name"], "country": r["actor_country"]}
        if r["actor_name"] or r["actor_country"]
        else None,
        "target": {"name": r["target_name"], "category": r["target_category"]}
        if r["target_name"] or r["target_category"]
        else None,
        "place": place,
        "date": {"start": r["date_start"].isoformat()} if r["date_start"] else None,
        "counts": {"killed": {"min": r["killed_min"]}} if r["killed_min"] is not None else {},
        "document": {
            "id": r["document_id"],
            "title": r["title"],
            "published": r["published"],
            "source": r["source"],
        },
        "cluster": {
            "id": r["cluster_id"],
            "size": r["size"],
            "possible_duplicate": r["possible_duplicate"],
        }
        if r["cluster_id"] and r["size"] is not None
        else None,
    }


class ReadStore:
    """A read-only view of a ceasewatch DuckDB file.

    DuckDB lets one process write a file; other processes can open it read-only only while no
    writer holds it. Open one ``ReadStore`` per request (cheap) so a writer can get in between.
    """

    def __init__(self, path: str | Path, *, timeout: float = QUERY_SECONDS) -> None:
        self.path = Path(path)
        self.timeout = timeout
        if not self.path.exists():
            raise StoreError(f"no database at {self.path}")
        try:
            self.con = duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        try:
            version = self.con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
        except duckdb.Error:
            version = None
        if version != SCHEMA_VERSION:
            self.con.close()
            raise StoreError(
                f"{self.path} has schema version {version}, this ceasewatch reads {SCHEMA_VERSION}"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> ReadStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # low level ------------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any], fetch: str) -> Any:
        cursor = self.con.cursor()
        timer = threading.Timer(self.timeout, cursor.interrupt)
        timer.start()
        try:
            if fetch == "arrow":
                return cursor.sql(sql, params=list(params)).to_arrow_table()
            result = cursor.execute(sql, list(params))
            columns = [d[0] for d in result.description or []]
            return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"query took longer than {self.timeout:g} s") from exc
        finally:
            timer.cancel()
            cursor.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a statement and return its rows as dicts (the API's escape hatch for tests)."""
        result: list[dict[str, Any]] = self._run(sql, params, "rows")
        return result

    def arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        result: pa.Table = self._run(sql, params, "arrow")
        return result

    def table(self, name: str) -> pa.Table:
        """A whole table as Arrow (for Parquet export and the Python API)."""
        if name not in TABLES:
            raise ValueError(f"unknown table {name}")
        order = {
            "spans": "document_id, start",
            "skips": "run_id, origin",
            "runs": "started_at",
            "sightings": "document_id, origin",
            "event_cluster_members": "cluster_id, event_id",
        }
        return self.arrow(f"SELECT * FROM {name} ORDER BY {order.get(name, 'id')}")

    def counts(self) -> dict[str, int]:
        sql = " UNION ALL ".join(f"SELECT '{t}' AS name, count(*) AS n FROM {t}" for t in TABLES)
        return {r["name"]: int(r["n"]) for r in self.rows(sql)}

    # events -----------------------------------------------------------------

    def _event_where(self, f: EventFilter) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if f.since is not None:
            where.append("coalesce(e.date_end, e.date_start) >= ?")
            params.append(f.since)
        if f.until is not None:
            where.append("e.date_start <= ?")
            params.append(f.until)
        if f.country:
            where.append("e.actor_country = ?")
            params.append(f.country.upper())
        if f.type:
            where.append("e.type = ?")
            params.append(f.type.upper())
        if f.category:
            where.append("e.target_category = ?")
            params.append(f.category.lower())
        if f.bbox is not None:
            _bbox_where("e", f.bbox, where, params)
        if f.q:
            clause, q_params = _text_where(f.q)
            where.append(clause)
            params += q_params
        if f.document_id:
            where.append("e.document_id = ?")
            params.append(f.document_id)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def events(
        self, f: EventFilter = EventFilter(), *, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of events (full records with their document), newest first, and the total."""
        limit, offset = _page(limit, offset)
        where, params = self._event_where(f)
        order = "ORDER BY date_start DESC NULLS LAST, id LIMIT ? OFFSET ?"
        if f.q:
            # The text filter is the expensive part: run it once for the page and the total.
            page = self.rows(
                "WITH hit AS MATERIALIZED "
                f"(SELECT e.id, e.date_start FROM events e{where}) "
                f"SELECT id, (SELECT count(*) FROM hit) AS n FROM hit {order}",
                [*params, limit, offset],
            )
            total = int(page[0]["n"]) if page else None
        else:
            page = self.rows(f"SELECT e.id FROM events e{where} {order}", [*params, limit, offset])
            total = offset + len(page) if len(page) < limit and (page or not offset) else None
        if total is None:
            total = int(self.rows(f"SELECT count(*) AS n FROM events e{where}", params)[0]["n"])
        items = self._event_items([r["id"] for r in page])
        clusters = self.clusters_of([i["id"] for i in items], others=False)
        for item in items:
            item["cluster"] = clusters.get(item["id"])
        return items, total

    def map_events(
        self, f: EventFilter = EventFilter(), *, limit: int = 2000
    ) -> tuple[list[dict[str, Any]], int]:
        """The newest ``limit`` events in the short form the map page draws, and the total.

        One query on the flat columns (no JSON records): each item has ``id``, ``type``,
        ``mode``, ``actor`` and ``target`` (name, country, category), ``place`` (name, lat,
        lon), ``date.start``, ``counts.killed.min``, its ``document`` (id, title, published,
        source) and ``cluster`` (id, size, possible_duplicate) or ``None``.
        """
        limit = max(0, int(limit))
        where, params = self._event_where(f)
        rows = self.rows(
            "WITH page AS MATERIALIZED (SELECT e.id, e.document_id, e.type, e.mode, "
            "e.actor_name, e.actor_country, e.target_name, e.target_category, e.place_name, "
            f"e.lat, e.lon, e.date_start, e.killed_min FROM events e{where} "
            "ORDER BY e.date_start DESC NULLS LAST, e.id LIMIT ?) "
            "SELECT p.*, d.title, d.published, d.source, m.cluster_id, c.size, "
            "c.possible_duplicate FROM page p "
            "LEFT JOIN documents d ON d.id = p.document_id "
            "LEFT JOIN event_cluster_members m ON m.event_id = p.id "
            "LEFT JOIN event_clusters c ON c.id = m.cluster_id "
            "ORDER BY p.date_start DESC NULLS LAST, p.id",
            [*params, limit],
        )
        items = {r["id"]: _map_item(r) for r in rows}
        total = len(items)
        if total >= limit:
            total = int(self.rows(f"SELECT count(*) AS n FROM events e{where}", params)[0]["n"])
        return list(items.values()), total

    def _records(self, table: str, ids: Sequence[str], columns: str = "") -> dict[str, Any]:
        """``{id: row}`` with the ``record`` (and ``columns``) of these ids of ``table``."""
        if not ids:
            return {}
        extra = f", {columns}" if columns else ""
        rows = self.rows(
            f"SELECT id, record{extra} FROM {table} WHERE list_contains(?, id)", [list(ids)]
        )
        return {r["id"]: r for r in rows}

    def _documents(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The short form of these documents (``id``, ``title``, ``published``, ...) by id."""
        ids = [i for i in dict.fromkeys(ids) if i]
        if not ids:
            return {}
        rows = self.rows(
            "SELECT id, title, published, source, url FROM documents WHERE list_contains(?, id)",
            [ids],
        )
        return {r["id"]: r for r in rows}

    def _event_items(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Event records with their ``document``, in the order of ``ids``."""
        rows = self._records("events", ids, "document_id")
        documents = self._documents([r["document_id"] for r in rows.values()])
        items = []
        for event_id in ids:
            row = rows.get(event_id)
            if row is None:
                continue
            record = json.loads(row["record"])
            record["document"] = _short(documents.get(row["document_id"]), row["document_id"])
            items.append(record)
        return items

    def event_table(self, f: EventFilter = EventFilter(), *, limit: int | None = None) -> pa.Table:
        """Flat event columns (no JSON record) with document fields, as Arrow."""
        where, params = self._event_where(f)
        sql = (
            "SELECT e.* EXCLUDE (record), d.title AS document_title, "
            "d.published AS document_published, d.source AS document_source, "
            "d.url AS document_url, d.stored_at AS stored_at "
            f"FROM events e JOIN documents d ON d.id = e.document_id{where} "
            "ORDER BY e.date_start NULLS LAST, e.id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self.arrow(sql, params)

    def event_records(self, f: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Every matching event: its record plus ``document`` and ``stored_at`` (for exports)."""
        where, params = self._event_where(f)
        rows = self.rows(
            f"SELECT e.record, {DOC_FIELDS}, d.language AS doc_language, d.stored_at "
            f"FROM events e JOIN documents d ON d.id = e.document_id{where} "
            "ORDER BY e.date_start NULLS LAST, e.id",
            params,
        )
        out = []
        for row in rows:
            record = json.loads(row.pop("record"))
            stored_at = row.pop("stored_at")
            language = row.pop("doc_language")
            record["document"] = {**_doc(row), "language": language}
            record["stored_at"] = stored_at
            out.append(record)
        return out

    def event_days(self, f: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Events per day and type (the timeline)."""
        where, params = self._event_where(f)
        extra = " AND " if where else " WHERE "
        return self.rows(
            f"SELECT e.date_start AS day, e.type, count(*) AS n FROM events e{where}"
            f"{extra}e.date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
            params,
        )

    def event_types(self) -> list[str]:
        return [
            r["type"]
            for r in self.rows("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY 1")
        ]

    # documents --------------------------------------------------------------

    def documents(
        self, *, q: str | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of documents (without text) with their record counts, and the total."""
        limit, offset = _page(limit, offset)
        where, params = "", []
        if q:
            where = " WHERE (d.title ILIKE ? ESCAPE '\\' OR d.text ILIKE ? ESCAPE '\\')"
            params = [like_pattern(q)] * 2
        total = int(self.rows(f"SELECT count(*) AS n FROM documents d{where}", params)[0]["n"])
        rows = self.rows(
            "SELECT d.id, d.external_id, d.title, d.published, d.source, d.url, d.language, "
            f"length(d.text) AS chars FROM documents d{where} "
            "ORDER BY d.published_date DESC NULLS LAST, d.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        ids = [r["id"] for r in rows]
        for table in ("events", "commitments", "claims", "sightings"):
            counts = (
                {
                    r["document_id"]: r["n"]
                    for r in self.rows(
                        f"SELECT document_id, count(*) AS n FROM {table} "
                        "WHERE list_contains(?, document_id) GROUP BY 1",
                        [ids],
                    )
                }
                if ids
                else {}
            )
            for row in rows:
                row[table] = counts.get(row["id"], 0)
        return rows, total

    def document(self, key: str) -> dict[str, Any] | None:
        """One document (by id or external id) with its text, records, spans and links."""
        docs = self.rows(
            "SELECT id, external_id, title, published, source, url, language, author, origin, "
            "text, pipeline_version FROM documents WHERE id = ? OR external_id = ? "
            "ORDER BY id = ? DESC LIMIT 1",
            [key, key, key],
        )
        if not docs:
            return None
        doc = docs[0]
        doc_id = doc["id"]
        for table in ("events", "commitments", "claims"):
            rows = self.rows(
                f"SELECT record FROM {table} WHERE document_id = ? ORDER BY id", [doc_id]
            )
            doc[table] = [json.loads(r["record"]) for r in rows]
        clusters = self.clusters_of([e["id"] for e in doc["events"]])
        for event in doc["events"]:
            event["cluster"] = clusters.get(event["id"])
        doc["sightings"] = self.sightings(doc_id)
        doc["spans"] = self.rows(
            'SELECT record_id, record_kind, start, "end", text FROM spans '
            'WHERE document_id = ? ORDER BY start, "end" DESC, record_kind, record_id',
            [doc_id],
        )
        ids = [r["id"] for t in ("events", "commitments", "claims") for r in doc[t]]
        doc["violations"] = [
            json.loads(r["record"])
            for r in self.rows(
                "SELECT record FROM links WHERE kind = 'violation' AND "
                "(list_contains(?, b) OR starts_with(b, ?)) ORDER BY id",
                [ids, doc_id + ":"],
            )
        ]
        doc["contradictions"] = [
            json.loads(r["record"])
            for r in self.rows(
                "SELECT record FROM links WHERE kind = 'contradiction' AND "
                "(list_contains(?, a) OR list_contains(?, b)) ORDER BY id",
                [ids, ids],
            )
        ]
        doc["merged_commitments"] = [
            json.loads(r["record"])
            for r in self.rows(
                "SELECT record FROM merged_commitments WHERE list_contains("
                "json_extract_string(record, '$.declarations[*].document_id'), ?) ORDER BY id",
                [doc_id],
            )
        ]
        return doc

    # commitments, claims, contradictions -----------------------------------

    def commitments(
        self,
        *,
        kind: str | None = None,
        status: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """Merged commitments, each with ``sources`` and its candidate ``violations``.

        Falls back to the per-document commitments when links were never computed.
        """
        limit, offset = _page(limit, offset)
        merged = self.rows("SELECT count(*) AS n FROM merged_commitments")[0]["n"] > 0
        table = "merged_commitments" if merged else "commitments"
        where, params = [], []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if status:
            where.append("status = ?")
            params.append(status)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self.rows(f"SELECT count(*) AS n FROM {table}{clause}", params)[0]["n"])
        rows = self.rows(
            f"SELECT record FROM {table}{clause} ORDER BY id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        items = [json.loads(r["record"]) for r in rows]
        if not items:
            return items, total
        links = self.rows(
            "SELECT a, b, record FROM links "
            "WHERE kind = 'violation' AND list_contains(?, a) ORDER BY id",
            [[i["id"] for i in items]],
        )
        events = self._records("events", [link["b"] for link in links], "document_id")
        documents = self._documents(
            [
                events[link["b"]]["document_id"] if link["b"] in events else link["b"].split(":")[0]
                for link in links
            ]
        )
        by_commitment: dict[str, list[dict[str, Any]]] = {}
        for link in links:
            violation = json.loads(link["record"])
            event = events.get(link["b"])
            doc_id = event["document_id"] if event else link["b"].split(":")[0]
            violation["event"] = json.loads(event["record"]) if event else None
            violation["document"] = (
                _short(documents[doc_id], doc_id) if doc_id in documents else None
            )
            by_commitment.setdefault(link["a"], []).append(violation)
        for item in items:
            item["violations"] = by_commitment.get(item["id"], [])
            item["sources"] = list(
                dict.fromkeys(
                    d["document_id"] for d in item.get("declarations", []) if d.get("document_id")
                )
            )
        return items, total

    def claims(
        self,
        *,
        q: str | None = None,
        disputed: bool | None = None,
        country: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of claims (records with their document), and the total."""
        limit, offset = _page(limit, offset)
        where: list[str] = []
        params: list[Any] = []
        if q:
            where.append("(c.text ILIKE ? ESCAPE '\\' OR c.speaker_name ILIKE ? ESCAPE '\\')")
            params += [like_pattern(q)] * 2
        if disputed is not None:
            where.append("c.disputed = ?")
            params.append(disputed)
        if country:
            where.append("c.speaker_country = ?")
            params.append(country.upper())
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM claims c JOIN documents d ON d.id = c.document_id{clause}"
        total = int(self.rows(f"SELECT count(*) AS n {base}", params)[0]["n"])
        rows = self.rows(
            f"SELECT c.record, {DOC_FIELDS} {base} "
            "ORDER BY d.published_date DESC NULLS LAST, c.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        items = []
        for row in rows:
            record = json.loads(row.pop("record"))
            record["document"] = _doc(row)
            items.append(record)
        return items, total

    def lookup(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Records of any kind by id: ``{id: {kind, record, document}}``."""
        ids = [i for i in dict.fromkeys(ids) if i]
        if not ids:
            return {}
        rows = self.rows(
            "SELECT r.kind, r.id, r.record, "
            f"{DOC_FIELDS} FROM ("
            "  SELECT 'event' AS kind, id, document_id, record FROM events"
            "  UNION ALL SELECT 'claim', id, document_id, record FROM claims"
            "  UNION ALL SELECT 'commitment', id, document_id, record FROM commitments"
            "  UNION ALL SELECT 'commitment', id, NULL, record FROM merged_commitments"
            ") r LEFT JOIN documents d ON d.id = r.document_id WHERE list_contains(?, r.id)",
            [ids],
        )
        out: dict[str, dict[str, Any]] = {}
        for row in rows:
            kind, rid, record = row.pop("kind"), row.pop("id"), row.pop("record")
            document = _doc(row)
            out[rid] = {
                "kind": kind,
                "record": json.loads(record),
                "document": document if document["id"] else None,
            }
        return out

    def contradictions(
        self, *, kind: str | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Contradictions with both sides resolved to their records (``a_side``, ``b_side``)."""
        limit, offset = _page(limit, offset)
        clause, params = " WHERE kind = 'contradiction'", []
        if kind:
            clause += " AND subtype = ?"
            params.append(kind)
        total = int(self.rows(f"SELECT count(*) AS n FROM links{clause}", params)[0]["n"])
        rows = self.rows(
            f"SELECT record FROM links{clause} ORDER BY confidence DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        items = [json.loads(r["record"]) for r in rows]
        sides = self.lookup([x for i in items for x in (i.get("a"), i.get("b")) if x])
        for item in items:
            item["a_side"] = sides.get(item.get("a") or "")
            item["b_side"] = sides.get(item.get("b") or "")
        return items, total

    def disputed_claims(self) -> list[dict[str, Any]]:
        """Claims that others dispute: flagged ``disputed`` or a side of a contradiction.

        Each row is the claim record with ``document`` and ``contradictions`` (the links).
        """
        rows = self.rows(
            f"SELECT c.id, c.record, {DOC_FIELDS}, "
            "list(l.record ORDER BY l.id) FILTER (WHERE l.id IS NOT NULL) AS links "
            "FROM claims c JOIN documents d ON d.id = c.document_id "
            "LEFT JOIN links l ON l.kind = 'contradiction' AND (l.a = c.id OR l.b = c.id) "
            "GROUP BY ALL HAVING bool_or(c.disputed) OR count(l.id) > 0 ORDER BY c.id"
        )
        out = []
        for row in rows:
            row.pop("id")
            record = json.loads(row.pop("record"))
            links = row.pop("links") or []
            record["document"] = _doc(row)
            record["contradictions"] = [json.loads(x) for x in links]
            out.append(record)
        return out

    # sightings and event clusters ---------------------------------------------

    def sightings(self, document_id: str | None = None) -> list[dict[str, Any]]:
        """Every input unit that produced a document (all documents, or one), oldest first."""
        where, params = "", []
        if document_id is not None:
            where, params = " WHERE document_id = ?", [document_id]
        return self.rows(
            "SELECT document_id, origin, external_id, published, source, url, title, seen_at "
            f"FROM sightings{where} ORDER BY document_id, published NULLS LAST, origin",
            params,
        )

    def sightings_table(self, document_id: str | None = None) -> pa.Table:
        """The sightings (all, or of one document) as Arrow."""
        where, params = "", []
        if document_id is not None:
            where, params = " WHERE document_id = ?", [document_id]
        return self.arrow(
            f"SELECT * FROM sightings{where} ORDER BY document_id, published NULLS LAST, origin",
            params,
        )

    def clusters_of(self, event_ids: Sequence[str], *, others: bool = True) -> dict[str, Any]:
        """The cluster of each event: ``{event_id: {id, size, possible_duplicate, others}}``.

        ``others`` lists the cluster's other mentions (``event`` record and ``document``); with
        ``others=False`` it is left out (cheap enough for a whole map of events).
        """
        ids = [i for i in dict.fromkeys(event_ids) if i]
        if not ids:
            return {}
        members = self.rows(
            "SELECT event_id, cluster_id FROM event_cluster_members "
            "WHERE list_contains(?, event_id)",
            [ids],
        )
        cluster_of = {r["event_id"]: r["cluster_id"] for r in members}
        if not cluster_of:
            return {}
        clusters = {
            r["id"]: r
            for r in self.rows(
                "SELECT id, size, possible_duplicate FROM event_clusters "
                "WHERE list_contains(?, id)",
                [list(set(cluster_of.values()))],
            )
        }
        if not others:
            return {e: dict(clusters[c]) for e, c in cluster_of.items() if c in clusters}
        mentions = self._mentions(list(clusters))
        out: dict[str, Any] = {}
        for event_id, cluster_id in cluster_of.items():
            if cluster_id not in clusters:
                continue
            out[event_id] = {
                "id": cluster_id,
                "size": clusters[cluster_id]["size"],
                "possible_duplicate": clusters[cluster_id]["possible_duplicate"],
                "others": [
                    m
                    for m in mentions.get(cluster_id, [])
                    if m["event"] is not None and m["event_id"] != event_id
                ],
            }
        for entry in out.values():
            entry["others"] = [{k: m[k] for k in ("event", "document")} for m in entry["others"]]
        return out

    def _mentions(self, cluster_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Each cluster's mentions ``{event_id, event, document}``, oldest document first."""
        if not cluster_ids:
            return {}
        members = self.rows(
            "SELECT cluster_id, event_id FROM event_cluster_members "
            "WHERE list_contains(?, cluster_id)",
            [list(cluster_ids)],
        )
        events = self._records("events", [m["event_id"] for m in members], "document_id")
        documents = self._documents([e["document_id"] for e in events.values()])
        published = {
            r["id"]: r["published_date"]
            for r in self.rows(
                "SELECT id, published_date FROM documents WHERE list_contains(?, id)",
                [list(documents)],
            )
        }
        by_cluster: dict[str, list[dict[str, Any]]] = {}
        for m in members:
            event = events.get(m["event_id"])
            doc_id = event["document_id"] if event else None
            by_cluster.setdefault(m["cluster_id"], []).append(
                {
                    "event_id": m["event_id"],
                    "event": json.loads(event["record"]) if event else None,
                    "document": _short(documents[doc_id], doc_id) if doc_id in documents else None,
                    "published": published.get(doc_id) if doc_id else None,
                }
            )
        for mentions in by_cluster.values():
            # oldest document first, undated last, then by event id
            mentions.sort(
                key=lambda m: (m["published"] is None, m["published"] or "", m["event_id"])
            )
        return by_cluster

    def _cluster_where(self, f: ClusterFilter) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if f.since is not None:
            where.append("coalesce(c.date_end, c.date_start) >= ?")
            params.append(f.since)
        if f.until is not None:
            where.append("c.date_start <= ?")
            params.append(f.until)
        if f.type:
            where.append("c.type = ?")
            params.append(f.type.upper())
        if f.bbox is not None:
            _bbox_where("c", f.bbox, where, params)
        if f.min_size is not None:
            where.append("c.size >= ?")
            params.append(f.min_size)
        if f.possible_duplicate is not None:
            where.append("c.possible_duplicate = ?")
            params.append(f.possible_duplicate)
        if f.event_id:
            where.append(
                "EXISTS (SELECT 1 FROM event_cluster_members m "
                "WHERE m.cluster_id = c.id AND m.event_id = ?)"
            )
            params.append(f.event_id)
        if f.document_id:
            where.append(
                "EXISTS (SELECT 1 FROM event_cluster_members m JOIN events e ON e.id = m.event_id "
                "WHERE m.cluster_id = c.id AND e.document_id = ?)"
            )
            params.append(f.document_id)
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def clusters(
        self,
        f: ClusterFilter = ClusterFilter(),
        *,
        limit: int = 100,
        offset: int = 0,
        mentions: bool = True,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of event clusters (newest first, then largest) and the total.

        Each item is the cluster record (event and document ids, counts per source, sources,
        reasons) and, with ``mentions``, its ``mentions``: each event record with its document.
        """
        limit, offset = _page(limit, offset)
        where, params = self._cluster_where(f)
        page = self.rows(
            f"SELECT c.id FROM event_clusters c{where} "
            "ORDER BY c.date_start DESC NULLS LAST, c.size DESC, c.id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        if len(page) < limit and (page or not offset):
            total = offset + len(page)
        else:
            sql = f"SELECT count(*) AS n FROM event_clusters c{where}"
            total = int(self.rows(sql, params)[0]["n"])
        ids = [r["id"] for r in page]
        rows = self._records("event_clusters", ids, "size")
        items = [_cluster(rows[i]) for i in ids if i in rows]
        if mentions:
            self._attach_mentions(items)
        return items, total

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        """One cluster with its mentions, or None."""
        rows = self.rows("SELECT record, size FROM event_clusters WHERE id = ?", [cluster_id])
        if not rows:
            return None
        item = _cluster(rows[0])
        self._attach_mentions([item])
        return item

    def cluster_records(self, f: ClusterFilter = ClusterFilter()) -> list[dict[str, Any]]:
        """Every matching cluster record (no mentions), oldest first."""
        where, params = self._cluster_where(f)
        rows = self.rows(
            f"SELECT c.record, c.size FROM event_clusters c{where} "
            "ORDER BY c.date_start NULLS LAST, c.id",
            params,
        )
        return [_cluster(r) for r in rows]

    def _attach_mentions(self, items: list[dict[str, Any]]) -> None:
        mentions = self._mentions([i["id"] for i in items])
        for item in items:
            item["mentions"] = [
                {"event": m["event"], "document": m["document"]}
                for m in mentions.get(item["id"], [])
            ]
