"""The report built from hand-made records: JSON shape, filters and Markdown."""

from __future__ import annotations

import json

from ceasewatch.link.report import build_report, render_markdown
from tests.link.link_records import ALL


def test_report_lists_commitments_history_violations_and_contradictions():
    report = build_report(ALL)
    json.dumps(report)  # JSON-ready
    halt = next(c for c in report["commitments"] if c["kind"] == "strike_halt")
    assert halt["sources"] == ["doc-a", "doc-d"]
    assert [h["date"] for h in halt["status_history"]] == sorted(
        h["date"] for h in halt["status_history"]
    )
    assert {(h["actor"]["country"], h["status"]) for h in halt["status_history"]} == {
        ("RUS", "agreed"),
        ("USA", "agreed"),
    }
    clinic = next(v for v in halt["violations"] if v["event_id"] == "ev-clinic")
    assert clinic["document_id"] == "doc-b"
    assert clinic["event"]["place"] == "Chernihiv"
    assert clinic["evidence"][0]["text"].endswith("in Chernihiv")
    kinds = {k["kind"] for k in report["contradictions"]}
    assert {"denial", "scope", "number", "unsupported"} <= kinds
    number = next(k for k in report["contradictions"] if k["kind"] == "number")
    assert {number["a_document"], number["b_document"]} == {"doc-b", "doc-c"}
    assert report["summary"]["violations"] == sum(
        len(c["violations"]) for c in report["commitments"]
    )


def test_filters():
    everything = build_report(ALL)
    halt_id = next(c["id"] for c in everything["commitments"] if c["kind"] == "strike_halt")
    one = build_report(ALL, commitment_id="halt-d")  # a member id finds its merged record
    assert [c["id"] for c in one["commitments"]] == [halt_id]
    later = build_report(ALL, since="2025-05-06")
    for c in later["commitments"]:
        assert all(h["date"] >= "2025-05-06" for h in c["status_history"])
        assert all(v["date"] >= "2025-05-06" for v in c["violations"])
    assert build_report(ALL, since="2030-01-01")["commitments"] == []


def test_markdown_mentions_the_essentials():
    text = render_markdown(build_report(ALL))
    assert text.startswith("# Commitments report")
    assert "strike halt" in text
    assert "### Candidate violations" in text
    assert "target health counted as civilian infrastructure" in text
    assert "**unsupported**" in text
