"""ceasewatch: an evidence-linked ledger of events, commitments and claims from news.

In a notebook: ``ceasewatch.open("ceasewatch.duckdb").events(country="RUS")``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ceasewatch.api import Ledger

__version__ = "0.1.0"


def open(db: str | Path, *, timeout: float = 60.0) -> Ledger:  # noqa: A001 - reads well
    """Open a ceasewatch database for reading (pandas or Arrow tables); see ``ceasewatch.api``."""
    from ceasewatch.api import open as open_ledger

    return open_ledger(db, timeout=timeout)
