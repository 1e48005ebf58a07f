from ceasewatch.link.about import about_of, attach_claims
from ceasewatch.model import (
    Actor,
    Claim,
    Commitment,
    Document,
    DocumentResult,
    Event,
    Scope,
    Span,
)

TEXT = (
    "Officials said 30 drones struck a power plant in Odesa overnight. "
    "The minister said both sides had agreed to halt strikes on energy sites for 20 days. "
    "The mayor said the weather was cold."
)


def span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start, start + len(phrase), phrase)


def sentence(n: int) -> Span:
    return span(TEXT.split(". ")[n].rstrip(".") + ("." if n < 2 else ""))


EVENT = Event(id="ev", type="FIGHT", evidence=(sentence(0),))
AGREEMENT_EVENT = Event(id="agree", type="AGREE", evidence=(sentence(1),))
HALT = Commitment(
    id="halt", kind="strike_halt", scope=Scope(categories=("energy",)), evidence=(sentence(1),)
)


def claim(content: str) -> Claim:
    return Claim(id=content[:8], speaker=Actor("x"), text=content, content_span=span(content))


def test_a_claim_is_about_the_record_its_content_reports():
    assert about_of(claim("30 drones struck a power plant in Odesa overnight"), [EVENT]) == "ev"


def test_a_commitment_wins_over_an_event_in_the_same_sentence():
    content = claim("both sides had agreed to halt strikes on energy sites for 20 days")
    assert about_of(content, [AGREEMENT_EVENT, HALT]) == "halt"


def test_an_event_wins_when_the_content_speaks_of_no_commitment():
    both = Commitment(id="halt", kind="strike_halt", evidence=(sentence(0),))
    assert about_of(claim("30 drones struck a power plant"), [both, EVENT]) == "ev"


def test_a_claim_about_nothing_extracted_stays_unlinked():
    assert about_of(claim("the weather was cold"), [EVENT, HALT]) is None


def test_attach_claims_fills_about_in_a_result():
    document = Document(id="d", text=TEXT)
    result = DocumentResult(
        document,
        events=(EVENT,),
        commitments=(HALT,),
        claims=(
            claim("30 drones struck a power plant in Odesa overnight"),
            claim("the weather was cold"),
        ),
    )
    linked = attach_claims(result)
    assert [c.about for c in linked.claims] == ["ev", None]
