"""Ingest: turn files, URLs, feeds, tables and WARC archives into Documents."""
