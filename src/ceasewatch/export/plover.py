"""PLOVER JSON: one object per event with the keys of PLOVER's gold-standard records.

Keys follow the openeventdata PLOVER GSR files: ``id``, ``date``, ``source`` and ``target`` (lists
of ``{actorText, code, sector}``), ``event``, ``eventText``, ``mode``, ``context``, ``text``,
``language``, ``eventLoc`` (``{name, lat, lon, country code}``), ``dead``, ``injured``,
``publication``, ``coder``, ``version``, ``dateCoded``. ``ceasewatch`` keeps the way back to the
evidence (document id, event id, spans).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycountry

from ceasewatch import __version__

SECTORS = {
    "military": "MIL",
    "government": "GOV",
    "police": "COP",
    "rebel": "REB",
    "rebels": "REB",
    "insurgent": "INS",
    "militia": "UAF",
    "civilians": "CVL",
    "civilian": "CVL",
    "protesters": "OPP",
    "opposition": "OPP",
    "media": "MED",
    "business": "BUS",
}
CONTEXTS = {
    "energy": "economic",
    "agriculture": "economic",
    "transport": "economic",
    "military": "military",
    "health": "humanitarian",
    "residential": "humanitarian",
    "civilians": "humanitarian",
    "education": "humanitarian",
    "government": "political",
}


def _actor(name: str | None, country: str | None, kind: str | None) -> list[dict[str, Any]]:
    if not name and not country:
        return []
    actor: dict[str, Any] = {"actorText": name or country, "code": country or ""}
    if kind and kind.lower() in SECTORS:
        actor["sector"] = SECTORS[kind.lower()]
    return [actor]


def _alpha2(iso3: str | None) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return country.alpha_2 if country is not None else None


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """One event record (with ``document``) as a PLOVER object."""
    actor = event.get("actor") or {}
    target = event.get("target") or {}
    place = event.get("place") or {}
    counts = event.get("counts") or {}
    document = event.get("document") or {}
    evidence = event.get("evidence") or []
    out: dict[str, Any] = {
        "id": f"ceasewatch-{event['id']}",
        "date": ((event.get("date") or {}).get("start") or document.get("published") or "")[:10],
        "source": _actor(actor.get("name"), actor.get("country"), actor.get("kind")),
        "target": _actor(target.get("name"), target.get("country"), None),
        "event": event.get("type") or "",
        "eventText": evidence[0]["text"] if evidence else "",
        "mode": event.get("mode") or "",
        "context": CONTEXTS.get(target.get("category") or "", ""),
        "text": " ".join(s["text"] for s in evidence),
        "language": document.get("language") or "en",
        "publication": document.get("source") or "",
        "coder": "ceasewatch",
        "version": __version__,
        "dateCoded": dt.date.today().isoformat(),
    }
    if place.get("name"):
        loc: dict[str, Any] = {"name": place["name"]}
        if place.get("lat") is not None:
            loc["lat"], loc["lon"] = place["lat"], place.get("lon")
        if code := _alpha2(place.get("country")):
            loc["country code"] = code
        out["eventLoc"] = loc
    for key, name in (("dead", "killed"), ("injured", "injured")):
        value = (counts.get(name) or {}).get("min")
        if value is not None:
            out[key] = str(value)
    out["ceasewatch"] = {
        "event_id": event["id"],
        "document_id": document.get("id"),
        "url": document.get("url"),
        "evidence": evidence,
    }
    return out


def write_plover_json(events: Iterable[dict[str, Any]], out: Path) -> int:
    records = [plover_record(e) for e in events]
    out.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(records)
