"""WARC and WARC.gz archives: every ``response`` or ``resource`` record is one unit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..config import Config
from ..model import Document, Skip
from .content import check_media_type, page_from_text, sniff_kind
from .dates import normalize_date
from .decode import decode_bytes
from .document import build_document, run_unit
from .errors import SkipInput

CONTENT_RECORDS = ("response", "resource")


def read_warc(path: Path, config: Config) -> Iterator[Document | Skip]:
    """One result per content record (origin ``path#record-N``, N counts all records from 1).

    Request, metadata and warcinfo records carry no page and are not units.
    """
    with path.open("rb") as stream:
        number = 0
        try:
            for record in ArchiveIterator(stream):
                number += 1
                if record.rec_type not in CONTENT_RECORDS:
                    continue
                origin = f"{path}#record-{number}"
                yield run_unit(origin, record_document, record, origin, config)
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            yield Skip(f"{path}#record-{number + 1}", "bad_record", f"unreadable WARC: {exc}")


def record_document(record: Any, origin: str, config: Config) -> Document:
    """Article text of one record; the page's own metadata date wins over ``WARC-Date``."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    warc_date = normalize_date(record.rec_headers.get_header("WARC-Date"))
    content_type = record.rec_headers.get_header("Content-Type") or ""
    if record.rec_type == "response" and record.http_headers is not None:
        status = int(record.http_headers.get_statuscode() or 0)
        if status >= 300:
            raise SkipInput("http_status", f"archived response has HTTP {status}")
        content_type = record.http_headers.get_header("Content-Type") or ""
    media_type, _, params = content_type.partition(";")
    charset = params.partition("charset=")[2].strip(" \"'") or None
    body = record.content_stream().read(config.max_bytes + 1)
    if len(body) > config.max_bytes:
        raise SkipInput("too_large", f"record body over {config.max_bytes} bytes")
    text = decode_bytes(body, charset)
    check_media_type(media_type)
    kind = sniff_kind(text, media_type.strip().lower())
    if kind == "feed":
        raise SkipInput("no_text", "archived feed, not an article")
    page = page_from_text(text, kind, url)
    return build_document(
        page.text,
        origin=origin,
        config=config,
        title=page.title,
        published=page.published or warc_date,
        source=page.source,
        url=url,
        author=page.author,
    )
