"""Claims: who said what. (Interface stub: owned by the claims helper.)"""

from __future__ import annotations

from spacy.tokens import Doc

from ceasewatch.model import Claim, Document


def extract_claims(doc: Doc, document: Document) -> list[Claim]:
    """Direct and indirect speech with speaker, channel, cue and spans."""
    return []
