"""What a claim is about: the event or commitment its content reports, inside one document."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ceasewatch.model import Claim, Commitment, DocumentResult, Event, Span

VIOLENT_TYPES = {"ASSAULT", "FIGHT", "COERCE"}
COMMITMENT_WORDS = re.compile(
    r"\b(ceasefire|cease-fire|truce|halt|pause|moratorium|suspen\w*|pledge\w*|agree\w*|"
    r"deal|corridor|exchange|withdraw\w*|commit\w*)\b",
    re.IGNORECASE,
)


def _overlap(a: Span, spans: Iterable[Span]) -> int:
    return sum(max(0, min(a.end, s.end) - max(a.start, s.start)) for s in spans)


def _rank(record: Event | Commitment, about_commitment: bool) -> int:
    """On equal overlap: a commitment when the content speaks of one, else violent events."""
    if isinstance(record, Commitment):
        return 3 if about_commitment else 0
    return 2 if record.type in VIOLENT_TYPES else 1


def about_of(claim: Claim, records: Iterable[Event | Commitment]) -> str | None:
    """The id of the record whose evidence overlaps the claim's content most, if any."""
    content = claim.content_span or (claim.evidence[0] if claim.evidence else None)
    if content is None:
        return None
    about_commitment = bool(COMMITMENT_WORDS.search(claim.text))
    best: tuple[int, int, str] | None = None
    for record in records:
        overlap = _overlap(content, record.evidence)
        rank = _rank(record, about_commitment)
        if overlap and (best is None or (overlap, rank) > best[:2]):
            best = (overlap, rank, record.id)
    return best[2] if best else None


class RecordIndex:
    """Records by the text positions their evidence covers, so that finding what a claim is
    about reads only the records near its content instead of all the records of the document.

    ``about(claim)`` gives the same answer as ``about_of(claim, records)``: every record whose
    evidence overlaps the content shares a block of positions with it, and the candidates are
    weighed in the order of ``records`` (the first of equals wins, as there).
    """

    BLOCK = 512  # characters

    def __init__(self, records: Iterable[Event | Commitment]) -> None:
        self.records = list(records)
        self.blocks: dict[int, list[int]] = {}
        for n, record in enumerate(self.records):
            for span in record.evidence:
                if span.end <= span.start:
                    continue  # overlaps nothing
                for block in range(span.start // self.BLOCK, (span.end - 1) // self.BLOCK + 1):
                    listed = self.blocks.setdefault(block, [])
                    if not listed or listed[-1] != n:
                        listed.append(n)

    def about(self, claim: Claim) -> str | None:
        content = claim.content_span or (claim.evidence[0] if claim.evidence else None)
        if content is None or content.end <= content.start:
            return None
        first, last = content.start // self.BLOCK, (content.end - 1) // self.BLOCK
        near: set[int] = set()
        for block in range(first, last + 1):
            near.update(self.blocks.get(block, ()))
        return about_of(claim, [self.records[n] for n in sorted(near)])


def attach_claims(result: DocumentResult) -> DocumentResult:
    """A copy of ``result`` whose claims name the event or commitment they are about."""
    index = RecordIndex([*result.commitments, *result.events])
    claims = tuple(
        claim if claim.about else dataclasses.replace(claim, about=index.about(claim))
        for claim in result.claims
    )
    return dataclasses.replace(result, claims=claims)
