"""``attach_claims`` reads records through ``RecordIndex``; it must name what ``about_of`` over
all the records names, on a long synthetic document with many records and claims."""

from __future__ import annotations

import random

from ceasewatch.link.about import RecordIndex, about_of, attach_claims
from ceasewatch.model import Actor, Claim, Commitment, Document, DocumentResult, Event, Span

SENTENCES = [
    "Officials said drones struck a depot near the river overnight.",
    "The ministry said both sides had agreed to halt strikes on energy sites.",
    "The governor said a pause in the shelling would begin at noon.",
    "The mayor said the weather was cold and the roads were empty.",
    "Witnesses said artillery fire hit the outskirts for several hours.",
]


def document_text(n: int) -> tuple[str, list[Span]]:
    """``n`` sentences and their spans."""
    parts, spans, pos = [], [], 0
    for i in range(n):
        sentence = SENTENCES[i % len(SENTENCES)]
        spans.append(Span(pos, pos + len(sentence), sentence))
        parts.append(sentence)
        pos += len(sentence) + 1
    return " ".join(parts), spans


def records_and_claims(seed: int) -> tuple[str, list[Event | Commitment], list[Claim]]:
    rng = random.Random(seed)
    text, sentences = document_text(300)
    records: list[Event | Commitment] = []
    for n in range(400):
        first = rng.randrange(len(sentences))
        evidence = tuple(sentences[first : first + rng.choice([1, 1, 2, 3])])
        if rng.random() < 0.1:  # a second, far piece of evidence
            far = sentences[rng.randrange(len(sentences))]
            evidence += (far,)
        if rng.random() < 0.3:
            records.append(Commitment(id=f"c{n}", kind="strike_halt", evidence=evidence))
        else:
            kind = rng.choice(["FIGHT", "ASSAULT", "AGREE", "CONSULT"])
            records.append(Event(id=f"e{n}", type=kind, evidence=evidence))
    claims = []
    for n in range(300):
        sentence = sentences[rng.randrange(len(sentences))]
        cut = rng.randrange(len(sentence.text) // 2)
        # Content inside one sentence, or running over into the next one.
        end = sentence.end + (rng.choice([0, 0, 40]) if sentence.end + 40 < len(text) else 0)
        content = Span(sentence.start + cut, end, text[sentence.start + cut : end])
        claims.append(
            Claim(id=f"k{n}", speaker=Actor("x"), text=content.text, content_span=content)
        )
    return text, records, claims


def test_the_index_names_what_about_of_names() -> None:
    for seed in range(3):
        _, records, claims = records_and_claims(seed)
        index = RecordIndex(records)
        linked = [about_of(claim, records) for claim in claims]
        assert [index.about(claim) for claim in claims] == linked
        assert sum(about is not None for about in linked) > 200  # most claims link


def test_attach_claims_matches_about_of_over_all_records() -> None:
    text, records, claims = records_and_claims(7)
    events = tuple(r for r in records if isinstance(r, Event))
    commitments = tuple(r for r in records if isinstance(r, Commitment))
    result = DocumentResult(Document(id="d", text=text), events, commitments, tuple(claims))
    linked = attach_claims(result)
    every = [*commitments, *events]
    assert [c.about for c in linked.claims] == [about_of(c, every) for c in claims]


def test_ties_keep_the_first_record_in_order() -> None:
    text, sentences = document_text(3)
    one = Event(id="first", type="FIGHT", evidence=(sentences[1],))
    two = Event(id="second", type="FIGHT", evidence=(sentences[1],))
    content = sentences[1]
    claim = Claim(id="k", speaker=Actor("x"), text=content.text, content_span=content)
    assert RecordIndex([one, two]).about(claim) == about_of(claim, [one, two]) == "first"
    assert RecordIndex([two, one]).about(claim) == "second"


def test_empty_spans_link_nothing() -> None:
    text, sentences = document_text(3)
    empty = Span(10, 10, "")
    record = Event(id="e", type="FIGHT", evidence=(empty, sentences[0]))
    claim = Claim(id="k", speaker=Actor("x"), text="", content_span=empty)
    assert RecordIndex([record]).about(claim) is None
    assert about_of(claim, [record]) is None
    claim_without_content = Claim(id="n", speaker=Actor("x"), text="x")
    assert RecordIndex([record]).about(claim_without_content) is None
