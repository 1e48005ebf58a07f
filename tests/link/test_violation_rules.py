"""Rules that keep candidate violations precise: kinds, windows, places, perpetrators."""

from __future__ import annotations

import dataclasses

from ceasewatch.link.violations import DEFAULT_WINDOW_DAYS, find_violations, window
from tests.link.link_records import (
    CLINIC,
    RESULT_B,
    RUS,
    Actor,
    DateRange,
    Declaration,
    DocumentResult,
    Event,
    Place,
    Scope,
    Target,
    day,
    doc,
    mutual_truce,
    span_of,
)

TEXT = "Both sides agreed to stop fighting on Monday, officials in the two capitals said."


def commitment(kind: str, **changes: object) -> DocumentResult:
    c = mutual_truce(kind, f"{kind}-x", "doc-x", TEXT)
    c = dataclasses.replace(c, **changes)  # type: ignore[arg-type]
    return DocumentResult(doc("doc-x", TEXT, "2025-05-05"), commitments=(c,))


def strike(event_id: str, iso: str, place: Place, actor: Actor | None = RUS) -> DocumentResult:
    text = f"Shells hit a village near {place.name} on that day."
    event = Event(
        id=event_id,
        type="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        actor=actor,
        target=Target("a village", place.country, "residential"),
        place=place,
        date=day(iso),
        evidence=(span_of(text, f"Shells hit a village near {place.name}"),),
    )
    return DocumentResult(doc(f"doc-{event_id}", text, iso), events=(event,))


KHARKIV = Place("Kharkiv", 49.99, 36.23, "UKR", "Kharkivska")
DERHACHI = Place("Derhachi", 50.11, 36.12, "UKR", "Kharkivska")  # ~15 km from Kharkiv
ODESA = Place("Odesa", 46.48, 30.72, "UKR", "Odeska")


def hits(results: list[DocumentResult]) -> set[str]:
    return {v.event_id for v in find_violations(results) if not v.allegation}


def test_window_is_capped_when_no_end_is_known():
    truce = commitment("truce")
    inside = strike("ev-inside", "2025-05-20", ODESA)
    late = strike("ev-late", "2025-07-20", ODESA)
    assert hits([truce, inside, late]) == {"ev-inside"}
    start, end, capped = window(truce.commitments[0])  # type: ignore[misc]
    assert capped and (start, end) == ("2025-05-05", "2025-06-04")
    v = next(v for v in find_violations([truce, inside]) if v.event_id == "ev-inside")
    assert any(f"capped at {DEFAULT_WINDOW_DAYS} days" in u for u in v.uncertain)


def test_duration_sets_the_end():
    truce = commitment("truce", duration_days=3)
    assert hits(
        [truce, strike("ev-1", "2025-05-07", ODESA), strike("ev-2", "2025-05-12", ODESA)]
    ) == {"ev-1"}


def test_historical_ceasefire_gives_no_current_violations():
    # a ceasefire recalled as agreed years earlier: its window closed long before these strikes
    old = DateRange("2015-01-01", "2015-12-31", "year", "in 2015")
    recalled = commitment(
        "ceasefire",
        start=old,
        declarations=(Declaration(RUS, "agreed", old, "doc-x", (span_of(TEXT, "agreed"),)),),
    )
    assert hits([recalled, strike("ev-now", "2025-05-06", ODESA)]) == set()
    # a background mention with no start date opens no window at all
    background = DateRange(None, "2025-05-04", "unknown", "background mention: 'had agreed'")
    undated = commitment(
        "ceasefire",
        start=None,
        declarations=(Declaration(RUS, "agreed", background, "doc-x", (span_of(TEXT, "agreed"),)),),
    )
    assert hits([undated, strike("ev-now", "2025-05-06", ODESA)]) == set()


def test_corridor_only_at_its_place():
    corridor = commitment("humanitarian_corridor", scope=Scope(places=("Kharkiv",)))
    found = hits(
        [
            corridor,
            strike("ev-city", "2025-05-06", KHARKIV),
            strike("ev-near", "2025-05-06", DERHACHI),
            strike("ev-far", "2025-05-06", ODESA),
        ]
    )
    assert found == {"ev-city", "ev-near"}
    # a corridor with no place is never checked against strikes
    nowhere = commitment("humanitarian_corridor", scope=Scope())
    assert hits([nowhere, strike("ev-city", "2025-05-06", KHARKIV)]) == set()


def test_withdrawal_exchange_and_aid_never_match_strikes():
    for kind in ("withdrawal", "prisoner_exchange", "aid_pledge"):
        agreed = commitment(kind, scope=Scope())
        assert hits([agreed, strike("ev-city", "2025-05-06", KHARKIV)]) == set(), kind


def test_only_violent_events_count():
    truce = commitment("truce")
    talks = dataclasses.replace(
        strike("ev-talks", "2025-05-06", ODESA).events[0],
        type="CONSULT",
        acled_event_type="Strategic developments",
    )
    result = DocumentResult(doc("doc-talks", "Envoys met in Odesa.", "2025-05-06"), events=(talks,))
    assert hits([truce, result]) == set()


def test_unknown_perpetrator_only_in_the_partys_theatre():
    halt = commitment("strike_halt", counterparts=(), declarations=(
        Declaration(RUS, "ordered", day("2025-05-05"), "doc-x", (span_of(TEXT, "agreed"),)),
    ))  # fmt: skip
    unknown_in_ukr = strike("ev-unknown", "2025-05-06", ODESA, actor=None)
    poland = Place("Rzeszow", 50.04, 22.0, "POL", None)
    unknown_in_pol = strike("ev-pol", "2025-05-06", poland, actor=None)
    # with no attributed Russian attack in Ukraine on record, nothing is assumed
    assert hits([halt, unknown_in_ukr, unknown_in_pol]) == set()
    # RESULT_B holds a Russian strike in Ukraine: Ukraine is a Russian theatre, Poland is not
    found = hits([halt, RESULT_B, unknown_in_ukr, unknown_in_pol])
    assert "ev-unknown" in found and "ev-pol" not in found
    assert CLINIC.id in found


def test_vaguely_dated_event_across_the_start_is_not_placed_inside():
    truce = commitment("truce")
    vague = strike("ev-year", "2025-05-06", ODESA)
    event = dataclasses.replace(
        vague.events[0], date=DateRange("2025-01-01", "2025-12-31", "year", "this year")
    )
    assert hits([truce, dataclasses.replace(vague, events=(event,))]) == set()
