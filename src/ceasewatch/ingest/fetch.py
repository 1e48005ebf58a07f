"""Fetch a URL safely: total deadline, size cap, bounded redirects, no private addresses by default.

The host of every hop is resolved once (``resolve_host``); the addresses are checked against
the policy and the connection is then made to those same addresses, so a DNS-rebinding host
cannot pass the check and be reached at a second, different address. The Host header, TLS SNI
and certificate verification still use the host name from the URL.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
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


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses of ``host`` in resolver order (the single DNS lookup of a hop)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_address(url: str, config: Config) -> tuple[str, ...]:
    """The addresses to connect to for ``url``, after the address policy.

    Refuses URLs whose host resolves to a private, loopback, link-local or reserved address
    (unless ``config.allow_private``). The host is resolved exactly once.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SkipInput("fetch_error", f"not an http(s) URL: {url}")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise SkipInput("fetch_error", f"bad port in {url}: {exc}") from None
    if _ip_literal(host) is not None:
        addresses = [host]
    else:
        try:
            addresses = resolve_host(host, port)
        except (OSError, UnicodeError) as exc:
            raise SkipInput("fetch_error", f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise SkipInput("fetch_error", f"cannot resolve {host}: no addresses")
    if not config.allow_private:
        for value in addresses:
            address = _ip_literal(value)
            if address is None:
                raise SkipInput("fetch_error", f"{host} resolves to a non-IP address {value!r}")
            if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
                address = address.ipv4_mapped
            if not address.is_global or address.is_multicast:
                raise SkipInput(
                    "address_refused", f"{host} resolves to non-public address {address}"
                )
    return tuple(addresses)


def _ip_literal(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.split("%", 1)[0])
    except ValueError:
        return None


def fetch_url(url: str, config: Config, client: httpx.Client | None = None) -> Fetched:
    """GET a URL within the configured limits; raise ``SkipInput`` on any failure.

    ``config.http_timeout`` is a deadline for the whole fetch (all redirect hops and the
    body). Redirects are followed by hand so that every target is checked against the address
    policy, and each hop connects only to the addresses its check approved. The body is
    streamed so that the size cap stops the download early. Of ``client`` only the headers
    are used: connections always go through a pinned transport.
    """
    deadline = time.monotonic() + config.http_timeout
    headers = client.headers if client is not None else {"User-Agent": USER_AGENT}
    current = url
    try:
        for _ in range(config.max_redirects + 1):
            addresses = check_address(current, config)
            remaining = _remaining(deadline, config)
            transport = _PinnedTransport(addresses, deadline)
            with (
                httpx.Client(
                    transport=transport, headers=headers, timeout=remaining, follow_redirects=False
                ) as http,
                http.stream("GET", current) as response,
            ):
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise SkipInput(
                        "http_status", f"HTTP {response.status_code} {response.reason_phrase}"
                    )
                return _read_body(response, current, config, deadline)
        raise SkipInput("fetch_error", f"more than {config.max_redirects} redirects")
    except httpx.HTTPError as exc:
        if time.monotonic() >= deadline:
            raise _deadline_skip(config) from None
        raise SkipInput("fetch_error", f"{type(exc).__name__}: {exc}") from None


def _remaining(deadline: float, config: Config) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _deadline_skip(config)
    return remaining


def _deadline_skip(config: Config) -> SkipInput:
    return SkipInput("fetch_error", f"deadline of {config.http_timeout:g} s hit before fetch ended")


def _read_body(
    response: httpx.Response, url: str, config: Config, deadline: float | None = None
) -> Fetched:
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
        if deadline is not None:
            _remaining(deadline, config)
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


# --- pinned connections ------------------------------------------------------------------


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """The default verifying context (certificates are checked against the URL's host name)."""
    return httpx.create_ssl_context()


class _PinnedTransport(httpx.HTTPTransport):
    """An httpx transport whose connections go to fixed addresses, within a deadline."""

    def __init__(self, addresses: Sequence[str], deadline: float) -> None:
        context = _ssl_context()
        super().__init__(verify=context)
        # httpx has no public hook for a network backend; swap the (unused) default pool.
        self._pool = httpcore.ConnectionPool(
            ssl_context=context, network_backend=_PinnedBackend(addresses, deadline)
        )


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects to the checked addresses in order, ignoring the host name it is given."""

    def __init__(self, addresses: Sequence[str], deadline: float) -> None:
        self.addresses = tuple(addresses)
        self.deadline = deadline
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        options = list(socket_options or ())
        for address in self.addresses:
            wait = _clamp(timeout, self.deadline, httpcore.ConnectTimeout)
            try:
                stream = self.inner.connect_tcp(address, port, wait, local_address, options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                LOGGER.debug("connect to %s (%s) port %s failed: %s", host, address, port, exc)
                error = exc
                continue
            return _DeadlineStream(stream, self.deadline)
        raise error

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by fetch_url")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    """Caps every socket wait by the time left until the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner = inner
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _clamp(timeout, self.deadline, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _clamp(timeout, self.deadline, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _clamp(timeout, self.deadline, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self.inner.start_tls(ssl_context, server_hostname, wait), self.deadline
        )

    def get_extra_info(self, info: str) -> object:
        return self.inner.get_extra_info(info)


def _clamp(timeout: float | None, deadline: float, error: type[Exception]) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error("fetch deadline hit")
    return remaining if timeout is None else min(timeout, remaining)
