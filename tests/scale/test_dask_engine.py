"""The Dask path stores what the local path stores, resumes, and turns failures into skips."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ceasewatch.config import Config
from ceasewatch.pipeline import run
from ceasewatch.scale import dask_engine
from ceasewatch.scale.dask_engine import process_partition, run_dask
from ceasewatch.scale.partition import plan_partitions
from ceasewatch.store import Store
from ceasewatch.store import parquet as pqstore

ARTICLE = (
    "Russian forces launched {n} drones at {place} overnight, the regional governor said on "
    "Telegram. Air defence units shot down most of them, but debris damaged a residential "
    "building and injured two people. Kyiv said it was ready to halt attacks on energy "
    "facilities if Moscow did the same, and the Kremlin said it would consider the proposal."
)
PLACES = [
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Poltava",
    "Chernihiv",
    "Mykolaiv",
    "Sumy",
    "Kherson",
]


def write_corpus(folder: Path) -> list[str]:
    """A JSONL file (with a bad line and a repeated article) and a folder of text files."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {"id": f"w{i}", "published": "2025-03-20", "text": ARTICLE.format(n=10 + i, place=p)}
        for i, p in enumerate(PLACES)
    ]
    lines = [json.dumps(r) for r in rows]
    lines.insert(3, "not json")
    lines.append(lines[1])
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
    pages = folder / "pages"
    pages.mkdir()
    for i, place in enumerate(PLACES[:3]):
        (pages / f"p{i}.txt").write_text(ARTICLE.format(n=30 + i, place=place))
    (pages / "empty.txt").write_text("")
    return [str(folder / "wire.jsonl"), str(pages)]


def table_rows(db: Path, table: str, drop: tuple[str, ...] = ()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        exclude = f" EXCLUDE ({', '.join(drop)})" if drop else ""
        return con.execute(f"SELECT *{exclude} FROM {table} ORDER BY ALL").fetchall()
    finally:
        con.close()


def account(report) -> dict:
    d = report.to_dict()
    return {k: d[k] for k in ("read", "stored", "unchanged", "duplicates", "skipped", "failed")}


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with dask_engine.dask_client(workers=2) as c:
        yield c


@pytest.mark.slow
def test_dask_run_stores_the_same_records_as_the_local_run(tmp_path, client):
    inputs = write_corpus(tmp_path / "in")
    config = Config(published="2025-03-20", batch_size=4)
    with Store(tmp_path / "local.duckdb") as store:
        local = run(inputs, config, store)
    with Store(tmp_path / "dask.duckdb") as store:
        dask = run_dask(inputs, config, store, client=client, partition_size=4)
    assert account(dask) == account(local)
    assert dask.accounted == dask.read == local.read
    assert dict(dask.records) == dict(local.records)
    assert sorted(s.origin for s in dask.skips) == sorted(s.origin for s in local.skips)
    drops = {"documents": ("stored_at",), "sightings": ("seen_at",)}
    for table in ("documents", "events", "commitments", "claims", "spans", "sightings", "links"):
        a = table_rows(tmp_path / "local.duckdb", table, drops.get(table, ()))
        b = table_rows(tmp_path / "dask.duckdb", table, drops.get(table, ()))
        assert a == b, table
    assert len(table_rows(tmp_path / "dask.duckdb", "documents")) == len(PLACES) + 3
    assert not (tmp_path / "dask.duckdb.shards").exists()  # loaded shards are removed


@pytest.mark.slow
def test_an_interrupted_dask_run_resumes_without_duplicates(tmp_path, client):
    inputs = write_corpus(tmp_path / "in")
    config = Config(published="2025-03-20")
    db = tmp_path / "cw.duckdb"

    def interrupt(done: int, origin: str) -> None:
        if done == 5:
            raise KeyboardInterrupt

    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        run_dask(inputs, config, store, client=client, partition_size=4, progress=interrupt)
    assert pqstore.dataset_shards(tmp_path / "cw.duckdb.shards")  # the work done is kept
    with Store(db) as store:
        resumed = run_dask(inputs, config, store, client=client, partition_size=4)
    assert resumed.stored == len(PLACES) + 3 and resumed.accounted == resumed.read
    with Store(db) as store:
        again = run_dask(inputs, config, store, client=client, partition_size=4)
    assert again.stored == 0 and again.unchanged == len(PLACES) + 3
    ids = [r[0] for r in table_rows(db, "documents")]
    assert len(ids) == len(set(ids)) == len(PLACES) + 3
    events = table_rows(db, "events")
    assert len(events) == len({e[0] for e in events})


def test_a_left_over_shard_is_reused_not_recomputed(tmp_path, monkeypatch):
    """A shard written before an interruption counts as done (its key names the partition)."""
    inputs = write_corpus(tmp_path / "in")
    config = Config(published="2025-03-20")
    root = tmp_path / "shards"
    part = plan_partitions(inputs, config, size=4)[0]
    monkeypatch.setattr(
        dask_engine,
        "extract_batch",
        lambda docs, cfg: [dask_engine.DocumentResult(document=d) for d in docs],
    )
    assert process_partition(part, config, str(root), frozenset()) == part.key

    def fail(*args):
        raise AssertionError("recomputed")

    monkeypatch.setattr(dask_engine, "read_partition", fail)
    assert process_partition(part, config, str(root), frozenset()) == part.key
    units = dask_engine.shard_units(root, part.key).to_pylist()
    assert [u["position"] for u in units] == list(range(4))


@pytest.mark.slow
def test_a_document_that_breaks_extraction_becomes_a_skip(tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    import ceasewatch.extract.claims as claims

    real = claims.extract_claims

    def flaky(doc, document, *args, **kwargs):
        if "Sumy" in document.text:
            raise ValueError("boom")
        return real(doc, document, *args, **kwargs)

    monkeypatch.setattr(claims, "extract_claims", flaky)
    inputs = write_corpus(tmp_path / "in")
    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as threads,
        Store(tmp_path / "cw.duckdb") as store,
    ):
        report = run_dask(inputs, Config(), store, client=threads, partition_size=4)
    assert report.failed["extract_error"] == 1
    assert report.stored == len(PLACES) + 2
    assert report.accounted == report.read
