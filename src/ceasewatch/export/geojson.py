"""GeoJSON (RFC 7946): events with coordinates as Point features, ``[lon, lat]``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def event_feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """One event record as a Feature, or None when it has no coordinates."""
    place = event.get("place") or {}
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None:
        return None
    actor = event.get("actor") or {}
    target = event.get("target") or {}
    date = event.get("date") or {}
    counts = event.get("counts") or {}
    document = event.get("document") or {}
    return {
        "type": "Feature",
        "id": event["id"],
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": {
            "type": event.get("type"),
            "mode": event.get("mode"),
            "acled_event_type": event.get("acled_event_type"),
            "acled_sub_event_type": event.get("acled_sub_event_type"),
            "actor": actor.get("name"),
            "actor_country": actor.get("country"),
            "target": target.get("name"),
            "target_category": target.get("category"),
            "place": place.get("name"),
            "country": place.get("country"),
            "precision": place.get("precision"),
            "date_start": date.get("start"),
            "date_end": date.get("end"),
            "killed": (counts.get("killed") or {}).get("min"),
            "injured": (counts.get("injured") or {}).get("min"),
            "status": event.get("status"),
            "confidence": event.get("confidence"),
            "document_id": document.get("id"),
            "title": document.get("title"),
            "url": document.get("url"),
            "evidence": [s["text"] for s in event.get("evidence") or []],
        },
    }


def write_geojson(events: Iterable[dict[str, Any]], out: Path) -> int:
    features = [f for f in (event_feature(e) for e in events) if f is not None]
    collection = {"type": "FeatureCollection", "features": features}
    out.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return len(features)
