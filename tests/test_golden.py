"""Golden-output regression: every sample's output equals its expected JSON in samples/expected/.

After an intended change, refresh with `python tests/refresh_expected.py` and review the diff.
"""

from __future__ import annotations

import json

import pytest
from conftest import EXPECTED, SAMPLE_ARTICLE, extracted, sample_articles


def comparable(output: dict) -> dict:
    """The output without `source.path`, which depends on where the tests run from."""
    return {**output, "source": {k: v for k, v in output["source"].items() if k != "path"}}


@pytest.mark.parametrize("article", sample_articles(), ids=lambda p: p.stem)
def test_output_matches_expected(article):
    expected_path = EXPECTED / f"{article.stem}.json"
    assert expected_path.exists(), "no expected output: run python tests/refresh_expected.py"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert comparable(extracted(article)) == comparable(expected)


def test_sample_article_has_every_gold_fact_and_nothing_else():
    """Issue 2's bar: the sample article scores strict F1 1.00 on every type."""
    from pressfacts.evaluate import ALL_TYPES, Evaluation, score_article

    gold = json.loads(
        SAMPLE_ARTICLE.with_name(SAMPLE_ARTICLE.stem + ".gold.json").read_text(encoding="utf-8")
    )
    evaluation = Evaluation()
    score_article(SAMPLE_ARTICLE.stem, gold, extracted(SAMPLE_ARTICLE), evaluation)
    assert [m for m in evaluation.misses] == []
    for fact_type in ALL_TYPES:
        counts = evaluation.counts["strict"][fact_type]
        assert counts.fp == 0 and counts.fn == 0, fact_type


def test_same_input_gives_byte_identical_output():
    from pressfacts.api import extract_path

    assert extract_path(SAMPLE_ARTICLE).to_json() == extract_path(SAMPLE_ARTICLE).to_json()
