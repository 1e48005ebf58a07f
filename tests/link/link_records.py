"""Hand-built records for the link tests: a few short synthetic articles, each its own result."""

from __future__ import annotations

from ceasewatch.model import (  # noqa: F401 (re-exported for the tests)
    Actor,
    Claim,
    Commitment,
    Condition,
    CountRange,
    Counts,
    DateRange,
    Declaration,
    Document,
    DocumentResult,
    Event,
    Place,
    Scope,
    Span,
    Target,
)

RUS = Actor("Russia", "RUS")
UKR = Actor("Ukraine", "UKR")
USA = Actor("United States", "USA")


def day(iso: str) -> DateRange:
    return DateRange(iso, iso, "day")


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def doc(doc_id: str, text: str, published: str) -> Document:
    return Document(id=doc_id, text=text, published=published)


def mutual_truce(
    kind: str,
    commitment_id: str,
    doc_id: str,
    text: str,
    *,
    parties: tuple[Actor, Actor] = (RUS, UKR),
    agreed: str = "agreed",
    evidence: str = "agreed to stop fighting",
) -> Commitment:
    """A full truce both ``parties`` agreed on 2025-05-05, as ``text`` of document ``doc_id``
    reports it: each declaration cites the phrase ``agreed``, the commitment ``evidence``."""
    first, second = parties
    said = (span_of(text, agreed),)
    return Commitment(
        id=commitment_id,
        kind=kind,
        actor=first,
        counterparts=(second,),
        status="agreed",
        scope=Scope(full=True),
        start=day("2025-05-05"),
        declarations=(
            Declaration(first, "agreed", day("2025-05-05"), doc_id, said),
            Declaration(second, "agreed", day("2025-05-05"), doc_id, said),
        ),
        evidence=(span_of(text, evidence),),
    )


# Monday, outlet A: the halt on strikes against power and infrastructure is agreed.
TEXT_A = (
    "The Russian leader agreed in a call with the US president to stop strikes on power plants "
    "and other infrastructure. Moscow made any wider truce depend on an end to Western arms aid."
)
DOC_A = doc("doc-a", TEXT_A, "2025-05-05")
HALT_A = Commitment(
    id="halt-a",
    kind="strike_halt",
    actor=RUS,
    counterparts=(USA,),
    status="agreed",
    scope=Scope(categories=("energy", "infrastructure")),
    start=day("2025-05-05"),
    declarations=(
        Declaration(RUS, "agreed", day("2025-05-05"), "doc-a", (span_of(TEXT_A, "agreed"),)),
        Declaration(USA, "agreed", day("2025-05-05"), "doc-a", (span_of(TEXT_A, "a call"),)),
    ),
    evidence=(span_of(TEXT_A, "stop strikes on power plants and other infrastructure"),),
)
TRUCE_A = Commitment(
    id="truce-a",
    kind="ceasefire",
    actor=USA,
    counterparts=(RUS,),
    status="rejected",
    scope=Scope(full=True),
    duration_days=45,
    conditions=(
        Condition(
            "an end to Western arms aid", "RUS", (span_of(TEXT_A, "an end to Western arms aid"),)
        ),
    ),
    declarations=(
        Declaration(USA, "proposed", day("2025-05-05"), "doc-a", (span_of(TEXT_A, "wider truce"),)),
        Declaration(RUS, "rejected", day("2025-05-05"), "doc-a", (span_of(TEXT_A, "depend on"),)),
    ),
    evidence=(span_of(TEXT_A, "wider truce"),),
)
RESULT_A = DocumentResult(DOC_A, commitments=(HALT_A, TRUCE_A))

# Tuesday, outlet B: strikes overnight, one on a clinic in Chernihiv, one on a depot in Belgorod.
TEXT_B = (
    "Overnight, after the call, Russian drones struck a clinic in Chernihiv. "
    "Ukrainian drones hit a fuel depot in Belgorod. Officials counted 38 drones over Chernihiv."
)
DOC_B = doc("doc-b", TEXT_B, "2025-05-06")
CLINIC = Event(
    id="ev-clinic",
    type="ASSAULT",
    mode="aerial",
    actor=Actor("Russian forces", "RUS", "military"),
    target=Target("a clinic", "UKR", "health"),
    place=Place("Chernihiv", country="UKR"),
    date=day("2025-05-06"),
    counts=Counts(weapons=CountRange(38, 38), weapon="drone"),
    evidence=(span_of(TEXT_B, "after the call, Russian drones struck a clinic in Chernihiv"),),
)
DEPOT = Event(
    id="ev-depot",
    type="ASSAULT",
    mode="aerial",
    actor=Actor("Ukrainian forces", "UKR", "military"),
    target=Target("a fuel depot", "RUS", "energy"),
    place=Place("Belgorod", country="RUS"),
    date=day("2025-05-06"),
    evidence=(span_of(TEXT_B, "Ukrainian drones hit a fuel depot in Belgorod"),),
)
RESULT_B = DocumentResult(DOC_B, events=(CLINIC, DEPOT))

# Tuesday, outlet C: the same night over Chernihiv with another drone count; a homes strike
# before the agreement; an unattributed blast at a substation.
TEXT_C = (
    "The air force said 52 drones flew at Chernihiv overnight. A blast of unknown origin hit a "
    "substation near Sumy. Homes in Kharkiv were shelled last Saturday."
)
DOC_C = doc("doc-c", TEXT_C, "2025-05-06")
CHERNIHIV_C = Event(
    id="ev-chernihiv-c",
    type="ASSAULT",
    mode="aerial",
    actor=None,
    place=Place("Chernihiv", country="UKR"),
    date=day("2025-05-06"),
    counts=Counts(weapons=CountRange(52, 52), weapon="drone"),
    evidence=(span_of(TEXT_C, "52 drones flew at Chernihiv overnight"),),
)
SUBSTATION = Event(
    id="ev-substation",
    type="ASSAULT",
    actor=None,
    target=Target("a substation", "UKR", "energy"),
    place=Place("Sumy", country="UKR"),
    date=day("2025-05-06"),
    evidence=(span_of(TEXT_C, "A blast of unknown origin hit a substation near Sumy"),),
)
HOMES_BEFORE = Event(
    id="ev-homes",
    type="ASSAULT",
    actor=Actor("Russian forces", "RUS"),
    target=Target("homes", "UKR", "energy"),
    place=Place("Kharkiv", country="UKR"),
    date=day("2025-05-03"),
    evidence=(span_of(TEXT_C, "Homes in Kharkiv were shelled last Saturday"),),
)
RESULT_C = DocumentResult(DOC_C, events=(CHERNIHIV_C, SUBSTATION, HOMES_BEFORE))

# Wednesday, outlet D: the US readout (no condition, energy only), a denial, a boast and a check.
TEXT_D = (
    'The US president said the deal covered energy only. "We never discussed arms aid at all," '
    "he told a radio host. He also said Russian troops had surrounded 3,000 Ukrainian soldiers. "
    "Military analysts found no evidence that any Ukrainian units were surrounded."
)
DOC_D = doc("doc-d", TEXT_D, "2025-05-07")
HALT_D = Commitment(
    id="halt-d",
    kind="strike_halt",
    actor=USA,
    counterparts=(RUS,),
    status="agreed",
    scope=Scope(categories=("energy",)),
    declarations=(
        Declaration(
            USA,
            "agreed",
            day("2025-05-05"),
            "doc-d",
            (span_of(TEXT_D, "the deal covered energy only"),),
        ),
    ),
    evidence=(span_of(TEXT_D, "the deal covered energy only"),),
)
DENIAL = Claim(
    id="claim-denial",
    speaker=Actor("The US president", "USA"),
    text="We never discussed arms aid at all",
    quoted=True,
    polarity="denies",
    cue="told",
    content_span=span_of(TEXT_D, "We never discussed arms aid at all"),
)
BOAST = Claim(
    id="claim-boast",
    speaker=Actor("The US president", "USA"),
    text="Russian troops had surrounded 3,000 Ukrainian soldiers",
    cue="said",
    content_span=span_of(TEXT_D, "Russian troops had surrounded 3,000 Ukrainian soldiers"),
)
RESULT_D = DocumentResult(DOC_D, commitments=(HALT_D,), claims=(DENIAL, BOAST))

ALL = (RESULT_A, RESULT_B, RESULT_C, RESULT_D)


def stored_report(folder, articles: list[dict]) -> dict:
    """Run ``articles`` (JSON Lines rows: id, published, title, text) through the pipeline into
    a real DuckDB file in ``folder`` and return the report built from what was stored."""
    import json

    from ceasewatch.config import Config
    from ceasewatch.link.report import build_report
    from ceasewatch.pipeline import run
    from ceasewatch.store import Store

    source = folder / "reports.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in articles) + "\n", encoding="utf-8")
    db = folder / "reports.duckdb"
    with Store(db) as store:
        outcome = run([str(source)], Config(db_path=db), store)
        assert outcome.stored == len(articles) and not outcome.errors
        results = store.load_results()
    return build_report(results)
