"""The place index: building, normalisation and lookups."""

from __future__ import annotations

import sqlite3

import pytest

from ceasewatch.resolve.gazetteer import (
    KIND_ALTERNATE,
    KIND_STEM,
    KIND_VARIANT,
    Gazetteer,
    area_stems,
    build_index,
    distance_km,
    get_gazetteer,
    normalize_name,
    variant_key,
)


def test_normalize_name_drops_accents_apostrophes_and_case() -> None:
    assert normalize_name("Alchevs’k") == normalize_name("Alchevsk") == "alchevsk"
    assert normalize_name("Île-de-France") == "ile de france"
    assert normalize_name("U.S.") == "us"
    assert normalize_name("Saint Louis") == normalize_name("St. Louis")


def test_area_stems() -> None:
    assert "kharkiv" in area_stems("Kharkivs’ka Oblast’")
    assert "kursk" in area_stems("Kursk Oblast")
    assert "avoyelles" in area_stems("Avoyelles Parish")


def test_distance_km() -> None:
    assert distance_km(50.45, 30.52, 50.45, 30.52) == 0
    assert 380 < distance_km(50.45, 30.52, 49.99, 36.23) < 440  # Kyiv - Kharkiv


@pytest.mark.slow
def test_build_index_in_tmp_path(tmp_path) -> None:
    path = build_index(tmp_path / "places-test.sqlite")
    assert path.exists()
    assert not list(tmp_path.glob("*.tmp"))  # the temp file was renamed, not left behind
    with sqlite3.connect(path) as conn:
        (count,) = conn.execute("SELECT COUNT(*) FROM places").fetchone()
    assert count > 100_000
    gaz = Gazetteer(path)
    names = {e.name for e in gaz.lookup("kyiv")}
    assert "Kyiv" in names


def test_lookups_cover_transliterations() -> None:
    gaz = get_gazetteer()
    for variant in ("Kyiv", "Kiev", "Київ"):
        entries = gaz.lookup(normalize_name(variant))
        assert any(e.feature == "PPLC" and e.country == "UA" for e in entries), variant
    kharkov = gaz.lookup("kharkov")
    assert any(e.name == "Kharkiv" for e in kharkov)
    dnipro = gaz.lookup("dnipropetrovsk")
    assert any(e.name == "Dnipro" for e in dnipro)


def test_demonyms_and_aliases_point_to_countries() -> None:
    gaz = get_gazetteer()
    assert {e.country for e in gaz.lookup("ukrainian") if e.feature == "PCLI"} == {"UA"}
    assert any(e.country == "US" and e.feature == "PCLI" for e in gaz.lookup("us"))
    assert gaz.country("UA") is not None


def test_only_the_capital_itself_is_pplc() -> None:
    gaz = get_gazetteer()
    capitals = [e for e in gaz.lookup("washington") if e.feature == "PPLC"]
    assert len(capitals) == 1
    assert distance_km(capitals[0].lat, capitals[0].lon, 38.9, -77.04) < 25


def test_country_and_admin1_points_come_from_the_points_table() -> None:
    from ceasewatch.resolve.gazetteer import load_points

    table = load_points()
    assert set(table) >= {"countries", "admin1"}
    canada = get_gazetteer().country("CA")
    assert canada is not None
    assert (round(canada.lat, 1), round(canada.lon, 1)) == tuple(
        round(v, 1) for v in table["countries"]["CA"]
    )


def test_variant_key_folds_romanisations() -> None:
    same = ("zaporizhzhia", "zaporizhzhya", "zaporizhia")
    assert len({variant_key(k) for k in same}) == 1
    assert variant_key("kharkiv") == variant_key("harkiv")
    assert variant_key("odessa") == variant_key("odesa")
    assert variant_key("yenakiieve") == variant_key("yenakiyeve")
    assert variant_key("bilhorod dnistrovskyi") == variant_key("bilhorod dnistrovskiy")
    assert variant_key("mali shcherbaky") == variant_key("mali scherbaky")  # shch / sch
    assert variant_key("kyiv") != variant_key("kiev")  # different names, not a spelling
    assert variant_key("київ") is None  # only Latin keys fold


def test_variant_keys_are_a_fallback_only() -> None:
    gaz = get_gazetteer()
    found = gaz.lookup(normalize_name("Zaporizhia"))
    assert found and all(e.kind == KIND_VARIANT for e in found)
    assert any(e.country == "UA" and e.population > 500_000 for e in found)
    assert gaz.lookup("zaporizhia", variants=False) == ()
    exact = gaz.lookup("zaporizhzhia")
    assert exact and all(e.kind != KIND_VARIANT for e in exact)


def test_variant_keys_only_for_post_soviet_countries() -> None:
    gaz = get_gazetteer()
    # "Pariss" folds like "Paris", but French places get no variant keys
    assert not any(e.country == "FR" for e in gaz.lookup("pariss"))


def test_region_stems_name_the_kyiv_oblast() -> None:
    gaz = get_gazetteer()
    areas = [e for e in gaz.lookup("kyiv") if e.feature == "ADM1"]
    assert {e.kind for e in areas} == {KIND_STEM}
    oblast = [e for e in areas if not e.name.endswith("City")]
    assert len(oblast) == 1
    assert distance_km(oblast[0].lat, oblast[0].lon, 50.05, 30.77) < 25


@pytest.mark.slow
def test_outdated_indexes_are_pruned_from_the_cache(tmp_path, monkeypatch):
    from ceasewatch.resolve import gazetteer

    monkeypatch.setenv("CEASEWATCH_CACHE", str(tmp_path))
    stale = tmp_path / "places-v1-0000000000.sqlite"
    stale.write_bytes(b"old")
    current = gazetteer.default_index_path()  # not built yet in this cache folder
    gaz = gazetteer.get_gazetteer()
    assert gaz.lookup("kharkiv")
    assert not stale.exists() and current.exists()


def test_alternate_only_matches_also_bring_variant_readings() -> None:
    gaz = get_gazetteer()
    exact = gaz.lookup(normalize_name("Vodyane"), variants=False)
    assert exact and all(e.kind == KIND_ALTERNATE for e in exact)
    both = gaz.lookup(normalize_name("Vodyane"))
    assert {e.pid for e in exact} < {e.pid for e in both}
    assert any(e.kind == KIND_VARIANT and e.name == "Vodiane" for e in both)
    # an exact own name keeps variants out
    assert all(e.kind != KIND_VARIANT for e in gaz.lookup(normalize_name("Kharkiv")))
