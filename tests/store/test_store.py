import duckdb
import pytest

from ceasewatch.store import Store, StoreError
from ceasewatch.store.schema import SCHEMA_VERSION
from tests.conftest import make_result

TEXTS = [
    "Twelve drones struck a power station in Kharkiv overnight. The governor said one worker "
    "was killed.",
    "Shelling hit a school in Kherson on Monday. Officials said nobody was hurt.",
]


def test_writes_and_reads_back_every_record(tmp_path):
    db = tmp_path / "cw.duckdb"
    results = [make_result(t) for t in TEXTS]
    with Store(db) as store:
        store.write_results(results, "v1")
        assert store.count("documents") == 2
        assert store.count("events") == 2
        assert store.count("claims") == 2
        assert store.count("spans") == 6
        loaded = {r.document.id: r for r in store.load_results()}
    for r in results:
        assert loaded[r.document.id].events == r.events
        assert loaded[r.document.id].commitments == r.commitments
        assert loaded[r.document.id].claims == r.claims
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("SELECT actor_country, lat, weapons_min, date_start FROM events").fetchall()[
        0
    ]
    assert row[0] == "RUS" and row[1] == pytest.approx(49.98) and row[2] == 12
    assert str(row[3]) == "2025-03-19"


def test_rewriting_the_same_documents_replaces_rather_than_duplicates(tmp_path):
    db = tmp_path / "cw.duckdb"
    results = [make_result(t) for t in TEXTS]
    with Store(db) as store:
        store.write_results(results, "v1")
        store.write_results(results, "v2")
        assert store.count("documents") == 2
        assert store.count("events") == 2
        assert store.count("spans") == 6
        assert set(store.stored_versions(r.document.id for r in results).values()) == {"v2"}


def test_schema_version_is_recorded_and_newer_stores_are_refused(tmp_path):
    db = tmp_path / "cw.duckdb"
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_find_document_by_prefix_and_external_id(tmp_path):
    with Store(tmp_path / "cw.duckdb") as store:
        result = make_result(TEXTS[0])
        store.write_results([result], "v1")
        assert store.find_document_ids(result.document.id[:6]) == [result.document.id]
        assert store.find_document_ids("nothing-like-this") == []


def test_an_older_store_is_migrated_when_opened_read_only(tmp_path):
    from ceasewatch.store.schema import MIGRATIONS

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER)").fetchall()
    con.execute(MIGRATIONS[0]).fetchall()
    con.execute("INSERT INTO schema_version VALUES (1)").fetchall()
    con.close()
    with Store(db, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.count("sightings") == 0


def test_sightings_keep_every_input_of_the_same_text(tmp_path):
    import dataclasses

    result = make_result(TEXTS[0])
    copies = [
        dataclasses.replace(result.document, origin=f"feed.jsonl:{i}", external_id=str(i))
        for i in range(3)
    ]
    with Store(tmp_path / "cw.duckdb") as store:
        store.write_results([result], "v1")
        store.write_sightings(copies)
        store.write_sightings(copies)
        assert store.count("documents") == 1
        assert store.count("sightings") == 3


def test_event_clusters_are_replaced_with_their_members(tmp_path):
    from ceasewatch.link.clustering import cluster_events

    first = make_result(TEXTS[0])
    again = make_result(TEXTS[0] + " A later update added nothing new.")
    clusters = cluster_events([first, again])
    assert len(clusters) == 1 and len(clusters[0].event_ids) == 2
    with Store(tmp_path / "cw.duckdb") as store:
        store.replace_clusters(clusters)
        store.replace_clusters(clusters)
        assert store.count("event_clusters") == 1
        members = store.con.execute("SELECT count(*) FROM event_cluster_members").fetchall()
        assert members[0][0] == 2


def _terms(store):
    return store.con.execute("SELECT term, event_id FROM event_terms ORDER BY ALL").fetchall()


def test_the_word_index_of_new_rows_matches_the_migration_fill(tmp_path):
    texts = [*TEXTS, "Strikes on Zaporizhzhia’s grid, 2 ÉLÈVES hurt_ at a café (Kyïv-Oblast)."]
    results = [make_result(t) for t in texts]
    with Store(tmp_path / "cw.duckdb") as store:
        store.write_results(results, "v1")
        written = _terms(store)
        store.write_results(results, "v2")  # rewritten documents replace their words
        assert _terms(store) == written
        store.rebuild_event_terms()  # the SQL of migration 5
        assert _terms(store) == written
    words = {t for t, _ in written}
    assert {
        "twelve",
        "kharkiv",
        "zaporizhzhia",
        "élèves",
        "hurt",
        "café",
        "kyïv",
        "oblast",
    } <= words
    assert {"a", "test", "article"} <= words  # the document title
    assert not any("_" in w or " " in w for w in words)


def test_migration_5_indexes_the_events_already_stored(tmp_path):
    db = tmp_path / "cw.duckdb"
    with Store(db) as store:
        store.write_results([make_result(t) for t in TEXTS], "v1")
        written = _terms(store)
        store.con.execute("DROP TABLE event_terms").fetchall()
        store.con.execute("DELETE FROM schema_version WHERE version = 5").fetchall()
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert _terms(store) == written and written
