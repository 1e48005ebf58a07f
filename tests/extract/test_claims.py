"""Claims on short hand-written sentences, one test per attribution form."""

from __future__ import annotations

import pytest

from ceasewatch.extract.claims import (
    _in_quote_marks,
    _overlaps,
    _SpanIndex,
    extract_claims,
    find_quotes,
)
from ceasewatch.model import Claim, Document


@pytest.fixture(scope="module")
def nlp():
    from ceasewatch.extract.nlp import load_nlp

    return load_nlp()


def claims_of(nlp, text: str, published: str | None = "2025-03-19") -> list[Claim]:
    document = Document(id="t", text=text, published=published)
    claims = extract_claims(nlp(text), document)
    for c in claims:  # every span points at the document text
        for span in (c.speaker_span, c.content_span, *c.evidence):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return claims


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, claims
    return claims[0]


def test_quote_before_speaker_pronoun_resolves_to_earlier_full_name(nlp):
    text = (
        "Volodymyr Zelenskyy visited the front on Monday. "
        "“We will hold the line at the river,” he said."
    )
    c = only(claims_of(nlp, text))
    assert c.quoted
    assert c.text == "We will hold the line at the river"
    assert c.content_span.text.startswith("“We will")
    assert c.speaker_span.text == "he"
    assert c.speaker.name == "Volodymyr Zelenskyy"
    assert c.cue == "said"
    assert c.polarity == "asserts"


def test_quote_after_speaker_with_colon(nlp):
    text = "The defence ministry said: “Four drones were shot down over the region.”"
    c = only(claims_of(nlp, text))
    assert c.quoted
    assert c.text == "Four drones were shot down over the region."
    assert "ministry" in c.speaker_span.text
    assert c.speaker.kind == "government"


def test_split_quote_is_one_claim(nlp):
    text = "“The talks were hard,” she said, “but we reached a deal at dawn.”"
    c = only(claims_of(nlp, text))
    assert c.quoted
    assert "The talks were hard" in c.text and "we reached a deal at dawn" in c.text
    assert "she said" not in c.text
    assert c.content_span.start == 0 and c.content_span.end == len(text)


def test_multi_sentence_quote(nlp):
    text = (
        "“The city was shelled all night. Three houses burned. Nobody slept,” "
        "Mayor Ivan Petrenko said."
    )
    c = only(claims_of(nlp, text))
    assert c.quoted
    assert c.text.startswith("The city was shelled") and c.text.endswith("Nobody slept")
    assert c.speaker.name == "Ivan Petrenko"


def test_multi_paragraph_quote(nlp):
    text = (
        "The governor said: “Our crews worked through the night to restore power.\n\n"
        "“By morning most homes had light again.”"
    )
    c = only(claims_of(nlp, text))
    assert c.quoted
    assert "restore power" in c.text and "most homes had light" in c.text


def test_next_sentence_quote_continues_claim(nlp):
    text = "“We did not start this war,” the minister said. “We will end it on our terms.”"
    c = only(claims_of(nlp, text))
    assert "We will end it on our terms" in c.text
    assert c.polarity == "denies"


def test_according_to(nlp):
    text = "According to the Ukrainian air force, 40 drones were launched overnight."
    c = only(claims_of(nlp, text))
    assert c.cue == "according to"
    assert c.speaker_span.text == "the Ukrainian air force"
    assert c.content_span.text == "40 drones were launched overnight"
    assert not c.quoted


def test_told_that_indirect_speech(nlp):
    text = "Marco Rubio told reporters that the ceasefire would start on Friday."
    c = only(claims_of(nlp, text))
    assert c.cue == "told"
    assert c.speaker.name == "Marco Rubio"
    assert c.content_span.text == "that the ceasefire would start on Friday"
    assert not c.quoted


def test_said_without_that(nlp):
    text = "The mayor said three people were injured in the blast."
    c = only(claims_of(nlp, text))
    assert c.content_span.text == "three people were injured in the blast"
    assert c.speaker_span.text == "The mayor"


def test_posted_on_telegram(nlp):
    text = "Andriy Yermak posted on Telegram: “The enemy attacked the power grid again.”"
    c = only(claims_of(nlp, text))
    assert c.channel == "Telegram"
    assert c.cue == "posted"
    assert c.quoted


def test_channel_from_prepositional_phrase_and_short_quote_with_cue(nlp):
    text = "On Truth Social, Donald Trump called the conversation “very good”."
    c = only(claims_of(nlp, text))
    assert c.channel == "Truth Social"
    assert c.text == "very good"
    assert c.quoted
    assert "Donald Trump" in c.speaker.name or c.speaker_span.text == "Donald Trump"


def test_interview_denial(nlp):
    text = "Dmitry Peskov, in a Fox News interview, denied that Russia had struck the plant."
    c = only(claims_of(nlp, text))
    assert c.channel == "Fox News"
    assert c.polarity == "denies"
    assert c.cue == "denied"
    assert c.content_span.text == "that Russia had struck the plant"


def test_claimed_and_insisted(nlp):
    text = (
        "The separatist leader claimed the town had been taken. "
        "The general insisted that his troops still held the bridge."
    )
    claims = claims_of(nlp, text)
    assert [c.cue for c in claims] == ["claimed", "insisted"]
    assert claims[1].content_span.text == "that his troops still held the bridge"


def test_stated_on_telegram_with_comma_quote(nlp):
    text = "The regional governor stated on Telegram, “Two people were wounded in the strike.”"
    c = only(claims_of(nlp, text))
    assert c.channel == "Telegram"
    assert c.quoted
    assert c.text == "Two people were wounded in the strike."


def test_message_noun_speaker(nlp):
    text = "Moscow's statement emphasized that the truce had expired."
    c = only(claims_of(nlp, text))
    assert c.speaker_span.text == "Moscow"
    assert c.channel == "statement"
    assert c.content_span.text == "that the truce had expired"


def test_kremlin_confirmed(nlp):
    text = "The Kremlin confirmed the talks would take place in Riyadh next week."
    c = only(claims_of(nlp, text))
    assert c.speaker.kind == "government"
    assert c.cue == "confirmed"
    assert c.content_span.text == "the talks would take place in Riyadh next week"


def test_platform_x_is_not_a_person(nlp):
    text = "Volodymyr Zelenskyy wrote on X: “Russia must stop the attacks on our cities.”"
    c = only(claims_of(nlp, text))
    assert c.channel == "X"
    assert c.speaker.name != "X"
    assert "Zelenskyy" in c.speaker.name


def test_straight_quotes(nlp):
    text = '"We are ready to talk," the foreign minister said.'
    c = only(claims_of(nlp, text))
    assert c.quoted
    assert c.text == "We are ready to talk"


def test_unbalanced_quotes_do_not_crash(nlp):
    text = (
        "“The shelling went on until dawn, the officer said.\n\n"
        "Later he added that “help was on the way."
    )
    claims = claims_of(nlp, text)
    assert all(c.content_span.end <= len(text) for c in claims)
    assert find_quotes("“open and never closed") == find_quotes("“open and never closed")


def test_scare_quotes_and_titles_are_not_claims(nlp):
    text = (
        "The so-called “peace plan” was discussed at length. "
        "Critics fear a “frozen conflict” in the east."
    )
    assert claims_of(nlp, text) == []


def test_speaker_with_apposition_gets_name_and_role(nlp):
    text = "Trump's special envoy, Steve Witkoff, said the meeting in Moscow went well."
    c = only(claims_of(nlp, text))
    assert c.speaker.name == "Steve Witkoff"
    assert c.speaker.role == "special envoy"
    assert c.speaker_span.text.startswith("Trump's special envoy")


def test_surname_expands_to_full_name(nlp):
    text = (
        "Donald Trump met his advisers on Tuesday. Trump said the deal was almost done, "
        "and the talks would continue."
    )
    claims = claims_of(nlp, text)
    assert claims and claims[0].speaker.name == "Donald Trump"


def test_content_negation_is_a_denial(nlp):
    text = "The army said it did not target civilians in the town."
    c = only(claims_of(nlp, text))
    assert c.polarity == "denies"


def test_ids_are_stable_and_evidence_is_the_sentence(nlp):
    text = "The mayor said three people were injured in the blast."
    a = only(claims_of(nlp, text))
    b = only(claims_of(nlp, text))
    assert a.id == b.id
    assert a.evidence[0].text == text


def test_find_quotes_pairs_curly_and_straight_marks():
    text = 'He said “one two three” and "four five six".'
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“one two three”", '"four five six"']


def test_broad_mode_reads_attitudes(nlp):
    text = "Analysts expect that the truce will collapse within days."
    assert claims_of(nlp, text) == []
    claims = extract_claims(nlp(text), Document(id="t", text=text), broad=True, tagger=False)
    assert len(claims) == 1 and claims[0].cue == "expect"


def test_pronoun_prefers_previous_subject_and_inherits_channel(nlp):
    text = (
        "Emmanuel Macron, in a CNN interview, denied meeting with Olaf Scholz last week. "
        "“No, I never saw him at all,” he insisted."
    )
    claims = claims_of(nlp, text)
    quote = next(c for c in claims if c.quoted)
    assert quote.speaker.name == "Emmanuel Macron"
    assert quote.channel == "CNN"
    assert quote.polarity == "denies"


def test_pronoun_is_the_subject_of_told_not_the_interviewer(nlp):
    text = (
        "In remarks on Monday, Keir Starmer told CNN's Jake Tapper that talks would go on. "
        "“We are not close yet, and the gaps are still wide,” he said."
    )
    claims = claims_of(nlp, text)
    quote = next(c for c in claims if c.quoted)
    assert quote.speaker.name == "Keir Starmer"
    assert quote.channel == "CNN"


def test_participle_with_quote_is_one_quoted_claim(nlp):
    text = (
        "The Moldovan president answered the criticism, writing on Telegram, "
        "“Our borders remain closed to all armed groups.”"
    )
    c = only(claims_of(nlp, text))
    assert c.quoted
    assert c.channel == "Telegram"
    assert c.text == "Our borders remain closed to all armed groups."


def test_pronoun_skips_a_place_tagged_as_a_person(nlp):
    text = (
        "Under pressure, Kyiv accepted the proposal. "
        "Now, Zelenskyy is waiting for answers from Washington. "
        "Speaking from Oslo, he said, “We will talk to our partners before we respond.”"
    )
    c = only(claims_of(nlp, text))
    assert c.speaker.name == "Volodymyr Zelenskyy"


def test_negated_forecast_in_content_asserts(nlp):
    text = "The envoy told reporters that a truce alone would not be enough to end the war."
    c = only(claims_of(nlp, text))
    assert c.polarity == "asserts"


def test_denial_verb_and_no_answer_still_deny(nlp):
    text = "The ministry denied that its troops shelled the school."
    assert only(claims_of(nlp, text)).polarity == "denies"
    text = "“No, the army never entered the town,” the governor said."
    assert only(claims_of(nlp, text)).polarity == "denies"


def test_claimed_a_life_is_not_speech(nlp):
    text = (
        "A drone hit a school in the city, while a second strike in a nearby village "
        "claimed two lives."
    )
    assert claims_of(nlp, text) == []


def test_she_skips_a_man_known_by_honorific(nlp):
    text = (
        "Ms. Ortega met Mr. Halvorsen in the capital. Mr. Halvorsen left early. "
        "“The meeting was useful but short,” she said."
    )
    c = only(claims_of(nlp, text))
    assert "Ortega" in c.speaker.name


def test_double_apostrophe_quotes():
    text = "He said ''we will not give up the bridge,'' and left."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["''we will not give up the bridge,''"]


def test_respond_by_saying_takes_the_outer_subject(nlp):
    text = "The mayor responded by saying the shelter was open all night."
    claims = claims_of(nlp, text)
    assert any(
        c.content_span.text == "the shelter was open all night"
        and c.speaker_span.text == "The mayor"
        for c in claims
    )


def test_broad_mode_reads_plans_and_that_clauses(nlp):
    text = "Opposition leaders learned that the vote had been delayed."
    claims = extract_claims(nlp(text), Document(id="t", text=text), broad=True, tagger=False)
    assert [c.content_span.text for c in claims] == ["that the vote had been delayed"]
    text = "The rebels plan to hold the crossing until the spring."
    claims = extract_claims(nlp(text), Document(id="t", text=text), broad=True, tagger=False)
    assert len(claims) == 1 and "hold the crossing" in claims[0].content_span.text


# -- "X posted on Z: “...”" whatever the parse -------------------------------------------------

FRAMED = [
    # (text, speaker name, role word, channel, cue)
    (
        "Oleg Petrov, a close aide to Putin, posted on X: “It is done now – a GREAT call.”\n\n"
        "With fighting on the ground, the outcome is unclear.",
        "Oleg Petrov",
        "aide",
        "X",
        "posted",
    ),
    (
        "Oleg Petrov, a senior adviser to the Kremlin, posted on Telegram: "
        "“It is done – a GREAT deal.”",
        "Oleg Petrov",
        "adviser",
        "Telegram",
        "posted",
    ),
    (
        "Maria Lopez, a spokeswoman for the agency, posted on X: "
        "“The convoy reached the city at noon.”\n\nFighting continued elsewhere along the front.",
        "Maria Lopez",
        "spokeswoman",
        "X",
        "posted",
    ),
    (
        "Yulia Marchenko, an aide to the mayor, wrote on Telegram: "
        "“Three shelters were hit overnight.”\n\nThe city council met later.",
        "Yulia Marchenko",
        "aide",
        "Telegram",
        "wrote",
    ),
    (
        "Hans Weber, the German envoy, said: “We expect an answer by Friday.”",
        "Hans Weber",
        "envoy",
        None,
        "said",
    ),
    (
        "Lena Brandt, a lawmaker, told reporters: “It is over now – a TOTAL failure.”",
        "Lena Brandt",
        "lawmaker",
        None,
        "told",
    ),
]


@pytest.mark.parametrize(("text", "name", "role", "channel", "cue"), FRAMED)
def test_cue_introducing_a_quote_works_whatever_the_parse(nlp, text, name, role, channel, cue):
    c = only(claims_of(nlp, text))
    assert c.quoted
    assert c.cue == cue
    assert c.channel == channel
    assert c.speaker.name == name
    assert role in (c.speaker.role or "")
    assert c.speaker_span.text.startswith(name + ",")
    assert c.content_span.text.startswith("“") and c.content_span.text.endswith("”")
    assert c.content_span.start > c.speaker_span.end


def test_framed_quote_skips_a_clause_before_the_cue(nlp):
    text = "Asked about the deal, Anton Berg said: “We are not there yet at all.”"
    c = only(claims_of(nlp, text))
    assert c.speaker.name == "Anton Berg"
    assert c.cue == "said"
    assert c.text == "We are not there yet at all."


def test_framed_quote_speaker_from_a_name_when_the_cue_has_no_subject(nlp):
    """A hand-built parse where "posted" hangs on nothing useful: the name before it speaks."""
    from spacy.tokens import Doc

    words = ["Ivan", "Sokolov", ",", "an", "aide", "to", "Lavrov", ",", "posted", "on", "X", ":"]
    words += ["“", "The", "deal", "is", "done", ".", "”"]
    spaces = [True, False, True, True, True, True, False, True, True, True, False, True]
    spaces += [False, True, True, True, False, False, False]
    # every token hangs on "Sokolov"; "posted" is a loose dependent ("dep"), not acl/relcl
    heads = [1, 1, 1, 4, 1, 4, 5, 1, 1, 8, 9, 1, 15, 14, 15, 1, 15, 15, 1]
    deps = ["compound", "ROOT", "punct", "det", "appos", "prep", "pobj", "punct", "dep"]
    deps += ["prep", "pobj", "punct", "punct", "det", "nsubj", "dep", "acomp", "punct", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "VERB"]
    pos += ["ADP", "PROPN", "PUNCT", "PUNCT", "DET", "NOUN", "AUX", "ADJ", "PUNCT", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[8], lemmas[15] = "post", "be"
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-PERSON"] + ["O"] * 12
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        ents=ents,
    )
    document = Document(id="t", text=doc.text, published="2025-03-19")
    c = only(extract_claims(doc, document))
    assert c.speaker.name == "Ivan Sokolov"
    assert c.channel == "X"
    assert c.text == "The deal is done."


def test_object_naming_a_statement_is_not_content(nlp):
    text = (
        "“The front is stable and we are winning,” Trump said, "
        "echoing a statement made earlier by Lavrov."
    )
    c = only(claims_of(nlp, text))
    assert c.text == "The front is stable and we are winning"
    assert c.cue == "said"


def test_object_with_a_content_clause_stays_content(nlp):
    text = "The minister denied the report that troops had crossed the border."
    c = only(claims_of(nlp, text))
    assert c.content_span.text == "the report that troops had crossed the border"
    assert c.polarity == "denies"


# -- round 4: nominal cues, passives, paragraph quotes, headlines, questions -------------------


def test_nominal_call_for_takes_possessor_as_speaker(nlp):
    text = "Senator Maria Lopez repeated her call for a new round of sanctions against the regime."
    claims = claims_of(nlp, text)
    nominal = [c for c in claims if c.cue == "call"]
    c = only(nominal)
    assert c.content_span.text == "a new round of sanctions against the regime"
    assert c.speaker_span.text == "her"
    assert c.speaker.name == "Maria Lopez"


def test_nominal_remarks_about_topic(nlp):
    text = "Diplomats welcomed Mayor Tom Reyes's remarks about the reconstruction fund."
    c = only([c for c in claims_of(nlp, text) if c.cue == "remarks"])
    assert c.speaker.name == "Tom Reyes"
    assert c.content_span.text == "the reconstruction fund"


def test_nominal_cue_needs_a_speaker_and_a_topic(nlp):
    # no possessor: no speaker to attribute; "on Sunday" is a time, not what was said
    assert not [c for c in claims_of(nlp, "The claim that the bridge fell was false.")]
    text = "Her remarks on Sunday drew a crowd."
    assert not [c for c in claims_of(nlp, text) if c.cue == "remarks"]


def test_pledge_noun_is_left_to_commitments_unless_broad(nlp):
    text = "The strikes broke the army's pledge to spare the power plants."
    assert not [c for c in claims_of(nlp, text) if c.cue == "pledge"]
    document = Document(id="t", text=text)
    broad = extract_claims(nlp(text), document, broad=True, tagger=False)
    assert [c for c in broad if c.cue == "pledge"]


def test_statement_from_x_said_names_x_with_statement_channel(nlp):
    text = "A statement from the port authority said two ships had left the harbour overnight."
    c = only(claims_of(nlp, text))
    assert c.speaker_span.text == "the port authority"
    assert c.channel == "statement"


def test_according_to_a_statement_from_x(nlp):
    text = "The convoy reached the valley on Tuesday, according to a statement from the Red Cross."
    c = only(claims_of(nlp, text))
    assert c.speaker_span.text == "the Red Cross"
    assert c.channel == "statement"
    assert c.content_span.text == "The convoy reached the valley on Tuesday"


def test_quoted_by_agent_as_saying_speaker_is_the_subject(nlp):
    text = (
        "The defence minister was quoted by the Interfax agency as saying that the troops "
        "would stay in the region."
    )
    c = only(claims_of(nlp, text))
    assert c.speaker_span.text == "The defence minister"
    assert c.channel == "Interfax"
    assert c.content_span.text == "that the troops would stay in the region"


def test_reported_to_have_said(nlp):
    text = "The envoy is reported to have said that the talks had collapsed."
    c = only(claims_of(nlp, text))
    assert c.speaker_span.text == "The envoy"
    assert c.content_span.text == "that the talks had collapsed"


def test_paragraph_quote_continues_last_named_speaker(nlp):
    text = (
        "The shelters are full, Governor Ana Ruiz said on Monday.\n\n"
        "“We need tents, blankets and clean water before the frost arrives.”\n"
    )
    claims = claims_of(nlp, text)
    quote = only([c for c in claims if c.quoted])
    assert quote.content_span.text.startswith("“We need tents")
    assert quote.speaker.name.endswith("Ana Ruiz")
    assert quote.confidence < 0.8  # no cue of its own


def test_paragraph_quote_after_narration_stays_unattributed(nlp):
    text = (
        "The river rose by two metres overnight and flooded the lower town.\n\n"
        "“We need tents, blankets and clean water before the frost arrives.”\n"
    )
    assert not claims_of(nlp, text)


def test_quote_subject_is_not_the_speaker(nlp):
    # the parser may take the quote's own subject ("We") for the cue's subject
    text = "“We were wrong not to confront him much earlier,” Ramos, 58, told the agency on Monday."
    c = only(claims_of(nlp, text))
    assert c.speaker.name.startswith("Ramos")


def test_said_then_clause_after_time_phrase(nlp):
    text = "Mr. Okafor said after the meeting he would not sign the agreement."
    c = only(claims_of(nlp, text))
    assert c.content_span.text.endswith("he would not sign the agreement")


def test_said_prefers_clause_after_the_cue(nlp):
    text = (
        "The ruling set off a fierce debate on Friday: Republicans said they were convinced "
        "the agency had erred."
    )
    c = only([c for c in claims_of(nlp, text) if c.cue == "said"])
    assert c.content_span.text.startswith("they were convinced")


def test_headline_source_before_colon(nlp):
    text = "Poll: Most Voters Back the Border Deal\n\nThe survey of 1,000 adults ran last week.\n"
    c = only(claims_of(nlp, text))
    assert c.speaker_span.text == "Poll"
    assert c.content_span.text == "Most Voters Back the Border Deal"


def test_editors_note_is_no_speaker(nlp):
    text = "Editor's Note: This article was updated with new casualty figures.\n"
    assert not claims_of(nlp, text)


def test_asked_whether_and_asked_about(nlp):
    text = (
        "The senator asked whether the vote would be delayed. "
        "She also asked about the cost of the program."
    )
    claims = claims_of(nlp, text)
    contents = [c.content_span.text for c in claims]
    assert "whether the vote would be delayed" in contents
    assert any(t.endswith("the cost of the program") for t in contents)


def test_first_person_writer_only_in_broad_mode(nlp):
    text = "I told the committee that the budget was too small."
    assert not claims_of(nlp, text)
    document = Document(id="t", text=text)
    broad = extract_claims(nlp(text), document, broad=True, tagger=False)
    assert only(broad).content_span.text == "that the budget was too small"


def test_call_for_with_infinitive_keeps_the_whole_request(nlp):
    text = "The mayor calls for an independent inspector to audit the relief fund."
    c = only(claims_of(nlp, text))
    assert c.content_span.text.endswith("to audit the relief fund")
    assert c.speaker_span.text == "The mayor"


def test_joked_about_gives_the_topic(nlp):
    text = "The senator joked about moving to the mountains if the bill fails."
    c = only(claims_of(nlp, text))
    assert "moving to the mountains" in c.content_span.text


def test_coordinated_cue_is_cut_from_the_content_and_keeps_the_speaker(nlp):
    text = (
        "Even Chile, the main ally, said it was firmly opposed to the test and warned the "
        "government to refrain from further actions."
    )
    claims = claims_of(nlp, text)
    said = only([c for c in claims if c.cue == "said"])
    assert said.content_span.text == "it was firmly opposed to the test"
    warned = only([c for c in claims if c.cue == "warned"])
    assert warned.speaker_span.text == said.speaker_span.text
    assert warned.content_span.text.endswith("to refrain from further actions")


def test_quote_in_next_paragraph_does_not_continue_a_naming_quote(nlp):
    text = (
        "She called the bank's conduct “outrageous” and asked for the bonuses to be returned.\n\n"
        "“Any bank that cannot be run well should be broken up.”\n"
    )
    called = only([c for c in claims_of(nlp, text) if c.cue == "called"])
    assert called.content_span.text == "“outrageous”"


def test_called_someone_on_a_day_is_a_phone_call(nlp):
    text = "The minister called Maria Lopez on Friday to discuss the vote."
    assert not [c for c in claims_of(nlp, text) if c.cue.startswith("called")]


# -- per-document indexes (the long-text speed-ups must answer as the plain scans did) ----------


def test_span_index_agrees_with_pairwise_overlap():
    spans = [(3, 9), (20, 25), (1, 4), (40, 60), (22, 30)]
    index = _SpanIndex(spans)
    for start in range(0, 70, 3):
        for end in range(start + 1, 72, 4):
            expected = any(_overlaps(start, end, a, b) for a, b in spans)
            assert index.overlaps(start, end) == expected, (start, end)
    assert not _SpanIndex([]).overlaps(0, 10)


def test_quote_marks_counted_from_line_start_on_one_long_line(nlp):
    unit = "Officials said “the talks are over” and left. "
    text = unit * 40 + "Then “the envoy said nothing at all."
    doc = nlp(text)
    inside = [t for t in doc if _in_quote_marks(t)]
    assert {t.text for t in inside} >= {"envoy", "talks", "over"}
    assert not any(t.text == "Officials" for t in inside)
    assert not any(t.text == "left" for t in inside)


def test_repeated_paragraphs_give_one_claim_set_per_paragraph(nlp):
    para = "“We will not accept these terms,” Anna Kowal told reporters in Vienna on Monday."
    one = claims_of(nlp, para)
    many = claims_of(nlp, " ".join([para] * 30))
    assert len(one) == 1
    assert len(many) == 30
    assert {c.content_span.text for c in many} == {one[0].content_span.text}
    assert {c.speaker.name for c in many if c.speaker} == {one[0].speaker.name}


def test_institution_keeps_the_country_its_whole_phrase_names(nlp):
    text = "The Russian Defence Ministry denied detaining any foreign reporters."
    claim = only(claims_of(nlp, text))
    assert claim.polarity == "denies"
    assert claim.speaker is not None and claim.speaker.country == "RUS"
