"""Words that are not attacks, and attacks told as background, on hand-written sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.extract.events import extract_events
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import Document, Event

ANCHOR = dt.date(2024, 6, 12)
NEWS_WINDOW = ("2024-06-11", "2024-06-12")

pytestmark = pytest.mark.slow


def run(text: str) -> list[Event]:
    document = Document(id=Document.make_id(text), text=text, published=ANCHOR.isoformat())
    return extract_events(load_nlp()(text), document, ANCHOR)


def violent(events: list[Event]) -> list[Event]:
    return [e for e in events if e.type in ("FIGHT", "ASSAULT")]


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister fired the interior minister after the scandal.",
        "The president fired Omar Haddad, his chief of staff.",
        "The envoy was fired from his post last month.",
        "The minister was fired on Monday.",
        "From his hospital bed, the president fired the defence minister.",
        "The minister was fired by the president.",
        "The coach was fired from his job and left the capital under fire from the press.",
        "Norway helped rebuild war damage in the northern villages.",
        "Engineers began to repair the damage to the bridge.",
        "The group said its fighters have moved to hit-and-run tactics.",
    ],
)
def test_not_an_attack(text: str) -> None:
    assert violent(run(text)) == []


def test_gunfire_is_still_an_attack() -> None:
    found = violent(run("Soldiers fired on demonstrators in the main square of Ruvia."))
    assert found and found[0].target is not None


@pytest.mark.parametrize(
    "text",
    [
        "Two officials were fired at by snipers near Horlivka.",
        "The governor was fired upon by gunmen in Horlivka.",
        "A judge was fired on as she left the court in Horlivka.",
    ],
)
def test_office_holder_shot_at_is_gunfire_not_a_dismissal(text: str) -> None:
    found = violent(run(text))
    assert found and found[0].place is not None and found[0].place.name == "Horlivka"


def test_participle_takes_the_noun_it_modifies_as_actor() -> None:
    text = "The Norwegian deployment, targeting rebel fighters in the hills, is opposed by Oslo."
    found = violent(run(text))
    assert found
    actor = found[0].actor
    assert actor is not None and "deployment" in actor.name and actor.name != "Oslo"


def test_passive_participle_takes_its_own_agent() -> None:
    found = violent(run("Rescuers searched the school hit by Norwegian missiles."))
    assert found and found[0].actor is not None and found[0].actor.country == "NOR"
    assert "Rescuers" not in found[0].actor.name


def test_past_perfect_is_before_the_news() -> None:
    found = violent(run("Government troops had shelled the village of Ruvia."))
    assert found and found[0].date is not None
    assert found[0].date.start is None and found[0].date.end == ANCHOR.isoformat()
    assert found[0].date.precision == "unknown"


def test_past_perfect_in_reported_speech_is_news_of_the_day() -> None:
    found = violent(run("Officials said rebel drones had hit a power plant in Ruvia."))
    assert found and found[0].date is not None
    assert (found[0].date.start, found[0].date.end) == NEWS_WINDOW


def test_since_clause_is_before_the_news() -> None:
    found = violent(run("Since the army launched the offensive, thousands have fled."))
    assert found and found[0].date is not None and found[0].date.start is None


def test_likely_attack_has_no_date() -> None:
    found = violent(run("Rebel fighters are likely to storm the airport in Ruvia."))
    assert found and found[0].date is None


def test_time_setting_clause_is_marked_uncertain() -> None:
    found = violent(run("When militiamen raided Dolvik, the envoy went on drafting the treaty."))
    assert found and found[0].date is not None
    assert (found[0].date.start, found[0].date.end) == NEWS_WINDOW
    assert found[0].date.precision == "unknown"


def test_when_clause_with_casualties_keeps_the_news_day() -> None:
    found = violent(run("Two civilians were killed when rebel drones hit a market in Ruvia."))
    assert found and found[0].date is not None
    assert found[0].date.precision == "days"


def test_own_date_phrase_wins_over_background_cues() -> None:
    found = violent(run("The army had shelled the village on 3 June."))
    assert found and found[0].date is not None and found[0].date.start == "2024-06-03"


def test_participle_noun_without_country_keeps_the_subject() -> None:
    text = "Norway apologised to Sweden for one of its patrol boats intercepting a Swedish ship."
    found = [e for e in run(text) if e.target is not None and "ship" in e.target.name]
    assert found and found[0].actor is not None and found[0].actor.country == "NOR"


def test_verb_as_noun_modifier_is_no_trigger_but_nouns_stay() -> None:
    assert violent(run("The rebels switched to hit-and-run tactics.")) == []
    assert violent(run("Rebels launched a rocket attack on the airport of Ruvia."))
