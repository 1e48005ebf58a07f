"""A participle set off by commas after the subject ("The minister, asked about ..., said ...")
tells what the subject was asked: the subject speaks through the cue after the aside."""

from __future__ import annotations

import pytest

from ceasewatch.extract.claims import extract_claims
from ceasewatch.model import Claim, Document


@pytest.fixture(scope="module")
def nlp():
    from ceasewatch.extract.nlp import load_nlp

    return load_nlp()


def claims_of(nlp, text: str) -> list[Claim]:
    return extract_claims(nlp(text), Document(id="t", text=text))


def said(claims: list[Claim]) -> list[tuple[str, str, str]]:
    return [(c.speaker_span.text if c.speaker_span else "", c.cue or "", c.text) for c in claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The defence minister, asked about the overnight strikes, said the air defences "
            "had worked.",
            ("The defence minister", "said", "the air defences had worked"),
        ),
        (
            "The mayor, asked whether the bridge was hit, said it was not.",
            ("The mayor", "said", "it was not"),
        ),
        (
            "Olena Kovalenko, when asked if the corridor would open, replied that it was too "
            "early to say.",
            ("Olena Kovalenko", "replied", "that it was too early to say"),
        ),
        (
            "The governor, asked about the blackout, said: “We are restoring power.”",
            ("The governor", "said", "We are restoring power."),
        ),
    ],
)
def test_the_subject_of_an_asked_aside_speaks_through_the_cue_after_it(nlp, text, expected):
    assert said(claims_of(nlp, text)) == [expected]


def test_an_aside_with_no_speech_after_it_gives_no_claim(nlp):
    text = "The defence minister, questioned about the losses, would not give a figure."
    assert claims_of(nlp, text) == []


def test_an_active_ask_still_speaks(nlp):
    text = "The envoy asked about the prisoners, and the minister said they were safe."
    assert said(claims_of(nlp, text)) == [
        ("The envoy", "asked", "about the prisoners"),
        ("the minister", "said", "they were safe"),
    ]


def test_a_paraphrase_that_quotes_a_part_stays_a_paraphrase(nlp):
    text = "Trump posted on Truth Social that the war “should never have happened”."
    (c,) = claims_of(nlp, text)
    assert not c.quoted
    assert c.content_span.text == "that the war “should never have happened”"
    # a that-clause made of the quote alone is still a direct quote
    (q,) = claims_of(nlp, "He said that “we will never surrender the city”.")
    assert q.quoted and q.text == "we will never surrender the city"


def test_an_organisation_speaks_by_its_whole_name(nlp):
    text = "The Institute for the Study of War said the assault had stalled near the river."
    (c,) = claims_of(nlp, text)
    assert c.speaker is not None and c.speaker.name == "Institute for the Study of War"


def test_a_named_official_hung_on_the_place_of_the_office(nlp):
    text = (
        "The governor of Belgorod, Vyacheslav Gladkov, reported on Telegram that a drone hit a car."
    )
    (c,) = claims_of(nlp, text)
    assert c.speaker is not None
    assert (c.speaker.name, c.speaker.role, c.speaker.country) == (
        "Vyacheslav Gladkov",
        "governor of Belgorod",
        "RUS",
    )
    assert c.channel == "Telegram"


@pytest.mark.parametrize(
    ("role", "country"),
    [
        ("governor of Belgorod", "RUS"),
        ("Kharkiv governor", "UKR"),
        ("mayor of Odesa", "UKR"),  # not Odessa, Texas
        ("Foreign Minister", None),
        ("regional governor", None),
    ],
)
def test_a_role_that_names_a_town_or_region_gives_the_country(role, country):
    from ceasewatch.extract.claims import _place_country

    assert _place_country(role) == country


def test_a_speech_cue_wins_a_quote_over_an_evidence_cue(nlp):
    text = "Polling shows that “the public is not comfortable with it,” said Olga Lenz, an editor."
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text.startswith("Olga Lenz")
    assert c.quoted and c.text == "the public is not comfortable with it"


def test_an_aside_before_another_cue_frames_the_whole_clause(nlp):
    text = "Instead, she said, her boss told her he had booked a room."
    found = said(claims_of(nlp, text))
    assert ("she", "said", "Instead her boss told her he had booked a room") in found
    # after its cue, a clause is no aside: the mayor's quote stays the mayor's
    text = "“The pier is closed,” the harbour master said when a reporter asked."
    assert said(claims_of(nlp, text)) == [("the harbour master", "said", "The pier is closed")]
