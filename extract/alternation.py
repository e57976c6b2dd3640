"""Word lists as regex alternations that are fast to search.

Python's `re` tries every alternative of `a|b|c` at every position of the text, so a list of
200 words costs 200 tries per character. Shared prefixes folded into a trie ("lupus(?:
nephritis)?") leave one try per distinct first letter, and match the same words: at each
branch the longer word is tried first, as with a longest-first alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def words_alternation(words: Iterable[str], space: str = r"\ ") -> str:
    """A non-capturing regex matching any of `words` (longest first); a space in a word becomes `space`."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(trie, space) or "(?!)"


def _emit(node: dict[str, dict], space: str) -> str:
    branches = [
        (space if char == " " else re.escape(char)) + _emit(child, space)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body
