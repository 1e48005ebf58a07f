"""End to end on short articles of our own: "hours after agreeing to a truce, X shelled Y" gives
X's agreed truce starting that day, the shelling as its candidate violation, and a later
article's attack by X inside the same window."""

from __future__ import annotations

import pytest

from ceasewatch.config import Config
from ceasewatch.extract.nlp import load_nlp
from ceasewatch.link.violations import find_violations
from ceasewatch.model import Document, DocumentResult
from ceasewatch.pipeline import extract_document

MONDAY = "Hours after it agreed to a truce on Monday, Azerbaijan shelled Goris, wounding two."
WEDNESDAY = "Azerbaijani artillery shelled the Armenian village of Sotk on Wednesday."


def _result(nlp, text: str, published: str) -> DocumentResult:
    document = Document(id=Document.make_id(text), text=text, published=published)
    return extract_document(nlp(text), document, Config())


@pytest.mark.slow
def test_hours_after_agreeing_gives_the_truce_and_its_violations_across_documents():
    nlp = load_nlp()
    monday = _result(nlp, MONDAY, "2025-04-07")
    (truce,) = [c for c in monday.commitments if c.kind == "truce"]
    assert {(d.actor.country, d.status) for d in truce.declarations} == {("AZE", "agreed")}
    assert truce.start is not None and truce.start.start == "2025-04-07"
    wednesday = _result(nlp, WEDNESDAY, "2025-04-09")
    violations = [v for v in find_violations([monday, wednesday]) if not v.allegation]
    where = {e.id: r.document.id for r in (monday, wednesday) for e in r.events}
    hits = {where[v.event_id]: v for v in violations if v.event_id in where}
    assert set(hits) == {monday.document.id, wednesday.document.id}
    for v in hits.values():
        assert "party match: AZE" in v.reasons
    # "hours after" on the agreement's day: the evidence says the attack came after it
    same_day = hits[monday.document.id]
    assert "same day as the agreement: may precede it" not in same_day.uncertain


@pytest.mark.slow
def test_agreeing_to_a_truce_gives_the_subject_s_commitment_with_or_without_a_pronoun():
    nlp = load_nlp()
    for text in (
        "Hours after agreeing to a truce, Russia shelled Kharkiv.",
        "Hours after it agreed to a truce, Russia shelled Kharkiv.",
    ):
        result = _result(nlp, text, "2025-04-07")
        (truce,) = [c for c in result.commitments if c.kind == "truce"]
        assert truce.actor is not None and truce.actor.country == "RUS"
        assert truce.start is not None and truce.start.start == "2025-04-07"
