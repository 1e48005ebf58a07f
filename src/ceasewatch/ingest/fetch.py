"""Fetch a URL safely: timeout, size cap, bounded redirects, no private addresses by default."""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..config import Config
from .errors import SkipInput

LOGGER = logging.getLogger(__name__)

USER_AGENT = "ceasewatch/0.1 (+news ingest)"
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class Fetched:
    url: str  # final URL after redirects
    content: bytes
    content_type: str  # media type, lower case, without parameters
    charset: str | None = None


def is_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in ("http", "https")


def check_address(url: str, config: Config) -> None:
    """Refuse URLs whose host resolves to a private, loopback, link-local or reserved address."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SkipInput("fetch_error", f"not an http(s) URL: {url}")
    if config.allow_private:
        return
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise SkipInput("fetch_error", f"cannot resolve {parts.hostname}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise SkipInput(
                "address_refused",
                f"{parts.hostname} resolves to non-public address {address}",
            )


def fetch_url(url: str, config: Config, client: httpx.Client | None = None) -> Fetched:
    """GET a URL within the configured limits; raise ``SkipInput`` on any failure.

    Redirects are followed by hand so that every target is checked against the address
    policy, and the body is streamed so that the size cap stops the download early.
    """
    own_client = client is None
    http = client or httpx.Client(
        timeout=config.http_timeout,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
    )
    try:
        current = url
        for _ in range(config.max_redirects + 1):
            check_address(current, config)
            with http.stream("GET", current) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise SkipInput(
                        "http_status", f"HTTP {response.status_code} {response.reason_phrase}"
                    )
                return _read_body(response, current, config)
        raise SkipInput("fetch_error", f"more than {config.max_redirects} redirects")
    except httpx.HTTPError as exc:
        raise SkipInput("fetch_error", f"{type(exc).__name__}: {exc}") from None
    finally:
        if own_client:
            http.close()


def _read_body(response: httpx.Response, url: str, config: Config) -> Fetched:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > config.max_bytes:
        raise SkipInput("too_large", f"{declared} bytes > {config.max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > config.max_bytes:
            raise SkipInput("too_large", f"more than {config.max_bytes} bytes")
        chunks.append(chunk)
    content_type = response.headers.get("content-type", "")
    media_type, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    return Fetched(
        url=url,
        content=b"".join(chunks),
        content_type=media_type.strip().lower(),
        charset=charset,
    )
