"""Speech-verb forms the parse gets wrong: relative clauses, inverted names, venues, appositions."""

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


def by_cue(claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if c.cue is not None and c.cue.split()[0] == cue]
    assert len(found) == 1, [(c.cue, c.text) for c in claims]
    return found[0]


def test_relative_clause_before_the_cue_keeps_the_name_as_speaker(nlp):
    text = "Smith, meanwhile, who has no such endorsements, said that the vote would be close."
    c = by_cue(claims_of(nlp, text), "said")
    assert c.speaker_span is not None and c.speaker_span.text == "Smith"
    assert c.content_span is not None and c.content_span.text == "that the vote would be close"


def test_inverted_parenthetical_cue_swaps_speaker_and_content(nlp):
    text = "Part of the problem, say experts like Jane Roe, a geologist, is the ground itself."
    c = by_cue(claims_of(nlp, text), "say")
    assert c.speaker_span is not None and c.speaker_span.text.startswith("experts like Jane Roe")
    assert "Part of the problem" in c.text and "is the ground itself" in c.text
    assert "Jane Roe" not in c.text


def test_inverted_parenthetical_inside_a_clause_finds_the_name_after_the_cue(nlp):
    text = "The real danger, says Tom Baker, a retired engineer, is the old dam upstream."
    c = by_cue(claims_of(nlp, text), "says")
    assert c.speaker_span is not None and c.speaker_span.text.startswith("Tom Baker")
    assert "The real danger" in c.text and "the old dam upstream" in c.text
    assert "Baker" not in c.text


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Miller said late on Monday during a press briefing that he may wait until March.",
            "Miller",
            "that he may wait until March",
        ),
        (
            "The minister said earlier on Friday at a news conference that talks would resume.",
            "The minister",
            "that talks would resume",
        ),
        (
            "Green says in a statement that the company will appeal the ruling.",
            "Green",
            "that the company will appeal the ruling",
        ),
    ],
)
def test_that_clause_after_an_occasion_is_the_content(nlp, text, speaker, content):
    c = by_cue(claims_of(nlp, text), text.split(speaker)[1].split()[0])
    assert c.speaker_span is not None and c.speaker_span.text == speaker
    assert c.content_span is not None and c.content_span.text == content


def test_relative_clause_of_an_occasion_is_not_what_was_said(nlp):
    text = "The minister spoke briefly and said nothing at the conference that she held on Friday."
    claims = claims_of(nlp, text)
    assert all("she held" not in c.text for c in claims)


def test_quote_before_a_long_apposition_gets_the_name_as_speaker(nlp):
    text = (
        "“We have seen worse seasons than this one,” county delegate Tom Ross, wearing a straw "
        "hat and “Vote Lee” badges, said calmly as music played around him."
    )
    c = by_cue(claims_of(nlp, text), "said")
    assert c.speaker_span is not None and c.speaker_span.text.endswith("Tom Ross")
    assert c.content_span is not None
    assert c.content_span.text.startswith("“We have seen worse seasons")
    assert c.quoted


def test_quote_after_a_second_speaker_is_not_the_first_cues_content(nlp):
    text = "Lee answered the question briefly and Kim said, “only if we are quick.”"
    claims = claims_of(nlp, text)
    quoted = [c for c in claims if "only if we are quick" in c.text]
    assert quoted, [(c.cue, c.text) for c in claims]
    assert all(c.speaker_span is not None and c.speaker_span.text == "Kim" for c in quoted)
