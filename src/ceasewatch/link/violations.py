"""Candidate violations across documents. (Interface stub.)"""

from __future__ import annotations

from collections.abc import Sequence

from ceasewatch.model import DocumentResult, Violation


def find_violations(results: Sequence[DocumentResult]) -> list[Violation]:
    """Events inside a commitment's parties, scope and time window, across all documents."""
    return []
