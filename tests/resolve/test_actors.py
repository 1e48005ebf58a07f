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
