from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve.ledger_data import fill_clustered_store, fill_store


@pytest.fixture(scope="session")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A store filled with the hand-built ledger, and its records."""
    db = tmp_path_factory.mktemp("ledger") / "ledger.duckdb"
    return db, fill_store(db)


@pytest.fixture(scope="session")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The ledger with a second report of one strike, repeated sightings and event clusters."""
    db = tmp_path_factory.mktemp("clustered") / "clustered.duckdb"
    return db, fill_clustered_store(db)


class LiveServer:
    """A real uvicorn server on a free loopback port, in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="session")
def server_url(ledger: tuple[Path, dict[str, Any]]) -> Iterator[str]:
    from ceasewatch.serve.app import create_app

    with LiveServer(create_app(ledger[0])) as live:
        yield live.url


@pytest.fixture(scope="session")
def clustered_url(clustered: tuple[Path, dict[str, Any]]) -> Iterator[str]:
    from ceasewatch.serve.app import create_app

    with LiveServer(create_app(clustered[0])) as live:
        yield live.url
