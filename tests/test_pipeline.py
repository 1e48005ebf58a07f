"""The pipeline end to end over real files and a real DuckDB file."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import jsonschema
import pytest

from ceasewatch.config import Config
from ceasewatch.pipeline import run
from ceasewatch.store import Store

ARTICLE = """Drones hit {place} overnight, officials say

Russian forces launched {n} drones at {place} overnight, the regional governor said on Telegram.
Air defence units shot down most of them, but debris damaged a residential building and injured
two people, according to the regional administration.

The strike came a day after talks in Istanbul on a partial ceasefire. Kyiv said it was ready to
halt attacks on energy facilities if Moscow did the same, and the Kremlin said it would consider
the proposal.
"""

PLACES = ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Poltava", "Chernihiv", "Mykolaiv"]


def write_articles(folder, count=None):
    folder.mkdir(parents=True, exist_ok=True)
    for i, place in enumerate(PLACES[: count or len(PLACES)]):
        (folder / f"article-{i}.txt").write_text(ARTICLE.format(place=place, n=10 + i))
    return folder


def rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_run_stores_every_document_once_and_a_rerun_changes_nothing(tmp_path):
    folder = write_articles(tmp_path / "in")
    db = tmp_path / "cw.duckdb"
    config = Config(db_path=db, published="2025-03-20", batch_size=3)
    with Store(db) as store:
        first = run([str(folder)], config, store)
    assert first.read == len(PLACES) and first.stored == len(PLACES)
    assert first.accounted == first.read
    with Store(db) as store:
        second = run([str(folder)], config, store)
    assert second.stored == 0 and second.unchanged == len(PLACES)
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM documents")[0] == (7, 7)
    assert rows(db, "SELECT count(*) FROM runs")[0][0] == 2


@pytest.mark.slow
def test_bad_inputs_are_skipped_with_reasons_and_the_batch_goes_on(tmp_path):
    folder = write_articles(tmp_path / "in", count=2)
    (folder / "empty.txt").write_text("")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 20)
    db = tmp_path / "cw.duckdb"
    with Store(db) as store:
        report = run([str(folder), str(tmp_path / "missing.txt")], Config(db_path=db), store)
    assert report.stored == 2
    assert report.read == 5 and report.accounted == 5
    assert sum(report.skipped.values()) + sum(report.failed.values()) == 3
    reasons = dict(rows(db, "SELECT reason, count(*) FROM skips GROUP BY reason"))
    assert sum(reasons.values()) == 3
    assert "empty" in reasons


@pytest.mark.slow
def test_an_interrupted_run_is_finished_by_the_next_one_without_duplicates(tmp_path):
    folder = write_articles(tmp_path / "in")
    db = tmp_path / "cw.duckdb"
    config = Config(db_path=db, batch_size=2)

    def interrupt_after_four(done: int, origin: str) -> None:
        if done == 4:
            raise KeyboardInterrupt

    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        run([str(folder)], config, store, progress=interrupt_after_four)
    stored_before = rows(db, "SELECT count(*) FROM documents")[0][0]
    assert 0 < stored_before < len(PLACES)
    with Store(db) as store:
        report = run([str(folder)], config, store)
    assert report.unchanged == stored_before
    assert report.stored == len(PLACES) - stored_before
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM documents")[0] == (7, 7)
    interrupted = [json.loads(r[0]) for r in rows(db, "SELECT report FROM runs")]
    assert sorted(r["interrupted"] for r in interrupted) == [False, True]


@pytest.mark.slow
def test_extract_prints_schema_valid_json_lines(tmp_path, schema):
    source = tmp_path / "articles.jsonl"
    with source.open("w") as fh:
        for i, place in enumerate(PLACES[:2]):
            text = ARTICLE.format(place=place, n=5 + i)
            fh.write(
                json.dumps(
                    {
                        "id": f"row-{i}",
                        "published": f"2025-03-2{i}",
                        "title": f"Strike on {place}",
                        "text": text,
                    }
                )
                + "\n"
            )
    proc = subprocess.run(
        [sys.executable, "-m", "ceasewatch.cli", "extract", str(source)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [obj["id"] for obj in lines] == ["row-0", "row-1"]
    assert [obj["document"]["published"][:10] for obj in lines] == ["2025-03-20", "2025-03-21"]
    for obj in lines:
        jsonschema.validate(obj, schema)
        text = obj["document"]["text"]
        for kind in ("events", "commitments", "claims"):
            for record in obj[kind]:
                for span in record["evidence"]:
                    assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.slow
def test_cli_run_and_show(tmp_path):
    folder = write_articles(tmp_path / "in", count=1)
    db = tmp_path / "cw.duckdb"
    cli = [sys.executable, "-m", "ceasewatch.cli"]
    proc = subprocess.run(
        [*cli, "run", str(folder), "--db", str(db)], capture_output=True, text=True, check=True
    )
    assert "documents stored" in proc.stdout
    doc_id = rows(db, "SELECT id FROM documents")[0][0]
    shown = subprocess.run(
        [*cli, "show", doc_id[:8], "--db", str(db)], capture_output=True, text=True, check=True
    )
    assert "Kharkiv" in shown.stdout
    missing = subprocess.run(
        [*cli, "show", "zzzz", "--db", str(db)], capture_output=True, text=True
    )
    assert missing.returncode == 1


@pytest.mark.slow
def test_cli_places_resolves_given_spans_and_finds_toponyms(tmp_path):
    text = "Shelling hit Kharkiv and the outskirts of Odesa on Tuesday, officials said."
    start = text.index("Odesa")
    lines = [
        {"id": "a", "text": text, "spans": [[start, start + 5]]},
        {"id": "b", "text": text},
    ]
    source = tmp_path / "places.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "ceasewatch.cli", "places", str(source)],
        capture_output=True,
        text=True,
        check=True,
    )
    a, b = (json.loads(line) for line in proc.stdout.splitlines())
    assert a["id"] == "a" and len(a["places"]) == 1
    odesa = a["places"][0]
    assert (odesa["start"], odesa["end"]) == (start, start + 5)
    assert abs(odesa["lat"] - 46.48) < 0.3 and abs(odesa["lon"] - 30.73) < 0.3
    assert odesa["country"] == "UKR"
    assert {"Kharkiv", "Odesa"} <= {p["text"] for p in b["places"]}


@pytest.mark.slow
def test_a_killed_run_is_finished_by_the_next_one(tmp_path):
    """SIGKILL at an arbitrary moment: the next run stores the rest, with no duplicates."""
    import signal

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(150):
        place = PLACES[i % len(PLACES)]
        (folder / f"a{i:03}.txt").write_text(ARTICLE.format(place=place, n=100 + i))
    db = tmp_path / "cw.duckdb"
    cli = [sys.executable, "-m", "ceasewatch.cli", "run", str(folder), "--db", str(db)]
    proc = subprocess.Popen(
        [*cli, "--verbose"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    for line in proc.stderr:  # kill right after the first batch is committed
        if "stored a batch" in line:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored_before_kill = rows(db, "SELECT count(*) FROM documents")[0][0]
    assert 0 < stored_before_kill < 150
    again = tmp_path / "report.json"
    subprocess.run([*cli, "--report-json", str(again)], check=True, capture_output=True)
    report = json.loads(again.read_text())
    assert report["unchanged"] == stored_before_kill
    assert report["stored"] == 150 - stored_before_kill
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM documents")[0] == (150, 150)
    assert (
        rows(db, "SELECT count(*) FROM events")[0][0]
        == rows(db, "SELECT count(DISTINCT id) FROM events")[0][0]
    )


@pytest.mark.slow
def test_one_unparseable_document_costs_only_itself():
    """A text the parser refuses must not take the good documents of its batch with it."""
    import dataclasses

    from ceasewatch.extract.nlp import load_nlp
    from ceasewatch.model import Document
    from ceasewatch.pipeline import extract_batch

    texts = [ARTICLE.format(place=p, n=3) for p in PLACES[:5]]
    long_text = " ".join(texts)
    docs = [Document(id=str(i), text=t, origin=f"doc{i}") for i, t in enumerate(texts)]
    docs.insert(3, Document(id="long", text=long_text, origin="long"))
    nlp = load_nlp()
    saved = nlp.max_length
    nlp.max_length = len(long_text) - 1  # spaCy itself raises on this one text
    try:
        out = extract_batch(docs, Config(max_chars=10 * len(long_text)))
    finally:
        nlp.max_length = saved
    assert [getattr(r, "reason", "ok") for r in out] == ["ok", "ok", "ok", "too_large", "ok", "ok"]
    out = extract_batch(docs, Config(max_chars=len(long_text) - 1))
    assert [getattr(r, "reason", "ok") for r in out] == ["ok", "ok", "ok", "too_large", "ok", "ok"]
    assert dataclasses.is_dataclass(out[0])


def test_cli_places_reports_bad_lines_and_goes_on(tmp_path):
    text = "Drones hit Odesa overnight."
    lines = [
        "[1, 2]",
        json.dumps({"id": "bad", "text": text, "spans": [[0, 99]]}),
        json.dumps({"id": "flip", "text": text, "spans": [[5, 1]]}),
        json.dumps({"id": "ok", "text": text, "spans": [[11, 16]]}),
    ]
    source = tmp_path / "places.jsonl"
    source.write_text("\n".join(lines) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "ceasewatch.cli", "places", str(source)],
        capture_output=True,
        text=True,
        check=True,
    )
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["ok"]
    assert out[0]["places"][0]["text"] == "Odesa"
    assert proc.stderr.count("skipped") == 3


@pytest.mark.slow
def test_a_rerun_with_nothing_new_keeps_the_links_without_relinking(tmp_path, monkeypatch):
    from ceasewatch import pipeline

    folder = write_articles(tmp_path / "in", count=3)
    db = tmp_path / "cw.duckdb"
    config = Config(db_path=db, published="2025-03-20")
    linked = "SELECT * FROM links UNION ALL SELECT id, kind, status, NULL, NULL, NULL, NULL, "
    linked += "record FROM merged_commitments ORDER BY ALL"
    with Store(db) as store:
        first = run([str(folder)], config, store)
    assert first.links == "linked" and first.records["event_clusters"] > 0
    before = rows(db, linked)

    def fail(*args, **kwargs):
        raise AssertionError("relinked unchanged documents")

    with monkeypatch.context() as m:
        m.setattr(pipeline, "link_results", fail)
        with Store(db) as store:
            second = run([str(folder)], config, store)
    assert second.unchanged == 3 and second.links == "up_to_date" and not second.errors
    assert rows(db, linked) == before
    stored = [json.loads(r[0])["links"] for r in rows(db, "SELECT report FROM runs")]
    assert sorted(stored) == ["linked", "up_to_date"]
    write_articles(folder, count=4)  # one more article
    with Store(db) as store:
        third = run([str(folder)], config, store)
        assert third.stored == 1 and third.links == "linked"
        assert run([str(folder)], config, store, force=True).links == "linked"
        assert run([str(folder)], config, store, link=False).links == ""
