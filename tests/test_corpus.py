"""The generalisation bar (issue 3): the samples with gold files, scored as facts.md says.

The hidden set judges generalisation; these floors keep a change that breaks it from landing.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLES, extracted

from pressfacts.evaluate import evaluate

FLOORS = {  # strict F1 per type
    "cohort_size": 0.85,
    "response_rate": 0.85,
    "safety_event": 0.85,
    "quote": 0.85,
    "endpoint_change": 0.80,
}


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(SAMPLES, extracted)


def test_every_sample_is_read(evaluation):
    assert evaluation.articles >= 31
    assert evaluation.failed == []


def test_strict_core_f1_and_precision(evaluation):
    core = evaluation.total("strict")
    assert core.f1 >= 0.90, f"strict core F1 {core.f1:.3f}"
    assert core.precision >= 0.93, f"strict core precision {core.precision:.3f}"


@pytest.mark.parametrize("fact_type", sorted(FLOORS))
def test_strict_f1_per_type(evaluation, fact_type):
    counts = evaluation.total("strict", [fact_type])
    assert counts.f1 >= FLOORS[fact_type], f"{fact_type}: strict F1 {counts.f1:.3f}"


def test_every_fact_has_evidence_inside_the_text():
    from conftest import sample_articles

    for article in sample_articles():
        output = extracted(article)
        length = output["source"]["characters"]
        for item in output["facts"] + output["quotes"]:
            start, end = item["evidence"]["start"], item["evidence"]["end"]
            assert 0 <= start < end <= length, (article.name, item)


def test_second_set_in_other_styles():
    """samples/heldout/: ten articles in styles the dev set lacks (two with no trial in them), written
    with their gold files by someone who had not seen the code; a floor for generalisation."""
    evaluation = evaluate(SAMPLES / "heldout", extracted)
    assert evaluation.articles == 10 and evaluation.failed == []
    core = evaluation.total("strict")
    assert core.f1 >= 0.90, f"strict core F1 {core.f1:.3f}"
    assert core.precision >= 0.90, f"strict core precision {core.precision:.3f}"


def test_third_set_in_yet_other_styles():
    """samples/heldout2/: eight more articles (trade news, an HKEX announcement, an abstract digest, a
    quarterly report, a hospital release, a randomized bispecific, layoffs news with no trial, a release
    with a table), written blind like the second set; first read at strict core F1 0.573, a floor now."""
    evaluation = evaluate(SAMPLES / "heldout2", extracted)
    assert evaluation.articles == 8 and evaluation.failed == []
    core = evaluation.total("strict")
    assert core.f1 >= 0.82, f"strict core F1 {core.f1:.3f}"
    assert core.precision >= 0.82, f"strict core precision {core.precision:.3f}"
