"""Typography read as plain forms, one character for one, so offsets never move."""

from __future__ import annotations

import json
from functools import lru_cache

from pressfacts.patterns import pattern_path


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    mapping = json.loads(pattern_path("typography.json").read_text(encoding="utf-8"))["map"]
    table = {ord(src): dst for src, dst in mapping.items() if src != dst}
    assert all(len(dst) == 1 for dst in table.values()), "typography.json must map one char to one"
    return table


def normalize(text: str) -> str:
    """The text with curly quotes, dashes, odd spaces and line endings in plain form; same length."""
    return text.translate(_table())
