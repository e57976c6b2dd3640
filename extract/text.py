"""Typography, in two steps.

`repair` runs once in the reader and may change the length: it fixes mojibake (ftfy), turns CRLF
and CR into LF and drops invisible characters. Its output is the analysed text: evidence offsets
index it, and `pressfacts extract --show-text` prints it.

`normalize` runs in the pipeline and maps one character to one (curly quotes to straight, dashes
to "-", odd spaces to " "), so offsets into the normalised text ARE offsets into the analysed text.
"""

from __future__ import annotations

import json
import re
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


# Text made only of these characters has nothing for ftfy to fix, and most articles are: mojibake
# needs a lead character (a letter of U+00C0-U+00FF, or MacRoman's "¬", "√" ...), and line breaks,
# C1 controls, ligatures, wide forms and combining marks are all outside the set. ftfy costs about
# as much as tokenizing, so the common case skips it.
_NOTHING_TO_FIX = re.compile(
    "[\t\n\x20-\x7e\u00a0\u00a9\u00ae\u00b0\u00b1\u00b2\u00b3\u00b5\u00b7\u00b9\u00d7"
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2070-\u209f\u2122\u2212\u2264\u2265"
    "\u25a0-\u25ff]*"
)


def repair(text: str) -> str:
    """The text to analyse: mojibake fixed, LF line endings, no invisible characters."""
    fixed = text if _NOTHING_TO_FIX.fullmatch(text) else ftfy.fix_text(text, _FTFY)
    return fixed.translate(_removals())
