"""Merging the same commitment across documents. (Interface stub: owned by the commitments helper.)"""

from __future__ import annotations

from collections.abc import Sequence

from ceasewatch.model import Commitment, DocumentResult


def merge_commitments(results: Sequence[DocumentResult]) -> list[Commitment]:
    """The same commitment reported by several documents becomes one record."""
    return []
