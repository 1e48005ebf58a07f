"""Helpers the commitment tests share: extract from one sentence, and each declaration's
(country, status)."""

from __future__ import annotations

import datetime as dt

from ceasewatch.extract.commitments import extract_commitments
from ceasewatch.model import Commitment, Document


def commitments_of(nlp, text: str, anchor: dt.date) -> list[Commitment]:
    document = Document(id=Document.make_id(text), text=text)
    return extract_commitments(nlp(text), document, anchor)


def stances(c: Commitment) -> set[tuple[str | None, str]]:
    return {(d.actor.country, d.status) for d in c.declarations}
