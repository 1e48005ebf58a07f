"""Typed records that move between pipeline stages.

Every record is a frozen dataclass; ``to_dict`` gives the public JSON shape described in
``docs/data-model.md`` and ``schema/document.schema.json``. Later versions add fields, they do not
rename these.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any


def parse_day(value: str | None, *, exact: bool = False) -> dt.date | None:
    """The day of an ISO date or date-time ("2025-03-18", "2025-03-18T06:00:00Z"); None when
    there is none. With ``exact``, only a bare "YYYY-MM-DD" counts."""
    if not value or (exact and not _ISO_DAY.fullmatch(value)):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def content_id(*parts: str, length: int = 16) -> str:
    """Stable content hash used for every id: re-running on the same input gives the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class Span:
    """A character span into ``Document.text``: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, from metadata only
    source: str | None = None  # outlet or site name
    url: str | None = None
    language: str | None = "en"
    author: str | None = None
    external_id: str | None = None  # the id the input gave (JSONL/CSV ``id`` column)
    origin: str = ""  # where it came from: path, path:line, URL, WARC record

    @staticmethod
    def make_id(text: str) -> str:
        return content_id(" ".join(text.split()))


@dataclass(frozen=True)
class Skip:
    """An input that produced no document, with the reason (a short code) and a detail."""

    origin: str
    reason: str
    detail: str = ""
    failed: bool = False  # True for unexpected errors, False for expected skips


@dataclass(frozen=True)
class Actor:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    kind: str | None = None  # military | government | rebel | militia | police | civilians | ...
    role: str | None = None  # e.g. "President", "defence ministry", "special envoy"


@dataclass(frozen=True)
class Target:
    name: str
    country: str | None = None
    category: str | None = None  # energy | health | residential | transport | military | ...


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    geonames_id: int | None = None
    precision: str | None = None  # settlement | near | admin2 | admin1 | country
    feature: str | None = None  # GeoNames feature code (PPL, PPLC, ADM1, PCLI...)
    score: float | None = None
    start: int | None = None  # span of the mention in the document, where one exists
    end: int | None = None


@dataclass(frozen=True)
class DateRange:
    start: str | None  # ISO date
    end: str | None
    precision: str | None = None  # day | days | week | month | year | unknown
    text: str | None = None


@dataclass(frozen=True)
class CountRange:
    min: int | None
    max: int | None


@dataclass(frozen=True)
class Counts:
    weapons: CountRange | None = None
    weapon: str | None = None  # drone | missile | shell | ...
    killed: CountRange | None = None
    injured: CountRange | None = None
    evacuated: CountRange | None = None
    intercepted: CountRange | None = None


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # PLOVER event type (ASSAULT, FIGHT, COERCE, AGREE, CONSULT, MOBILIZE, ...)
    mode: str | None = None  # PLOVER mode (aerial, missile, firearms, ...)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor: Actor | None = None
    target: Target | None = None
    place: Place | None = None
    date: DateRange | None = None
    counts: Counts = field(default_factory=Counts)
    reported_by: str | None = None
    status: str = "reported"  # reported | claimed | denied
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Condition:
    text: str
    party: str | None = None  # ISO3 or actor name of who set it
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Scope:
    categories: tuple[str, ...] = ()  # target categories: energy, infrastructure, ...
    domains: tuple[str, ...] = ()  # air, sea, land
    places: tuple[str, ...] = ()
    full: bool = False


@dataclass(frozen=True)
class Declaration:
    """One party's stance on a commitment, as reported in one document."""

    actor: Actor
    status: str  # proposed | demanded | accepted | rejected | agreed | ordered | ...
    date: DateRange | None = None
    document_id: str | None = None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Commitment:
    id: str
    kind: str  # ceasefire | strike_halt | truce | withdrawal | prisoner_exchange | ...
    actor: Actor | None = None
    counterparts: tuple[Actor, ...] = ()
    status: str = "proposed"
    scope: Scope = field(default_factory=Scope)
    duration_days: int | None = None
    start: DateRange | None = None
    end: DateRange | None = None
    conditions: tuple[Condition, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Claim:
    id: str
    speaker: Actor | None
    text: str  # the content of what was said
    channel: str | None = None  # Telegram | X | Truth Social | Fox News | statement | ...
    quoted: bool = False  # direct quote (True) or paraphrase (False)
    polarity: str = "asserts"  # asserts | denies
    cue: str | None = None
    speaker_span: Span | None = None
    content_span: Span | None = None
    about: str | None = None  # id of the event or commitment it is about
    disputed: bool = False
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Violation:
    """A candidate violation: an event inside a commitment's scope and time window."""

    id: str
    commitment_id: str
    event_id: str
    reasons: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()
    allegation: bool = False
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Contradiction:
    id: str
    kind: str  # denial | condition | scope | number | unsupported
    a: str  # id of a claim, event or commitment
    b: str | None  # the other side; None for "unsupported" with no matching record
    explanation: str = ""
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class DocumentResult:
    """Everything extracted from one document: the unit the pipeline stores and prints."""

    document: Document
    events: tuple[Event, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    claims: tuple[Claim, ...] = ()
    violations: tuple[Violation, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()

    @property
    def id(self) -> str:
        return self.document.external_id or self.document.id

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "id": self.id,
            "document": {
                "id": doc.id,
                "title": doc.title,
                "published": doc.published,
                "source": doc.source,
                "url": doc.url,
                "language": doc.language,
                "text": doc.text,
            },
            "events": [to_dict(e) for e in self.events],
            "commitments": [to_dict(c) for c in self.commitments],
            "claims": [to_dict(c) for c in self.claims],
            "violations": [to_dict(v) for v in self.violations],
            "contradictions": [to_dict(c) for c in self.contradictions],
        }


def to_dict(record: Any) -> Any:
    """Recursively turn a record into JSON-ready data (tuples become lists)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def from_dict(cls: type[Any], data: Any) -> Any:
    """Rebuild a record (and its nested records) from ``to_dict`` output."""
    if data is None:
        return None
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        return tuple(_convert(args[0], v) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return from_dict(hint, value)
    return value


def result_from_dict(data: dict[str, Any]) -> DocumentResult:
    """Rebuild a DocumentResult from the public JSON object."""
    doc = data["document"]
    document = Document(
        id=doc["id"],
        text=doc["text"],
        title=doc.get("title"),
        published=doc.get("published"),
        source=doc.get("source"),
        url=doc.get("url"),
        language=doc.get("language"),
        external_id=data["id"] if data.get("id") != doc["id"] else None,
    )
    return DocumentResult(
        document=document,
        events=tuple(from_dict(Event, e) for e in data.get("events", [])),
        commitments=tuple(from_dict(Commitment, c) for c in data.get("commitments", [])),
        claims=tuple(from_dict(Claim, c) for c in data.get("claims", [])),
        violations=tuple(from_dict(Violation, v) for v in data.get("violations", [])),
        contradictions=tuple(from_dict(Contradiction, c) for c in data.get("contradictions", [])),
    )
