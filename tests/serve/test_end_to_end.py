"""The whole way: a synthetic article through ``pipeline.run``, then the API, UI and exports."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from ceasewatch.config import Config
from ceasewatch.export import FORMATS, export
from ceasewatch.serve.app import create_app
from ceasewatch.store import Store
from tests.serve.conftest import LiveServer

pytestmark = pytest.mark.slow

ARTICLE = """Drones strike Zaporizhzhia substation

Russian forces launched fifteen drones at an electrical substation in Zaporizhzhia overnight,
the regional governor said on Telegram. Two workers were killed and four were injured.

Moscow said on Wednesday it had agreed to a 30-day pause on attacks against energy
infrastructure. Kyiv said the strike broke that pause, while the Russian defence ministry denied
hitting any energy site. <script>alert('e2e')</script>
"""


@pytest.fixture(scope="module")
def pipeline_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ceasewatch.pipeline import run

    folder = tmp_path_factory.mktemp("e2e")
    article = folder / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = folder / "run.duckdb"
    with Store(db) as store:
        report = run([str(article)], Config(db_path=db, published="2025-03-19"), store)
    assert report.stored == 1, report.to_dict()
    return db


def test_api_ui_and_exports_over_a_pipeline_run(pipeline_db, tmp_path):
    with LiveServer(create_app(pipeline_db)) as live:
        docs = httpx.get(f"{live.url}/api/v1/documents", timeout=10).json()
        assert docs["total"] == 1
        doc_id = docs["items"][0]["id"]
        doc = httpx.get(f"{live.url}/api/v1/documents/{doc_id}", timeout=10).json()
        assert "Zaporizhzhia" in doc["text"]
        for span in doc["spans"]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]
        events = httpx.get(f"{live.url}/api/v1/events", timeout=10).json()
        assert events["total"] == len(doc["events"])
        for path in ("/", "/commitments", "/claims", "/documents", f"/documents/{doc_id}"):
            page = httpx.get(f"{live.url}{path}", timeout=10)
            assert page.status_code == 200, path
            assert "<script>alert('e2e')" not in page.text
    for fmt in FORMATS:
        out = tmp_path / fmt
        rows = export(pipeline_db, fmt, out)
        assert rows >= 0 and out.exists()
    features = json.loads((tmp_path / "geojson").read_text())["features"]
    assert len(features) <= len(doc["events"])
