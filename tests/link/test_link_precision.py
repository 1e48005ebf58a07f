"""Rules found on a second corpus: areas, dates, non-parties, denials that assert, numbers that
join one event, no-evidence sentences that name the claim. Synthetic records, several
documents each."""

from __future__ import annotations

import dataclasses

from ceasewatch.link.contradictions import find_contradictions
from ceasewatch.link.violations import find_violations
from tests.link.link_records import (
    RUS,
    Actor,
    Claim,
    CountRange,
    Counts,
    DateRange,
    Declaration,
    DocumentResult,
    Event,
    Place,
    Target,
    day,
    doc,
    mutual_truce,
    span_of,
)

SYR = Actor("Syria", "SYR")
TRUCE_TEXT = "Damascus and Moscow agreed to a truce on Monday. Shelling hit Homs that day."
HOMS = Place("Homs", 34.73, 36.72, "SYR", "Homs", precision="settlement")
HAMA = Place("Hama", 35.13, 36.75, "SYR", "Hama", precision="settlement")
MOSCOW = Place("Moscow", 55.75, 37.62, "RUS", "Moscow", precision="settlement")


def event(event_id: str, place: Place | None, date: DateRange | None, actor: Actor | None = RUS,
          **changes: object) -> Event:  # fmt: skip
    text = "Shells hit a village that day."
    e = Event(
        id=event_id,
        type="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        actor=actor,
        target=Target("a village", place.country if place else None, "residential"),
        place=place,
        date=date,
        evidence=(span_of(text, "Shells hit a village"),),
    )
    return dataclasses.replace(e, **changes)  # type: ignore[arg-type]


def article(doc_id: str, published: str, *events: Event) -> DocumentResult:
    return DocumentResult(doc(doc_id, "Shells hit a village that day.", published), events=events)


def truce(**changes: object) -> DocumentResult:
    phrase = "agreed to a truce"
    c = mutual_truce(
        "truce", "truce-s", "doc-t", TRUCE_TEXT, parties=(SYR, RUS), agreed=phrase, evidence=phrase
    )
    c = dataclasses.replace(c, **changes)  # type: ignore[arg-type]
    # the truce article reports an event in Homs: its area is Syria
    homs = event("ev-homs-report", HOMS, day("2025-05-05"), actor=None, type="CONSULT",
                 acled_event_type="Strategic developments")  # fmt: skip
    return DocumentResult(doc("doc-t", TRUCE_TEXT, "2025-05-05"), events=(homs,), commitments=(c,))


def hits(results: list[DocumentResult]) -> dict[str, object]:
    return {v.event_id: v for v in find_violations(results) if not v.allegation}


# --- violations -----------------------------------------------------------------------------


def test_events_outside_the_commitments_area_are_not_candidates():
    inside = article("a", "2025-05-07", event("ev-hama", HAMA, day("2025-05-07")))
    outside = article("b", "2025-05-07", event("ev-moscow", MOSCOW, day("2025-05-07")))
    assert set(hits([truce(), inside, outside])) == {"ev-hama"}


def test_an_event_with_no_place_takes_its_documents_country_as_uncertain():
    nowhere = event("ev-nowhere", None, day("2025-05-07"))
    found = hits([truce(), article("a", "2025-05-07", nowhere, event("x", HAMA, None))])
    assert "event place unknown: its document's country used" in found["ev-nowhere"].uncertain
    # in a document about Russia, the same event is outside the area
    moscow_doc = article("b", "2025-05-07", nowhere, event("y", MOSCOW, None))
    assert hits([truce(), moscow_doc]) == {}


def test_events_with_no_date_of_their_own_are_not_candidates():
    undated = article("a", "2025-05-07", event("ev-undated", HAMA, None))
    dated = article("b", "2025-05-07", event("ev-dated", HAMA, day("2025-05-07")))
    assert set(hits([truce(), undated, dated])) == {"ev-dated"}


def test_a_named_non_party_is_not_an_unknown_perpetrator():
    # Russian strikes in Syria on record make Syria a Russian theatre
    record = article("r", "2025-05-06", *(event(f"ev-rus-{i}", HAMA, day("2025-05-06"))
                                          for i in range(2)))  # fmt: skip
    rebels = article("a", "2025-05-07", event("ev-rebels", HAMA, day("2025-05-07"),
                                              actor=Actor("rebel groups")))  # fmt: skip
    unknown = article("b", "2025-05-07", event("ev-unknown", HAMA, day("2025-05-07"),
                                               actor=Actor("which")))  # fmt: skip
    halt = truce(declarations=(
        Declaration(RUS, "agreed", day("2025-05-05"), "doc-t", (span_of(TRUCE_TEXT, "agreed"),)),
    ))  # fmt: skip
    found = hits([halt, record, rebels, unknown])
    assert "ev-rebels" not in found
    assert "perpetrator unknown" in found["ev-unknown"].uncertain


def test_unknown_perpetrator_only_where_the_party_does_most_attacks():
    halt = truce(declarations=(
        Declaration(RUS, "agreed", day("2025-05-05"), "doc-t", (span_of(TRUCE_TEXT, "agreed"),)),
    ))  # fmt: skip
    russian = article("r", "2025-05-06", event("ev-rus", HAMA, day("2025-05-06")))
    locals_ = article("l", "2025-05-06", *(
        event(f"ev-local-{i}", HAMA, day("2025-05-06"), actor=Actor("militia", kind="militia"))
        for i in range(3)
    ))  # fmt: skip
    unknown = article("u", "2025-05-07", event("ev-unknown", HAMA, day("2025-05-07"), actor=None))
    assert "ev-unknown" in hits([halt, russian, unknown])
    # three attacks by others against one Russian: nobody is assumed
    assert "ev-unknown" not in hits([halt, russian, locals_, unknown])


def test_background_declarations_bind_nobody():
    background = DateRange(None, "2025-05-04", "unknown", "background mention: 'despite'")
    recalled = truce(declarations=(
        Declaration(RUS, "agreed", background, "doc-t", (span_of(TRUCE_TEXT, "agreed"),)),
        Declaration(SYR, "agreed", day("2025-05-05"), "doc-t", (span_of(TRUCE_TEXT, "agreed"),)),
    ))  # fmt: skip
    russian = article("a", "2025-05-07", event("ev-rus", HAMA, day("2025-05-07")))
    syrian = article("b", "2025-05-07", event("ev-syr", HAMA, day("2025-05-07"), actor=SYR))
    assert set(hits([recalled, russian, syrian])) == {"ev-syr"}


def test_a_calendar_month_across_the_windows_end_is_not_inside():
    month = DateRange("2025-06-01", "2025-06-30", "month", "in June")
    late = article("a", "2025-08-01", event("ev-june", HAMA, month))
    assert hits([truce(), late]) == {}


# --- contradictions -------------------------------------------------------------------------


def claim_doc(doc_id: str, published: str, *claims: tuple[str, str, Actor, str]) -> DocumentResult:
    """``claims``: (id, text, speaker, polarity); the document text is the claims' texts."""
    text = " ".join(f"{t}." for _, t, _, _ in claims)
    built = tuple(
        Claim(
            id=cid,
            speaker=who,
            text=t,
            polarity=pol,
            cue="denied" if pol == "denies" else "said",
            content_span=span_of(text, t),
        )  # fmt: skip
        for cid, t, who, pol in claims
    )
    return DocumentResult(doc(doc_id, text, published), claims=built)


ADVISER = Actor("Omar Haddad")  # a speaker with no country
DENY = ("c-deny", "that the Syrian army shelled civilians with chemical weapons", ADVISER, "denies")


def denials(results: list[DocumentResult]) -> set[str]:
    return {c.b for c in find_contradictions(results) if c.kind == "denial" and c.b}


def test_a_denial_pairs_with_a_claim_that_asserts_the_same_proposition():
    france = ("c-fra", "French labs found that Syrian troops fired chemical weapons at Homs",
              Actor("France", "FRA"), "asserts")  # fmt: skip
    results = [claim_doc("a", "2025-05-06", DENY), claim_doc("b", "2025-05-06", france)]
    assert denials(results) == {"c-fra"}


def test_a_negated_or_unrelated_statement_is_no_asserted_side():
    refusal = ("c-deu", "Berlin will take no part in air raids, though chemical weapons remain "
               "a red line", Actor("Germany", "DEU"), "asserts")  # fmt: skip
    speech = ("c-sen", "our policy in the region has collapsed, and the ruler in Syria "
              "has used chemical weapons", Actor("A senator"), "asserts")  # fmt: skip
    results = [claim_doc("a", "2025-05-06", DENY), claim_doc("b", "2025-05-06", refusal, speech)]
    assert denials(results) == set()


def test_no_comment_is_no_denial():
    silent = ("c-silent", "to a request for comment about the prisoners", Actor("The militia"),
              "denies")  # fmt: skip
    stated = ("c-said", "the prisoners of the militia were moved to Homs", Actor("An official"),
              "asserts")  # fmt: skip
    result = claim_doc("a", "2025-05-06", silent, stated)
    result = dataclasses.replace(
        result, claims=tuple(dataclasses.replace(c, cue="did not respond") for c in result.claims)
    )
    assert [c for c in find_contradictions([result]) if c.kind == "denial"] == []


def toll(event_id: str, place: Place, date: DateRange, killed: int) -> Event:
    return event(event_id, place, date, counts=Counts(killed=CountRange(killed, killed)))


def numbers(a: Event, b: Event) -> list[object]:
    results = [article("a", "2025-05-07", a), article("b", "2025-05-07", b)]
    return [c for c in find_contradictions(results) if c.kind == "number"]


def test_numbers_join_one_event_at_the_same_precision_and_span():
    assert numbers(toll("e1", HOMS, day("2025-05-06"), 12), toll("e2", HOMS, day("2025-05-06"), 30))
    near = dataclasses.replace(HOMS, precision="near")
    assert not numbers(toll("e1", HOMS, day("2025-05-06"), 12),
                       toll("e2", near, day("2025-05-06"), 30))  # fmt: skip
    weeks = DateRange("2025-04-20", "2025-05-06", "days", "in recent weeks")
    assert not numbers(toll("e1", HOMS, day("2025-05-06"), 12), toll("e2", HOMS, weeks, 600))


def test_two_tolls_in_one_country_are_not_one_event():
    country = Place("Syria", 35.0, 38.0, "SYR", precision="country")
    assert not numbers(toll("e1", country, day("2025-05-06"), 15),
                       toll("e2", country, day("2025-05-06"), 4))  # fmt: skip


def unsupported(claim_text: str, doubt: str) -> list[object]:
    claim = claim_doc("a", "2025-05-06", ("c-claim", claim_text, Actor("A monitor"), "asserts"))
    other = DocumentResult(doc("b", doubt, "2025-05-06"))
    return [c for c in find_contradictions([claim, other]) if c.kind == "unsupported"]


def test_a_caveat_about_reports_disputes_no_claim():
    caveat = "The agency could not independently verify the reports of casualties."
    assert not unsupported("119 children were killed in the battle for Homs", caveat)


def test_no_evidence_must_name_the_claims_proposition():
    assert unsupported("the army was withdrawing troops from Hama",
                       "Observers say there is no evidence of the withdrawal yet.")  # fmt: skip
    vague = "Police have not confirmed that they believe she is dead."
    assert not unsupported("83 people were killed by militants in Palmyra", vague)
    assert unsupported("the commander Karim Aziz was killed in Palmyra",
                       "Officials have not confirmed that Karim Aziz is dead.")  # fmt: skip
