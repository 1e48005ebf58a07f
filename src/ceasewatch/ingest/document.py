"""The last checks every input unit passes, and the guard that turns one unit into one result."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..config import Config
from ..model import Document, Skip
from .errors import SkipInput
from .language import detect_language, english_score

LOGGER = logging.getLogger(__name__)


def build_document(
    text: str,
    *,
    origin: str,
    config: Config,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    external_id: str | None = None,
) -> Document:
    """A Document with a content-hash id, after the emptiness, length and language checks."""
    text = text.strip()
    if not text:
        raise SkipInput("no_text", "no article text left after cleaning")
    if len(text) < config.min_chars:
        raise SkipInput("too_short", f"{len(text)} characters, fewer than {config.min_chars}")
    language = detect_language(text)
    if language not in config.languages:
        raise SkipInput(
            "unsupported_language",
            f"language {language!r} not in {list(config.languages)} "
            f"(English function-word share {english_score(text):.2f})",
        )
    return Document(
        id=Document.make_id(text),
        text=text,
        title=title or None,
        published=published or config.published,
        source=source or None,
        url=url or None,
        language=language,
        author=author or None,
        external_id=external_id or None,
        origin=origin,
    )


def run_unit(origin: str, make: Callable[..., Document], *args: Any) -> Document | Skip:
    """Exactly one result for one input unit: ``make(*args)``, or a Skip with the reason."""
    try:
        return make(*args)
    except SkipInput as skip:
        LOGGER.info("skip %s: %s (%s)", origin, skip.reason, skip.detail)
        return Skip(origin=origin, reason=skip.reason, detail=skip.detail)
    except Exception as exc:  # one bad unit must not stop the run
        LOGGER.warning("error reading %s", origin, exc_info=True)
        return Skip(origin=origin, reason="error", detail=repr(exc), failed=True)
