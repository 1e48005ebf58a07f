"""Store: the only code that speaks SQL (DuckDB)."""
