"""Named regions inside one country ("Donbas"), former names against respellings
("Sloviansk"), and small towns named in a report that also names a foreign capital."""

from __future__ import annotations

import reverse_geocode

from ceasewatch.model import Place
from ceasewatch.resolve.gazetteer import (
    Entry,
    distance_km,
    get_gazetteer,
    load_points,
    normalize_name,
    region_admin1,
)
from ceasewatch.resolve.places import _former_name, _Mention, find_places, geocode, main_place


def _by_text(text: str) -> dict[str, Place]:
    return {text[p.start : p.end]: p for p in find_places(text) if p.start is not None}


def _km(place: Place, lat: float, lon: float) -> float:
    assert place.lat is not None and place.lon is not None
    return distance_km(place.lat, place.lon, lat, lon)


def test_a_town_marked_as_a_place_stays_beside_a_foreign_capital() -> None:
    text = "Artillery fire killed three civilians in Avdiivka, an envoy told a briefing in Moscow."
    found = _by_text(text)
    assert set(found) == {"Avdiivka", "Moscow"}
    assert found["Avdiivka"].country == "UKR"
    assert _km(found["Avdiivka"], 48.14, 37.75) < 25
    assert found["Moscow"].country == "RUS"


def test_a_town_near_the_front_stays_in_a_war_report_naming_a_foreign_capital() -> None:
    text = "Drones hit Vuhledar overnight, officials in Kyiv and Moscow said."
    found = _by_text(text)
    assert "Vuhledar" in found
    assert _km(found["Vuhledar"], 47.78, 37.25) < 25


def test_a_former_name_yields_to_a_respelling_of_another_place() -> None:
    for name in ("Sloviansk", "Slovyansk", "Slavyansk"):
        place = geocode(name)
        assert place is not None, name
        assert place.country == "UKR", name
        assert _km(place, 48.85, 37.60) < 25, name
    found = _by_text("Air raid sirens sounded in Sloviansk on Sunday.")
    assert _km(found["Sloviansk"], 48.85, 37.60) < 25


def test_former_name_rule() -> None:
    def entry(pid: int, name: str, kind: int) -> Entry:
        return Entry(pid, None, name, 0.0, 0.0, "UA", "01", "A", 1000, "PPL", kind)

    renamed = entry(1, "Newtown", 1)  # the name is an old name of Newtown
    respelt = entry(2, "Oldstadt", 1)  # and another romanisation of Oldstadt's own name
    m = _Mention(0, 8, "Oldstatt", "oldstatt", (renamed, respelt))
    assert _former_name(renamed, m)
    assert not _former_name(respelt, m)
    # with no other reading the former name stands
    alone = _Mention(0, 8, "Oldstatt", "oldstatt", (renamed,))
    assert not _former_name(renamed, alone)


def test_donbas_is_a_region_of_ukraine_not_the_country() -> None:
    for text in ("Heavy fighting went on across Donbas.", "Troops moved east into the Donbass."):
        place = [p for p in find_places(text) if p.name == "Donbas"][0]
        assert place.country == "UKR"
        assert place.precision == "admin1"
        assert place.feature == "RGN"
        assert _km(place, 48.3, 38.5) < 100


def test_a_region_point_is_not_the_country_point() -> None:
    region = geocode("Donbas")
    country = geocode("Ukraine")
    assert region is not None and country is not None
    assert region.precision == "admin1" and country.precision == "country"
    assert _km(region, country.lat or 0.0, country.lon or 0.0) > 300


def test_other_national_regions_have_their_country() -> None:
    expected = {"Nagorno-Karabakh": "AZE", "Karabakh": "AZE", "Darfur": "SDN", "Sinai": "EGY"}
    for name, country in expected.items():
        place = geocode(name)
        assert place is not None, name
        assert place.country == country, name
        assert place.precision == "admin1", name
    # regions spanning several countries stay without one
    middle_east = geocode("Middle East")
    assert middle_east is not None and middle_east.country is None


def test_a_town_named_with_its_region_is_the_answer() -> None:
    text = "Shelling hit Mariupol, Donbas, on Friday."
    best = main_place(find_places(text), text)
    assert best is not None and best.precision == "settlement"
    assert _km(best, 47.10, 37.55) < 25


def test_a_region_names_the_country_for_its_towns() -> None:
    text = "Clashes near the Donbas village of Novoselivka left two soldiers wounded."
    found = _by_text(text)
    assert found["Donbas"].country == "UKR"
    assert found["Novoselivka"].country == "UKR"


def test_region_table_is_consistent_with_the_gazetteer() -> None:
    regions = load_points()["regions"]
    gaz = get_gazetteer()
    for name, region in regions.items():
        assert gaz.country(region["country"]) is not None, name
        # the point lies in the country: its nearest GeoNames town is there
        nearest = reverse_geocode.get(tuple(region["point"]))
        assert nearest["country_code"] == region["country"], name
        readings = gaz.lookup(normalize_name(name))
        assert any(e.feature == "RGN" and e.country == region["country"] for e in readings), name
        for area in region["admin1"]:
            areas = [e for e in gaz.lookup(normalize_name(area)) if e.feature == "ADM1"]
            assert any(e.country == region["country"] for e in areas), (name, area)
    assert region_admin1()["UA", "donbas"] == {"donetsk", "luhansk"}
