"""The DuckDB store: schema migrations, bulk writes through Arrow, and the reads tools need."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ceasewatch.model import (
    Commitment,
    Contradiction,
    Document,
    DocumentResult,
    Skip,
    Violation,
    result_from_dict,
    to_dict,
)
from ceasewatch.model import parse_day as _date
from ceasewatch.store.schema import EVENT_TERMS_FILL, MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

RECORD_TABLES = ("events", "commitments", "claims", "spans")
EVENT_TEXT_COLUMNS = (
    "type",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "actor_name",
    "actor_country",
    "target_name",
    "target_country",
    "target_category",
    "place_name",
    "place_country",
    "admin1",
    "weapon",
    "reported_by",
)
"""The flat text columns of an event that ``q`` searches (with its evidence and document title)."""
TERM = re.compile(r"[^\W_]+")
"""A run of letters and digits (the SQL of migration 5 uses ``[\\pL\\pN]+``)."""


def search_terms(*texts: str | None) -> set[str]:
    """The distinct lowercased words (runs of letters and digits) of ``texts``.

    The one split of the text search: new rows' ``event_terms`` and the words of a query.
    """
    return {t for text in texts if text for t in TERM.findall(text.lower())}


class StoreError(Exception):
    """A store that cannot be opened or is newer than this version of ceasewatch."""


def _count(counts: Any, name: str, bound: str) -> int | None:
    value = getattr(counts, name)
    return getattr(value, bound) if value is not None else None


class Store:
    """A ceasewatch database in one DuckDB file."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()
        elif self.schema_version() < SCHEMA_VERSION:
            # An older file: migrate it once (needs write access), then read it.
            self.con.close()
            Store(self.path).close()
            self.con = duckdb.connect(str(self.path), read_only=True)
        elif self.schema_version() > SCHEMA_VERSION:
            self.con.close()
            raise StoreError(
                f"{self.path} has schema version {self.schema_version()}, newer than this "
                f"ceasewatch ({SCHEMA_VERSION}); upgrade ceasewatch"
            )

    def _x(self, sql: str, params: Sequence[Any] | None = None) -> None:
        """Execute a statement whose result is not read (DuckDB wants results finished)."""
        self.con.execute(sql, params or []).complete()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        self._x("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._x("ROLLBACK")
            raise
        self._x("COMMIT")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # schema ---------------------------------------------------------------

    def schema_version(self) -> int:
        tables = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchall()
        if not tables[0][0]:
            return 0
        rows = self.con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def migrate(self) -> None:
        """Apply, in order, every migration not recorded in ``schema_version``."""
        self._x("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this "
                f"ceasewatch ({SCHEMA_VERSION}); upgrade ceasewatch"
            )
        rows = self.con.execute("SELECT DISTINCT version FROM schema_version").fetchall()
        applied = {int(r[0]) for r in rows if r[0] is not None}
        for version in range(1, SCHEMA_VERSION + 1):
            if version in applied:
                continue
            log.info("migrating %s to schema version %d", self.path, version)
            with self._transaction():
                self._x(MIGRATIONS[version - 1])
                self._x("INSERT INTO schema_version VALUES (?)", [version])

    # writes ---------------------------------------------------------------

    def stored_versions(self, ids: Iterable[str]) -> dict[str, str]:
        """Pipeline version of each of ``ids`` already stored."""
        ids = list(ids)
        if not ids:
            return {}
        self.con.register("asked_ids", pa.table({"id": pa.array(ids, pa.string())}))
        try:
            rows = self.con.execute(
                "SELECT d.id, d.pipeline_version FROM documents d JOIN asked_ids a ON d.id = a.id"
            ).fetchall()
        finally:
            self.con.unregister("asked_ids")
        return {r[0]: r[1] for r in rows}

    def write_results(self, results: Sequence[DocumentResult], pipeline_version: str) -> None:
        """Insert or replace documents and their records, in one transaction, through Arrow."""
        if not results:
            return
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        tables = result_tables(results, pipeline_version, now)
        ids = pa.table({"id": pa.array([r.document.id for r in results], pa.string())})
        self.con.register("batch_ids", ids)
        try:
            with self._transaction():
                self._x(
                    "DELETE FROM event_terms WHERE event_id IN (SELECT id FROM events "
                    "WHERE document_id IN (SELECT id FROM batch_ids))"
                )
                for name in ("documents", *RECORD_TABLES):
                    key = "id" if name == "documents" else "document_id"
                    self._x(f"DELETE FROM {name} WHERE {key} IN (SELECT id FROM batch_ids)")
                for name, table in tables.items():
                    self._insert(name, table)
                self._insert("event_terms", event_term_table(tables))
        finally:
            self.con.unregister("batch_ids")

    def rebuild_event_terms(self) -> None:
        """Recompute the text search's word index from the stored events (after bulk loads
        that bypass ``write_results``)."""
        with self._transaction():
            self._x("DELETE FROM event_terms")
            self._x(EVENT_TERMS_FILL)

    def write_sightings(self, documents: Sequence[Document]) -> None:
        """Record every input unit that produced a document (one row per document and origin)."""
        if not documents:
            return
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows = {
            (d.id, d.origin or d.id): {
                "document_id": d.id,
                "origin": d.origin or d.id,
                "external_id": d.external_id,
                "published": d.published,
                "source": d.source,
                "url": d.url,
                "title": d.title,
                "seen_at": now,
            }
            for d in documents
        }
        table = pa.Table.from_pylist(list(rows.values()))
        self.con.register("batch_sightings", table)
        try:
            with self._transaction():
                self._x(
                    "DELETE FROM sightings WHERE (document_id, origin) IN "
                    "(SELECT (document_id, origin) FROM batch_sightings)"
                )
                self._x("INSERT INTO sightings SELECT * FROM batch_sightings")
        finally:
            self.con.unregister("batch_sightings")

    def _insert(self, name: str, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        view = f"new_{name}"
        self.con.register(view, table)
        try:
            columns = ", ".join(f'"{c}"' for c in table.column_names)
            self._x(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM {view}")
        finally:
            with contextlib.suppress(duckdb.Error):
                self.con.unregister(view)

    def replace_links(
        self,
        violations: Sequence[Violation],
        contradictions: Sequence[Contradiction],
        merged: Sequence[Commitment],
    ) -> None:
        """Replace the cross-document links with a fresh computation."""
        rows = [
            {
                "id": v.id,
                "kind": "violation",
                "subtype": "allegation" if v.allegation else "candidate",
                "a": v.commitment_id,
                "b": v.event_id,
                "explanation": "; ".join(v.reasons),
                "confidence": v.confidence,
                "record": json.dumps(to_dict(v)),
            }
            for v in violations
        ] + [
            {
                "id": c.id,
                "kind": "contradiction",
                "subtype": c.kind,
                "a": c.a,
                "b": c.b,
                "explanation": c.explanation,
                "confidence": c.confidence,
                "record": json.dumps(to_dict(c)),
            }
            for c in contradictions
        ]
        merged_rows = [
            {"id": c.id, "kind": c.kind, "status": c.status, "record": json.dumps(to_dict(c))}
            for c in merged
        ]
        with self._transaction():
            self._x("DELETE FROM link_state")
            self._x("DELETE FROM links")
            self._x("DELETE FROM merged_commitments")
            self._insert("links", _table(_unique(rows), LINK_COLUMNS))
            self._insert(
                "merged_commitments",
                _table(_unique(merged_rows), ("id", "kind", "status", "record")),
            )

    def replace_clusters(self, clusters: Sequence[Any]) -> None:
        """Replace the event clusters (``link.clustering.EventCluster`` records)."""
        rows = [
            {
                "id": c.id,
                "type": c.type,
                "size": len(c.event_ids),
                "possible_duplicate": c.possible_duplicate,
                "lat": c.place.lat if c.place else None,
                "lon": c.place.lon if c.place else None,
                "date_start": _date(c.date.start) if c.date else None,
                "date_end": _date(c.date.end) if c.date else None,
                "record": json.dumps(to_dict(c)),
            }
            for c in clusters
        ]
        members = [{"cluster_id": c.id, "event_id": e} for c in clusters for e in c.event_ids]
        with self._transaction():
            self._x("DELETE FROM link_state")
            self._x("DELETE FROM event_clusters")
            self._x("DELETE FROM event_cluster_members")
            self._insert("event_clusters", _typed(_unique(rows), CLUSTER_TYPES))
            self._insert("event_cluster_members", _typed(members, MEMBER_TYPES))

    def set_disputed(self, claim_ids: Iterable[str]) -> None:
        """Mark exactly these claims disputed (flag column and JSON record)."""
        ids = pa.table({"id": pa.array(sorted(set(claim_ids)), pa.string())})
        self.con.register("disputed_ids", ids)
        try:
            with self._transaction():
                self._x("DELETE FROM link_state")
                self._x(
                    "UPDATE claims SET disputed = (id IN (SELECT id FROM disputed_ids)), "
                    "record = json_merge_patch(record, json_object('disputed', "
                    "id IN (SELECT id FROM disputed_ids)))"
                )
        finally:
            self.con.unregister("disputed_ids")

    # link state -----------------------------------------------------------

    def document_fingerprint(self) -> tuple[int, str]:
        """The number of stored documents and an order-independent hash of their (id, pipeline
        version, time stored): adding, rewriting or deleting a document changes it."""
        rows = self.con.execute(
            "SELECT count(*), coalesce(sum(md5_number_lower(concat_ws('|', id, "
            "coalesce(pipeline_version, ''), coalesce(CAST(stored_at AS VARCHAR), '')))), 0) "
            "FROM documents"
        ).fetchall()
        return int(rows[0][0]), str(rows[0][1])

    def link_state(self) -> dict[str, Any] | None:
        """What the stored links were computed from, or None while they are stale."""
        rows = self.con.execute(
            "SELECT documents, fingerprint, pipeline_version, linked_at FROM link_state"
        ).fetchall()
        if len(rows) != 1:
            return None
        documents, fingerprint, pipeline_version, linked_at = rows[0]
        return {
            "documents": int(documents),
            "fingerprint": fingerprint,
            "pipeline_version": pipeline_version,
            "linked_at": linked_at,
        }

    def record_link_state(self, documents: int, fingerprint: str, pipeline_version: str) -> None:
        """Record that the links now stored were computed from these documents (call last)."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with self._transaction():
            self._x("DELETE FROM link_state")
            self._x(
                "INSERT INTO link_state VALUES (?, ?, ?, ?)",
                [documents, fingerprint, pipeline_version, now],
            )

    def clear_link_state(self) -> None:
        """Mark the stored links stale (before they are recomputed)."""
        self._x("DELETE FROM link_state")

    def write_run(self, run_id: str, report: dict[str, Any], skips: Sequence[Skip]) -> None:
        row = {
            "id": run_id,
            "started_at": dt.datetime.fromisoformat(report["started_at"]),
            "finished_at": dt.datetime.fromisoformat(report["finished_at"]),
            "inputs": json.dumps(report["inputs"]),
            "read": report["read"],
            "stored": report["stored"],
            "unchanged": report["unchanged"],
            "duplicates": report["duplicates"],
            "skipped": sum(report["skipped"].values()),
            "failed": sum(report["failed"].values()),
            "seconds": report["seconds"],
            "report": json.dumps(report),
        }
        skip_rows = [
            {
                "run_id": run_id,
                "origin": s.origin,
                "reason": s.reason,
                "detail": s.detail,
                "failed": s.failed,
            }
            for s in skips
        ]
        with self._transaction():
            self._x("DELETE FROM runs WHERE id = ?", [run_id])
            self._x("DELETE FROM skips WHERE run_id = ?", [run_id])
            self._insert("runs", pa.Table.from_pylist([row]))
            self._insert(
                "skips", _table(skip_rows, ("run_id", "origin", "reason", "detail", "failed"))
            )

    # reads ----------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in {
            "documents",
            "events",
            "commitments",
            "claims",
            "spans",
            "links",
            "runs",
            "sightings",
            "event_clusters",
            "skips",
            "merged_commitments",
        }:
            raise ValueError(f"unknown table {table}")
        rows = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(rows[0][0])

    def find_document_ids(self, key: str) -> list[str]:
        """Document ids matching an id, an id prefix or an external id."""
        rows = self.con.execute(
            "SELECT id FROM documents WHERE id = ? OR external_id = ? OR id LIKE ? ORDER BY id",
            [key, key, key + "%"],
        ).fetchall()
        return [r[0] for r in rows]

    def load_results(
        self, document_ids: Sequence[str] | None = None, *, since: str | None = None
    ) -> list[DocumentResult]:
        """Rebuild DocumentResults from stored rows (all, or the given ids)."""
        where, params = [], []
        if document_ids is not None:
            if not document_ids:
                return []
            where.append("id IN (SELECT id FROM wanted)")
        if since:
            where.append("(published_date IS NULL OR published_date >= ?)")
            params.append(_date(since))
        sql = "SELECT id, external_id, title, published, source, url, language, text FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY published_date NULLS FIRST, id"
        filtered = document_ids is not None or since is not None
        records: dict[str, dict[str, list[Any]]] = {}
        if document_ids is not None:
            self.con.register("wanted", pa.table({"id": pa.array(list(document_ids), pa.string())}))
        try:
            docs = self.con.execute(sql, params).fetchall()
            records = {d[0]: {"events": [], "commitments": [], "claims": []} for d in docs}
            self.con.register("loaded", pa.table({"id": pa.array(list(records), pa.string())}))
            for table in ("events", "commitments", "claims"):
                query = f"SELECT document_id, record FROM {table}"
                if filtered:
                    query += " WHERE document_id IN (SELECT id FROM loaded)"
                for doc_id, record in self.con.execute(
                    query + " ORDER BY document_id, id"
                ).fetchall():
                    if doc_id in records:
                        records[doc_id][table].append(json.loads(record))
        finally:
            for view in ("wanted", "loaded"):
                with contextlib.suppress(duckdb.Error):
                    self.con.unregister(view)
        results = []
        for doc_id, external_id, title, published, source, url, language, text in docs:
            data = {
                "id": external_id or doc_id,
                "document": {
                    "id": doc_id,
                    "title": title,
                    "published": published,
                    "source": source,
                    "url": url,
                    "language": language,
                    "text": text,
                },
                **records[doc_id],
            }
            results.append(result_from_dict(data))
        return results

    def links(self, kind: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT record FROM links"
        params: list[Any] = []
        if kind:
            sql += " WHERE kind = ?"
            params.append(kind)
        return [json.loads(r[0]) for r in self.con.execute(sql + " ORDER BY id", params).fetchall()]

    def merged_commitments(self) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT record FROM merged_commitments ORDER BY id").fetchall()
        return [json.loads(r[0]) for r in rows]

    def runs(self) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT report FROM runs ORDER BY started_at").fetchall()
        return [json.loads(r[0]) for r in rows]


LINK_COLUMNS = ("id", "kind", "subtype", "a", "b", "explanation", "confidence", "record")


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> pa.Table:
    return (
        pa.table({c: [r.get(c) for r in rows] for c in columns})
        if rows
        else pa.table({c: pa.array([], pa.string()) for c in columns})
    )


def result_tables(
    results: Sequence[DocumentResult], pipeline_version: str, now: dt.datetime
) -> dict[str, pa.Table]:
    docs, events, commitments, claims, spans = [], [], [], [], []
    for result in results:
        d = result.document
        docs.append(
            {
                "id": d.id,
                "external_id": d.external_id,
                "title": d.title,
                "published": d.published,
                "published_date": _date(d.published),
                "source": d.source,
                "url": d.url,
                "language": d.language,
                "author": d.author,
                "origin": d.origin,
                "text": d.text,
                "pipeline_version": pipeline_version,
                "stored_at": now,
            }
        )
        for e in result.events:
            c = e.counts
            events.append(
                {
                    "id": e.id,
                    "document_id": d.id,
                    "type": e.type,
                    "mode": e.mode,
                    "acled_event_type": e.acled_event_type,
                    "acled_sub_event_type": e.acled_sub_event_type,
                    "actor_name": e.actor.name if e.actor else None,
                    "actor_country": e.actor.country if e.actor else None,
                    "actor_kind": e.actor.kind if e.actor else None,
                    "target_name": e.target.name if e.target else None,
                    "target_country": e.target.country if e.target else None,
                    "target_category": e.target.category if e.target else None,
                    "place_name": e.place.name if e.place else None,
                    "lat": e.place.lat if e.place else None,
                    "lon": e.place.lon if e.place else None,
                    "place_country": e.place.country if e.place else None,
                    "admin1": e.place.admin1 if e.place else None,
                    "place_precision": e.place.precision if e.place else None,
                    "date_start": _date(e.date.start) if e.date else None,
                    "date_end": _date(e.date.end) if e.date else None,
                    "killed_min": _count(c, "killed", "min"),
                    "killed_max": _count(c, "killed", "max"),
                    "injured_min": _count(c, "injured", "min"),
                    "weapons_min": _count(c, "weapons", "min"),
                    "weapon": c.weapon,
                    "reported_by": e.reported_by,
                    "status": e.status,
                    "confidence": e.confidence,
                    "record": json.dumps(to_dict(e)),
                }
            )
            spans.extend(_spans(e.id, "event", d.id, e.evidence))
        for m in result.commitments:
            commitments.append(
                {
                    "id": m.id,
                    "document_id": d.id,
                    "kind": m.kind,
                    "status": m.status,
                    "actor_name": m.actor.name if m.actor else None,
                    "actor_country": m.actor.country if m.actor else None,
                    "duration_days": m.duration_days,
                    "start_date": _date(m.start.start) if m.start else None,
                    "end_date": _date(m.end.end) if m.end else None,
                    "confidence": m.confidence,
                    "record": json.dumps(to_dict(m)),
                }
            )
            spans.extend(_spans(m.id, "commitment", d.id, m.evidence))
        for cl in result.claims:
            claims.append(
                {
                    "id": cl.id,
                    "document_id": d.id,
                    "speaker_name": cl.speaker.name if cl.speaker else None,
                    "speaker_country": cl.speaker.country if cl.speaker else None,
                    "channel": cl.channel,
                    "quoted": cl.quoted,
                    "polarity": cl.polarity,
                    "cue": cl.cue,
                    "text": cl.text,
                    "disputed": cl.disputed,
                    "confidence": cl.confidence,
                    "record": json.dumps(to_dict(cl)),
                }
            )
            spans.extend(_spans(cl.id, "claim", d.id, cl.evidence))
    return {
        "documents": pa.Table.from_pylist(_unique(docs)),
        "events": _typed(events, EVENT_TYPES),
        "commitments": _typed(commitments, COMMITMENT_TYPES),
        "claims": _typed(claims, CLAIM_TYPES),
        "spans": _typed(spans, SPAN_TYPES),
    }


def event_term_table(tables: dict[str, pa.Table]) -> pa.Table:
    """The ``event_terms`` rows of a batch (the tables of ``result_tables``): one per word.

    An event's words come from the same text as in migration 5: its flat text columns, its
    evidence quotes and its document's title.
    """
    titles = dict(
        zip(
            tables["documents"].column("id").to_pylist(),
            tables["documents"].column("title").to_pylist(),
            strict=True,
        )
    )
    texts: dict[str, list[str | None]] = {}
    events = tables["events"].select(["id", "document_id", *EVENT_TEXT_COLUMNS]).to_pylist()
    for row in events:
        texts[row["id"]] = [row[c] for c in EVENT_TEXT_COLUMNS] + [titles.get(row["document_id"])]
    for span in tables["spans"].select(["record_id", "record_kind", "text"]).to_pylist():
        if span["record_kind"] == "event" and span["record_id"] in texts:
            texts[span["record_id"]].append(span["text"])
    terms: list[str] = []
    event_ids: list[str] = []
    for event_id, parts in texts.items():
        words = sorted(search_terms(*parts))
        terms += words
        event_ids += [event_id] * len(words)
    return pa.table({"term": pa.array(terms, S), "event_id": pa.array(event_ids, S)})


def _spans(record_id: str, kind: str, document_id: str, evidence: Iterable[Any]) -> list[dict]:
    return [
        {
            "record_id": record_id,
            "record_kind": kind,
            "document_id": document_id,
            "start": s.start,
            "end": s.end,
            "text": s.text,
        }
        for s in evidence
    ]


S, INT, F, B, D = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
EVENT_TYPES = {
    "id": S,
    "document_id": S,
    "type": S,
    "mode": S,
    "acled_event_type": S,
    "acled_sub_event_type": S,
    "actor_name": S,
    "actor_country": S,
    "actor_kind": S,
    "target_name": S,
    "target_country": S,
    "target_category": S,
    "place_name": S,
    "lat": F,
    "lon": F,
    "place_country": S,
    "admin1": S,
    "place_precision": S,
    "date_start": D,
    "date_end": D,
    "killed_min": INT,
    "killed_max": INT,
    "injured_min": INT,
    "weapons_min": INT,
    "weapon": S,
    "reported_by": S,
    "status": S,
    "confidence": F,
    "record": S,
}
COMMITMENT_TYPES = {
    "id": S,
    "document_id": S,
    "kind": S,
    "status": S,
    "actor_name": S,
    "actor_country": S,
    "duration_days": INT,
    "start_date": D,
    "end_date": D,
    "confidence": F,
    "record": S,
}
CLAIM_TYPES = {
    "id": S,
    "document_id": S,
    "speaker_name": S,
    "speaker_country": S,
    "channel": S,
    "quoted": B,
    "polarity": S,
    "cue": S,
    "text": S,
    "disputed": B,
    "confidence": F,
    "record": S,
}
CLUSTER_TYPES = {
    "id": S,
    "type": S,
    "size": INT,
    "possible_duplicate": B,
    "lat": F,
    "lon": F,
    "date_start": D,
    "date_end": D,
    "record": S,
}
MEMBER_TYPES = {"cluster_id": S, "event_id": S}
SPAN_TYPES = {
    "record_id": S,
    "record_kind": S,
    "document_id": S,
    "start": INT,
    "end": INT,
    "text": S,
}


def _typed(rows: list[dict[str, Any]], types: dict[str, pa.DataType]) -> pa.Table:
    if "id" in types:
        rows = _unique(rows)
    return pa.table({name: pa.array([r[name] for r in rows], t) for name, t in types.items()})


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per id (the last wins): an extractor that repeats an id must not sink a batch."""
    by_id = {r["id"]: r for r in rows}
    if len(by_id) < len(rows):
        log.info("%d records with repeated ids dropped", len(rows) - len(by_id))
    return list(by_id.values())
