"""A truce between two sides of one country, reported by four outlets over four days (our own
synthetic articles), run into a real DuckDB file and linked across documents.

Two armed sides of one country are two parties: the rebel side's condition is its own, the army
can deny what activists report, and "the army" named without its country takes the country
the reports give it.
"""

from __future__ import annotations

import pytest

from tests.link.link_records import stored_report

ARTICLES = [
    {
        "id": "truce",
        "published": "2025-05-10",
        "title": "Army and RSF agree to a week-long truce",
        "text": (
            "Sudan's army and the Rapid Support Forces agreed on Friday to a seven-day "
            "ceasefire, mediators said. The RSF said it would respect the ceasefire only if "
            "the army stopped air strikes on its positions."
        ),
    },
    {
        "id": "market",
        "published": "2025-05-12",
        "title": "Strike on a market",
        "text": (
            "An air strike by the Sudanese army hit a crowded market in Omdurman on Sunday, "
            "killing 22 civilians, local volunteers said. The army denied carrying out any "
            "air strikes on Sunday."
        ),
    },
    {
        "id": "toll",
        "published": "2025-05-12",
        "title": "Ministry gives a toll",
        "text": "The health ministry said 15 people were killed when a market in Omdurman "
        "was bombed on Sunday. An army spokesman said no aircraft had flown over the city "
        "since the truce began.",
    },
    {
        "id": "base",
        "published": "2025-05-13",
        "title": "A base changes hands?",
        "text": (
            "The RSF claimed on Monday that it had captured an air base north of the city. "
            "Independent monitors said they had found no evidence that the base had changed "
            "hands."
        ),
    },
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return stored_report(tmp_path_factory.mktemp("civil"), ARTICLES)


def the_truce(report):
    (truce,) = [c for c in report["commitments"] if c["kind"] == "ceasefire"]
    return truce


def test_both_sides_of_one_country_are_parties_with_their_own_condition(report):
    truce = the_truce(report)
    sides = {(h["actor"]["name"], h["status"]) for h in truce["status_history"]}
    assert ("Rapid Support Forces", "agreed") in sides
    assert any(name != "Rapid Support Forces" and status == "agreed" for name, status in sides)
    (condition,) = truce["conditions"]
    assert condition["party"] == "SDN/Rapid Support Forces"
    assert condition["text"] == "the army stopped air strikes on its positions"


def test_the_strike_on_the_market_is_a_candidate_violation_of_the_truce(report):
    truce = the_truce(report)
    hits = [v for v in truce["violations"] if any("market" in e["text"] for e in v["evidence"])]
    assert hits, truce["violations"]
    assert any(r.startswith("party match: SDN") for r in hits[0]["reasons"])


def kinds(report) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for c in report["contradictions"]:
        found.setdefault(c["kind"], []).append(c)
    return found


def test_the_army_denial_contradicts_the_reported_strike_and_not_the_rebel_condition(report):
    (denial,) = kinds(report)["denial"]
    assert "strikes" in denial["explanation"]
    assert "market" in denial["explanation"]  # the activists' report, not the truce condition


def test_two_tolls_for_one_strike_reported_as_fighting_and_as_an_assault(report):
    (number,) = kinds(report)["number"]
    assert number["explanation"].startswith("15 vs 22 killed")


def test_a_capture_nobody_can_confirm_is_unsupported(report):
    (unsupported,) = kinds(report)["unsupported"]
    assert "captured an air base" in unsupported["explanation"]


def test_a_truce_named_without_parties_joins_the_one_truce_it_can_be(report):
    (truce,) = [c for c in report["commitments"] if c["kind"] in ("ceasefire", "truce")]
    assert {h["status"] for h in truce["status_history"]} >= {"agreed", "in_force"}
