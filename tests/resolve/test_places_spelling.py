"""Town-and-region pairs and competing spellings: "Village, Oblast" with the oblast called by
its stem or another romanisation, villages spelt one way in GeoNames and another in the
codifier, and alternate names that are not respellings of a place's own name."""

from __future__ import annotations

from ceasewatch.resolve.places import _respelling, find_places, geocode
from ceasewatch.resolve.settlements import codifier_path


def _by_text(text: str) -> dict[str, object]:
    return {text[p.start : p.end]: p for p in find_places(text) if p.start is not None}


def test_a_variant_spelling_of_an_oblast_after_a_town_is_the_oblast() -> None:
    text = "Shelling hit Polohy, Zaporizhia, on Monday morning."
    found = _by_text(text)
    region = found["Zaporizhia"]
    assert region.feature == "ADM1" and region.precision == "admin1"  # type: ignore[attr-defined]
    town = found["Polohy"]
    assert town.admin1 == region.admin1  # type: ignore[attr-defined]


def test_an_oblast_stem_after_a_town_is_the_oblast_not_its_city() -> None:
    text = "Drones struck Balakliia, Kharkiv, overnight."
    region = _by_text(text)["Kharkiv"]
    assert region.feature == "ADM1"  # type: ignore[attr-defined]
    # alone, the name is still the city
    alone = _by_text("Drones struck Kharkiv overnight.")["Kharkiv"]
    assert alone.feature.startswith("PPL")  # type: ignore[attr-defined]


def test_a_town_in_brackets_before_its_oblast() -> None:
    text = "Artillery fired at positions in Vuhledar (Donetsk), the army said."
    region = _by_text(text)["Donetsk"]
    assert region.feature == "ADM1"  # type: ignore[attr-defined]


def test_a_village_spelt_differently_in_its_oblast_is_found_there() -> None:
    if codifier_path() is None:
        return  # the codifier spelling is what this is about
    # GeoNames spells Hrushivka villages of other oblasts so; the Cherkasy one only has
    # another romanisation
    text = "A shell fell near Hrushivka, Cherkasy Oblast, on Sunday."
    found = _by_text(text)
    village, region = found["Hrushivka"], found["Cherkasy Oblast"]
    assert village.feature.startswith("PPL")  # type: ignore[attr-defined]
    assert village.admin1 == region.admin1  # type: ignore[attr-defined]


def test_respelling_tells_spellings_from_other_names() -> None:
    assert _respelling("odessa", "Odesa")
    assert _respelling("kiev", "Kyiv")
    assert _respelling("zaporozhye", "Zaporizhzhya")
    assert not _respelling("centerville", "Fremont")
    assert not _respelling("salisbury", "Harare")


def test_a_towns_own_name_beats_another_places_former_name() -> None:
    found = _by_text("Police in Centerville said the road would reopen on Friday.")
    town = found["Centerville"]
    assert town.name == "Centerville"  # type: ignore[attr-defined]
    assert town.country == "USA"  # type: ignore[attr-defined]


def test_exonyms_that_are_respellings_keep_the_big_city() -> None:
    place = geocode("Odessa")
    assert place is not None and place.country == "UKR"
