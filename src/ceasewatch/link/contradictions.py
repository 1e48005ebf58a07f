"""Contradictions and disputes across documents. (Interface stub.)"""

from __future__ import annotations

from collections.abc import Sequence

from ceasewatch.model import Contradiction, DocumentResult


def find_contradictions(results: Sequence[DocumentResult]) -> list[Contradiction]:
    """Denials, differing conditions, scopes and numbers, and unsupported claims."""
    return []
