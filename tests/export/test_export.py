"""Each export format against its published shape."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ceasewatch.export import FORMATS, export
from ceasewatch.export.acled import COLUMNS
from ceasewatch.store.queries import TABLES
from tests.serve.ledger_data import fill_store

# ACLED's export columns (the ones the issue lists), all of which must be present
ACLED_REQUIRED = [
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
]
# keys present in every event record of PLOVER's gold-standard file
PLOVER_KEYS = {
    "id",
    "date",
    "source",
    "target",
    "event",
    "eventText",
    "context",
    "text",
    "language",
    "publication",
    "coder",
    "version",
    "dateCoded",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("export") / "ledger.duckdb"
    return path, fill_store(path)


def test_formats_are_the_documented_five():
    assert FORMATS == ("acled-csv", "plover-json", "geojson", "parquet", "claimreview")


def test_unknown_format_is_refused(db, tmp_path):
    with pytest.raises(ValueError, match="unknown export format"):
        export(db[0], "kml", tmp_path / "x.kml")


def test_acled_csv_has_acled_columns_and_values(db, tmp_path):
    out = tmp_path / "events.csv"
    assert export(db[0], "acled-csv", out) == 3
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = {r["location"]: r for r in reader}
    assert set(ACLED_REQUIRED) <= set(COLUMNS)
    kharkiv = rows["Kharkiv"]
    assert kharkiv["event_date"] == "2025-03-19" and kharkiv["year"] == "2025"
    assert kharkiv["event_type"] == "Explosions/Remote violence"
    assert kharkiv["sub_event_type"] == "Air/drone strike"
    assert kharkiv["disorder_type"] == "Political violence"
    assert kharkiv["iso"] == "804" and kharkiv["country"] == "Ukraine"
    assert float(kharkiv["latitude"]) == pytest.approx(49.98)
    assert float(kharkiv["longitude"]) == pytest.approx(36.25)
    assert kharkiv["fatalities"] == "1" and kharkiv["inter1"] == "1"
    assert kharkiv["time_precision"] == "1" and kharkiv["geo_precision"] == "1"
    assert kharkiv["notes"].startswith("Twelve drones struck")
    assert rows["Kherson"]["civilian_targeting"] == "Civilian targeting"
    assert rows["Kherson"]["fatalities"] == "0"


def test_plover_json_uses_plover_keys(db, tmp_path):
    out = tmp_path / "events.json"
    assert export(db[0], "plover-json", out) == 3
    records = {r["eventLoc"]["name"]: r for r in json.loads(out.read_text())}
    for record in records.values():
        assert set(record) >= PLOVER_KEYS
    odesa = records["Odesa"]
    assert odesa["event"] == "ASSAULT" and odesa["mode"] == "missile"
    assert odesa["source"] == [{"actorText": "Russian forces", "code": "RUS", "sector": "MIL"}]
    assert odesa["target"][0]["code"] == "UKR"
    assert odesa["dead"] == "3" and odesa["injured"] == "10"
    assert odesa["eventLoc"]["country code"] == "UA"
    assert odesa["date"] == "2025-03-22"
    assert odesa["ceasewatch"]["evidence"][0]["text"].startswith("Missiles hit")


def test_geojson_is_an_rfc7946_feature_collection(db, tmp_path):
    out = tmp_path / "events.geojson"
    assert export(db[0], "geojson", out) == 3
    data = json.loads(out.read_text())
    assert data["type"] == "FeatureCollection"
    by_place = {f["properties"]["place"]: f for f in data["features"]}
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert by_place["Kharkiv"]["geometry"]["coordinates"] == [36.25, 49.98]  # [lon, lat]
    assert by_place["Kharkiv"]["properties"]["killed"] == 1


def test_parquet_writes_every_table_and_reads_back(db, tmp_path):
    out = tmp_path / "parquet"
    rows = export(db[0], "parquet", out)
    assert sorted(p.stem for p in out.glob("*.parquet")) == sorted(TABLES)
    tables = {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}
    assert rows == sum(t.num_rows for t in tables.values())
    assert tables["events"].num_rows == 3 and tables["documents"].num_rows == 5
    assert "record" in tables["events"].column_names
    events = tables["events"].to_pylist()
    assert {json.loads(e["record"])["id"] for e in events} == {e["id"] for e in events}


def test_claimreview_is_schema_org_json_ld_for_disputed_claims(db, tmp_path):
    out = tmp_path / "claims.jsonld"
    assert export(db[0], "claimreview", out) == 1
    (review,) = json.loads(out.read_text())
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"].endswith("striking the power station in Kharkiv")
    assert review["author"]["@type"] == "Organization"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["name"] == "Russian defence ministry"
    assert item["datePublished"] == "2025-03-20"
    assert item["appearance"]["headline"] == "Moscow denies Kharkiv strike"
    assert review["reviewRating"]["@type"] == "Rating"
    assert review["reviewRating"]["alternateName"] == "Disputed"
    assert "denies a strike" in review["reviewRating"]["ratingExplanation"]
