"""Pure functions that turn records into what the templates draw: map, timeline, highlights.

The map uses Web Mercator pixel coordinates at a zoom level chosen to fit the events, so the
optional tile layer (``{z}/{x}/{y}`` URLs) lines up with the country outlines and the points.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

from ceasewatch.model import parse_day as _day
from ceasewatch.serve.basemap import countries_geojson

TILE = 256
MAX_LAT = 85.0
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)
TYPE_COLORS = {
    "ASSAULT": "#d62728",
    "FIGHT": "#ff7f0e",
    "COERCE": "#9467bd",
    "MOBILIZE": "#8c564b",
    "PROTEST": "#e377c2",
    "AGREE": "#2ca02c",
    "CONSULT": "#1f77b4",
    "SUPPORT": "#17becf",
    "ACCUSE": "#bcbd22",
    "REJECT": "#7f7f7f",
    "THREATEN": "#e7969c",
    "REQUEST": "#6baed6",
    "RETREAT": "#74c476",
    "AID": "#31a354",
    "COOPERATE": "#3182bd",
    "CONCEDE": "#a1d99b",
    "SANCTION": "#756bb1",
    "DISAPPROVE": "#969696",
}


def type_color(event_type: str | None) -> str:
    if not event_type:
        return "#555555"
    if event_type in TYPE_COLORS:
        return TYPE_COLORS[event_type]
    return PALETTE[zlib.crc32(event_type.encode()) % len(PALETTE)]


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) address (safe for an ``href``), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


# map -------------------------------------------------------------------------


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at ``zoom``."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    size = TILE * 2**zoom
    x = (lon + 180.0) / 360.0 * size
    phi = math.radians(lat)
    y = (1.0 - math.log(math.tan(phi) + 1.0 / math.cos(phi)) / math.pi) / 2.0 * size
    return x, y


@cache
def _country_boxes() -> list[tuple[tuple[float, float, float, float], dict[str, Any]]]:
    out = []
    for feature in countries_geojson()["features"]:
        points = [p for poly in feature["geometry"]["coordinates"] for ring in poly for p in ring]
        if not points:
            continue
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        out.append(((min(lons), min(lats), max(lons), max(lats)), feature))
    return out


def _path(polygons: list[list[list[list[float]]]], zoom: int, ox: float, oy: float) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            coords = []
            last = None
            for lon, lat in ring:
                x, y = project(lon, lat, zoom)
                point = f"{x - ox:.1f},{y - oy:.1f}"
                if point != last:
                    coords.append(point)
                    last = point
            if len(coords) > 2:
                parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


@dataclass(frozen=True)
class Marker:
    """Something to draw on the map: an event, or a cluster of mentions of one event."""

    lon: float
    lat: float
    r: float
    color: str
    id: str
    href: str
    day: str
    label: str
    type: str
    document_id: str = ""
    size: int = 1


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    r: float
    color: str
    event_id: str  # the event's id, or the cluster's on the cluster map
    document_id: str
    day: str
    label: str
    type: str
    href: str = ""
    size: int = 1


@dataclass(frozen=True)
class MapView:
    width: int
    height: int
    zoom: int
    countries: list[tuple[str, str]]  # (name, path)
    points: list[MapPoint]
    tiles: list[tuple[str, float, float]]  # (url, x, y)
    unplaced: int


def radius(killed: int | None) -> float:
    """Point radius in pixels: grows with the square root of the deaths."""
    return round(min(4.0 + 2.5 * math.sqrt(max(killed or 0, 0)), 24.0), 1)


def cluster_radius(size: int) -> float:
    """Cluster radius in pixels: grows with the square root of the mentions."""
    return round(min(5.0 + 3.0 * math.sqrt(max(size - 1, 0)), 24.0), 1)


def _fit_zoom(box: tuple[float, float, float, float], width: int, height: int) -> int:
    minlon, minlat, maxlon, maxlat = box
    x0, y0 = project(minlon, maxlat, 0)
    x1, y1 = project(maxlon, minlat, 0)
    span_x, span_y = max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)
    zoom = math.floor(math.log2(min(width * 0.8 / span_x, height * 0.8 / span_y)))
    return max(1, min(zoom, 9))


def event_label(event: dict[str, Any]) -> str:
    actor = (event.get("actor") or {}).get("name") or "unknown actor"
    place = (event.get("place") or {}).get("name") or "unknown place"
    day = ((event.get("date") or {}).get("start") or "")[:10]
    killed = ((event.get("counts") or {}).get("killed") or {}).get("min")
    dead = f", {killed} killed" if killed else ""
    return f"{day} {event.get('type') or ''}: {actor} at {place}{dead}".strip()


def cluster_label(cluster: dict[str, Any]) -> str:
    place = (cluster.get("place") or {}).get("name") or "unknown place"
    day = ((cluster.get("date") or {}).get("start") or "")[:10]
    size = int(cluster.get("size") or len(cluster.get("event_ids") or ()))
    sources = len(cluster.get("sources") or ())
    text = f"{day} {cluster.get('type') or ''} at {place}: {size} mention{'s' * (size != 1)}"
    text += f" from {sources} source{'s' * (sources != 1)}"
    if cluster.get("possible_duplicate"):
        text += " (possible duplicate)"
    return text.strip()


def _placed(item: dict[str, Any]) -> bool:
    place = item.get("place") or {}
    return place.get("lat") is not None and place.get("lon") is not None


def event_markers(events: Sequence[dict[str, Any]]) -> list[Marker]:
    out = []
    for e in events:
        if not _placed(e):
            continue
        document_id = (e.get("document") or {}).get("id") or ""
        out.append(
            Marker(
                lon=e["place"]["lon"],
                lat=e["place"]["lat"],
                r=radius(_killed(e)),
                color=type_color(e.get("type")),
                id=e["id"],
                href=f"/documents/{document_id}#rec-{e['id']}",
                day=((e.get("date") or {}).get("start") or "")[:10],
                label=event_label(e),
                type=e.get("type") or "",
                document_id=document_id,
            )
        )
    return out


def cluster_markers(clusters: Sequence[dict[str, Any]]) -> list[Marker]:
    out = []
    for c in clusters:
        if not _placed(c):
            continue
        size = int(c.get("size") or len(c.get("event_ids") or ()))
        out.append(
            Marker(
                lon=c["place"]["lon"],
                lat=c["place"]["lat"],
                r=cluster_radius(size),
                color=type_color(c.get("type")),
                id=c["id"],
                href=f"/clusters/{c['id']}",
                day=((c.get("date") or {}).get("start") or "")[:10],
                label=cluster_label(c),
                type=c.get("type") or "",
                size=size,
            )
        )
    return out


def map_view(
    events: Sequence[dict[str, Any]],
    *,
    width: int = 960,
    height: int = 520,
    tile_url: str | None = None,
) -> MapView:
    """Project events (records with ``document``) and the country outlines into one view."""
    return marker_view(
        event_markers(events), len(events), width=width, height=height, tile_url=tile_url
    )


def cluster_map_view(
    clusters: Sequence[dict[str, Any]],
    *,
    width: int = 960,
    height: int = 520,
    tile_url: str | None = None,
) -> MapView:
    """One point per event cluster (real-world event), sized by its mentions."""
    return marker_view(
        cluster_markers(clusters), len(clusters), width=width, height=height, tile_url=tile_url
    )


def marker_view(
    markers: Sequence[Marker],
    total: int,
    *,
    width: int = 960,
    height: int = 520,
    tile_url: str | None = None,
) -> MapView:
    """Fit the markers and project them with the country outlines (and tiles) into one view."""
    if markers:
        lons = [m.lon for m in markers]
        lats = [m.lat for m in markers]
        pad = 1.5
        box = (min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad)
    else:
        box = (-170.0, -60.0, 170.0, 80.0)
    zoom = _fit_zoom(box, width, height)
    cx, cy = project((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, zoom)
    ox, oy = cx - width / 2, cy - height / 2
    # the view in degrees, widened so a user can pan and zoom out a little
    margin = 1.0
    lon0 = (ox - width * margin) / (TILE * 2**zoom) * 360 - 180
    lon1 = (ox + width * (1 + margin)) / (TILE * 2**zoom) * 360 - 180
    countries = []
    for (bx0, by0, bx1, by1), feature in _country_boxes():
        if bx1 < lon0 - 1 or bx0 > lon1 + 1:
            continue
        _, top = project(0, by1, zoom)
        _, bottom = project(0, by0, zoom)
        if bottom < oy - height * margin or top > oy + height * (1 + margin):
            continue
        path = _path(feature["geometry"]["coordinates"], zoom, ox, oy)
        countries.append((feature["properties"].get("name") or "", path))
    points = []
    for m in sorted(markers, key=lambda m: -m.r):
        x, y = project(m.lon, m.lat, zoom)
        points.append(
            MapPoint(
                x=round(x - ox, 1),
                y=round(y - oy, 1),
                r=m.r,
                color=m.color,
                event_id=m.id,
                document_id=m.document_id,
                day=m.day,
                label=m.label,
                type=m.type,
                href=m.href,
                size=m.size,
            )
        )
    tiles = []
    if tile_url:
        n = 2**zoom
        for tx in range(int(ox // TILE), int((ox + width) // TILE) + 1):
            for ty in range(max(0, int(oy // TILE)), min(n - 1, int((oy + height) // TILE)) + 1):
                url = (
                    tile_url.replace("{z}", str(zoom))
                    .replace("{x}", str(tx % n))
                    .replace("{y}", str(ty))
                )
                tiles.append((url, tx * TILE - ox, ty * TILE - oy))
    return MapView(width, height, zoom, countries, points, tiles, total - len(markers))


def _killed(event: dict[str, Any]) -> int | None:
    value = ((event.get("counts") or {}).get("killed") or {}).get("min")
    return int(value) if value is not None else None


# timeline ----------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    color: str
    day: str
    type: str
    n: int


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    start: str
    days: int
    step: float
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    types: list[tuple[str, str]]  # (type, colour) legend

    @property
    def bar(self) -> float:
        """Drawn bar width: the day's slot less a gap, at most 24 px."""
        return round(max(min(self.step - 1, 24.0), 1.0), 2)

    @property
    def inset(self) -> float:
        return round((self.step - self.bar) / 2, 2)


def timeline(
    rows: Sequence[dict[str, Any]], *, width: int = 960, height: int = 120
) -> Timeline | None:
    """Stacked bars of events per day and type; None when no event has a date."""
    if not rows:
        return None
    days = [
        r["day"] if isinstance(r["day"], dt.date) else dt.date.fromisoformat(str(r["day"]))
        for r in rows
    ]
    first, last = min(days), max(days)
    count = (last - first).days + 1
    step = width / count
    totals: dict[dt.date, int] = {}
    for day, row in zip(days, rows, strict=True):
        totals[day] = totals.get(day, 0) + int(row["n"])
    peak = max(totals.values())
    plot = height - 18
    bars = []
    stacked: dict[dt.date, float] = {}
    for day, row in sorted(zip(days, rows, strict=True), key=lambda p: (p[0], p[1]["type"] or "")):
        h = plot * int(row["n"]) / peak
        base = stacked.get(day, 0.0)
        stacked[day] = base + h
        bars.append(
            Bar(
                x=round((day - first).days * step, 2),
                y=round(plot - base - h, 2),
                height=round(h, 2),
                color=type_color(row["type"]),
                day=day.isoformat(),
                type=row["type"] or "",
                n=int(row["n"]),
            )
        )
    every = max(1, math.ceil(count / 8))
    ticks = [
        (round(i * step + step / 2, 1), (first + dt.timedelta(days=i)).isoformat())
        for i in range(0, count, every)
    ]
    types = sorted({(r["type"] or "", type_color(r["type"])) for r in rows})
    return Timeline(width, height, first.isoformat(), count, round(step, 4), bars, ticks, types)


# commitment axis -------------------------------------------------------------------


def commitment_axis(item: dict[str, Any], *, width: int = 640) -> dict[str, Any] | None:
    """Positions of a commitment's window, declarations and violations along one time axis."""
    start = _day((item.get("start") or {}).get("start"))
    end = _day((item.get("end") or {}).get("end") or (item.get("end") or {}).get("start"))
    if start and not end and item.get("duration_days"):
        end = start + dt.timedelta(days=int(item["duration_days"]))
    marks: list[tuple[str, dt.date, dict[str, Any]]] = []
    for d in item.get("declarations") or []:
        day = _day((d.get("date") or {}).get("start"))
        if day:
            marks.append(("declaration", day, d))
    for v in item.get("violations") or []:
        day = _day(((v.get("event") or {}).get("date") or {}).get("start"))
        if day is None and v.get("document"):
            day = _day(v["document"].get("published"))
        if day:
            marks.append(("violation", day, v))
    days = [d for d in (start, end, *(m[1] for m in marks)) if d]
    if not days:
        return None
    first, last = min(days) - dt.timedelta(days=2), max(days) + dt.timedelta(days=2)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return round(20 + (width - 40) * (day - first).days / span, 1)

    window = None
    if start:
        window = (x(start), x(end or last))
    out_marks = []
    for kind, day, record in marks:
        out_marks.append({"kind": kind, "x": x(day), "day": day.isoformat(), "record": record})
    return {
        "width": width,
        "window": window,
        "marks": out_marks,
        "first": first.isoformat(),
        "last": last.isoformat(),
    }


# highlighted document text ------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    index: int
    records: tuple[tuple[str, str], ...]  # (kind, record id)


def segments(text: str, spans: Sequence[dict[str, Any]]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece knows the records covering it."""
    n = len(text)
    valid = [
        s
        for s in spans
        if s.get("start") is not None
        and s.get("end") is not None
        and 0 <= int(s["start"]) < int(s["end"]) <= n
    ]
    cuts = sorted({0, n, *(int(s["start"]) for s in valid), *(int(s["end"]) for s in valid)})
    out = []
    for i, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
        covering = tuple(
            dict.fromkeys(
                (s["record_kind"], s["record_id"])
                for s in valid
                if int(s["start"]) <= a and int(s["end"]) >= b
            )
        )
        out.append(Segment(text[a:b], i, covering))
    return out


def first_segment(segs: Sequence[Segment]) -> dict[str, int]:
    """Index of the first highlighted segment of each record (for links from its card)."""
    first: dict[str, int] = {}
    for seg in segs:
        for _, rid in seg.records:
            first.setdefault(rid, seg.index)
    return first


# event clusters -----------------------------------------------------------------------

COUNT_FIELDS = ("weapons", "killed", "injured", "evacuated", "intercepted")


def count_text(value: dict[str, Any] | None) -> str:
    """``12``, ``10-12`` or ``at least 10`` for a count range; empty when not stated."""
    if not value:
        return ""
    low, high = value.get("min"), value.get("max")
    if low is None and high is None:
        return ""
    if high is None:
        return f"at least {low}"
    if low is None:
        return f"up to {high}"
    return str(low) if low == high else f"{low}\u2013{high}"


def cluster_counts(cluster: dict[str, Any]) -> dict[str, Any]:
    """The counts each source gives for a clustered event, and which of them differ.

    ``columns`` are the count fields any source states, ``rows`` one per mention
    (``source``, ``document_id``, ``event_id``, ``values``) and ``differing`` the columns whose
    stated values disagree (e.g. 45 vs 50 drones).
    """
    entries = cluster.get("counts") or []
    columns = [
        name
        for name in COUNT_FIELDS
        if any(count_text((e.get("counts") or {}).get(name)) for e in entries)
    ]
    rows: list[dict[str, Any]] = []
    for entry in entries:
        counts = entry.get("counts") or {}
        values = {name: count_text(counts.get(name)) for name in columns}
        if counts.get("weapon") and values.get("weapons"):
            plural = "" if values["weapons"] == "1" else "s"
            values["weapons"] += f" {counts['weapon']}{plural}"
        rows.append(
            {
                "source": entry.get("source") or "",
                "document_id": entry.get("document_id") or "",
                "event_id": entry.get("event_id") or "",
                "values": values,
            }
        )
    differing = [
        name for name in columns if len({r["values"][name] for r in rows if r["values"][name]}) > 1
    ]
    return {"columns": columns, "rows": rows, "differing": differing}


def query_url(path: str, params: dict[str, Any]) -> str:
    """``path?query`` with the parameters that are set (not None, empty or 0)."""
    query = {k: v for k, v in params.items() if v is not None and v != "" and v != 0}
    encoded = urlencode(query)
    return f"{path}?{encoded}" if encoded else path


# paging ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pager:
    first: int  # 1-based number of the first item shown
    last: int
    total: int
    prev_url: str | None
    next_url: str | None


def pager(
    path: str,
    params: dict[str, Any],
    *,
    offset: int,
    limit: int,
    shown: int,
    total: int,
    key: str = "offset",
) -> Pager:
    """Links to the previous and next page of a list, keeping the other query parameters."""

    def url(at: int) -> str:
        return query_url(path, {**params, key: at})

    prev_url = url(max(0, offset - limit)) if offset > 0 else None
    next_url = url(offset + limit) if offset + shown < total else None
    first = offset + 1 if shown else 0
    return Pager(first, offset + shown, total, prev_url, next_url)
