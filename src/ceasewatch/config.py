"""One configuration object with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Config:
    db_path: Path = Path("ceasewatch.duckdb")
    """DuckDB file the run writes to."""
    max_bytes: int = 5_000_000
    """Inputs (files, pages, records) larger than this are skipped as ``too_large``."""
    max_chars: int = 200_000
    """Documents whose cleaned text is longer than this are skipped as ``too_large`` before
    parsing (about 30,000 words: longer texts are rarely single articles)."""
    min_chars: int = 40
    """Documents whose cleaned text is shorter than this are skipped as ``too_short``."""
    http_timeout: float = 20.0
    """Seconds before a URL fetch gives up."""
    max_redirects: int = 5
    """Redirects followed when fetching a URL."""
    allow_private: bool = False
    """Fetch private, loopback and link-local addresses (refused by default)."""
    languages: tuple[str, ...] = ("en",)
    """Languages the extractors handle; other documents are skipped as ``unsupported_language``."""
    batch_size: int = 64
    """Documents extracted and written per batch (one transaction each)."""
    published: str | None = None
    """Publication date to assume for documents that carry none (anchors relative dates)."""
