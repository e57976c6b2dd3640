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
from collections.abc import Iterable
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


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(map(re.escape, chars)) + "]")


@lru_cache(maxsize=1)
def _invisible() -> re.Pattern[str]:
    return _char_class(_typography()["remove"]["chars"])


def strip_invisible(text: str) -> str:
    """The text without soft hyphens, zero-width spaces and stray BOMs."""
    return _invisible().sub("", text)


@lru_cache(maxsize=1)
def _mapped() -> tuple[re.Pattern[str], dict[str, str]]:
    # One character class of everything mapped: `str.translate` looks up every character of the text,
    # the class finds the few that change (7x faster on an article). Keys longer than one character
    # ("_spaces", ...) document the entries that follow them.
    by_char = {src: dst for src, dst in _typography()["map"].items() if len(src) == 1 and src != dst}
    assert all(len(dst) == 1 for dst in by_char.values()), "typography.json must map one char to one"
    return _char_class(by_char), by_char


def normalize(text: str) -> str:
    """The text with curly quotes, dashes, odd spaces and line endings in plain form; same length."""
    regex, by_char = _mapped()
    return regex.sub(lambda match: by_char[match.group()], text)


# Text like this has nothing for ftfy to fix, and most articles are like this: ASCII, with a few common
# typographic characters, none next to another. Mojibake is two or more non-ASCII characters in a row
# (a UTF-8 sequence read one byte a character); line breaks, C1 controls, ligatures, wide forms and
# combining marks are outside the set. ftfy costs about as much as tokenizing, so this case skips it.
_TYPOGRAPHIC_TEXT = re.compile(
    "[\t\n\x20-\x7e\u00a0\u00a9\u00ae\u00b0\u00b1\u00b2\u00b3\u00b5\u00b7\u00b9\u00d7"
    "\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2070-\u209f\u2122\u2212\u2264\u2265"
    "\u25a0-\u25ff]*"
)
_NON_ASCII_PAIR = re.compile("[^\t\n\x20-\x7e]{2}")


def nothing_to_fix(text: str) -> bool:
    """Whether `text` is such a text: ftfy would leave it as it is."""
    return _TYPOGRAPHIC_TEXT.fullmatch(text) is not None and _NON_ASCII_PAIR.search(text) is None


def repair(text: str) -> str:
    """The text to analyse: mojibake fixed, LF line endings, no invisible characters."""
    fixed = text if nothing_to_fix(text) else ftfy.fix_text(text, _FTFY)
    return strip_invisible(fixed)
