"""Dates resolved against the publication date. (Interface stub: owned by the dates helper.)"""

from __future__ import annotations

import datetime as dt

from ceasewatch.model import DateRange


def find_dates(text: str, anchor: dt.date | None) -> list[tuple[int, int, DateRange]]:
    """Every date expression in ``text`` with its character span and resolved range."""
    return []


def resolve_event_date(sentence: str, anchor: dt.date | None) -> DateRange | None:
    """The date of the event a sentence reports; the publication day when nothing is said."""
    return None
