"""Read-only queries: filters, escaping, time limits."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ceasewatch.store import StoreError
from ceasewatch.store.queries import (
    EVENT_TEXT_COLUMNS,
    MAX_PAGE,
    EventFilter,
    QueryTimeout,
    ReadStore,
    like_pattern,
)


def test_a_long_query_is_interrupted(ledger):
    with ReadStore(ledger[0], timeout=0.2) as store:
        with pytest.raises(QueryTimeout):
            store.rows("SELECT sum(i) FROM range(50000000000) t(i)")
        assert store.counts()["events"] == 3  # the connection still works


def test_the_store_is_read_only(ledger):
    with ReadStore(ledger[0]) as store, pytest.raises(duckdb.Error):
        store.rows("DELETE FROM events")


def test_filters_combine(ledger):
    records = ledger[1]
    with ReadStore(ledger[0]) as store:

        def ids(**kw):
            return {e["id"] for e in store.events(EventFilter(**kw))[0]}

        assert ids(country="RUS", category="transport") == {records["port"].id}
        assert ids(until=dt.date(2025, 3, 18)) == set()
        assert ids(bbox=(170.0, 40.0, -170.0, 60.0)) == set()  # across the antimeridian
        assert ids(bbox=(30.0, 40.0, 40.0, 60.0)) == ids()
        assert ids(document_id=records["results"][1].document.id) == {records["port"].id}
        items, total = store.events(limit=10_000)
        assert total == 3 and len(items) == 3
        assert store.events(limit=10_000)[0] == store.events(limit=MAX_PAGE)[0]


def test_like_wildcards_are_literal():
    assert like_pattern("50%_\\") == "%50\\%\\_\\\\%"


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path):
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(StoreError, match="schema version"):
        ReadStore(other)
    with pytest.raises(StoreError, match="no database"):
        ReadStore(tmp_path / "absent.duckdb")


def test_pages_report_the_total_of_every_page(ledger):
    with ReadStore(ledger[0]) as store:
        pages = [store.events(limit=1, offset=k) for k in range(4)]
        assert [total for _, total in pages] == [3, 3, 3, 3]
        assert [len(items) for items, _ in pages] == [1, 1, 1, 0]
        ids = [items[0]["id"] for items, _ in pages[:3]]
        assert ids == [e["id"] for e in store.events()[0]]  # same order as one page
        assert store.events(EventFilter(q="odesa"), limit=1, offset=5) == ([], 1)


def test_text_search_reads_names_evidence_and_titles(ledger):
    records = ledger[1]
    with ReadStore(ledger[0]) as store:

        def ids(q):
            return {e["id"] for e in store.events(EventFilter(q=q))[0]}

        port = records["port"].id
        assert ids("Odeska") == {port}  # a flat column (admin1)
        assert ids("grain warehouse") == set()  # in the text, not in any evidence
        assert ids("ten were injured") == {port}  # an evidence quote
        assert ids("strike Odesa port") == {port}  # the document title
        days = store.event_days(EventFilter(q="ten were injured"))
        assert [(d["type"], d["n"]) for d in days] == [("ASSAULT", 1)]


def test_event_pages_carry_records_documents_and_clusters(clustered):
    with ReadStore(clustered[0]) as store:
        items, total = store.events(limit=MAX_PAGE)
        assert total == len(items) == store.counts()["events"]
        for item in items:
            assert item["document"]["id"] and item["document"]["title"]
            assert item["cluster"] is None or item["cluster"]["size"] >= 1
        sizes = {i["cluster"]["id"]: i["cluster"]["size"] for i in items if i["cluster"]}
        others = store.clusters_of([i["id"] for i in items])
        for event_id, entry in others.items():
            assert len(entry["others"]) == sizes[entry["id"]] - 1
            assert event_id not in {o["event"]["id"] for o in entry["others"]}


PLAIN_SCAN = (
    "SELECT e.id FROM events e WHERE "
    + " OR ".join(f"e.{c} ILIKE $1 ESCAPE '\\'" for c in EVENT_TEXT_COLUMNS)
    + " OR e.id IN (SELECT record_id FROM spans WHERE record_kind = 'event' "
    "AND text ILIKE $1 ESCAPE '\\') "
    "OR e.document_id IN (SELECT id FROM documents WHERE title ILIKE $1 ESCAPE '\\')"
)


@pytest.mark.parametrize(
    ("q", "hits"),
    [
        ("Odeska", 1),  # a flat column
        ("odes", 1),  # a word's start
        ("DESA", 1),  # inside a word
        ("esa port", 1),  # a phrase starting inside a word
        ("ten were inj", 1),  # an evidence quote, ending inside a word
        ("strike Odesa port", 1),  # the document title
        ("RUS", 3),
        ("a", 4),
        ("grain warehouse", 0),
        ("-", 0),  # no word at all: the plain scan
        ("50%", 0),
        ("port  odesa", 0),
        ("Kharkiv's", 0),
    ],
)
def test_the_word_index_finds_what_a_plain_scan_finds(clustered, q, hits):
    with ReadStore(clustered[0]) as store:
        expected = {r["id"] for r in store.rows(PLAIN_SCAN, [like_pattern(q)])}
        assert len(expected) == hits
        items, total = store.events(EventFilter(q=q), limit=MAX_PAGE)
        assert {e["id"] for e in items} == expected and total == len(expected)
        days = store.event_days(EventFilter(q=q))
        assert sum(d["n"] for d in days) == len(
            [e for e in items if e.get("date") and e["date"].get("start")]
        )


def test_map_events_are_the_event_records_in_short(clustered):
    with ReadStore(clustered[0]) as store:
        records, total = store.events(limit=MAX_PAGE)
        short, short_total = store.map_events(limit=2000)
        assert short_total == total and [e["id"] for e in short] == [e["id"] for e in records]
        for s, r in zip(short, records, strict=True):
            assert s["type"] == r["type"] and s["mode"] == r.get("mode")
            assert s["place"]["lat"] == r["place"]["lat"] and s["place"]["lon"] == r["place"]["lon"]
            assert s["place"]["name"] == r["place"]["name"]
            assert s["actor"]["name"] == r["actor"]["name"]
            assert s["date"]["start"] == r["date"]["start"][:10]
            assert (s["counts"].get("killed") or {}).get("min") == (
                (r.get("counts") or {}).get("killed") or {}
            ).get("min")
            assert {k: s["document"][k] for k in ("id", "title")} == {
                k: r["document"][k] for k in ("id", "title")
            }
            assert s["cluster"] == r["cluster"]
        assert any(s["cluster"] and s["cluster"]["size"] == 2 for s in short)
        one, one_total = store.map_events(limit=1)
        assert one_total == total and [e["id"] for e in one] == [records[0]["id"]]
