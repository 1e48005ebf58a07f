"""RSS and Atom feeds: every entry is one unit; its linked page is fetched like a URL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import feedparser
import httpx

from ..config import Config
from ..model import Document, Skip
from .content import fetch_text, html_fragment_text, page_from_text
from .dates import normalize_date
from .document import build_document, run_unit
from .errors import SkipInput
from .fetch import is_url


def read_feed(
    text: str,
    origin: str,
    config: Config,
    client: httpx.Client | None = None,
    base_url: str | None = None,
) -> Iterator[Document | Skip]:
    """One result per entry (origin ``feed#entry-N``); one ``empty`` Skip for a feed without."""
    parsed = feedparser.parse(text)
    if not parsed.entries:
        detail = "feed has no entries"
        if parsed.get("bozo_exception") is not None:
            detail += f" ({parsed.bozo_exception})"
        yield Skip(origin, "empty", detail)
        return
    source = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        entry_origin = f"{origin}#entry-{number}"
        yield run_unit(
            entry_origin, entry_document, entry, entry_origin, config, client, base_url, source
        )


def entry_document(
    entry: Any,
    origin: str,
    config: Config,
    client: httpx.Client | None = None,
    base_url: str | None = None,
    source: str | None = None,
) -> Document:
    """The entry's linked page; its summary or content when the page cannot be used.

    Title and date come from the entry (the feed is metadata the publisher wrote), the page
    fills in what the entry lacks.
    """
    link = entry.get("link")
    if link and base_url:
        link = urljoin(base_url, link)
    title = entry.get("title") or None
    published = normalize_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    published = published or normalize_date(entry.get("published") or entry.get("updated"))
    author = entry.get("author") or None

    failure = SkipInput("no_text", "entry has no link and no summary")
    if link and is_url(link):
        try:
            fetched, body, kind = fetch_text(link, config, client)
            if kind == "feed":
                raise SkipInput("no_text", "entry links to another feed")
            page = page_from_text(body, kind, fetched.url)
            return build_document(
                page.text,
                origin=origin,
                config=config,
                title=title or page.title,
                published=published or page.published,
                source=page.source or source,
                url=link,
                author=author or page.author,
            )
        except SkipInput as exc:
            failure = exc
    summary = _entry_summary(entry)
    if summary and len(summary) >= config.min_chars:
        return build_document(
            summary,
            origin=origin,
            config=config,
            title=title,
            published=published,
            source=source,
            url=link,
            author=author,
        )
    raise failure


def _entry_summary(entry: Any) -> str:
    """The longest of the entry's content blocks and summary, as plain text."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_fragment_text(c) for c in candidates if c]
    return max(texts, key=len, default="")
