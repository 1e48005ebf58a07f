"""Sides across documents (our own synthetic reports, run into a real DuckDB file): a named
armed group is a party of its own, an unnamed one stands for its country, and what only looks
alike (two shellings on one day, fighting and a massacre in one town, an army striking abroad)
is not linked."""

from __future__ import annotations

import pytest

from tests.link.link_records import stored_report

REPORTS = [
    # a truce with a named armed group, broken by it and by unnamed fighters of its side
    ("2019-01-19", "Israel and Hamas agreed to a ceasefire that took effect on Sunday."),
    (
        "2019-01-21",
        "Hamas fighters attacked an Israeli army post near Rafah on Tuesday, killing two soldiers.",
    ),
    ("2019-01-21", "Palestinian militants fired rockets at Sderot on Tuesday, wounding three."),
    # two descriptions of one side agree to one truce
    ("2020-02-16", "Russian-backed separatists agreed to a ceasefire in Donbas on Monday."),
    ("2020-02-17", "Pro-Russian separatists agreed to a truce in Donbas on Monday."),
    # a massacre and a battle in one town on one day are two events
    ("2021-03-14", "RSF fighters killed 40 villagers in El Fasher on Sunday, activists said."),
    (
        "2021-03-14",
        "Fighting between the army and the RSF in El Fasher killed 12 soldiers on Sunday.",
    ),
    # a denial of one shelling is no denial of another the same day
    (
        "2022-04-15",
        "Russia's defence ministry denied shelling the Zaporizhzhia nuclear plant on Monday.",
    ),
    ("2022-04-15", "Russian forces shelled a bus station in Kherson on Monday, officials said."),
    # an army striking abroad is not the army of the country it strikes
    ("2023-05-01", "Israel and Lebanon agreed to a ceasefire that took effect on Wednesday."),
    (
        "2023-05-03",
        "The army said it struck Hezbollah rocket launchers in southern Lebanon on Friday.",
    ),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    rows = [
        {"id": f"r{i}", "published": day, "title": f"Report {i}", "text": text}
        for i, (day, text) in enumerate(REPORTS)
    ]
    return stored_report(tmp_path_factory.mktemp("sides"), rows)


def commitments_from(report, year: str) -> list[dict]:
    return [c for c in report["commitments"] if (c["start"] or "").startswith(year)]


def test_a_named_group_and_unnamed_fighters_of_its_side_break_its_truce(report):
    (truce,) = commitments_from(report, "2019")
    reasons = [" ".join(v["reasons"]) for v in truce["violations"]]
    assert any("party match: PSE/Hamas" in r and "not named" not in r for r in reasons)
    assert any("armed group of PSE, not named" in r for r in reasons)


def test_two_descriptions_of_one_side_make_one_commitment(report):
    assert len(commitments_from(report, "2020")) == 1


def test_what_only_looks_alike_is_not_linked(report):
    explanations = [c["explanation"] for c in report["contradictions"]]
    assert not any("40" in e and "12" in e for e in explanations)  # massacre vs battle
    assert not any("denies strikes" in e for e in explanations)  # another shelling
    (truce,) = commitments_from(report, "2023")
    assert not any("LBN" in " ".join(v["reasons"]) for v in truce["violations"])


def test_rebels_are_never_the_governments_side_and_a_target_is_no_denier(tmp_path):
    rows = [
        {"id": "g", "published": "2018-06-03", "title": "a",
         "text": "The Syrian government declared a unilateral ceasefire in Idlib province on "
                 "Sunday."},
        {"id": "r", "published": "2018-06-05", "title": "b",
         "text": "Syrian rebels shelled the town of Saraqib in Idlib province on Tuesday."},
        {"id": "d", "published": "2018-07-09", "title": "c",
         "text": "Sudan's army on Sunday denied shelling civilians."},
        {"id": "s", "published": "2018-07-09", "title": "d",
         "text": "RSF fighters shelled army positions in Omdurman on Sunday, activists said."},
    ]  # fmt: skip
    report = stored_report(tmp_path, rows)
    reasons = [r for c in report["commitments"] for v in c["violations"] for r in v["reasons"]]
    assert not any(r == "party match: SYR" for r in reasons)
    assert not [c for c in report["contradictions"] if c["kind"] == "denial"]


def test_a_truce_named_without_parties_joins_nothing_when_two_truces_are_near(tmp_path):
    rows = [
        {"id": "a", "published": "2017-01-19", "title": "a",
         "text": "Israel and Hamas agreed to a ceasefire that took effect on Sunday."},
        {"id": "c", "published": "2017-01-21", "title": "c",
         "text": "Markets reopened on Tuesday after the ceasefire began, residents said."},
        {"id": "b", "published": "2017-01-22", "title": "b",
         "text": "Sudan's army and the Rapid Support Forces agreed to a ceasefire on Monday."},
    ]  # fmt: skip
    report = stored_report(tmp_path, rows)
    for c in report["commitments"]:
        if c["actor"] and c["actor"]["name"] != "unspecified":
            assert {h["actor"]["name"] for h in c["status_history"]} != {"unspecified"}
            assert all(h["actor"]["name"] != "unspecified" for h in c["status_history"])


def test_a_clash_and_a_shelling_in_one_town_on_one_day_are_two_events(tmp_path):
    rows = [
        {"id": "c", "published": "2016-05-02", "title": "a",
         "text": "Russian troops clashed with Ukrainian soldiers in Chasiv Yar on Monday, "
                 "killing 12 soldiers, the army said."},
        {"id": "s", "published": "2016-05-02", "title": "b",
         "text": "Russian artillery shelled Ukrainian positions in Chasiv Yar on Monday, killing "
                 "two soldiers, a commander said."},
    ]  # fmt: skip
    report = stored_report(tmp_path, rows)
    assert not [c for c in report["contradictions"] if c["kind"] == "number"]
