"""Publication dates from metadata only: meta tags, JSON-LD, feed entries, HTTP/WARC headers.

Dates guessed from body text are never used: a date printed in a page body is as likely to be
a related article's or an event's as the page's own.
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import html as lxml_html

# Meta keys (name, property or itemprop) that hold the original publication date, best first.
PUBLISHED_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
)
_META_RANK = {key: rank for rank, key in enumerate(PUBLISHED_META_KEYS)}
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
MIN_YEAR = 1990


def normalize_date(value: Any) -> str | None:
    """An ISO 8601 date or datetime string from a date-like value, or None when unparsable."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    if isinstance(value, datetime):
        return _checked(value.isoformat(), value.year)
    if isinstance(value, date):
        return _checked(value.isoformat(), value.year)
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return _checked(date.fromisoformat(text).isoformat(), int(text[:4]))
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
        return _checked(parsed.isoformat(), parsed.year)
    except ValueError:
        pass
    try:
        parsed = parsedate_to_datetime(text)  # RFC 822 / HTTP / RSS dates
        return _checked(parsed.isoformat(), parsed.year)
    except (TypeError, ValueError, IndexError):
        pass
    match = _ISO_PREFIX.match(text)
    if match:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        return _checked(day.isoformat(), day.year)
    return None


def _checked(iso: str, year: int) -> str | None:
    return iso if MIN_YEAR <= year <= datetime.now().year + 1 else None


def metadata_date(tree: lxml_html.HtmlElement) -> str | None:
    """The page's publication date from ``<meta>`` tags or JSON-LD ``datePublished``."""
    best: tuple[int, str] | None = None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        rank = _META_RANK.get(key.strip())
        if rank is None or (best is not None and rank >= best[0]):
            continue
        value = normalize_date(meta.get("content") or meta.get("datetime"))
        if value:
            best = (rank, value)
    if best is not None:
        return best[1]
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        value = _json_ld_date(script.text_content())
        if value:
            return value
    return None


def _json_ld_date(raw: str) -> str | None:
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            value = normalize_date(item.get("datePublished"))
            if value:
                return value
            stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None
