"""Regexes that skip the work they can prove useless.

Python's `re` tries a pattern at every character of the text. Two cheap tests rule out most
sentences and most positions before that:

- Required literals. `\\b(?:fell|rose) by {NUMBER}` cannot match a text that holds neither "fell"
  nor "rose" (RE2 and Hyperscan prefilter the same way). The literals are read from the pattern's
  parse tree, so they hold for any pattern a pattern file may bring; the test is a substring search
  in the lower-cased text, which runs in C.
- Number-first patterns. A pattern that opens with a number (behind `\\b`, or a lookbehind that
  refuses a word character before it) is tried only where a number starts; those places are found
  once per text and shared by every such pattern.

Both only skip texts and places where the pattern cannot match, so every search finds what the plain
regex finds (tests/test_fastregex.py checks it for every pattern over every sentence of the samples).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from pressfacts.alternation import words_alternation
from pressfacts.numbers import WORD_NUMBER

try:
    from re import _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

# Literals: a set of lower-case strings of which every match contains one; None: nothing is required.
Literals = frozenset[str] | None

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)}
_ATOMIC = getattr(sre_parse, "ATOMIC_GROUP", None)
# The only non-ASCII characters that `re.IGNORECASE` matches to ASCII letters.
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
# A text this short is searched as fast as it is checked.
_MIN_CHECKED_LENGTH = 40
# Up to this many literals are looked for one by one; more, with one regex of them all.
_FEW_LITERALS = 6

# A pattern that opens with a number behind `\b` or behind a lookbehind refusing a word character
# (and maybe a lookahead), as pattern files write it.
OPENS_WITH_NUMBER = re.compile(r"(?:\\b|\(\?<!\[\\w[^\]]*\]\))(?:\(\?=[^()]*\))?\(\?P<\w+>\{NUMBER\}")
DIGIT = re.compile(r"\d")
# Where a number may start: a digit or a number word at the start of a word.
NUMBER_START = re.compile(rf"\b(?:\d|(?i:{WORD_NUMBER}))")


def required_literals(pattern: str, flags: int = 0) -> Literals:
    """Lower-case strings of which every match of `pattern` holds at least one, or None."""
    return _sequence(list(sre_parse.parse(pattern, flags)))


def _sequence(items: list[tuple[Any, Any]]) -> Literals:
    """Every item of a sequence must match, so each one's literals would do: keep the most selective."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, argument in items:
        if op is sre_parse.LITERAL and argument < 128:
            run.append(chr(argument).lower())
            continue
        if run:
            candidates.append(frozenset(["".join(run)]))
            run = []
        found = _item(op, argument)
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset(["".join(run)]))
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _item(op: Any, argument: Any) -> Literals:
    if op is sre_parse.SUBPATTERN:
        return _sequence(list(argument[-1]))
    if op is sre_parse.BRANCH:
        branches = [_sequence(list(branch)) for branch in argument[1]]
        return None if any(b is None for b in branches) else frozenset().union(*branches)
    if op in _REPEATS:
        return _sequence(list(argument[2])) if argument[0] >= 1 else None
    if op is _ATOMIC:
        return _sequence(list(argument))
    if op is sre_parse.ASSERT:  # what a lookahead or lookbehind sees is in the text too
        return _sequence(list(argument[1]))
    return None


@lru_cache(maxsize=32)
def folded(text: str) -> str:
    """`text` lower-cased as `re.IGNORECASE` compares it with ASCII literals."""
    lower = text.lower()
    if lower.isascii() or not any(char in text for char in "\u0130\u0131\u017f\u212a"):
        return lower
    return text.translate(_ASCII_FOLDS).lower()


@lru_cache(maxsize=512)
def holds_any(literals: frozenset[str], text: str) -> bool:
    """Whether `text` holds one of `literals`; patterns that share their literals share the answer."""
    text = folded(text)
    if len(literals) <= _FEW_LITERALS:
        return any(literal in text for literal in literals)
    return _literals_regex(literals).search(text) is not None


@cache
def _literals_regex(literals: frozenset[str]) -> re.Pattern[str]:
    return re.compile(words_alternation(sorted(literals)))


@lru_cache(maxsize=32)
def number_starts(text: str) -> list[int]:
    """Where numbers may start in `text`: found once per text, shared by every number-first pattern."""
    return [match.start() for match in NUMBER_START.finditer(text)]


def has_number(text: str) -> bool:
    """Whether `text` holds a number: a digit anywhere, or a number word (shares `number_starts`)."""
    return bool(number_starts(text)) or DIGIT.search(text) is not None


class FastRegex:
    """A compiled regex with its required literals and whether it opens with a number; `finditer` and
    `search` skip what cannot match, anything else goes to the regex itself."""

    def __init__(self, regex: re.Pattern[str], literals: Literals, number_first: bool) -> None:
        self.regex = regex
        self.literals = literals
        self.number_first = number_first

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer`: non-overlapping matches, left to right."""
        end = len(text) if endpos is None else endpos
        if self._ruled_out(text):
            return iter(())
        if self._at_numbers_only(text):
            return self._at_numbers(text, pos, end)
        return self.regex.finditer(text, pos, end)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if self._ruled_out(text):
            return None
        if self._at_numbers_only(text):
            return next(self._at_numbers(text, pos, end), None)
        return self.regex.search(text, pos, end)

    def _ruled_out(self, text: str) -> bool:
        """The text lacks every literal the pattern needs (a short text is searched as fast as checked)."""
        return (
            len(text) >= _MIN_CHECKED_LENGTH
            and self.literals is not None
            and not holds_any(self.literals, text)
        )

    def _at_numbers_only(self, text: str) -> bool:
        return self.number_first and len(text) >= _MIN_CHECKED_LENGTH

    def _at_numbers(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        starts = number_starts(text)
        reached = pos
        for start in starts[bisect_left(starts, pos) :]:
            if start >= endpos:
                break
            if start >= reached and (match := self.regex.match(text, start, endpos)):
                yield match
                reached = max(match.end(), start + 1)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)  # match, fullmatch, sub, pattern ...


def fast_regex(pattern: str, flags: int, number_first: bool) -> re.Pattern[str] | FastRegex:
    """`pattern` compiled; a FastRegex when it has literals to require or opens with a number."""
    compiled = re.compile(pattern, flags)
    literals = required_literals(pattern, flags)
    if literals is None and not number_first:
        return compiled
    return FastRegex(compiled, literals, number_first)
