"""URLs, feeds and table rows fetched from a real HTTP server on loopback."""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpcore
import pytest

from ceasewatch.config import Config
from ceasewatch.ingest import fetch, read_inputs
from ceasewatch.ingest.errors import SkipInput
from ceasewatch.model import Document, Skip
from tests.ingest.ingest_samples import (
    MYKOLAIV_PARAGRAPHS,
    MYKOLAIV_TITLE,
    SUMY_PARAGRAPHS,
    SUMY_TITLE,
    LoopbackServer,
    article_html,
    article_text,
)

LOOPBACK = Config(allow_private=True, http_timeout=5.0)


def read(*inputs: str, config: Config = LOOPBACK) -> list[Document | Skip]:
    return list(read_inputs(list(inputs), config))


def test_html_url(server: LoopbackServer) -> None:
    url = server.add("/sumy", article_html(SUMY_TITLE, SUMY_PARAGRAPHS, published="2025-03-17"))
    (doc,) = read(url)
    assert isinstance(doc, Document)
    assert doc.text == "\n\n".join(SUMY_PARAGRAPHS)
    assert (doc.title, doc.published, doc.url, doc.origin) == (SUMY_TITLE, "2025-03-17", url, url)
    (again,) = read(url)
    assert isinstance(again, Document) and again.id == doc.id


def test_plain_text_url_with_http_charset(server: LoopbackServer) -> None:
    text = article_text(SUMY_TITLE, [p.replace("Sumy", "Sümy") for p in SUMY_PARAGRAPHS])
    url = server.add("/t", text.encode("latin-1"), Content_Type="text/plain; charset=iso-8859-1")
    (doc,) = read(url)
    assert isinstance(doc, Document) and doc.title == SUMY_TITLE and "Sümy" in doc.text


def test_redirects_followed_within_limit(server: LoopbackServer) -> None:
    server.add("/final", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    server.add("/r2", status=302, Location="/final")
    start = server.add("/r1", status=301, Location=server.url("/r2"))
    (doc,) = read(start)
    assert isinstance(doc, Document) and doc.url == server.url("/final")
    (skip,) = read(start, config=Config(allow_private=True, max_redirects=1))
    assert isinstance(skip, Skip) and skip.reason == "fetch_error"
    assert "redirect" in skip.detail


def test_redirect_loop_stops(server: LoopbackServer) -> None:
    url = server.add("/loop", status=302, Location="/loop")
    (skip,) = read(url)
    assert isinstance(skip, Skip) and skip.reason == "fetch_error"


def test_private_addresses_refused_by_default(server: LoopbackServer) -> None:
    url = server.add("/sumy", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    for target in (url, url.replace("127.0.0.1", "localhost")):
        (skip,) = read(target, config=Config())
        assert isinstance(skip, Skip) and skip.reason == "address_refused", skip


def test_redirect_target_is_rechecked(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every hop is checked, so a redirect cannot lead into a refused address."""
    checked: list[str] = []

    def check(url: str, config: Config) -> tuple[str, ...]:
        checked.append(url)
        if "/private" in url:
            raise SkipInput("address_refused", "test: private hop")
        return ("127.0.0.1",)

    monkeypatch.setattr(fetch, "check_address", check)
    server.add("/private", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    start = server.add("/public", status=302, Location="/private")
    (skip,) = read(start)
    assert isinstance(skip, Skip) and skip.reason == "address_refused"
    assert checked == [start, server.url("/private")]


def test_size_cap_on_url(server: LoopbackServer) -> None:
    big = article_html(SUMY_TITLE, SUMY_PARAGRAPHS * 50)
    with_length = server.add("/big", big)
    streamed = server.add("/big-stream", big, send_length=False)
    for url in (with_length, streamed):
        (skip,) = read(url, config=Config(allow_private=True, max_bytes=2000))
        assert isinstance(skip, Skip) and skip.reason == "too_large", skip


def test_http_error_and_unreachable(server: LoopbackServer) -> None:
    (missing,) = read(server.url("/nope"))
    assert isinstance(missing, Skip) and missing.reason == "http_status" and "404" in missing.detail
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    (down,) = read(f"http://127.0.0.1:{closed_port}/x")
    assert isinstance(down, Skip) and down.reason == "fetch_error"


def test_binary_url(server: LoopbackServer) -> None:
    url = server.add("/img", b"\x89PNG\r\n\x1a\n" + bytes(300), Content_Type="image/png")
    (skip,) = read(url)
    assert isinstance(skip, Skip) and skip.reason == "binary"


def rss_feed(server: LoopbackServer) -> str:
    summary = " ".join(MYKOLAIV_PARAGRAPHS)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire: Ukraine</title><link>{server.base}</link>
<description>Test feed</description>
<item><title>Sumy school hit by drones</title><link>{server.url("/sumy")}</link>
<pubDate>Mon, 17 Mar 2025 06:00:00 GMT</pubDate><description>Short teaser.</description></item>
<item><title>Mykolaiv landing craft</title><link>{server.url("/gone")}</link>
<pubDate>Tue, 18 Mar 2025 08:15:00 GMT</pubDate>
<description>&lt;p&gt;{summary}&lt;/p&gt;</description></item>
<item><title>Broken entry</title><link>{server.url("/also-gone")}</link>
<description>Too short to use.</description></item>
</channel></rss>"""


def test_rss_feed_url(server: LoopbackServer) -> None:
    server.add("/sumy", article_html(SUMY_TITLE, SUMY_PARAGRAPHS, published="2025-03-01"))
    feed_url = server.add("/feed.xml", rss_feed(server), Content_Type="application/rss+xml")
    sumy, mykolaiv, broken = read(feed_url)
    assert isinstance(sumy, Document)
    assert sumy.title == "Sumy school hit by drones"  # the entry's title
    assert sumy.published == "2025-03-17T06:00:00+00:00"  # the entry's date
    assert sumy.text == "\n\n".join(SUMY_PARAGRAPHS)
    assert sumy.origin == f"{feed_url}#entry-1" and sumy.url == server.url("/sumy")
    assert isinstance(mykolaiv, Document)  # page missing: the summary is long enough
    assert mykolaiv.text == " ".join(MYKOLAIV_PARAGRAPHS)
    assert isinstance(broken, Skip) and broken.reason == "http_status"
    assert broken.origin == f"{feed_url}#entry-3"


def test_atom_feed_file(server: LoopbackServer, tmp_path: Path) -> None:
    server.add("/myk", article_html(MYKOLAIV_TITLE, MYKOLAIV_PARAGRAPHS))
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:test</id>
<updated>2025-03-19T00:00:00Z</updated>
<entry><title>Navy strikes landing craft</title><id>urn:1</id>
<link href="{server.url("/myk")}"/><published>2025-03-18T07:00:00Z</published>
<updated>2025-03-18T09:00:00Z</updated></entry>
</feed>"""
    path = tmp_path / "feed.atom"
    path.write_text(atom, encoding="utf-8")
    (doc,) = read(str(path))
    assert isinstance(doc, Document)
    assert doc.title == "Navy strikes landing craft"
    assert doc.published == "2025-03-18T07:00:00+00:00"
    assert doc.text == "\n\n".join(MYKOLAIV_PARAGRAPHS)
    assert doc.origin == f"{path}#entry-1"


def test_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    )
    (skip,) = read(str(path))
    assert isinstance(skip, Skip) and skip.reason == "empty"


def test_jsonl_url_column(server: LoopbackServer, tmp_path: Path) -> None:
    url = server.add("/sumy", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    path = tmp_path / "urls.jsonl"
    rows = [{"id": "u1", "url": url, "published": "2025-03-16"}, {"id": "u2", "url": url + "x"}]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    doc, skip = read(str(path))
    assert isinstance(doc, Document)
    assert (doc.external_id, doc.published, doc.url) == ("u1", "2025-03-16", url)
    assert isinstance(skip, Skip) and skip.reason == "http_status" and skip.origin == f"{path}:2"


# --- total deadline ----------------------------------------------------------------------


def test_slow_drip_body_hits_the_total_deadline(server: LoopbackServer) -> None:
    """Each byte arrives well within the per-read timeout; the whole fetch may not exceed it."""
    url = server.add("/drip", b"x" * 40, drip=0.3)  # 12 s of body at this pace
    (skip,) = read(url, config=Config(allow_private=True, http_timeout=1.0))
    assert isinstance(skip, Skip) and skip.reason == "fetch_error", skip
    assert "deadline" in skip.detail
    assert not server.routes["/drip"].finished


def test_slow_drip_headers_hit_the_total_deadline(server: LoopbackServer) -> None:
    url = server.add("/drip-head", b"x" * 10, drip=0.3, drip_head=True)
    (skip,) = read(url, config=Config(allow_private=True, http_timeout=1.0))
    assert isinstance(skip, Skip) and skip.reason == "fetch_error", skip
    assert "deadline" in skip.detail
    assert not server.routes["/drip-head"].finished


def test_deadline_covers_redirect_hops(server: LoopbackServer) -> None:
    server.add("/end", b"y" * 40, drip=0.3)
    start = server.add("/hop", status=302, Location="/end")
    (skip,) = read(start, config=Config(allow_private=True, http_timeout=1.0))
    assert isinstance(skip, Skip) and skip.reason == "fetch_error" and "deadline" in skip.detail


# --- the connection goes to the checked address ---------------------------------------------

PUBLIC_A = "93.184.216.34"
PUBLIC_B = "2001:4860:4860::8888"


class FakeDns:
    """A resolver for ``fetch.resolve_host``: ``names`` maps a host to answers, one per call.

    The last answer repeats, so ``["8.8.8.8", "127.0.0.1"]`` is a rebinding host: public the
    first time it is asked, loopback afterwards.
    """

    def __init__(self, names: dict[str, list[list[str]]]) -> None:
        self.names = names
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        answers = self.names[host]
        count = self.calls.count(host)
        self.calls.append(host)
        return answers[min(count, len(answers) - 1)]


@pytest.fixture
def connects(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[tuple[str, int]]]:
    """Record each TCP connect; connects to the public test addresses reach ``server``."""
    seen: list[tuple[str, int]] = []
    real = httpcore.SyncBackend.connect_tcp

    def connect_tcp(
        self: httpcore.SyncBackend, host: str, port: int, *args: Any, **kwargs: Any
    ) -> httpcore.NetworkStream:
        seen.append((host, port))
        if host in (PUBLIC_A, PUBLIC_B):
            host = "127.0.0.1"
        return real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    yield seen


def test_connection_goes_to_the_checked_address(
    server: LoopbackServer, connects: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebinding name is resolved once per hop; the second (loopback) answer is never used."""
    dns = FakeDns({"wire.example": [[PUBLIC_A], ["127.0.0.1"]]})
    monkeypatch.setattr(fetch, "resolve_host", dns)
    server.add("/sumy", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    url = f"http://wire.example:{server.port}/sumy"
    (doc,) = read(url, config=Config(http_timeout=5.0))
    assert isinstance(doc, Document) and doc.url == url
    assert dns.calls == ["wire.example"]
    assert connects == [(PUBLIC_A, server.port)]


def test_each_redirect_hop_is_pinned_to_its_own_check(
    server: LoopbackServer, connects: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    dns = FakeDns({"a.example": [[PUBLIC_A]], "b.example": [[PUBLIC_B], ["127.0.0.1"]]})
    monkeypatch.setattr(fetch, "resolve_host", dns)
    server.add("/final", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    final = f"http://b.example:{server.port}/final"
    start = server.add("/start", status=302, Location=final)
    (doc,) = read(start.replace("127.0.0.1", "a.example"), config=Config(http_timeout=5.0))
    assert isinstance(doc, Document) and doc.url == final
    assert dns.calls == ["a.example", "b.example"]
    assert connects == [(PUBLIC_A, server.port), (PUBLIC_B, server.port)]  # IPv6 pinned


def test_rebinding_to_loopback_is_refused_when_checked(
    server: LoopbackServer, connects: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    dns = FakeDns({"wire.example": [["127.0.0.1"]]})
    monkeypatch.setattr(fetch, "resolve_host", dns)
    server.add("/sumy", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    (skip,) = read(f"http://wire.example:{server.port}/sumy", config=Config())
    assert isinstance(skip, Skip) and skip.reason == "address_refused"
    assert connects == []


def test_allowed_private_name_reaches_loopback_by_its_checked_address(
    server: LoopbackServer, connects: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``::1`` is tried first (nothing listens there), then the IPv4 loopback answers."""
    dns = FakeDns({"local.test": [["::1", "127.0.0.1"]]})
    monkeypatch.setattr(fetch, "resolve_host", dns)
    server.add("/sumy", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    url = f"http://local.test:{server.port}/sumy"
    (doc,) = read(url)
    assert isinstance(doc, Document) and doc.title == SUMY_TITLE
    assert dns.calls == ["local.test"]
    assert [host for host, _ in connects] == ["::1", "127.0.0.1"]


def test_ipv6_literal_and_name(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        v6 = LoopbackServer(host="::1").start()
    except OSError:
        pytest.skip("no IPv6 loopback")
    try:
        url = v6.add("/myk", article_html(MYKOLAIV_TITLE, MYKOLAIV_PARAGRAPHS))
        assert url.startswith("http://[::1]:")
        (doc,) = read(url)
        assert isinstance(doc, Document) and doc.title == MYKOLAIV_TITLE
        monkeypatch.setattr(fetch, "resolve_host", FakeDns({"six.test": [["::1"]]}))
        (named,) = read(f"http://six.test:{v6.port}/myk")
        assert isinstance(named, Document) and named.title == MYKOLAIV_TITLE
    finally:
        v6.stop()


# --- TLS: SNI and certificate checks use the host name, not the pinned address -------------


@pytest.fixture
def tls_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackServer]:
    """An HTTPS loopback server whose self-signed certificate names only ``pinned.test``."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-subj", "/CN=pinned.test", "-addext", "subjectAltName=DNS:pinned.test"]
            + ["-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("openssl cannot make a test certificate")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    client_context = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(fetch, "_ssl_context", lambda: client_context)
    names = {"pinned.test": [["127.0.0.1"]], "other.test": [["127.0.0.1"]]}
    monkeypatch.setattr(fetch, "resolve_host", FakeDns(names))
    srv = LoopbackServer(tls=server_context).start()
    try:
        yield srv
    finally:
        srv.stop()


def test_https_uses_host_name_for_sni_and_certificate(tls_server: LoopbackServer) -> None:
    tls_server.add("/sumy", article_html(SUMY_TITLE, SUMY_PARAGRAPHS))
    (doc,) = read(f"https://pinned.test:{tls_server.port}/sumy")
    assert isinstance(doc, Document) and doc.title == SUMY_TITLE
    assert tls_server.sni_names == ["pinned.test"]
    (wrong,) = read(f"https://other.test:{tls_server.port}/sumy")  # same address, wrong name
    assert isinstance(wrong, Skip) and wrong.reason == "fetch_error"
    assert "certificate" in wrong.detail.lower()
