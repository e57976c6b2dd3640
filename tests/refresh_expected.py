"""Rewrite samples/expected/NAME.json from the extractor's current output.

Run after an intended change to the extraction, then read the diff before committing:
    python tests/refresh_expected.py && git diff samples/expected
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import EXPECTED, ROOT, sample_articles

from pressfacts.api import extract_path


def main() -> None:
    EXPECTED.mkdir(exist_ok=True)
    for article in sample_articles():
        result = extract_path(article.relative_to(ROOT) if article.is_relative_to(ROOT) else article)
        (EXPECTED / f"{article.stem}.json").write_text(result.to_json(), encoding="utf-8")
        print(f"{article.stem}: {len(result.facts)} facts, {len(result.quotes)} quotes")


if __name__ == "__main__":
    main()
