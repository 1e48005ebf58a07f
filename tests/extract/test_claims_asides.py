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
