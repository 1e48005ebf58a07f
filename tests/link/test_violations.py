"""Candidate violations across separately stored synthetic articles."""

from __future__ import annotations

import dataclasses

from ceasewatch.link.commitments import group_commitments, merge_commitments
from ceasewatch.link.violations import find_violations
from ceasewatch.model import Declaration, DocumentResult
from tests.link.link_records import (
    ALL,
    HALT_A,
    RESULT_A,
    RESULT_B,
    RESULT_C,
    RESULT_D,
    RUS,
    TEXT_A,
    day,
    span_of,
)


def by_event(violations):
    return {v.event_id: v for v in violations}


def test_same_halt_merges_across_documents():
    merged = merge_commitments(ALL)
    halts = [c for c in merged if c.kind == "strike_halt"]
    assert len(halts) == 1
    halt = halts[0]
    assert {d.document_id for d in halt.declarations} == {"doc-a", "doc-d"}
    assert set(halt.scope.categories) == {"energy", "infrastructure"}
    group = next(g for g in group_commitments(ALL) if g.commitment.id == halt.id)
    assert group.sources == ("doc-a", "doc-d")
    assert merge_commitments(ALL)[0].id == merged[0].id  # stable ids


def test_health_strike_after_halt_is_a_candidate_with_reasons():
    found = by_event(find_violations(ALL))
    v = found["ev-clinic"]
    assert "party match: RUS" in v.reasons
    assert "scope match: target health counted as civilian infrastructure" in v.reasons
    assert "time inside window: 2025-05-06 after 2025-05-05 start" in v.reasons
    assert any("scope reading" in u for u in v.uncertain)
    assert not v.allegation
    assert v.commitment_id == merge_commitments(ALL)[0].id or v.commitment_id in {
        c.id for c in merge_commitments(ALL)
    }


def test_uncommitted_party_and_earlier_events_are_not_violations():
    found = by_event(find_violations(ALL))
    assert "ev-depot" not in found  # Ukraine made no commitment
    assert "ev-homes" not in found  # before the agreement
    assert "ev-chernihiv-c" not in found  # no target category inside the scope


def test_unknown_perpetrator_is_uncertain():
    v = by_event(find_violations(ALL))["ev-substation"]
    assert "scope match: energy" in v.reasons
    assert "perpetrator unknown" in v.uncertain
    assert any(r.startswith("party assumed: RUS") for r in v.reasons)


def test_rejected_proposal_has_no_violations():
    only_a_b = [RESULT_A, RESULT_B]
    truce_ids = {c.id for c in merge_commitments(only_a_b) if c.kind == "ceasefire"}
    assert truce_ids
    assert not [v for v in find_violations(only_a_b) if v.commitment_id in truce_ids]


def test_allegation_kept_apart():
    accused = Declaration(
        RUS, "violated_alleged", day("2025-05-06"), "doc-a", (span_of(TEXT_A, "Moscow made"),)
    )
    halt = dataclasses.replace(HALT_A, declarations=(*HALT_A.declarations, accused))
    result = dataclasses.replace(RESULT_A, commitments=(halt,))
    found = find_violations([result, RESULT_B])
    allegations = [v for v in found if v.allegation]
    assert len(allegations) == 1
    assert allegations[0].event_id.startswith("doc-a:")
    assert any(not v.allegation for v in found)


def test_no_commitments_no_violations():
    assert find_violations([RESULT_B, RESULT_C]) == []
    assert find_violations([DocumentResult(RESULT_D.document)]) == []
