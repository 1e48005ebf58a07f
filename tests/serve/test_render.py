"""Map projection, timeline, commitment axis and span highlighting."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.serve import render
from ceasewatch.serve.basemap import countries_geojson


def test_country_outlines_ship_with_the_package():
    data = countries_geojson()
    assert data["type"] == "FeatureCollection" and len(data["features"]) > 150
    names = {f["properties"]["iso_a3"] for f in data["features"]}
    assert {"UKR", "RUS", "SYR", "USA"} <= names
    ring = data["features"][0]["geometry"]["coordinates"][0][0]
    assert ring[0] == ring[-1]
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)


def test_projection_keeps_geography():
    kharkiv = render.project(36.25, 49.98, 5)
    odesa = render.project(30.73, 46.48, 5)
    assert kharkiv[0] > odesa[0]  # east is right
    assert kharkiv[1] < odesa[1]  # north is up
    assert render.project(0, 0, 0) == pytest.approx((128, 128))


def test_map_view_fits_points_and_sizes_them_by_deaths():
    events = [
        {
            "id": "a",
            "type": "ASSAULT",
            "place": {"name": "A", "lat": 50.0, "lon": 36.0},
            "counts": {"killed": {"min": 9, "max": 9}},
            "document": {"id": "d"},
        },
        {
            "id": "b",
            "type": "FIGHT",
            "place": {"name": "B", "lat": 46.5, "lon": 30.7},
            "document": {"id": "d"},
        },
        {"id": "c", "type": "FIGHT", "place": {"name": "nowhere"}, "document": {"id": "d"}},
    ]
    view = render.map_view(events, width=800, height=500)
    assert view.unplaced == 1 and len(view.points) == 2
    for p in view.points:
        assert 0 <= p.x <= 800 and 0 <= p.y <= 500
    sizes = {p.event_id: p.r for p in view.points}
    assert sizes["a"] > sizes["b"]
    assert {p.color for p in view.points} == {
        render.type_color("ASSAULT"),
        render.type_color("FIGHT"),
    }
    assert any(name == "Ukraine" for name, _ in view.countries)
    assert view.tiles == []
    tiled = render.map_view(events, tile_url="https://t.example/{z}/{x}/{y}.png")
    assert tiled.tiles and all(
        u.startswith(f"https://t.example/{tiled.zoom}/") for u, *_ in tiled.tiles
    )


def test_empty_map_shows_the_world():
    view = render.map_view([])
    assert view.points == [] and len(view.countries) > 100


def test_timeline_stacks_types_per_day():
    rows = [
        {"day": dt.date(2025, 3, 1), "type": "ASSAULT", "n": 2},
        {"day": dt.date(2025, 3, 1), "type": "FIGHT", "n": 1},
        {"day": dt.date(2025, 3, 4), "type": "ASSAULT", "n": 3},
    ]
    tl = render.timeline(rows, width=400, height=118)
    assert tl is not None and tl.days == 4 and tl.start == "2025-03-01"
    first_day = [b for b in tl.bars if b.day == "2025-03-01"]
    assert sum(b.height for b in first_day) == pytest.approx(100)  # 3 of peak 3
    assert render.timeline([]) is None


def test_segments_cover_the_text_and_know_their_records():
    text = "Alpha beta gamma delta."
    spans = [
        {"record_kind": "event", "record_id": "e1", "start": 0, "end": 10},
        {"record_kind": "claim", "record_id": "c1", "start": 6, "end": 16},
        {"record_kind": "claim", "record_id": "bad", "start": 5, "end": 99},
    ]
    segs = render.segments(text, spans)
    assert "".join(s.text for s in segs) == text
    both = [s for s in segs if len(s.records) == 2]
    assert [s.text for s in both] == ["beta"]
    assert all(rid != "bad" for s in segs for _, rid in s.records)
    assert render.first_segment(segs) == {"e1": 0, "c1": 1}


@pytest.mark.parametrize(
    "url,safe",
    [
        ("https://example.org/a", True),
        ("http://x.test", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,hi", False),
        ("//evil.test", False),
        (None, False),
    ],
)
def test_only_http_links_are_rendered_as_links(url, safe):
    assert (render.safe_url(url) is not None) is safe


def test_commitment_axis_places_window_declarations_and_violations():
    item = {
        "start": {"start": "2025-03-18"},
        "duration_days": 30,
        "declarations": [{"date": {"start": "2025-03-18"}, "actor": {"name": "R"}}],
        "violations": [{"event": {"date": {"start": "2025-03-19"}}}],
    }
    axis = render.commitment_axis(item)
    assert axis is not None and axis["window"][0] < axis["window"][1]
    kinds = [m["kind"] for m in axis["marks"]]
    assert kinds == ["declaration", "violation"]
    assert axis["marks"][0]["x"] < axis["marks"][1]["x"]
    assert render.commitment_axis({}) is None


def _cluster(cid: str, lat: float, lon: float, size: int, **extra: object) -> dict:
    return {
        "id": cid,
        "type": "ASSAULT",
        "size": size,
        "place": {"name": cid, "lat": lat, "lon": lon},
        "date": {"start": "2025-03-19", "end": "2025-03-19"},
        "sources": ["A", "B"][:size],
        **extra,
    }


def test_cluster_map_draws_one_point_per_cluster_sized_by_reports():
    clusters = [
        _cluster("big", 50.0, 36.0, 5, possible_duplicate=True),
        _cluster("one", 46.5, 30.7, 1),
        {"id": "nowhere", "type": "FIGHT", "size": 2, "place": None},
    ]
    view = render.cluster_map_view(clusters)
    assert view.unplaced == 1
    by_id = {p.event_id: p for p in view.points}
    assert set(by_id) == {"big", "one"}
    assert by_id["big"].r > by_id["one"].r and by_id["big"].size == 5
    assert by_id["big"].href == "/clusters/big"
    assert "possible duplicate" in by_id["big"].label and "5 mentions" in by_id["big"].label
    events = render.map_view([{"id": "e", "place": {"lat": 1, "lon": 2}, "document": {"id": "d"}}])
    assert events.points[0].href == "/documents/d#rec-e"


def test_cluster_counts_show_what_each_source_says_and_what_differs():
    cluster = {
        "counts": [
            {
                "source": "Wire A",
                "document_id": "d1",
                "event_id": "e1",
                "counts": {"weapons": {"min": 45, "max": 45}, "weapon": "drone", "killed": None},
            },
            {
                "source": "Wire B",
                "document_id": "d2",
                "event_id": "e2",
                "counts": {
                    "weapons": {"min": 50, "max": 50},
                    "weapon": "drone",
                    "killed": {"min": 2, "max": 3},
                },
            },
        ]
    }
    table = render.cluster_counts(cluster)
    assert table["columns"] == ["weapons", "killed"]
    assert [r["values"]["weapons"] for r in table["rows"]] == ["45 drones", "50 drones"]
    assert [r["values"]["killed"] for r in table["rows"]] == ["", "2\u20133"]
    assert table["differing"] == ["weapons"]  # one source states no toll: nothing to compare
    assert render.cluster_counts({"counts": []}) == {"columns": [], "rows": [], "differing": []}
    assert render.count_text({"min": 3, "max": None}) == "at least 3"
    assert render.count_text(None) == ""


def test_pager_keeps_the_other_parameters():
    p = render.pager(
        "/claims", {"q": "a b", "xoffset": 50}, offset=50, limit=50, shown=50, total=120
    )
    assert (p.first, p.last, p.total) == (51, 100, 120)
    assert p.prev_url == "/claims?q=a+b&xoffset=50"
    assert p.next_url == "/claims?q=a+b&xoffset=50&offset=100"
    end = render.pager("/c", {}, offset=100, limit=50, shown=20, total=120)
    assert end.next_url is None and end.prev_url == "/c?offset=50"
    empty = render.pager("/c", {}, offset=0, limit=50, shown=0, total=0)
    assert (empty.first, empty.prev_url, empty.next_url) == (0, None, None)
