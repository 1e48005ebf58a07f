"""Counts from hand-written sentences."""

from __future__ import annotations

import pytest

from ceasewatch.model import CountRange
from ceasewatch.resolve.numbers import find_counts, number_value, parse_count


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("45", CountRange(45, 45)),
        ("2,500", CountRange(2500, 2500)),
        ("twenty-five", CountRange(25, 25)),
        ("one hundred and twenty", CountRange(120, 120)),
        ("at least 3", CountRange(3, None)),
        ("more than 40", CountRange(41, None)),
        ("over 100 patients", CountRange(101, None)),
        ("up to 10", CountRange(None, 10)),
        ("nearly 100", CountRange(None, 99)),
        ("about 30", CountRange(30, 30)),
        ("10-12", CountRange(10, 12)),
        ("two or three", CountRange(2, 3)),
        ("between 5 and 7", CountRange(5, 7)),
        ("a dozen", CountRange(12, 12)),
        ("dozens", CountRange(24, None)),
        ("hundreds of", CountRange(200, None)),
        ("several", CountRange(3, None)),
        ("a few", CountRange(2, None)),
        ("a civilian", CountRange(1, 1)),
        ("1.5 million", CountRange(1_500_000, 1_500_000)),
    ],
)
def test_parse_count(phrase: str, expected: CountRange) -> None:
    assert parse_count(phrase) == expected


@pytest.mark.parametrize("phrase", ["", "Kharkiv", "S-300", "155mm", "45-year-old"])
def test_parse_count_rejects_non_quantities(phrase: str) -> None:
    assert parse_count(phrase) is None


def test_weapons_with_number() -> None:
    counts = find_counts("Moscow sent 45 drones towards the capital before dawn.")
    assert counts.weapons == CountRange(45, 45)
    assert counts.weapon == "drone"


def test_weapons_with_modifiers_between() -> None:
    counts = find_counts("The port was hit by a barrage of 20 Shahed drones.")
    assert (counts.weapons, counts.weapon) == (CountRange(20, 20), "drone")
    counts = find_counts("Three cruise missiles struck the depot.")
    assert (counts.weapons, counts.weapon) == (CountRange(3, 3), "missile")


def test_model_name_and_calibre_are_not_counts() -> None:
    counts = find_counts("The battery fired S-300 missiles at the town.")
    assert counts.weapons is None and counts.weapon == "missile"
    counts = find_counts("Gunners used 155mm shells overnight.")
    assert counts.weapons is None and counts.weapon == "shell"


def test_killed_forms() -> None:
    assert find_counts("The blast killed two civilians.").killed == CountRange(2, 2)
    assert find_counts("The strike claimed a civilian life.").killed == CountRange(1, 1)
    assert find_counts("At least 12 people were killed.").killed == CountRange(12, None)
    assert find_counts("The death toll rose to 7 by evening.").killed == CountRange(7, 7)
    assert find_counts("Dozens were killed in the raid.").killed == CountRange(24, None)
    assert find_counts("A man died of his wounds.").killed == CountRange(1, 1)
    assert find_counts("A local soldier was killed.").killed == CountRange(1, 1)
    assert find_counts("Nobody was killed in the attack.").killed == CountRange(0, 0)


def test_killed_sums_listed_groups() -> None:
    counts = find_counts("One soldier and three rebels were killed near the river.")
    assert counts.killed == CountRange(4, 4)


def test_killed_and_injured_in_one_sentence() -> None:
    counts = find_counts("Shelling hit the village, killing three and wounding five.")
    assert counts.killed == CountRange(3, 3)
    assert counts.injured == CountRange(5, 5)
    counts = find_counts("Two people died and four were hospitalised.")
    assert (counts.killed, counts.injured) == (CountRange(2, 2), CountRange(4, 4))


def test_age_is_not_a_count() -> None:
    counts = find_counts("A 45-year-old man was injured in the strike.")
    assert counts.injured == CountRange(1, 1)
    assert counts.killed is None


def test_including_clause_is_not_added() -> None:
    counts = find_counts("Five people, including two children, were injured.")
    assert counts.injured == CountRange(5, 5)


def test_dates_and_years_are_not_counts() -> None:
    assert find_counts("On March 18 people gathered in the square.") == find_counts("")
    assert find_counts("In 2022 civilians were killed by shelling.").killed is None


def test_short_headline() -> None:
    assert find_counts("2 injured in morning shelling").injured == CountRange(2, 2)


def test_evacuated() -> None:
    counts = find_counts("The strike forced the evacuation of over 100 patients.")
    assert counts.evacuated == CountRange(101, None)
    counts = find_counts("Rescuers evacuated 300 residents from the town.")
    assert counts.evacuated == CountRange(300, 300)


def test_intercepted() -> None:
    counts = find_counts("Air defences intercepted 57 Ukrainian drones.")
    assert counts.intercepted == CountRange(57, 57)
    assert (counts.weapons, counts.weapon) == (CountRange(57, 57), "drone")


def test_intercepted_part_of_total() -> None:
    counts = find_counts("The air force said it shot down 30 of 42 drones.")
    assert counts.intercepted == CountRange(30, 30)
    assert counts.weapons == CountRange(42, 42)
    counts = find_counts("Russia launched 143 drones overnight, of which 99 were shot down.")
    assert counts.weapons == CountRange(143, 143)
    assert counts.intercepted == CountRange(99, 99)


def test_nothing_to_count() -> None:
    counts = find_counts("The ministers met in Geneva to discuss a truce.")
    assert counts.killed is None and counts.weapons is None and counts.weapon is None


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Two soldiers, 11 civilians, killed in the east", CountRange(13, 13)),
        ("Child, man killed in artillery fire", CountRange(2, 2)),
        ("Four rebels, civilian killed near the front", CountRange(5, 5)),
        ("Mortar fire kills three civilians, soldier", CountRange(4, 4)),
        ("Two people including a child were killed in the strike", CountRange(2, 2)),
        ("Three pensioners die in night shelling", CountRange(3, 3)),
        ("Six servicemen have died since morning", CountRange(6, 6)),
        ("A farmer wounded in the shelling last week has died", CountRange(1, 1)),
        ("A resident of the village, injured by a mine, died in hospital", CountRange(1, 1)),
        ("The number of residents killed in the strike rose to nine", CountRange(9, 9)),
        ("Civilian toll climbs to 14 after the raid", CountRange(14, 14)),
        ("Twelve marines possibly killed in the missile strike", CountRange(12, 12)),
        ("The brigade said it eliminated 35 invaders and two tanks", CountRange(35, 35)),
        ("Troops destroyed up to 15 enemy soldiers near the bridge", CountRange(None, 15)),
        ("About 40 fighters were eliminated in the raid", CountRange(40, 40)),
        ("The army reported 1 KIA and 3 WIA", CountRange(1, 1)),
        ("Gunners destroyed 30 military vehicles and a depot", None),
        ("The unit lost up to 80 soldiers killed and wounded", None),
        ("The barrage killed and wounded 25 people", None),
    ],
)
def test_killed_more_forms(sentence: str, killed: CountRange | None) -> None:
    assert find_counts(sentence).killed == killed


def test_killed_and_wounded_is_not_an_injury_count() -> None:
    assert find_counts("The barrage killed and wounded 25 people").injured is None


def test_person_who_died_is_not_counted_injured() -> None:
    counts = find_counts("A farmer hurt by the rocket fire dies in a clinic")
    assert (counts.killed, counts.injured) == (CountRange(1, 1), None)


def test_one_person_with_modifiers_is_one() -> None:
    counts = find_counts("One police patrol officer killed, two civilians injured")
    assert (counts.killed, counts.injured) == (CountRange(1, 1), CountRange(2, 2))


@pytest.mark.parametrize(
    ("word", "value"),
    [("12", 12), ("twelve", 12), ("a", 1), ("several", 3), ("a few", 2), ("Kharkiv", None)],
)
def test_number_value(word: str, value: int | None) -> None:
    assert number_value(word) == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Nearly 8,000 civilians have been killed since 2014.",
        "The war has killed tens of thousands of people.",
        "The war, which has killed 10,000 civilians, shows no sign of ending.",
        "Since the start of the invasion, more than 10,000 civilians have been killed, it said.",
        "The minister said 300 civilians had been killed so far by the invading troops.",
        "Nearly 14,000 people have died in the conflict.",
        "At least 9,000 civilians were killed in the war, the agency says.",
        "So far this year 1,200 civilians have been killed.",
        "More than 50,000 people have died in 10 years of civil war.",
        "An eight-year conflict that has claimed more than 14,000 lives.",
        "According to the ministry, since Jan 1, losses include 6,000 soldiers killed.",
    ],
)
def test_cumulative_totals_are_no_event_toll(sentence: str) -> None:
    assert find_counts(sentence).killed is None


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        (
            "A strike on the city killed 3 people on Monday, bringing the number of civilians "
            "killed since 2022 to 12,000.",
            3,
        ),
        ("The deadliest strike on the capital since the start of the war killed 23 people.", 23),
        ("The first attack on the port since January killed two people.", 2),
        ("The death toll from the strike has risen to 20 so far.", 20),
        ("In total, 12 people were killed in the attack on the market.", 12),
        ("Twelve people have been killed since Monday in the shelling.", 12),
    ],
)
def test_event_tolls_next_to_time_frames_are_kept(sentence: str, killed: int) -> None:
    assert find_counts(sentence).killed == CountRange(killed, killed)


def test_cumulative_interceptions_are_no_event_count() -> None:
    counts = find_counts("Air defences have shot down 3,000 drones since the war began.")
    assert counts.intercepted is None


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Ivan Sydorenko, 45, died in hospital after the shelling of the village.", 1),
        ("Ivan Sydorenko, 45, was killed when a shell hit his car.", 1),
        ("Volunteer Olena Marchenko was killed by a drone near the front line.", 1),
        ("Soldiers shot dead Petro Hlushko, 61, in his garden.", 1),
        ("A 12-year-old girl was killed when a missile hit her home.", 1),
        ("Mykola Bondar, 80, died on Tuesday after a long illness.", None),
    ],
)
def test_one_named_or_described_person(sentence: str, killed: int | None) -> None:
    expected = CountRange(killed, killed) if killed is not None else None
    assert find_counts(sentence).killed == expected


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Two soldiers killed in war-torn east", 2),
        ("Two officers killed in conflict with army servicemen", 2),
    ],
)
def test_war_words_that_are_no_time_frame(sentence: str, killed: int) -> None:
    assert find_counts(sentence).killed == CountRange(killed, killed)
