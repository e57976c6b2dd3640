"""Readers: bytes in, the text to analyse out (one `Document`)."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from pressfacts.errors import EXIT_NOT_FOUND, InputError
from pressfacts.model import Source

DEFAULT_MAX_CHARS = 5_000_000


@dataclass(frozen=True)
class Document:
    """The analysed text of one article, and where it came from."""

    text: str
    source: Source


def read_bytes(data: bytes, name: str = "-", max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Decode one article's bytes into the text pressfacts analyses."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    if not text.strip():
        raise InputError(f"{name}: the input is empty")
    if len(text) > max_chars:
        raise InputError(f"{name}: {len(text):,} characters is over --max-chars {max_chars:,}")
    source = Source(path=name, sha256=hashlib.sha256(data).hexdigest(), characters=len(text), format="text")
    return Document(text=text, source=source)


def read_path(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Read one article from a file, or from standard input when `path` is "-"."""
    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(), "-", max_chars)
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file", EXIT_NOT_FOUND)
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file (use `pressfacts batch` for folders)", EXIT_NOT_FOUND)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})", EXIT_NOT_FOUND) from None
    return read_bytes(data, str(path), max_chars)
