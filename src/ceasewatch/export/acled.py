"""ACLED-style CSV: one row per event, under ACLED's own column names.

Columns we cannot fill (associated actors, admin2/3, region, tags) are left empty; ``fatalities``
is the lower bound of the reported deaths (0 when none were reported), as ACLED codes it.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycountry

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED's actor type codes (inter1/inter2)
INTER = {
    "military": 1,
    "government": 1,
    "police": 1,
    "state": 1,
    "rebel": 2,
    "rebels": 2,
    "insurgent": 2,
    "militia": 3,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "civilian": 7,
    "external": 8,
    "international": 8,
}
TIME_PRECISION = {"day": 1, "days": 2, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"settlement": 1, "near": 2, "admin2": 2, "admin1": 3, "country": 3}
CIVILIAN_TARGETS = {"civilians", "residential", "health", "education"}


def _country(iso3: str | None) -> tuple[str, str]:
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    if country is None:
        return "", ""
    return str(int(country.numeric)), getattr(country, "common_name", country.name)


def acled_row(event: dict[str, Any]) -> dict[str, Any]:
    """One event record (with ``document`` and ``stored_at``) as an ACLED row."""
    actor = event.get("actor") or {}
    target = event.get("target") or {}
    place = event.get("place") or {}
    date = event.get("date") or {}
    killed = (event.get("counts") or {}).get("killed") or {}
    document = event.get("document") or {}
    iso3 = place.get("country") or target.get("country") or actor.get("country")
    iso, country = _country(iso3)
    inter1 = INTER.get((actor.get("kind") or "").lower(), 0) if actor else 0
    civilian = (target.get("category") or "") in CIVILIAN_TARGETS
    inter2 = 7 if civilian else (1 if target.get("category") == "military" else 0)
    low, high = sorted((inter1, inter2))
    interaction = (low * 10 + high if low else inter1 * 10) if inter1 else ""
    day = (date.get("start") or document.get("published") or "")[:10]
    stored = event.get("stored_at")
    evidence = " ... ".join(s["text"] for s in event.get("evidence") or [])
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{event['id']}",
        "event_date": day,
        "year": day[:4],
        "time_precision": TIME_PRECISION.get(date.get("precision") or "", 3 if day else ""),
        "disorder_type": DISORDER.get(event.get("acled_event_type") or "", ""),
        "event_type": event.get("acled_event_type") or "",
        "sub_event_type": event.get("acled_sub_event_type") or "",
        "actor1": actor.get("name") or "",
        "assoc_actor_1": "",
        "inter1": inter1 if actor else "",
        "actor2": target.get("name") or "" if inter2 else "",
        "assoc_actor_2": "",
        "inter2": inter2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso,
        "region": "",
        "country": country,
        "admin1": place.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": place.get("name") or "",
        "latitude": place.get("lat") if place.get("lat") is not None else "",
        "longitude": place.get("lon") if place.get("lon") is not None else "",
        "geo_precision": GEO_PRECISION.get(place.get("precision") or "", ""),
        "source": document.get("source") or "",
        "source_scale": "",
        "notes": evidence,
        "fatalities": killed.get("min") or 0,
        "tags": "",
        "timestamp": int(stored.replace(tzinfo=dt.UTC).timestamp()) if stored else "",
    }


def _inert(value: Any) -> Any:
    """Article text must not become a spreadsheet formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_acled_csv(events: Iterable[dict[str, Any]], out: Path) -> int:
    rows = 0
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for event in events:
            writer.writerow({k: _inert(v) for k, v in acled_row(event).items()})
            rows += 1
    return rows
