"""Run the web app with uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

import uvicorn

from ceasewatch.serve.app import create_app

log = logging.getLogger(__name__)


def serve(
    db_path: Path, host: str = "127.0.0.1", port: int = 8000, *, tile_url: str | None = None
) -> None:
    """Serve the API and the web UI over ``db_path`` until interrupted."""
    app = create_app(Path(db_path), tile_url=tile_url)
    log.info("serving %s on http://%s:%d/", db_path, host, port)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
