"""Typography, in two steps.

`repair` runs once in the reader and may change the length: it fixes mojibake (ftfy), turns CRLF
and CR into LF and drops invisible characters. Its output is the analysed text: evidence offsets
index it, and `pressfacts extract --show-text` prints it.

`normalize` runs in the pipeline and maps one character to one (curly quotes to straight, dashes
to "-", odd spaces to " "), so offsets into the normalised text ARE offsets into the analysed text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import ftfy

from pressfacts.patterns import pattern_path

# ftfy fixes encoding mistakes only; the typography it would also change (curly quotes) stays as
# the user wrote it, and HTML entities were already decoded by the HTML reader (or are literal).
_FTFY = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, explain=False)


@lru_cache(maxsize=1)
def _typography() -> dict[str, Any]:
    return json.loads(pattern_path("typography.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    # Keys longer than one character ("_spaces", ...) document the entries that follow them.
    mapping = {src: dst for src, dst in _typography()["map"].items() if len(src) == 1}
    table = {ord(src): dst for src, dst in mapping.items() if src != dst}
    assert all(len(dst) == 1 for dst in table.values()), "typography.json must map one char to one"
    return table


@lru_cache(maxsize=1)
def _removals() -> dict[int, None]:
    return dict.fromkeys(ord(char) for char in _typography()["remove"]["chars"])


def normalize(text: str) -> str:
    """The text with curly quotes, dashes, odd spaces and line endings in plain form; same length."""
    return text.translate(_table())


def repair(text: str) -> str:
    """The text to analyse: mojibake fixed, LF line endings, no invisible characters."""
    return ftfy.fix_text(text, _FTFY).translate(_removals())
