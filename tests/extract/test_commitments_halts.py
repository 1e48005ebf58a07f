"""What is no halt on attacks or no concluded deal: ending a mission, cutting aid, pleading with
another party, a deal said to be imminent (short synthetic sentences, our own words)."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import Commitment
from tests.extract.commitment_cases import commitments_of, stances

ANCHOR = dt.date(2019, 1, 10)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, text: str) -> list[Commitment]:
    return commitments_of(nlp, text, ANCHOR)


def attack_halts(found: list[Commitment]) -> list[Commitment]:
    return [c for c in found if c.kind in ("ceasefire", "truce", "strike_halt", "pause")]


def test_ending_military_operations_in_a_country_is_no_strike_halt(nlp):
    found = run(
        nlp,
        "The minister quit after the president said he was ending all American military "
        "operations in Yemen.",
    )
    assert attack_halts(found) == []


def test_an_outside_state_ending_operations_abroad_withdraws(nlp):
    found = run(nlp, "Britain will end its military operations in Iraq by March.")
    assert attack_halts(found) == []
    assert [(c.kind, stances(c)) for c in found] == [("withdrawal", {("GBR", "agreed")})]


@pytest.mark.parametrize(
    "text",
    [
        # a foreign force's mission ends: never a halt that later attacks there would breach
        "Washington said it was ending US military operations in Somalia.",
        "Kenya said it was ending its military operations in Somalia.",
        "Washington said it was ending its military operations in Somalia and that the last "
        "soldiers would leave by May.",
    ],
)
def test_a_foreign_mission_ending_is_no_halt_on_attacks(nlp, text):
    assert attack_halts(run(nlp, text)) == []


def test_ending_operations_with_troops_going_home_is_a_withdrawal(nlp):
    found = run(
        nlp,
        "Canada said it would end its combat operations in the region and bring its troops home.",
    )
    assert [c.kind for c in found] == ["withdrawal"]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("The Syrian army agreed to end military operations in the province.", "SYR"),
        ("Britain will end its military operations in the region by March.", "GBR"),
    ],
)
def test_a_party_ending_its_operations_ceases_hostilities(nlp, text, party):
    found = run(nlp, text)
    assert [c.kind for c in found] == ["ceasefire"]
    assert (party, "agreed") in stances(found[0])


def test_halting_military_operations_is_still_a_halt(nlp):
    found = run(nlp, "Israel halted military operations in the north for ten hours.")
    assert [c.kind for c in found] == ["strike_halt"]
    assert ("ISR", "ordered") in stances(found[0])


@pytest.mark.parametrize(
    "text",
    [
        "The president announced an end to American military support for the rebel militia.",
        "Washington cut military aid to the government in Kabul.",
        "Germany suspended its military assistance to the coalition.",
    ],
)
def test_ended_or_cut_aid_is_no_aid_pledge(nlp, text):
    assert [c for c in run(nlp, text) if c.kind == "aid_pledge"] == []


def test_aid_pledge_still_read(nlp):
    found = run(nlp, "France pledged 200 million euros in military aid to Kyiv.")
    assert [(c.kind, stances(c)) for c in found] == [("aid_pledge", {("FRA", "agreed")})]


def test_pleading_with_others_to_halt_is_a_demand_not_an_order(nlp):
    found = run(
        nlp,
        "Ankara's envoy, speaking in Izmir, pleaded with Moscow and Tehran to stop their planned "
        "assault on the enclave.",
    )
    halt = attack_halts(found)
    assert len(halt) == 1
    assert stances(halt[0]) == {("TUR", "demanded")}
    assert halt[0].status == "demanded"


@pytest.mark.parametrize(
    "text",
    [
        "Qatari mediators said that a fresh deal to stop the fighting along the river was "
        "imminent.",
        "Egyptian mediators said a truce deal for the province was close.",
        "Egyptian officials spoke of a possible truce deal for the province.",
    ],
)
def test_an_imminent_or_possible_deal_is_not_agreed(nlp, text):
    for c in run(nlp, text):
        assert all(d.status not in ("agreed", "ordered", "in_force") for d in c.declarations), (
            stances(c)
        )


def test_a_reached_river_deal_is_agreed(nlp):
    # the same sentence with the deal reached: the imminent one above is read, and held back
    text = (
        "Qatari mediators said that a fresh deal to stop the fighting along the river had been "
        "reached."
    )
    found = run(nlp, text)
    assert [(c.kind, stances(c)) for c in found] == [("ceasefire", {("QAT", "agreed")})]


def test_a_concluded_deal_is_still_agreed(nlp):
    found = run(nlp, "Egypt and Sudan signed a deal to end the fighting along the border.")
    assert attack_halts(found)
    assert {("EGY", "agreed"), ("SDN", "agreed")} <= stances(attack_halts(found)[0])
