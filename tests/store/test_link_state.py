"""Linking is skipped when the stored links were computed from exactly the stored documents."""

from __future__ import annotations

import duckdb
import pytest

from ceasewatch import pipeline
from ceasewatch.pipeline import RunReport, link_store
from ceasewatch.store import Store
from ceasewatch.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import make_result

TEXTS = [
    "Twelve drones struck a power station in Kharkiv overnight. The governor said one worker "
    "was killed.",
    "Drones hit a substation near Kharkiv overnight. The mayor said the lights went out.",
    "Shelling hit a school in Kherson on Monday. Officials said nobody was hurt.",
]
LATER = "A missile struck a depot in Odesa on Tuesday. The navy said two sailors were hurt."


def link(store: Store, *, force: bool = False) -> RunReport:
    report = RunReport(inputs=[], started_at="")
    link_store(store, report, force=force)
    return report


def linked_tables(store: Store) -> dict[str, list[tuple]]:
    """Everything a link run writes, in a stable order."""
    out = {}
    for table in ("links", "merged_commitments", "event_clusters", "event_cluster_members"):
        out[table] = store.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
    out["disputed"] = store.con.execute("SELECT id, disputed FROM claims ORDER BY id").fetchall()
    return out


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "cw.duckdb") as s:
        s.write_results([make_result(t) for t in TEXTS], pipeline.PIPELINE_VERSION)
        yield s


def fail(*args, **kwargs):
    raise RuntimeError("linking broke")


def test_a_second_link_over_the_same_documents_is_skipped(store, monkeypatch):
    first = link(store)
    assert first.links == "linked" and not first.errors
    state = store.link_state()
    assert state is not None and state["documents"] == len(TEXTS)
    before = linked_tables(store)
    assert before["merged_commitments"] and before["event_clusters"]
    monkeypatch.setattr(pipeline, "link_results", fail)  # would fail if it were called
    again = link(store)
    assert again.links == "up_to_date" and not again.errors
    assert again.to_dict()["links"] == "up_to_date"
    assert linked_tables(store) == before
    assert store.link_state() == state  # not even rewritten


def test_a_new_document_relinks(store):
    link(store)
    store.write_results([make_result(LATER)], pipeline.PIPELINE_VERSION)
    report = link(store)
    assert report.links == "linked"
    state = store.link_state()
    assert state is not None and state["documents"] == len(TEXTS) + 1
    assert link(store).links == "up_to_date"


def test_a_rewritten_or_deleted_document_makes_the_links_stale(store):
    link(store)
    store.write_results([make_result(TEXTS[0])], "an-older-pipeline")
    assert link(store).links == "linked"
    store.con.execute(
        "DELETE FROM documents WHERE id = ?", [make_result(TEXTS[1]).document.id]
    ).fetchall()
    assert link(store).links == "linked"
    state = store.link_state()
    assert state is not None and state["documents"] == len(TEXTS) - 1


def test_a_failure_during_linking_leaves_the_links_stale(store, monkeypatch):
    link(store)
    store.write_results([make_result(LATER)], pipeline.PIPELINE_VERSION)
    with monkeypatch.context() as m:
        m.setattr(pipeline, "link_results", fail)
        report = link(store)
    assert report.links == "failed" and "linking broke" in report.errors[0]
    assert store.link_state() is None
    assert link(store).links == "linked"


def test_a_failure_after_the_links_are_written_leaves_them_stale(store, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(Store, "replace_clusters", fail)
        assert link(store).links == "failed"
    assert store.link_state() is None
    assert link(store).links == "linked"


def test_an_interrupted_link_leaves_the_links_stale(store, monkeypatch):
    link(store)
    store.write_results([make_result(LATER)], pipeline.PIPELINE_VERSION)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m, pytest.raises(KeyboardInterrupt):
        m.setattr(pipeline, "cluster_events", interrupt)
        link(store)
    assert store.link_state() is None
    assert link(store).links == "linked"


def test_force_relinks_and_so_does_new_link_code(store, monkeypatch):
    link(store)
    assert link(store, force=True).links == "linked"
    assert pipeline.link_version().startswith(pipeline.PIPELINE_VERSION + "+links-")
    monkeypatch.setattr(pipeline, "link_version", lambda: "ceasewatch-next+links-0")
    assert link(store).links == "linked"
    state = store.link_state()
    assert state is not None and state["pipeline_version"] == "ceasewatch-next+links-0"
    assert link(store).links == "up_to_date"


def test_links_replaced_outside_a_link_run_are_stale(store):
    link(store)
    store.replace_links([], [], [])
    assert store.link_state() is None


def test_the_fingerprint_does_not_depend_on_row_order(store):
    count, fingerprint = store.document_fingerprint()
    store.con.execute("CREATE TABLE shuffled AS SELECT * FROM documents ORDER BY id DESC")
    store.con.execute("DELETE FROM documents")
    store.con.execute("INSERT INTO documents SELECT * FROM shuffled")
    assert store.document_fingerprint() == (count, fingerprint) and count == len(TEXTS)


def test_an_empty_store_has_a_fingerprint_and_links_once(tmp_path):
    with Store(tmp_path / "empty.duckdb") as store:
        assert store.document_fingerprint() == (0, "0")
        assert link(store).links == "linked"
        assert link(store).links == "up_to_date"


def test_a_store_from_before_the_link_state_is_migrated_and_relinked(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER)").fetchall()
    for version, sql in enumerate(MIGRATIONS[:5], start=1):
        con.execute(sql).fetchall()
        con.execute("INSERT INTO schema_version VALUES (?)", [version]).fetchall()
    con.close()
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.link_state() is None
        store.write_results([make_result(t) for t in TEXTS], pipeline.PIPELINE_VERSION)
        assert link(store).links == "linked"
    with Store(db) as store:  # the state survives closing the file
        assert link(store).links == "up_to_date"
