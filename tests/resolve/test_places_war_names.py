"""Towns known to GeoNames only by another spelling ("Izium" for Izyum, "Avdiivka" for
Avdiyivka), names that are the object of an attack verb in a report of fighting, and lists of
towns whose second name is also an oblast's stem."""

from __future__ import annotations

import pytest

from ceasewatch.model import Place
from ceasewatch.resolve.places import find_places


def _by_text(text: str, doc: object | None = None) -> dict[str, Place]:
    return {text[p.start : p.end]: p for p in find_places(text, doc) if p.start is not None}


def test_a_town_spelt_another_way_leads_a_list_of_towns() -> None:
    found = _by_text("Missiles hit Izium, Kharkiv and Kramatorsk on Tuesday.")
    assert set(found) == {"Izium", "Kharkiv", "Kramatorsk"}
    assert found["Izium"].name == "Izyum" and found["Izium"].country == "UKR"
    # a list of towns: the name after "Izium," is the city, not its oblast
    assert found["Kharkiv"].feature.startswith("PPL")
    assert found["Kharkiv"].precision == "settlement"


def test_a_longer_list_of_towns_keeps_every_town() -> None:
    found = _by_text("Shelling of Izium, Kharkiv, Kramatorsk and Sloviansk went on all night.")
    assert set(found) == {"Izium", "Kharkiv", "Kramatorsk", "Sloviansk"}
    assert all(p.feature.startswith("PPL") for p in found.values())


def test_towns_paired_with_their_regions_are_not_a_list() -> None:
    found = _by_text("Drones struck Balakliia, Kharkiv, and Lyman, Donetsk.")
    assert found["Kharkiv"].feature == "ADM1"
    assert found["Donetsk"].feature == "ADM1"
    assert found["Lyman"].admin1 == found["Donetsk"].admin1


def test_a_respelt_town_needs_no_preposition() -> None:
    found = _by_text("Russian forces shelled Avdiivka overnight.")
    town = found["Avdiivka"]
    assert town.name == "Avdiyivka" and town.country == "UKR"
    # the Donetsk-oblast town, not a small namesake elsewhere
    assert town.lat is not None and town.lon is not None
    assert 47.5 < town.lat < 48.6 and 37.0 < town.lon < 38.5


def test_the_object_of_an_attack_verb_is_a_place_in_a_war_report() -> None:
    # a former name (not a respelling of Bakhmut) is kept when the report says it was attacked
    for text in (
        "Russian forces shelled Artemivsk overnight.",
        "Troops captured Artemivsk after weeks of fighting.",
    ):
        assert _by_text(text)["Artemivsk"].name == "Bakhmut", text


def test_a_former_name_without_a_sign_of_a_place_is_left_out() -> None:
    assert "Artemivsk" not in _by_text("Artemivsk was printed on the old map.")
    # "hit" is not an attack outside a report of fighting
    assert "Artemivsk" not in _by_text("The new album hit Artemivsk record shops on Friday.")


def test_other_names_that_merely_look_alike_stay_out() -> None:
    # alternate names of small places that are close in letters but not another romanisation
    assert _by_text("His brother Raul, who later led the party, spoke on Monday.") == {}
    assert _by_text("The dealer network backs the Alfa team this season.") == {}


@pytest.mark.slow
def test_the_list_and_the_shelled_town_with_the_spacy_model() -> None:
    from ceasewatch.extract.nlp import load_nlp

    nlp = load_nlp()
    text = "Missiles hit Izium, Kharkiv and Kramatorsk on Tuesday."
    assert set(_by_text(text, nlp(text))) == {"Izium", "Kharkiv", "Kramatorsk"}
    text = "Russian forces shelled Avdiivka overnight."
    assert _by_text(text, nlp(text))["Avdiivka"].name == "Avdiyivka"


@pytest.mark.parametrize(
    "title", ["Damage to the school in Pavlivka", "Destroyed homes in Pavlivka"]
)
def test_damage_and_destruction_are_reports_of_the_war(title: str) -> None:
    """A village named in a title about damage is read near the front, like one named with
    shelling; without such a word its biggest namesake stays the reading."""
    from ceasewatch.resolve.places import front_km

    (war,) = find_places(title)
    (calm,) = find_places("A school in Pavlivka")
    assert war.lat is not None and war.lon is not None
    assert calm.lat is not None and calm.lon is not None
    assert front_km(war.lat, war.lon) < 50 < front_km(calm.lat, calm.lon)


def test_a_region_in_square_brackets_qualifies_the_town_before_it() -> None:
    """'Dublin [Gomel Region] Belarus': no Irish capital in a Belarusian region."""
    found = find_places("A new military camp near the town of Dublin [Gomel Region] Belarus.")
    assert {p.country for p in found} == {"BLR"}
