"""Store: the only code that speaks SQL (DuckDB)."""

from ceasewatch.store.duckdb_store import Store, StoreError

__all__ = ["Store", "StoreError"]
