"""The Dask engine skips linking like the local one when nothing new was stored."""

from __future__ import annotations

import json

import pytest

from ceasewatch import pipeline
from ceasewatch.config import Config
from ceasewatch.scale import dask_engine
from ceasewatch.scale.dask_engine import run_dask
from ceasewatch.store import Store

ARTICLE = (
    "Russian forces launched {n} drones at {place} overnight, the regional governor said. "
    "Kyiv said it was ready to halt attacks on energy facilities if Moscow did the same."
)


def fail(*args, **kwargs):
    raise AssertionError("relinked unchanged documents")


@pytest.mark.slow
def test_a_dask_rerun_with_nothing_new_does_not_relink(tmp_path, monkeypatch):
    wire = tmp_path / "wire.jsonl"
    places = ["Kharkiv", "Odesa", "Dnipro"]
    rows = [
        {"id": f"w{i}", "published": "2025-03-20", "text": ARTICLE.format(n=10 + i, place=p)}
        for i, p in enumerate(places)
    ]
    wire.write_text("".join(json.dumps(r) + "\n" for r in rows[:2]))
    config = Config(published="2025-03-20")
    db = tmp_path / "cw.duckdb"
    with dask_engine.dask_client(workers=1) as client, Store(db) as store:
        first = run_dask([str(wire)], config, store, client=client)
        assert first.links == "linked" and first.stored == 2
        links = store.links()
        with monkeypatch.context() as m:
            m.setattr(pipeline, "link_results", fail)
            second = run_dask([str(wire)], config, store, client=client)
        assert second.unchanged == 2 and second.links == "up_to_date" and not second.errors
        assert store.links() == links
        wire.write_text("".join(json.dumps(r) + "\n" for r in rows))
        third = run_dask([str(wire)], config, store, client=client)
        assert third.stored == 1 and third.links == "linked"
        assert run_dask([str(wire)], config, store, client=client, force=True).links == "linked"
