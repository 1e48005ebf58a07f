"""PLOVER sentence coder on short hand-written sentences (loads the spaCy model)."""

from __future__ import annotations

import pytest

from ceasewatch.extract.plover import PLOVER_TYPES, code_sentence, code_text, lexicon

pytestmark = pytest.mark.slow


ONE_PER_TYPE = [
    ("Norway agreed to send engineers to rebuild the bridge.", "AGREE"),
    ("The Chilean foreign minister met his Peruvian counterpart in Lima.", "CONSULT"),
    ("The Kenyan president praised Tanzania for its election.", "SUPPORT"),
    ("Spain and Portugal have been sharing intelligence on smuggling networks.", "COOPERATE"),
    ("Canada donated medicine and tents to flood victims in Pakistan.", "AID"),
    ("The Thai government lifted the curfew in Bangkok.", "CONCEDE"),
    ("Armenian troops withdrew from the disputed villages.", "RETREAT"),
    ("Indian police are investigating the theft of the ministry files.", "INVESTIGATE"),
    ("Ghana demanded that Togo release the detained fishermen.", "DEMAND"),
    ("The Danish government condemned the Iranian missile test.", "DISAPPROVE"),
    ("Finland rejected the Swedish proposal on fishing quotas.", "REJECT"),
    ("Egypt threatened to suspend its gas exports to Jordan.", "THREATEN"),
    ("Thousands of students demonstrated in Manila against fuel prices.", "PROTEST"),
    ("Greece mobilized its reservists after the border incident.", "MOBILIZE"),
    ("Belgium expelled two Russian diplomats.", "SANCTION"),
    ("Turkish police arrested twelve journalists in Ankara.", "COERCE"),
    ("Gunmen kidnapped three Italian engineers near the oil field.", "ASSAULT"),
    ("Ethiopian artillery shelled Eritrean positions along the border.", "FIGHT"),
]


@pytest.mark.parametrize(("text", "expected"), ONE_PER_TYPE)
def test_each_type_has_a_cue(text, expected):
    code = code_text(text)
    assert code is not None, text
    assert code.type == expected, (text, code)
    assert code.trigger.text == text[code.trigger.start : code.trigger.end]
    assert 0.0 < code.confidence <= 1.0


def test_the_examples_cover_every_type():
    assert {t for _, t in ONE_PER_TYPE} == set(PLOVER_TYPES)


def test_lexicon_only_uses_plover_types():
    lex = lexicon()
    used = {v[0] for v in lex.verbs.values()} | {v[0] for v in lex.nouns.values()}
    used |= {v[0] for v in lex.phrasal.values()}
    used |= {v[0] for table in lex.verb_object.values() for v in table.values()}
    assert used <= set(PLOVER_TYPES)


def test_source_and_target_countries():
    code = code_text("Belgium expelled two Russian diplomats.")
    assert code is not None
    assert code.source_country == "BEL"
    assert code.target_country == "RUS"
    assert code.mode == "expel"
    assert code.trigger.text == "expelled"


def test_negated_agreement_is_not_agree():
    code = code_text("Hungary did not agree to the Austrian plan.")
    assert code is None or code.type != "AGREE"


def test_refusal_to_agree_is_reject():
    code = code_text("Poland refused to agree to the German proposal.")
    assert code is not None
    assert code.type == "REJECT"
    assert code.source_country == "POL"


def test_negated_attack_abstains():
    assert code_text("Serbian troops did not attack the village.") is None


def test_reporting_verb_is_not_the_event():
    text = "Officials said on Monday that Belgium had expelled two Russian diplomats."
    code = code_text(text)
    assert code is not None
    assert code.type == "SANCTION"
    assert code.trigger.text == "expelled"
    assert code.source_country == "BEL"


def test_pronoun_subject_under_said_takes_the_speaker():
    code = code_text("Norway said it had expelled a Russian diplomat.")
    assert code is not None
    assert code.type == "SANCTION"
    assert code.source_country == "NOR"
    assert code.target_country == "RUS"


def test_passive_with_by_agent():
    code = code_text("Two Kenyan aid workers were kidnapped by Somali gunmen.")
    assert code is not None
    assert code.type == "ASSAULT"
    assert code.mode == "abduct"
    assert code.source_country == "SOM"
    assert code.target_country == "KEN"


def test_coordinated_subjects_are_both_sources():
    code = code_text("Jordan and Egypt agreed to hold joint naval exercises.")
    assert code is not None
    assert code.type == "AGREE"
    assert {a.country for a in code.source} == {"JOR", "EGY"}


def test_with_complement_is_the_target():
    code = code_text("The Chilean foreign minister held talks with Bolivia on Tuesday.")
    assert code is not None
    assert code.type == "CONSULT"
    assert code.source_country == "CHL"
    assert code.target_country == "BOL"


def test_a_sentence_without_an_event_abstains():
    assert code_text("The weather in Oslo was mild for the season.") is None


def test_obligation_stated_by_a_speaker_is_a_demand():
    code = code_text("The Italian minister said that Britain must reopen the inquiry.")
    assert code is not None
    assert code.type == "DEMAND"
    assert code.source_country == "ITA"
    assert code.target_country == "GBR"


def test_future_cooperation_is_an_intent_to_agree():
    code = code_text("Japan will provide food aid to Nepal, the ministry said.")
    assert code is not None
    assert code.type == "AGREE"


def test_future_hostile_act_under_unless_is_a_threat():
    code = code_text("Chad will close its border with Sudan unless the raids stop.")
    assert code is not None
    assert code.type == "THREATEN"


def test_verbal_protest_by_a_government_is_disapproval():
    code = code_text("The Chinese government protested to Japan over the textbook.")
    assert code is not None
    assert code.type == "DISAPPROVE"


def test_crowd_blocking_roads_is_a_protest():
    code = code_text("Angry farmers blocked roads around Lyon to protest milk prices.")
    assert code is not None
    assert code.type == "PROTEST"
    assert code.mode == "obstruct"


def test_code_sentence_reads_a_span_and_keeps_document_offsets():
    from ceasewatch.extract.nlp import load_nlp

    text = "The weather was mild. Turkish police arrested twelve journalists in Ankara."
    doc = load_nlp()(text)
    second = list(doc.sents)[1]
    code = code_sentence(second)
    assert code is not None
    assert code.type == "COERCE"
    assert text[code.trigger.start : code.trigger.end] == "arrested"
    whole = code_sentence(doc)
    assert whole is not None and whole.trigger == code.trigger


def test_plover_events_give_records_with_evidence():
    from ceasewatch.extract.nlp import load_nlp
    from ceasewatch.extract.plover import plover_events
    from ceasewatch.model import Document

    text = "Belgium expelled two Russian diplomats. The weather was mild."
    document = Document(id="d1", text=text, published="2024-05-02")
    events = plover_events(load_nlp()(text), document)
    assert [e.type for e in events] == ["SANCTION"]
    event = events[0]
    assert event.actor is not None and event.actor.country == "BEL"
    assert event.target is not None and event.target.country == "RUS"
    span = event.evidence[0]
    assert text[span.start : span.end] == span.text == "Belgium expelled two Russian diplomats."
    assert plover_events(load_nlp()(text), document, skip_types=frozenset({"SANCTION"})) == []
