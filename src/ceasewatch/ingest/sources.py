"""``read_inputs``: paths, directories and URLs to a stream of Documents and Skips.

Every input unit gives exactly one result: a file, a URL, a JSONL line, a CSV row, a feed
entry or a WARC content record. A container that holds no unit at all (an empty JSONL file,
a feed without entries) gives one ``empty`` Skip, so no input disappears silently.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

from ..config import Config
from ..model import Document, Skip
from .content import fetch_text, page_from_text, sniff_kind
from .decode import decode_bytes
from .document import build_document, run_unit
from .errors import SkipInput
from .feeds import read_feed
from .fetch import USER_AGENT, is_url
from .records import read_csv, read_jsonl
from .warc import read_warc

LOGGER = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def read_inputs(inputs: Sequence[str], config: Config) -> Iterator[Document | Skip]:
    """Documents and Skips from each input string, in order (directories sorted by path)."""
    with httpx.Client(
        timeout=config.http_timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}
    ) as client:
        for item in inputs:
            if is_url(item):
                yield from read_url(item, config, client)
                continue
            path = Path(item).expanduser()
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
                if not files:
                    yield Skip(str(path), "empty", "directory holds no files")
                for file in files:
                    yield from read_path(file, config, client)
            else:
                yield from read_path(path, config, client)


def read_url(
    url: str, config: Config, client: httpx.Client | None = None
) -> Iterator[Document | Skip]:
    """One result for a page URL; one per entry when the URL serves a feed."""
    try:
        fetched, text, kind = fetch_text(url, config, client)
    except SkipInput as skip:
        yield Skip(url, skip.reason, skip.detail)
        return
    except Exception as exc:
        LOGGER.warning("error fetching %s", url, exc_info=True)
        yield Skip(url, "error", repr(exc), failed=True)
        return
    if kind == "feed":
        yield from _counted(read_feed(text, url, config, client, base_url=fetched.url), url)
        return

    def page_document() -> Document:
        page = page_from_text(text, kind, fetched.url)
        return build_document(
            page.text,
            origin=url,
            config=config,
            title=page.title,
            published=page.published,
            source=page.source,
            url=fetched.url,
            author=page.author,
        )

    yield run_unit(url, page_document)


def read_path(
    path: Path, config: Config, client: httpx.Client | None = None
) -> Iterator[Document | Skip]:
    """Results from one file, by its suffix (tables, WARC) or its content (feed, HTML, text)."""
    origin = str(path)
    try:
        if not path.is_file():
            raise SkipInput("not_found", "no such file or directory")
        name = path.name.lower()
        if name.endswith(JSONL_SUFFIXES):
            yield from _counted(read_jsonl(path, config, client), origin)
        elif name.endswith(CSV_SUFFIXES):
            yield from _counted(read_csv(path, config, client), origin)
        elif name.endswith(WARC_SUFFIXES) or _starts_with(path, b"WARC/"):
            yield from _counted(read_warc(path, config), origin)
        else:
            yield from _read_page_file(path, config, client)
    except SkipInput as skip:
        yield Skip(origin, skip.reason, skip.detail)
    except OSError as exc:
        yield Skip(origin, "not_found", f"cannot read: {exc.strerror or exc}")


def _read_page_file(
    path: Path, config: Config, client: httpx.Client | None
) -> Iterator[Document | Skip]:
    origin = str(path)
    size = path.stat().st_size
    if size == 0:
        raise SkipInput("empty", "file is empty")
    if size > config.max_bytes:
        raise SkipInput("too_large", f"{size} bytes > {config.max_bytes}")
    data = path.read_bytes()

    media_type = "text/html" if path.suffix.lower() in (".html", ".htm", ".xhtml") else None
    try:
        text = decode_bytes(data)
    except SkipInput as skip:
        yield Skip(origin, skip.reason, skip.detail)
        return
    kind = sniff_kind(text, media_type)
    if kind == "feed":
        yield from _counted(read_feed(text, origin, config, client), origin)
        return

    def page_document() -> Document:
        page = page_from_text(text, kind)
        return build_document(
            page.text,
            origin=origin,
            config=config,
            title=page.title,
            published=page.published,
            source=page.source,
            url=None,
            author=page.author,
        )

    yield run_unit(origin, page_document)


def _counted(results: Iterator[Document | Skip], origin: str) -> Iterator[Document | Skip]:
    """Pass results through; one ``empty`` Skip when a container yielded none."""
    count = 0
    try:
        for result in results:
            count += 1
            yield result
    except SkipInput as skip:
        count += 1
        yield Skip(origin, skip.reason, skip.detail)
    except Exception as exc:
        count += 1
        LOGGER.warning("error reading %s", origin, exc_info=True)
        yield Skip(origin, "error", repr(exc), failed=True)
    if count == 0:
        yield Skip(origin, "empty", "no records")


def _starts_with(path: Path, prefix: bytes) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(prefix)) == prefix


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
