"""Decide what a piece of text is (HTML page, feed, plain text) and turn pages into ``Page``s."""

from __future__ import annotations

import re

import httpx
from lxml import etree
from lxml import html as lxml_html

from ..config import Config
from .decode import decode_bytes
from .errors import SkipInput
from .fetch import Fetched, fetch_url
from .htmltext import Page, extract_html
from .plaintext import clean_plain_text, normalize_paragraphs

_FEED_START = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*)*"
    r"<(?:rss|feed|rdf:RDF)\b",
    re.S | re.I,
)
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div|title)\b", re.I)
_HTML_MEDIA = {"text/html", "application/xhtml+xml"}
_FEED_MEDIA = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}
_BLOCK_TAGS = re.compile(r"<(?:br|/p|/div|/li|/h[1-6]|/blockquote)\b[^>]*>", re.I)


def check_media_type(media_type: str | None) -> None:
    """Refuse declared media types that cannot hold an article (images, JSON, PDF...)."""
    media_type = (media_type or "").strip().lower()
    if not media_type or media_type.startswith("text/"):
        return
    if media_type in _HTML_MEDIA or media_type in _FEED_MEDIA or media_type.endswith("+xml"):
        return
    if media_type in {"application/xml"}:
        return
    raise SkipInput("unsupported_type", f"media type {media_type} is not a page or a feed")


def sniff_kind(text: str, media_type: str | None = None) -> str:
    """``"feed"``, ``"html"`` or ``"text"``, from the content first and the media type second."""
    head = text[:4096]
    if _FEED_START.match(head):
        return "feed"
    if media_type in _HTML_MEDIA:
        return "html"
    if head.lstrip().startswith("<") and _HTML_MARK.search(head):
        return "html"
    if media_type in _FEED_MEDIA and "<" in head:
        return "feed"
    return "text"


def page_from_text(text: str, kind: str, url: str | None = None) -> Page:
    """Article text and metadata of an HTML or plain-text page."""
    if kind == "html":
        return extract_html(text, url)
    cleaned = clean_plain_text(text)
    return Page(text=cleaned.text, title=cleaned.title, author=cleaned.author)


def html_fragment_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (feed summaries), one paragraph per block."""
    if "<" not in fragment:
        return normalize_paragraphs(fragment)
    try:
        root = lxml_html.fragment_fromstring(
            _BLOCK_TAGS.sub("\n\\g<0>", fragment), create_parent="div"
        )
    except (etree.ParserError, ValueError):
        return normalize_paragraphs(re.sub(r"<[^>]+>", " ", fragment))
    return normalize_paragraphs(root.text_content())


def fetch_text(
    url: str, config: Config, client: httpx.Client | None = None
) -> tuple[Fetched, str, str]:
    """Fetch a URL and decode it: the response, its text and its kind (feed, html, text)."""
    fetched = fetch_url(url, config, client)
    text = decode_bytes(fetched.content, fetched.charset)
    check_media_type(fetched.content_type)
    return fetched, text, sniff_kind(text, fetched.content_type)
