"""pressfacts_abbreviations: "long form (SF)" pairs, found with the Schwartz–Hearst algorithm.

Schwartz & Hearst (2003): a short form in parentheses is matched right to left
against the words before it; every character of the short form must appear in
order, and its first character must begin a word of the long form.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

PARENTHESIS = re.compile(r"\(([^()\n]{1,16})\)")
WORD = re.compile(r"[\w'-]+")


def is_short_form(candidate: str) -> bool:
    return (
        2 <= len(candidate) <= 12
        and len(candidate.split()) <= 2
        and candidate[0].isalnum()
        and any(c.isalpha() for c in candidate)
        and any(c.isupper() for c in candidate)
    )


def best_long_form(short: str, long: str) -> str | None:
    """Schwartz–Hearst's findBestLongForm: the shortest tail of `long` that `short` abbreviates."""
    s, pos = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while pos >= 0 and (long[pos].lower() != char or (s == 0 and pos > 0 and long[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
        s -= 1
    start = long.rfind(" ", 0, pos + 1) + 1
    result = long[start:].strip()
    return result if len(result) > len(short) else None


def find_abbreviations(text: str) -> dict[str, str]:
    """Every "long form (SF)" pair in `text`, short form -> long form (first definition wins)."""
    pairs: dict[str, str] = {}
    for match in PARENTHESIS.finditer(text):
        short = match.group(1).strip()
        # "(SSc-ILD)" and "(SLE; n=8)": keep the part before any separator.
        short = re.split(r"[;,]|\s(?:or|and)\s", short)[0].strip()
        if not is_short_form(short) or short in pairs:
            continue
        words = WORD.findall(text[max(0, match.start() - 120) : match.start()])
        window = words[-min(len(short) + 5, len(short) * 2) :]
        long = best_long_form(short, " ".join(window))
        if long:
            pairs[short] = long
    return pairs


@Language.component("pressfacts_abbreviations")
def abbreviations(doc: Doc) -> Doc:
    doc._.abbreviations = find_abbreviations(doc._.norm)
    return doc
