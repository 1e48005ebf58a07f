"""Quote forms that slipped through: a mistyped closing mark, short quotes, inverted names."""

from __future__ import annotations

import pytest

from ceasewatch.extract.claims import extract_claims, find_quotes
from ceasewatch.model import Claim, Document


@pytest.fixture(scope="module")
def nlp():
    from ceasewatch.extract.nlp import load_nlp

    return load_nlp()


def claims_of(nlp, text: str) -> list[Claim]:
    return extract_claims(nlp(text), Document(id="t", text=text))


def test_opening_mark_typed_for_a_closing_one_still_closes():
    text = "“The road is shut until spring,“ said Ada Lenz. “Nobody can get through.”"
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == ["“The road is shut until spring,“", "“Nobody can get through.”"]
    # an opening mark after a space still opens
    assert [text[q.start : q.end] for q in find_quotes("He said “yes “ and left.")] != []


def test_mistyped_closing_mark_quote_gets_its_speaker(nlp):
    text = "“The road is shut until spring,“ said Ada Lenz, a county engineer."
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text.startswith("Ada Lenz")
    assert c.content_span.text.startswith("“The road is shut")
    assert c.quoted


def test_short_quote_ending_like_speech_is_a_claim(nlp):
    text = "“Not yet,” Ada Lenz said when asked about the bridge."
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text == "Ada Lenz"
    assert c.content_span.text == "“Not yet,”"
    assert c.polarity == "asserts"  # the "not" inside the quote is no denial by the speaker


def test_short_scare_quote_is_no_claim(nlp):
    text = "The so-called “peace plan” was shelved, officials said on Monday."
    claims = claims_of(nlp, text)
    assert all(c.content_span.text != "“peace plan”" for c in claims)


def test_name_right_after_the_cue_speaks_when_the_parse_moves_it(nlp):
    text = '"The ferry will run again by May," said Ines Okafor, pointing at the harbour map.'
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text == "Ines Okafor"


def test_conjoined_speech_verb_shares_the_passive_subject(nlp):
    text = "Coach Ivo Brandt was fined by the league and said that the referee should resign."
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text.endswith("Ivo Brandt")
    assert c.content_span.text.endswith("the referee should resign")


def test_not_set_off_by_commas_still_denies(nlp):
    text = "The ministry did not, however, say that the convoy had been stopped."
    (c,) = claims_of(nlp, text)
    assert c.polarity == "denies"
    assert c.cue.endswith("say")


@pytest.mark.parametrize(
    ("text", "speaker", "channel"),
    [
        (
            "The port authority issued a statement saying the berths would reopen on Friday.",
            "The port authority",
            "statement",
        ),
        (
            "Late on Tuesday, the mayor put out a short statement saying the curfew was over.",
            "the mayor",
            "statement",
        ),
        (
            "The rebel group posted a video saying its fighters had left the town.",
            "The rebel group",
            None,
        ),
        (  # the same with a quote
            "The port authority issued a statement saying: “The berths will reopen on Friday.”",
            "The port authority",
            "statement",
        ),
    ],
)
def test_who_issues_a_message_that_says_something_speaks(nlp, text, speaker, channel):
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text == speaker
    assert c.channel == channel
    assert c.cue == "saying"


def test_a_message_that_is_the_subject_still_names_its_author(nlp):
    text = "A statement from the port authority said the berths would reopen on Friday."
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text == "the port authority"
    assert c.channel == "statement"
