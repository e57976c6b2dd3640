"""Numbers as written in releases: digits, decimals, thousands, word numbers ("Thirteen", "twenty-one")."""

from __future__ import annotations

import json
import re

from pressfacts.alternation import words_alternation
from pressfacts.patterns import pattern_path

_DATA = json.loads(pattern_path("numbers.json").read_text(encoding="utf-8"))
WORDS: dict[str, int] = _DATA["words"]
# Words that only count as numbers in a few fixed phrases ("no patients" is a negation, not a count).
_COUNTING_WORDS = [w for w in WORDS if w not in ("no", "none", "both", *_DATA["tens"])]
# "twenty", "twenty-one": a ten and an optional unit (written out, the 72 compounds make every pattern
# that holds a number much longer to compile).
_TENS = rf"{words_alternation(_DATA['tens'])}(?:-{words_alternation(_DATA['units'])})?"

DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,6}(?:\.\d{1,3})?(?![\d.]\d)"
WORD_NUMBER = rf"(?:{_TENS}|{words_alternation(_COUNTING_WORDS)})\b"
# One number, digits or words; a regex fragment for the family patterns.
NUMBER = rf"(?:{DIGITS}|(?i:{WORD_NUMBER}))"
PERCENT = rf"(?:{DIGITS})\s?(?:%|percent\b|per\s?cent\b)"


def parse_number(text: str) -> float | None:
    """The value of one number as written, or None."""
    text = text.strip().lower().replace(",", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    if text in WORDS:
        return float(WORDS[text])
    if "-" in text:
        tens, _, unit = text.partition("-")
        if tens in WORDS and unit in WORDS:
            return float(WORDS[tens] + WORDS[unit])
    return None


def parse_int(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def parse_percent(text: str) -> float | None:
    match = re.match(r"\s*([\d.,]+)", text)
    return parse_number(match.group(1)) if match else None


def clean_value(value: float) -> float | int:
    """91.0 -> 91, 73.1 stays."""
    return int(value) if value == int(value) else value
