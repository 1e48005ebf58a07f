"""HTML pages to article text and metadata with trafilatura; the date comes from metadata only."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from .dates import metadata_date
from .errors import SkipInput
from .plaintext import clean_plain_text, is_prose, normalize_paragraphs

LOGGER = logging.getLogger(__name__)

# Keep htmldate cheap: trafilatura runs it, but its result is ignored (see ``extract_html``).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class Page:
    text: str  # paragraphs separated by a blank line
    title: str | None = None
    author: str | None = None
    published: str | None = None  # from <meta> / JSON-LD only
    source: str | None = None  # site name


def extract_html(html: str, url: str | None = None) -> Page:
    """Main text, title, author, site name and metadata date of an HTML page.

    trafilatura finds the main text and metadata. Its date is not used, because htmldate
    falls back to dates printed in the page body; ``metadata_date`` reads only ``<meta>`` tags
    and JSON-LD. The text then goes through the plain-text cleaner's line filter, which
    removes credit lines, media placeholders and bare URLs that trafilatura keeps.
    """
    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise SkipInput("no_text", f"unparsable HTML ({exc})") from None
    published = metadata_date(tree)
    if "<body" not in html[:100_000].lower():
        # A fragment (a JSONL/CSV ``html`` cell): trafilatura wants a whole page.
        html = f"<html><body>{html}</body></html>"
    # trafilatura gets the string: its own parsing extracts more than from our tree.
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    raw_text = getattr(result, "text", None) if result is not None else None
    if not raw_text or not raw_text.strip():
        raise SkipInput("no_text", "no main text found in HTML")
    title = _clean(getattr(result, "title", None))
    text = normalize_paragraphs(raw_text)
    if title and text.split("\n\n", 1)[0].strip().casefold() == title.casefold():
        text = text.split("\n\n", 1)[1] if "\n\n" in text else ""
    cleaned = clean_plain_text(text, find_title=False, trim_edges=False)
    if not any(is_prose(p) for p in cleaned.text.split("\n\n")):
        raise SkipInput("no_text", "no article paragraph in the HTML main text")
    return Page(
        text=cleaned.text,
        title=title,
        author=_clean(getattr(result, "author", None)) or cleaned.author,
        published=published,
        source=_clean(getattr(result, "sitename", None)),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
