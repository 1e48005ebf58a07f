"""Fixtures for the ingest tests: a real HTTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ingest.ingest_samples import LoopbackServer


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    srv = LoopbackServer()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()
