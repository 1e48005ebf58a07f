"""Gazetteer-first geoparsing. (Interface stub: owned by the places helper.)"""

from __future__ import annotations

from typing import Any

from ceasewatch.model import Place


def find_places(text: str, doc: Any | None = None) -> list[Place]:
    """Toponyms found in ``text`` and resolved, each with ``start``/``end``."""
    return []


def resolve_spans(text: str, spans: list[tuple[int, int]]) -> list[Place]:
    """Resolve exactly the given spans (same start and end as given)."""
    return []
