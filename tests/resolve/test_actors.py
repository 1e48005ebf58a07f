"""Actors, countries and target categories from hand-written phrases."""

from __future__ import annotations

import pytest

from ceasewatch.model import Actor
from ceasewatch.resolve.actors import country_of, resolve_actor, target_category


@pytest.mark.parametrize(
    ("text", "country", "kind"),
    [
        ("Russian forces", "RUS", "military"),
        ("Russian troops", "RUS", "military"),
        ("Russia's", "RUS", "government"),
        ("the Kremlin", "RUS", "government"),
        ("Moscow", "RUS", "government"),
        ("Kyiv", "UKR", "government"),
        ("Ukrainian drones", "UKR", "military"),
        ("Russian missiles", "RUS", "military"),
        ("pro-Russian separatists", "RUS", "militia"),
        ("unknown gunmen", None, "militia"),
        ("police", None, "police"),
        ("Ukrainian civilians", "UKR", "civilians"),
        ("the White House", "USA", "government"),
        ("U.S. officials", "USA", "government"),
        ("Israeli troops", "ISR", "military"),
        ("IDF", "ISR", "military"),
        ("RSF", "SDN", "rebel"),
        ("the Houthis", "YEM", "rebel"),
        ("Hamas fighters", "PSE", "rebel"),
        ("Hezbollah", "LBN", "rebel"),
        ("the UN", None, "organisation"),
        ("NATO", None, "organisation"),
        ("Wagner mercenaries", "RUS", "militia"),
        ("Armed Forces of Ukraine", "UKR", "military"),
    ],
)
def test_resolve_actor_country_and_kind(text: str, country: str | None, kind: str) -> None:
    actor = resolve_actor(text)
    assert actor is not None
    assert (actor.country, actor.kind) == (country, kind)


def test_defence_ministry_role() -> None:
    actor = resolve_actor("the Russian defence ministry")
    assert actor is not None
    assert (actor.country, actor.kind, actor.role) == ("RUS", "government", "defence ministry")


def test_air_force() -> None:
    actor = resolve_actor("Ukraine's air force")
    assert actor is not None and actor.country == "UKR" and actor.kind == "military"


@pytest.mark.parametrize("text", ["he", "They", "the company", ""])
def test_unknown_or_pronoun(text: str) -> None:
    assert resolve_actor(text) is None


def test_leader_with_title_and_possessive() -> None:
    actor = resolve_actor("Russian President Vladimir Putin's")
    assert actor == Actor("Vladimir Putin", "RUS", "government", "President")
    actor = resolve_actor("Zelensky")
    assert actor is not None and actor.name == "Volodymyr Zelenskyy" and actor.country == "UKR"


def test_role_depends_on_when() -> None:
    assert resolve_actor("Donald Trump", when="2019-06-01") == Actor(
        "Donald Trump", "USA", "government", "President"
    )
    trump_2023 = resolve_actor("Trump", when="2023-06-01")
    assert trump_2023 is not None and trump_2023.role == "former President"
    kuleba = resolve_actor("Dmytro Kuleba", when="2022-03-01")
    assert kuleba is not None and kuleba.role == "Foreign Minister"
    shoigu = resolve_actor("Shoigu", when="2025-01-01")
    assert shoigu is not None and shoigu.role == "Secretary of the Security Council"


def test_envoy() -> None:
    actor = resolve_actor("US envoy Steve Witkoff", when="2025-03-01")
    assert actor == Actor("Steve Witkoff", "USA", "government", "special envoy")


def test_international_leader_has_no_country() -> None:
    actor = resolve_actor("NATO chief Mark Rutte")
    assert actor is not None and actor.country is None and actor.kind == "organisation"


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Russian", "RUS"),
        ("Kiev", "UKR"),
        ("Washington", "USA"),
        ("the Kremlin", "RUS"),
        ("Tehran", "IRN"),
        ("Beijing", "CHN"),
        ("Minsk", "BLR"),
        ("germany", "DEU"),
        ("Sudanese", "SDN"),
        ("Zelensky", "UKR"),
        ("Gaza", "PSE"),
        ("Peru", "PER"),
    ],
)
def test_country_of(text: str, iso3: str) -> None:
    assert country_of(text) == iso3


def test_country_of_unknown() -> None:
    assert country_of("the river bank") is None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("an oil depot", "energy"),
        ("a thermal power plant", "energy"),
        ("a substation", "energy"),
        ("a hospital", "health"),
        ("the maternity ward", "health"),
        ("homes", "residential"),
        ("a nine-storey apartment building", "residential"),
        ("a residential building near a railway station", "residential"),
        ("the railway station", "transport"),
        ("a bridge", "transport"),
        ("the airfield", "military"),
        ("an ammunition depot", "military"),
        ("Ukrainian positions", "military"),
        ("the regional administration building", "government"),
        ("a school", "education"),
        ("a kindergarten", "education"),
        ("grain silos", "agriculture"),
        ("civilians", "civilians"),
        ("a shopping centre", "commercial"),
        ("critical infrastructure", "infrastructure"),
        ("the water supply", "infrastructure"),
        ("a church", "religious"),
        ("the TV tower", "media"),
        ("an aid convoy", "humanitarian"),
    ],
)
def test_target_category(text: str, category: str) -> None:
    assert target_category(text) == category


def test_target_category_unknown() -> None:
    assert target_category("the negotiations") is None


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("U.S.", "USA"),
        ("the U.S.", "USA"),
        ("the U.S", "USA"),
        ("US", "USA"),
        ("U.K.", "GBR"),
        ("U.A.E.", "ARE"),
        ("D.R. Congo", "COD"),
    ],
)
def test_dotted_abbreviations(text: str, iso3: str) -> None:
    actor = resolve_actor(text)
    assert actor is not None and actor.country == iso3 and actor.kind == "government"
    assert country_of(text) == iso3


def test_dotted_organisation_and_person() -> None:
    un = resolve_actor("the U.N.")
    assert un is not None and un.name == "United Nations" and un.kind == "organisation"
    vance = resolve_actor("J.D. Vance", when="2025-06-01")
    assert vance is not None and vance.country == "USA" and vance.role == "Vice President"


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Moroccan", "MAR"),
        ("Moroccans", "MAR"),
        ("Albanian", "ALB"),
        ("Bangladeshis", "BGD"),
        ("Zambian", "ZMB"),
        ("Liberians", "LBR"),
        ("Sierra Leonean", "SLE"),
        ("Kyrgyz", "KGZ"),
        ("Vietnamese", "VNM"),
        ("Irish", "IRL"),
        ("Filipinos", "PHL"),
        ("Emiratis", "ARE"),
        ("Ivorian", "CIV"),
        ("Burkinabe", "BFA"),
        ("Nigerien", "NER"),
        ("Nigerians", "NGA"),
        ("South Sudanese", "SSD"),
        ("Papua New Guinean", "PNG"),
        ("Bissau-Guinean", "GNB"),
        ("Congolese", "COD"),
        ("Kosovar", "XKX"),
        ("Sahrawi", "ESH"),
    ],
)
def test_demonyms(text: str, iso3: str) -> None:
    assert country_of(text) == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Ivory Coast", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Burma", "MMR"),
        ("Czechia", "CZE"),
        ("Eswatini", "SWZ"),
        ("Swaziland", "SWZ"),
        ("Türkiye", "TUR"),
        ("DRC", "COD"),
        ("Congo", "COD"),
        ("Republic of Congo", "COG"),
        ("Brazzaville", "COG"),
        ("the Holy See", "VAT"),
        ("North Korea", "PRK"),
        ("East Timor", "TLS"),
        ("Cabo Verde", "CPV"),
        ("Rabat", "MAR"),
    ],
)
def test_alternative_country_names(text: str, iso3: str) -> None:
    assert country_of(text) == iso3


def test_demonym_with_kind_noun() -> None:
    actor = resolve_actor("Moroccan troops")
    assert actor is not None and (actor.country, actor.kind) == ("MAR", "military")
    actor = resolve_actor("Vietnamese officials")
    assert actor is not None and (actor.country, actor.kind) == ("VNM", "government")


def test_ethnic_group_has_no_state() -> None:
    kurds = resolve_actor("the Kurds")
    assert kurds is not None and kurds.country is None and kurds.kind == "ethnic group"
    fighters = resolve_actor("Kurdish fighters")
    assert fighters is not None and fighters.country is None and fighters.kind == "rebel"
    iraqi = resolve_actor("Iraqi Kurds")
    assert iraqi is not None and iraqi.country == "IRQ"
    assert country_of("Kurdish") is None


@pytest.mark.parametrize("text", ["turkey", "china", "chad", "jordan", "us", "polish"])
def test_lowercase_words_are_not_countries(text: str) -> None:
    assert country_of(text) is None
    assert resolve_actor(text) is None


@pytest.mark.parametrize("text", ["Chad Miller", "Jordan Peterson", "Georgia Lewis"])
def test_given_names_are_not_countries(text: str) -> None:
    assert resolve_actor(text) is None
    assert country_of(text) is None


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Chad", "TCD"), ("Jordan", "JOR"), ("Georgia", "GEO"), ("Chad forces", "TCD")],
)
def test_given_name_countries_alone_still_resolve(text: str, iso3: str) -> None:
    assert country_of(text) == iso3


@pytest.mark.parametrize(
    "text", ["Latin American leaders", "the Washington Post", "South China Sea", "New Jersey"]
)
def test_non_state_phrases_give_no_country(text: str) -> None:
    assert country_of(text) is None


def test_leader_within_and_outside_term() -> None:
    bouteflika = resolve_actor("President Bouteflika", when="2005-03-01")
    assert bouteflika == Actor("Abdelaziz Bouteflika", "DZA", "government", "President")
    later = resolve_actor("Bouteflika", when="2020-01-01")
    assert later is not None and later.role == "former President"
    bashir = resolve_actor("Omar al-Bashir", when="2010-01-01")
    assert bashir is not None and (bashir.country, bashir.role) == ("SDN", "President")
    dos_santos = resolve_actor("dos Santos", when="2000-01-01")
    assert dos_santos is not None and dos_santos.country == "AGO"
    assert dos_santos.role == "President"


def test_leader_before_first_term() -> None:
    actor = resolve_actor("Netanyahu", when="1997-01-01")
    assert actor is not None and actor.role == "Prime Minister"
    actor = resolve_actor("Sanae Takaichi", when="2020-01-01")
    assert actor is not None and actor.country == "JPN" and actor.role is None


@pytest.mark.parametrize(
    ("text", "name", "country", "kind"),
    [
        ("Isis", "Islamic State", None, "rebel"),
        ("Daesh fighters", "Islamic State", None, "rebel"),
        ("ISWAP", "Islamic State West Africa Province", "NGA", "rebel"),
        ("Ansar Allah", "Houthis", "YEM", "rebel"),
        ("the SAF", "Sudanese Armed Forces", "SDN", "military"),
        ("ADF rebels", "Allied Democratic Forces", "COD", "rebel"),
        ("YPJ", "Women's Protection Units", "SYR", "rebel"),
        ("the Pakistani Taliban", "Tehrik-i-Taliban Pakistan", "PAK", "rebel"),
        ("TTP", "Tehrik-i-Taliban Pakistan", "PAK", "rebel"),
        ("FARC", "Revolutionary Armed Forces of Colombia", "COL", "rebel"),
        ("ELN", "National Liberation Army", "COL", "rebel"),
        ("the Tatmadaw", "Tatmadaw", "MMR", "military"),
        ("Arakan Army", "Arakan Army", "MMR", "rebel"),
        ("Tigrayan forces", "Tigray Defence Forces", "ETH", "rebel"),
        ("ECOWAS", "ECOWAS", None, "organisation"),
    ],
)
def test_armed_groups(text: str, name: str, country: str | None, kind: str) -> None:
    actor = resolve_actor(text)
    assert actor is not None
    assert (actor.name, actor.country, actor.kind) == (name, country, kind)


def test_a_party_is_a_country_but_a_named_armed_group_is_a_side_of_its_own():
    from ceasewatch.model import Actor
    from ceasewatch.resolve.actors import party_of

    assert party_of(Actor("Kremlin", "RUS", "government")) == "RUS"
    assert party_of(Actor("Russian forces", "RUS", "military")) == "RUS"
    assert party_of(Actor("Rapid Support Forces", "SDN", "rebel")) == "SDN/Rapid Support Forces"
    # a description, not an organisation's name: the country's unnamed group, so that two
    # descriptions of one side merge, and rebels are never the government's side
    assert party_of(Actor("Russian-backed separatists", "RUS", "militia")) == "RUS/militia"
    assert party_of(Actor("pro-Russian separatists", "RUS", "militia")) == "RUS/militia"
    assert party_of(Actor("Syrian rebels", "SYR", "rebel")) == "SYR/rebel"
    assert party_of(Actor("local militia", None, "militia")) == "local militia"
