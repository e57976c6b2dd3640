"""Patterns and vocabularies as data. Each component loads its file from here by default;
a user can point a component's `patterns_path` config at a file of their own."""

from __future__ import annotations

from pathlib import Path

PATTERNS_DIR = Path(__file__).resolve().parent


def pattern_path(name: str) -> Path:
    """The path of a pattern file shipped with pressfacts."""
    return PATTERNS_DIR / name
