"""JSONL and CSV tables: one Document or Skip per line or row."""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from ..config import Config
from ..model import Document, Skip
from .content import fetch_text, page_from_text
from .dates import normalize_date
from .document import build_document, run_unit
from .errors import SkipInput
from .htmltext import Page, extract_html

CONTENT_FIELDS = ("text", "html", "url")


def read_jsonl(
    path: Path,
    config: Config,
    client: httpx.Client | None = None,
    *,
    start: int = 1,
    stop: int | None = None,
) -> Iterator[Document | Skip]:
    """One result per non-blank line (lines ``start`` to before ``stop``); origin ``path:LINE``."""
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if stop is not None and number >= stop:
                return
            if number < start or not raw.strip():
                continue
            origin = f"{path}:{number}"
            yield run_unit(origin, jsonl_line, raw, number, origin, config, client)


def jsonl_line(
    raw: bytes, number: int, origin: str, config: Config, client: httpx.Client | None
) -> Document:
    if len(raw) > config.max_bytes:
        raise SkipInput("too_large", f"{len(raw)} bytes > {config.max_bytes}")
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise SkipInput("encoding", f"line is not UTF-8 (bad byte at {exc.start})") from None
    try:
        row = json.loads(line)
    except ValueError as exc:
        raise SkipInput("bad_record", f"invalid JSON: {exc}") from None
    return row_document(row, origin, config, client)


def read_csv(
    path: Path,
    config: Config,
    client: httpx.Client | None = None,
    *,
    start: int = 0,
    stop: int | None = None,
) -> Iterator[Document | Skip]:
    """One result per data row (rows ``start`` to before ``stop``, counted from 0); origin
    ``path:LINE`` (the row's first line)."""
    csv.field_size_limit(min(sys.maxsize, config.max_bytes * 4))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream, delimiter=delimiter)
        line = 2
        for index in itertools.count():
            if stop is not None and index >= stop:
                return
            origin = f"{path}:{line}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield Skip(origin, "encoding", f"not UTF-8 from here on (bad byte {exc.start})")
                return
            except csv.Error as exc:
                yield Skip(origin, "bad_record", f"CSV error, rest of file unread: {exc}")
                return
            line = reader.line_num + 1
            if index >= start:
                yield run_unit(origin, row_document, row, origin, config, client)


def row_document(
    row: Any, origin: str, config: Config, client: httpx.Client | None = None
) -> Document:
    """A Document from one table row with a ``text``, ``html`` or ``url`` field."""
    if not isinstance(row, dict):
        raise SkipInput("bad_record", f"row is a {type(row).__name__}, not an object")
    fields = {k.strip().lower(): v for k, v in row.items() if isinstance(k, str)}
    text, html, url = (_field(fields, name) for name in CONTENT_FIELDS)
    if not (text or html or url):
        keys = ", ".join(sorted(fields)) or "none"
        raise SkipInput("bad_record", f"no text, html or url field (fields: {keys})")
    size = len((text or html or "").encode("utf-8"))
    if size > config.max_bytes:
        raise SkipInput("too_large", f"{size} bytes > {config.max_bytes}")
    page: Page
    if text:
        page = page_from_text(text, "text")
    elif html:
        page = extract_html(html, url)
    else:
        assert url is not None
        fetched, body, kind = fetch_text(url, config, client)
        if kind == "feed":
            raise SkipInput("bad_record", "url field points to a feed, not an article")
        page = page_from_text(body, kind, fetched.url)
    return build_document(
        page.text,
        origin=origin,
        config=config,
        title=_field(fields, "title") or page.title,
        published=normalize_date(_field(fields, "published")) or page.published,
        source=_field(fields, "source") or page.source,
        url=url,
        author=_field(fields, "author") or page.author,
        external_id=_field(fields, "id"),
    )


def _field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None
