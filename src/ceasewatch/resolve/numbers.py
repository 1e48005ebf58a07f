"""Counts: numbers of weapons, killed, injured, evacuated. (Interface stub.)"""

from __future__ import annotations

from ceasewatch.model import CountRange, Counts


def parse_count(phrase: str) -> CountRange | None:
    """'45' -> 45..45, 'at least 3' -> 3..None, 'over 100' -> 101..None, 'a civilian' -> 1..1."""
    return None


def find_counts(sentence: str) -> Counts:
    """The counts a sentence reports."""
    return Counts()
