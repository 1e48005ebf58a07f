"""Commitments: ceasefires, halts, pledges. (Interface stub: owned by the commitments helper.)"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ceasewatch.model import Commitment, Document


def extract_commitments(doc: Doc, document: Document, anchor: dt.date | None) -> list[Commitment]:
    """One Commitment per commitment mentioned, with each party's declaration."""
    return []
