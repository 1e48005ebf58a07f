"""Death tolls in headline-style sentences: hedged passives, of-phrases, 'there are dead', ages,
bodies found, wire slugs, and week- or year-long totals that are no one event's toll."""

from __future__ import annotations

import pytest

from ceasewatch.model import CountRange
from ceasewatch.resolve.numbers import find_counts


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Four fighters and a civilian reported killed near the river", CountRange(5, 5)),
        ("Mortar fire on the hamlet, seven people are known to have died", CountRange(7, 7)),
        ("Two guards believed to have been killed in the raid", CountRange(2, 2)),
        ("Three servicemen of the brigade died in the fighting on Monday", CountRange(3, 3)),
        ("Two residents of Lakeview were killed by a rocket", CountRange(2, 2)),
        ("Medics report that there was one deceased after drones hit the depot", CountRange(1, 1)),
        (
            "Two blasts rocked the depot at dawn, and there were dead among the guards",
            CountRange(1, None),
        ),
        ("The bodies of three farmers were found after the shelling", CountRange(3, 3)),
        ("Five bodies were discovered in a basement after the strike", CountRange(5, 5)),
        ("Armored vehicle kills 6-year-old in the village", CountRange(1, 1)),
        ("46-year-old Ivan Petrenko was killed during the shelling", CountRange(1, 1)),
        ("UPDATE 2-Four dead as rebels shell the town", CountRange(4, 4)),
        ("Four killed in the deadliest attack this year", CountRange(4, 4)),
        ("Two soldiers were killed in the attack last week", CountRange(2, 2)),
        ("Three people killed in the past day", CountRange(3, 3)),
    ],
)
def test_headline_tolls(sentence: str, expected: CountRange) -> None:
    assert find_counts(sentence).killed == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Since last year 30 soldiers have been killed in the region",
        "Over 100 people killed in the city in shelling since the year's beginning",
        "Nine soldiers killed in the east over the past week - army",
        "Twelve soldiers killed in the east this year",
        "40 people killed in the region during the last month",
    ],
)
def test_period_totals_are_not_an_event_toll(sentence: str) -> None:
    assert find_counts(sentence).killed is None


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("S-300 missiles hit the city, two killed", CountRange(2, 2)),
        ("2-3 people were killed", CountRange(2, 3)),
        ("A 52-year-old volunteer was killed during the shelling", CountRange(1, 1)),
        ("There were no dead after the strike", CountRange(0, 0)),
    ],
)
def test_neighbours_of_the_new_rules_unchanged(sentence: str, killed: CountRange) -> None:
    assert find_counts(sentence).killed == killed


def test_there_are_dead_and_wounded_is_not_one_figure_for_both() -> None:
    counts = find_counts("Two towns were shelled, there are dead and three people were wounded")
    assert counts.killed == CountRange(1, None)
    assert counts.injured == CountRange(3, 3)


@pytest.mark.parametrize(
    "sentence",
    [
        # a running total after a superlative: the superlative only dates a comparison when the
        # frame opens with 'since', 'over', 'in'... as a word, not 'invasion' or 'forty'
        "The largest invasion in decades has killed 9,000 civilians",
        "The worst forty years of fighting killed 5,000 people",
    ],
)
def test_frame_words_are_whole_words(sentence: str) -> None:
    assert find_counts(sentence).killed is None


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("In-fighting among the rebels killed 12 people", CountRange(12, 12)),
        ("Formerly a quiet town, Dolvik saw shelling that killed 12 people", CountRange(12, 12)),
        ("The deadliest attack since the invasion killed 12 people", CountRange(12, 12)),
        ("The heaviest shelling in a week killed 12 people", CountRange(12, 12)),
    ],
)
def test_superlative_frames_still_date_a_comparison(sentence: str, killed: CountRange) -> None:
    assert find_counts(sentence).killed == killed
