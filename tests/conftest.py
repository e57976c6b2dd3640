"""Shared test helpers: the samples folder and a cached extractor run per sample."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = SAMPLES / "expected"
SAMPLE_ARTICLE = SAMPLES / "medpath-bms-breakfree1.txt"


def sample_articles() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))


@cache
def extracted(path: Path) -> dict:
    """The extractor's output for one sample, as JSON data (run once per test session)."""
    from pressfacts.api import extract_path

    return json.loads(extract_path(path).to_json())


@pytest.fixture(scope="session")
def sample_article() -> Path:
    return SAMPLE_ARTICLE


# A line that makes any snippet a trial report: articles with no trial in them report nothing.
TRIAL_CONTEXT = "Results of the phase 1 trial of a CAR T-cell therapy were presented.\n\n"


def extract_trial(text: str):
    """Extract from a snippet as if it stood in a trial report."""
    from pressfacts import extract

    return extract(TRIAL_CONTEXT + text)
