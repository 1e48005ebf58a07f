"""Attribution forms added for PolNeAR-style (broad) attribution, and quote framing fixes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ceasewatch.extract.claims import cue_features, extract_claims
from ceasewatch.extract.cue_model import LogisticCueModel
from ceasewatch.model import Claim, Document


@pytest.fixture(scope="module")
def nlp():
    from ceasewatch.extract.nlp import load_nlp

    return load_nlp()


def claims_of(nlp, text: str, broad: bool = False, tagger: bool = False) -> list[Claim]:
    """The rules' claims (with the learned cue model in broad mode); the learned source tagger
    is tested in test_attribution_tagger.py."""
    claims = extract_claims(nlp(text), Document(id="t", text=text), broad=broad, tagger=tagger)
    for c in claims:
        for span in (c.speaker_span, c.content_span, *c.evidence):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return claims


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, claims
    return claims[0]


def test_cue_in_next_paragraph_does_not_take_the_quote(nlp):
    text = (
        '"The bridge is safe," Rosa Vidal said. "We will reopen it on Monday."\n\n'
        "Council leader Tom Ames echoed remarks by the engineers about the repairs."
    )
    quoted = [c for c in claims_of(nlp, text) if c.quoted]
    c = only(quoted)
    assert c.speaker is not None and c.speaker.name == "Rosa Vidal"
    assert c.content_span.text.startswith('"The bridge is safe,"')
    assert c.content_span.text.endswith('"We will reopen it on Monday."')


def test_colon_closing_a_paragraph_takes_the_next_paragraph(nlp):
    text = (
        "Mayor Rosa Vidal spoke after the vote. She added:\n\n"
        "The repairs will take a year and the bridge stays closed until then.\n\n"
        "Traffic was heavy on Tuesday."
    )
    c = only([c for c in claims_of(nlp, text) if c.cue == "added"])
    assert c.content_span.text == (
        "The repairs will take a year and the bridge stays closed until then."
    )
    assert c.speaker is not None and c.speaker.name == "Rosa Vidal"


def test_colon_before_a_quoted_paragraph_is_a_quoted_claim(nlp):
    text = 'The minister wrote on Telegram:\n\n"We are ready for talks, but not at any price."'
    c = only(claims_of(nlp, text))
    assert c.quoted and c.channel == "Telegram"
    assert c.content_span.text == '"We are ready for talks, but not at any price."'


def test_broad_mode_keeps_the_outer_attribution_only(nlp):
    text = "Anna Berg said the minister believes the talks will fail."
    c = only(claims_of(nlp, text, broad=True))
    assert c.cue == "said"
    assert c.content_span.text == "the minister believes the talks will fail"


def test_speech_mode_keeps_nested_speech(nlp):
    text = "Anna Berg said the minister had claimed that the talks failed."
    cues = sorted(c.cue for c in claims_of(nlp, text))
    assert cues == ["had claimed", "said"]


def test_broad_relative_pronoun_is_the_source_span_and_the_antecedent_speaks(nlp):
    text = "The report was praised by Olga Marsh, who said the figures were accurate."
    c = only([c for c in claims_of(nlp, text, broad=True) if c.cue == "said"])
    assert c.speaker_span is not None and c.speaker_span.text == "who"
    assert c.speaker is not None and c.speaker.name == "Olga Marsh"
    speech = only([c for c in claims_of(nlp, text) if c.cue == "said"])
    assert speech.speaker_span is not None and speech.speaker_span.text == "Olga Marsh"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("The mayor is worried about the closure of the bridge.", "The mayor",
         "the closure of the bridge"),
        ("Farmers were confident that prices would recover.", "Farmers", "prices would recover"),
    ],
)  # fmt: skip
def test_broad_attitude_adjectives(nlp, text, speaker, content):
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == speaker
    assert c.content_span.text == content
    assert not claims_of(nlp, text)  # an attitude is no statement for the ledger


def test_broad_passive_with_agent(nlp):
    text = "The proposal to build a second runway was rejected by the council."
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == "the council"
    assert c.content_span.text == "The proposal to build a second runway"


def test_broad_portrayal_verb(nlp):
    text = "The senator likened the new tax to a penalty on families."
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == "The senator"
    assert c.content_span.text == "the new tax to a penalty on families"


def _quotes_eval():
    path = Path(__file__).resolve().parents[2] / "eval" / "quotes.py"
    spec = importlib.util.spec_from_file_location("quotes_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_eval_error_kinds_and_report():
    q = _quotes_eval()
    text = "Anna Berg, a lawyer, said the talks failed."
    assert q.span_error(text, (0, 9), (0, 9)) == "exact"
    assert q.span_error(text, (0, 19), (0, 9)) == "too long"
    assert q.span_error(text, (5, 9), (0, 9)) == "too short"
    assert q.span_error(text, (5, 12), (0, 9)) == "shifted"
    errors = {
        "rows": [("verb:say", "exact", "exact"), ("verb:say", "missed", "missed")],
        "false_positives": {"said": 2},
    }
    report = "\n".join(q.error_report(errors))
    assert "| verb:say | 2 | 1 | 1 |" in report
    assert "said 2" in report


# -- learned cues (broad mode) ----------------------------------------------------------------


def test_cue_features_describe_source_content_and_voice(nlp):
    doc = nlp("Senator Ana Ruiz warned that the truce would fail.")
    assert cue_features(doc[3]) == ("v", "warn", "agent|clause|act")
    doc = nlp("The new budget was blocked by the council.")
    assert cue_features(doc[4]) == ("v", "block", "noun|none|pass")  # the agent is the source
    doc = nlp("The mayor was worried about the floods.")
    assert cue_features(doc[3]) == ("a", "worried", "noun|prep")


def test_packaged_model_adds_an_unlisted_cue(nlp):
    text = "Council member Ana Ruiz decried the new curfew in the old town."
    doc = nlp(text)
    assert (
        extract_claims(doc, Document(id="t", text=text), broad=True, learned=False, tagger=False)
        == []
    )
    assert extract_claims(doc, Document(id="t", text=text)) == []  # the ledger's speech mode
    c = only(extract_claims(doc, Document(id="t", text=text), broad=True, tagger=False))
    assert c.cue == "decried"
    assert c.speaker_span is not None and c.speaker_span.text == "Council member Ana Ruiz"
    assert c.content_span.text.startswith("the new curfew")
    text = "The regional army won the battle for the bridge on Sunday."
    assert claims_of(nlp, text, broad=True) == []


def test_dateline_is_not_the_speaker(nlp):
    for text in (
        "LONDON (Reuters) - Rosa Vidal said the bridge would reopen on Monday.",
        "VIENNA, May 4 (Wire) — Rosa Vidal said the bridge would reopen on Monday.",
    ):
        for broad in (False, True):
            c = only(claims_of(nlp, text, broad=broad))
            assert c.speaker_span is not None and c.speaker_span.text == "Rosa Vidal", text
            assert c.content_span.text.startswith("the bridge would reopen")


def test_day_taken_for_the_subject_gives_way_to_the_name(nlp):
    text = (
        "Tuesday in Geneva, while on a visit for the talks, former minister Tom Ames said "
        "the ceasefire would hold."
    )
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and "Tom Ames" in c.speaker_span.text
    assert "Tuesday" not in c.speaker_span.text


def test_broad_mode_keeps_an_according_to_frame_over_another_claim(nlp):
    text = (
        "The mayor said the eastern bridge would stay shut until spring, according to the "
        "Harbour Gazette."
    )
    speakers = [c.speaker_span.text for c in claims_of(nlp, text, broad=True) if c.speaker_span]
    assert "the Harbour Gazette" in speakers
    text = "“The eastern bridge will stay shut,” the mayor said, according to the Harbour Gazette."
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == "the Harbour Gazette"
    assert c.content_span.text.startswith("“The eastern bridge")


def test_transcript_turn_is_the_outer_attribution_in_broad_mode(nlp):
    text = (
        "The interview aired on Sunday.\n"
        "BAKER: Well, I think the whole region needs calm, and I think that is the message.\n"
    )
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == "BAKER"
    assert c.content_span.text.startswith("Well, I think")
    # "Q:" and "A:" turns of an interview are no attribution of their own
    text = "The interview aired on Sunday.\nA: Well, I think the whole region needs calm.\n"
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == "I"
    text = (
        "Tom Ames is calling for talks on the border.\n"
        "CLARIFICATION: An earlier version said that Ames is calling for a truce.\n"
    )
    for broad in (False, True):
        speakers = {
            c.speaker_span.text for c in claims_of(nlp, text, broad=broad) if c.speaker_span
        }
        assert "CLARIFICATION" not in speakers


def test_quote_after_a_colon_is_the_named_person_s(nlp):
    text = (
        "TURNOUT ROSE IN THE NORTH - Maria Delgado: “The first contests have started and we "
        "now have a solid view of participation.”"
    )
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == "Maria Delgado"
    assert c.quoted and c.cue == ":"
    assert claims_of(nlp, text) == []  # speech mode keeps to cues
    text = "Her message to Governor Ellis: “You have failed the people of this province.”"
    assert claims_of(nlp, text, broad=True) == []  # the one addressed does not speak
    text = "Wait, it gets worse: “The ministry is still reluctant to name the attackers.”"
    assert claims_of(nlp, text, broad=True) == []  # no one named


def test_answer_yes_or_so_is_content_in_broad_mode(nlp):
    text = "Asked whether the truce would last, 45 percent of voters said yes."
    c = only(claims_of(nlp, text, broad=True))
    assert c.content_span.text == "yes"
    assert c.speaker_span is not None and c.speaker_span.text == "45 percent of voters"
    assert claims_of(nlp, text) == []


def test_a_share_of_respondents_the_parse_leaves_without_a_subject_speaks(nlp):
    # the parse makes "10" a number modifying "say", not its subject
    text = "About 4 in 10 say they want the next mayor to build more housing."
    doc_claims = [c for c in claims_of(nlp, text, broad=True) if c.cue == "say"]
    c = only(doc_claims)
    assert c.speaker_span is not None and c.speaker_span.text == "About 4 in 10"
    assert c.content_span.text == "they want the next mayor to build more housing"


def test_possessed_answer_with_a_that_clause_in_broad_mode(nlp):
    text = (
        "Asked about the levy, the senator's answer was that the current rules favour large firms."
    )
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == "the senator"
    assert c.content_span.text == "the current rules favour large firms"
    assert claims_of(nlp, text) == []
    assert claims_of(nlp, "The mayor's car was that old blue one.", broad=True) == []


def test_speaker_of_say_under_likely_is_the_copula_subject(nlp):
    text = "Farm owners were far more likely to say they trusted the new water board."
    c = only(claims_of(nlp, text, broad=True))
    assert c.speaker_span is not None and c.speaker_span.text == "Farm owners"
    assert c.content_span.text.startswith("they trusted")


def test_learned_noun_cue_takes_its_of_object_in_broad_mode(nlp):
    text = "Mayor Lina Ortiz's warm endorsement of the harbour plan came late on Friday."
    model = LogisticCueModel(weights={"bias": -4.0, "n|endorsement": 8.0}, threshold=0.5, veto=0.0)
    doc = nlp(text)
    claims = extract_claims(
        doc, Document(id="t", text=text), broad=True, learned=model, tagger=False
    )
    c = only(claims)
    assert c.speaker_span is not None and c.speaker_span.text.endswith("Ortiz")
    assert c.content_span.text == "the harbour plan"
    # without the learned cue the noun is no claim
    assert not extract_claims(
        doc, Document(id="t", text=text), broad=True, learned=False, tagger=False
    )
