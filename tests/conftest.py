from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasewatch.model import (
    Actor,
    Claim,
    Commitment,
    CountRange,
    Counts,
    DateRange,
    Document,
    DocumentResult,
    Event,
    Place,
    Scope,
    Span,
    Target,
    content_id,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCHEMA = ROOT / "src" / "ceasewatch" / "schema" / "document.schema.json"


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(SCHEMA.read_text())


def span_of(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def make_result(text: str, published: str = "2025-03-19") -> DocumentResult:
    """A hand-built result for store tests: one event, one commitment, one claim."""
    document = Document(
        id=Document.make_id(text),
        text=text,
        title="A test article",
        published=published,
        source="Test Wire",
        origin="test",
    )
    sentence = span_of(text, text.split(". ")[0])
    event = Event(
        id=content_id(document.id, "event", "0"),
        type="ASSAULT",
        mode="drone",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor=Actor("Russian forces", "RUS", "military"),
        target=Target("a power station", "UKR", "energy"),
        place=Place("Kharkiv", 49.98, 36.25, "UKR", "Kharkivska", 706483, "settlement"),
        date=DateRange(published, published, "day", "overnight"),
        counts=Counts(weapons=CountRange(12, 12), weapon="drone", killed=CountRange(1, 1)),
        reported_by="regional governor",
        evidence=(sentence,),
        confidence=0.8,
    )
    commitment = Commitment(
        id=content_id(document.id, "commitment"),
        kind="strike_halt",
        actor=Actor("Russia", "RUS", "government"),
        status="agreed",
        scope=Scope(categories=("energy",)),
        duration_days=30,
        evidence=(sentence,),
    )
    claim = Claim(
        id=content_id(document.id, "claim"),
        speaker=Actor("Governor", "UKR", "government"),
        text=sentence.text,
        channel="Telegram",
        quoted=False,
        cue="said",
        speaker_span=sentence,
        content_span=sentence,
        evidence=(sentence,),
    )
    return DocumentResult(document, (event,), (commitment,), (claim,))
