"""The one exception ingest helpers raise to turn an input unit into a ``Skip``."""

from __future__ import annotations


class SkipInput(Exception):  # noqa: N818 - it is a signal, not an error
    """Raised inside one input unit; the reader turns it into ``Skip(origin, reason, detail)``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
