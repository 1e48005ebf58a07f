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


def test_quote_glued_to_the_name_after_it_is_split_off(nlp):
    text = "“We will keep the border crossing open all winter,”Ada Lenz said."
    words = [t.text for t in nlp(text)]
    assert words[-7:] == ["winter", ",", "”", "Ada", "Lenz", "said", "."]
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text == "Ada Lenz"
    assert c.content_span.text == "“We will keep the border crossing open all winter,”"


def test_a_quote_hung_on_the_name_by_the_parse_is_cut_from_the_speaker(nlp):
    """A parse that makes the quote's last word modify the name after it (and the name part
    of the quoted clause) must not make the speaker overlap the quote."""
    from spacy.tokens import Doc

    rows = [  # word, space after, tag, pos, lemma, head, dep
        ("“", "", "``", "PUNCT", "“", 16, "punct"),
        ("The", " ", "DT", "DET", "the", 2, "det"),
        ("dam", " ", "NN", "NOUN", "dam", 3, "nsubj"),
        ("is", " ", "VBZ", "AUX", "be", 16, "ccomp"),
        ("not", " ", "RB", "PART", "not", 3, "neg"),
        ("rock", "", "NN", "NOUN", "rock", 7, "npadvmod"),
        ("-", "", "HYPH", "PUNCT", "-", 7, "punct"),
        ("solid", "", "JJ", "ADJ", "solid", 11, "amod"),
        (",", "", ",", "PUNCT", ",", 11, "punct"),
        ("”", " ", "''", "PUNCT", "”", 11, "punct"),
        ("Ana", " ", "NNP", "PROPN", "Ana", 11, "compound"),
        ("Ruiz", "", "NNP", "PROPN", "Ruiz", 3, "attr"),
        (",", " ", ",", "PUNCT", ",", 11, "punct"),
        ("an", " ", "DT", "DET", "an", 14, "det"),
        ("engineer", "", "NN", "NOUN", "engineer", 11, "appos"),
        (",", " ", ",", "PUNCT", ",", 11, "punct"),
        ("said", "", "VBD", "VERB", "say", 16, "ROOT"),
        (".", "", ".", "PUNCT", ".", 16, "punct"),
    ]
    words, spaces, tags, pos, lemmas, heads, deps = (list(col) for col in zip(*rows, strict=True))
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[s == " " for s in spaces],
        tags=tags,
        pos=pos,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    text = doc.text
    (c,) = extract_claims(doc, Document(id="t", text=text))
    assert c.speaker_span is not None and c.speaker_span.text == "Ana Ruiz, an engineer"
    assert c.content_span.text == "“The dam is not rock-solid,”"


def test_a_quote_after_another_verb_is_not_the_first_speakers(nlp):
    text = "At the stall, a farmer asked for a receipt and Ada Lenz said, “We only take cash here.”"
    claims = claims_of(nlp, text)
    quoted = [c for c in claims if c.content_span.text == "“We only take cash here.”"]
    assert len(quoted) == 1
    assert quoted[0].speaker_span is not None and quoted[0].speaker_span.text == "Ada Lenz"
    assert quoted[0].cue == "said"


@pytest.mark.parametrize("broad", [False, True])
def test_a_time_clause_after_the_speaker_is_not_a_second_claim(nlp, broad):
    text = "“The ferry is safe,” the harbour master said when a reporter asked."
    claims = extract_claims(nlp(text), Document(id="t", text=text), broad=broad)
    assert [(c.speaker_span.text if c.speaker_span else None, c.cue) for c in claims] == [
        ("the harbour master", "said")
    ]
    assert claims[0].content_span.text == "“The ferry is safe,”"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # two quotes around the cue: one content from the first to the last mark
            "“Friends,” I said, “the last ferry of the season sails at noon.”",
            "“Friends,” I said, “the last ferry of the season sails at noon.”",
        ),
        ("“We acted lawfully,” I said.", "“We acted lawfully,”"),  # the quote before the cue
        (  # after it
            "I told the court, “We acted lawfully and will say so again.”",
            "“We acted lawfully and will say so again.”",
        ),
    ],
)
def test_the_writers_own_quoted_words_are_a_claim_in_broad_mode_only(nlp, text, content):
    doc = nlp(text)
    assert extract_claims(doc, Document(id="t", text=text)) == []
    (c,) = extract_claims(doc, Document(id="t", text=text), broad=True)
    assert c.speaker_span is not None and c.speaker_span.text == "I"
    assert c.quoted and c.content_span.text == content


@pytest.mark.parametrize("broad", [False, True])
@pytest.mark.parametrize("speaker", ["The mayor", "The harbour master"])
def test_a_quote_inside_the_subjects_phrase_does_not_replace_what_was_said(nlp, broad, speaker):
    text = f"{speaker}, asked about the “deal that nobody has read yet,” said it was fine."
    claims = extract_claims(nlp(text), Document(id="t", text=text), broad=broad)
    said = [c for c in claims if c.cue == "said"]
    assert len(said) == 1
    assert said[0].speaker_span is not None and said[0].speaker_span.text == speaker
    assert said[0].content_span.text == "it was fine" and not said[0].quoted


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("The authors of “A Plan for Peace on the River” said the plan was ignored.", "authors"),
        (
            "Supporters of the “No More Dams on the River” campaign said they would march.",
            "Supporters",
        ),
        ("The “We Shall Overcome Someday Soon” singer said he was honoured.", "singer"),
    ],
)
def test_a_title_in_quote_marks_inside_the_subject_is_not_what_was_said(nlp, text, head):
    for broad in (False, True):
        claims = extract_claims(nlp(text), Document(id="t", text=text), broad=broad)
        assert all(not c.content_span.text.startswith("“") for c in claims)
        if broad:
            (c,) = claims
            assert c.speaker_span is not None and head in c.speaker_span.text
            assert c.content_span.text.startswith(("the plan", "they", "he"))


def test_a_participle_between_the_cue_and_its_quote_is_no_second_claim(nlp):
    text = "The commander told troops stationed near the river, “Hold the town at any cost.”"
    for broad in (False, True):
        claims = extract_claims(nlp(text), Document(id="t", text=text), broad=broad)
        assert [(c.cue, c.content_span.text) for c in claims] == [
            ("told", "“Hold the town at any cost.”")
        ]


def test_as_someone_predicted_stays_an_aside(nlp):
    text = "She warned of more strikes, as the minister had predicted."
    claims = extract_claims(nlp(text), Document(id="t", text=text), broad=True)
    assert [(c.speaker_span.text if c.speaker_span else None, c.cue) for c in claims] == [
        ("the minister", "had predicted")
    ]


def test_words_inside_a_doubled_apostrophe_quote_do_not_speak(nlp):
    """Newspaper archives print quotes as ''...'': a subject inside one is the quote's own."""
    text = (
        "The harbour closed on Monday. ''The ferry will not run. That, sadly,'' the captain "
        "said, ''is the price of the war.''"
    )
    (c,) = claims_of(nlp, text)
    assert c.speaker_span is not None and c.speaker_span.text == "the captain"
    assert c.text == "The ferry will not run. That, sadly is the price of the war."


def test_a_doubled_apostrophe_quote_loses_its_marks_in_the_claim_text(nlp):
    text = "''Our crews were ready,'' Mr. Lenz, the regional director, said."
    (c,) = claims_of(nlp, text)
    assert c.quoted and c.text == "Our crews were ready"
    assert c.speaker_span is not None and c.speaker_span.text.startswith("Mr. Lenz")
