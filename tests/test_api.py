"""The notebook API: ceasewatch.api.open(db).events(...)."""

from __future__ import annotations

import pyarrow as pa
import pytest

import ceasewatch.api
from ceasewatch.store import StoreError
from tests.serve.ledger_data import fill_store


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("api") / "ledger.duckdb"
    records = fill_store(db)
    return ceasewatch.api.open(db), records


def test_events_are_a_dataframe_with_filters(ledger):
    book, records = ledger
    frame = book.events()
    assert len(frame) == 3
    assert {
        "id",
        "type",
        "actor_country",
        "lat",
        "lon",
        "date_start",
        "killed_min",
        "document_title",
    } <= set(frame.columns)
    russian = book.events(country="RUS", since="2025-03-20")
    assert list(russian["id"]) == [records["port"].id]
    assert list(book.events(bbox=(36, 49, 37, 51))["place_name"]) == ["Kharkiv"]
    assert len(book.events(q="power station")) == 1
    assert len(book.events(limit=2)) == 2


def test_as_arrow_gives_tables(ledger):
    book, _ = ledger
    table = book.events(as_arrow=True)
    assert isinstance(table, pa.Table) and table.num_rows == 3
    assert isinstance(book.commitments(as_arrow=True), pa.Table)
    assert book.documents(as_arrow=True).num_rows == 5


def test_commitments_claims_contradictions_documents(ledger):
    book, records = ledger
    commitments = book.commitments()
    assert list(commitments["id"]) == [records["merged"].id]
    assert len(commitments.iloc[0]["violations"]) == 2
    assert len(book.commitments(merged=False)) == 1
    assert list(book.claims(disputed=True)["id"]) == [records["denied"].id]
    contradictions = book.contradictions()
    assert contradictions.iloc[0]["a_side"]["kind"] == "claim"
    documents = book.documents()
    assert "text" not in documents.columns and len(documents) == 5
    assert "text" in book.documents(with_text=True).columns
    assert len(book.violations()) == 2
    assert book.counts()["spans"] == 9
    assert len(book.table("spans")) == 9


def test_bad_inputs_fail_clearly(ledger, tmp_path):
    book, _ = ledger
    with pytest.raises(ValueError, match="bbox"):
        book.events(bbox=(1, 2, 3))
    with pytest.raises(ValueError, match="unknown table"):
        book.table("secrets")
    with pytest.raises(StoreError):
        ceasewatch.api.open(tmp_path / "missing.duckdb")


def test_package_level_open_is_the_notebook_api(tmp_path):
    import ceasewatch
    from ceasewatch.store import Store
    from tests.conftest import make_result

    db = tmp_path / "cw.duckdb"
    with Store(db) as store:
        store.write_results(
            [make_result("Twelve drones struck a depot in Kharkiv. Two died.")], "t"
        )
    events = ceasewatch.open(db).events(country="RUS")
    assert list(events["actor_country"]) == ["RUS"]


def test_clusters_and_sightings(tmp_path):
    from tests.serve.ledger_data import fill_clustered_store

    db = tmp_path / "clustered.duckdb"
    records = fill_clustered_store(db)
    book = ceasewatch.api.open(db)
    clusters = book.clusters()
    assert len(clusters) == 3
    kharkiv = clusters[clusters["id"] == records["kharkiv"].id].iloc[0]
    assert kharkiv["size"] == 2 and bool(kharkiv["possible_duplicate"])
    assert kharkiv["place_name"] == "Kharkiv" and list(kharkiv["sources"]) == [
        "Test Wire",
        "Other Wire",
    ]
    assert sorted(c["counts"]["weapons"]["min"] for c in kharkiv["counts"]) == [12, 15]
    assert list(book.clusters(min_size=2)["id"]) == [records["kharkiv"].id]
    assert list(book.clusters(bbox=(30, 46, 31, 47))["place_name"]) == ["Odesa"]
    assert len(book.clusters(since="2025-03-22", possible_duplicate=False)) == 2
    assert book.clusters(as_arrow=True).num_rows == 3
    sightings = book.sightings()
    assert len(sightings) == 8
    strike_doc = records["results"][0].document.id
    mine = book.sightings(document_id=strike_doc)
    assert list(mine["origin"]) == ["test", "feeds/mirror.xml#item-7"]
    assert list(mine["source"]) == ["Test Wire", "Mirror Wire"]
    assert isinstance(book.sightings(as_arrow=True), pa.Table)
    assert book.sightings(document_id="nope").empty
    assert book.counts()["event_clusters"] == 3
