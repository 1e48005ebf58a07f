"""Bytes to text: refuse binary data, honour BOMs and declared charsets, otherwise require UTF-8."""

from __future__ import annotations

import codecs
import re

from .errors import SkipInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13, 27}


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: known file signatures, NUL bytes or many control bytes."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return bool(head) and controls / len(head) > 0.05


def declared_charset(data: bytes, header_charset: str | None = None) -> str | None:
    """The charset declared by the HTTP header, an HTML ``<meta>`` or an XML declaration."""
    candidates = [header_charset]
    head = data[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match:
            candidates.append(match.group(1).decode("ascii"))
    for name in candidates:
        if not name:
            continue
        try:
            return codecs.lookup(name.strip().strip("\"'")).name
        except LookupError:
            continue
    return None


def decode_bytes(data: bytes, header_charset: str | None = None) -> str:
    """Decode input bytes to text; raise ``SkipInput`` (empty, binary, encoding) when not text.

    Order: a byte-order mark wins, then a declared charset, then strict UTF-8. Undeclared
    legacy encodings are refused rather than guessed.
    """
    if not data.strip():
        raise SkipInput("empty", "no content")
    if looks_binary(data):
        raise SkipInput("binary", "not a text file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    charset = declared_charset(data, header_charset)
    if charset:
        try:
            return data.decode("utf-8" if charset == "ascii" else charset, errors="replace")
        except (LookupError, ValueError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SkipInput(
            "encoding", f"not UTF-8 and no charset declared (bad byte at {exc.start})"
        ) from None
