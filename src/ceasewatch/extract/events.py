"""Event detection. (Interface stub: owned by the events helper.)"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ceasewatch.model import Document, Event


def extract_events(doc: Doc, document: Document, anchor: dt.date | None) -> list[Event]:
    """One Event per strike, clash, interception, agreement... reported in the document."""
    return []
