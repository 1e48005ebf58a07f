"""Which place an event gets when its sentence also names a party, a source or a venue of talks,
on hand-written sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasewatch.extract.events import extract_events
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.model import Document, Event

ANCHOR = dt.date(2024, 6, 12)

pytestmark = pytest.mark.slow


def run(text: str) -> list[Event]:
    document = Document(id=Document.make_id(text), text=text, published=ANCHOR.isoformat())
    return extract_events(load_nlp()(text), document, ANCHOR)


def violent_place(text: str) -> str | None:
    events = [e for e in run(text) if e.type in ("FIGHT", "ASSAULT")]
    assert events, f"no violent event in {text!r}"
    place = events[0].place
    return place.name if place is not None else None


# (1) a capital or country that labels the actor is not where the event happened


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Two civilians were killed by Kyiv troops in Horlivka.", "Horlivka"),
        ("Kyiv units' bombardment of Makiyivka left a pensioner dead.", "Makiyivka"),
        (
            "Mortar rounds fired by the Ukrainian army killed a nurse in the Luhansk People's "
            "Republic, the separatist health office said.",
            "Luhansk",
        ),
        ("Two marines lost their lives in a clash outside Ukraine's Mariupol.", "Mariupol"),
    ],
)
def test_actor_label_gives_way_to_the_place(text: str, where: str) -> None:
    assert violent_place(text) == where


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Two soldiers were killed by Moscow-backed rebels.", "Moscow"),
        ("Three villagers were killed by Damascus forces.", "Damascus"),
        ("Kyiv troops shelled the village overnight.", "Kyiv"),
    ],
)
def test_actor_label_alone_is_no_place(text: str, label: str) -> None:
    assert violent_place(text) != label


def test_local_force_keeps_its_place() -> None:
    # a non-capital name on a local force mostly means its own area: it stays the place
    assert violent_place("Two civilians were shot dead by Donetsk militiamen.") == "Donetsk"


# (2) the venue of talks or of a statement is not the place of a violent event


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("The minister told reporters in Moscow that shelling had killed two people.", "Moscow"),
        ("Shelling killed four people ahead of peace talks in Minsk.", "Minsk"),
        ("Fighting killed 45 soldiers ahead of the Minsk peace summit.", "Minsk"),
        ("Rebels shelled the town, officials said in a statement from Washington.", "Washington"),
    ],
)
def test_venue_is_not_the_place(text: str, venue: str) -> None:
    assert violent_place(text) != venue


def test_venue_beside_the_place() -> None:
    text = "Shelling killed two people in Horlivka, the minister told reporters in Moscow."
    assert violent_place(text) == "Horlivka"


def test_venue_is_not_borrowed_by_the_next_sentence() -> None:
    assert violent_place("Delegations met for talks in Minsk. Two soldiers were killed.") is None


def test_talks_keep_their_venue() -> None:
    events = run("The two sides agreed a ceasefire at talks in Minsk.")
    assert [e.place.name for e in events if e.place is not None] == ["Minsk"]


# a headline's closing attribution is the source of the report


def test_capital_as_source_is_no_place() -> None:
    assert violent_place("Three soldiers killed in the separatist east - Kiev military") != "Kyiv"


def test_source_beside_the_place() -> None:
    assert violent_place("Two soldiers killed in fighting near Horlivka: Kiev") == "Horlivka"


def test_local_source_keeps_its_place() -> None:
    assert violent_place("Two civilians killed in shelling: Donetsk") == "Donetsk"
