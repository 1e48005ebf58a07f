"""Ingest: turn files, URLs, feeds, tables and WARC archives into Documents."""

from .content import sniff_kind
from .errors import SkipInput
from .fetch import fetch_url
from .htmltext import Page, extract_html
from .language import detect_language
from .plaintext import CleanText, clean_plain_text
from .sources import read_inputs, read_path, read_url

__all__ = [
    "CleanText",
    "Page",
    "SkipInput",
    "clean_plain_text",
    "detect_language",
    "extract_html",
    "fetch_url",
    "read_inputs",
    "read_path",
    "read_url",
    "sniff_kind",
]
