"""The Python API: `pressfacts.extract(text)` and friends return the output model."""

from __future__ import annotations

import pytest

import pressfacts
from pressfacts.api import extract, extract_path
from pressfacts.errors import EXIT_BAD_INPUT, EXIT_USAGE, InputError
from pressfacts.model import Result, Source
from pressfacts.pipeline import load_pipeline

ARTICLE = """Acme Reports Phase 1 Data for ACM-101 in Lupus

BOSTON, May 1, 2025 -- Acme Bio today announced results from its Phase 1 trial of ACM-101.

Twelve patients were treated. Ten of 11 evaluable patients (91%) achieved a complete response.
No grade 3 or higher cytokine release syndrome (CRS) was observed.

"These results are encouraging," said Jane Roe, M.D., Chief Medical Officer of Acme Bio.
"""


def test_extract_returns_the_output_model() -> None:
    result = pressfacts.extract(ARTICLE)
    assert isinstance(result, Result)
    assert result.source == Source(path="-", characters=len(ARTICLE))


def test_extract_keeps_the_given_source() -> None:
    source = Source(path="release.txt", characters=len(ARTICLE))
    assert extract(ARTICLE, source=source).source == source


def test_extract_is_deterministic() -> None:
    assert extract(ARTICLE).to_json() == extract(ARTICLE).to_json()


def test_evidence_points_into_the_text() -> None:
    result = extract(ARTICLE)
    for item in [*result.facts, *result.quotes]:
        assert ARTICLE[item.evidence.start : item.evidence.end] == item.evidence.text


def test_extract_path_reads_the_file(tmp_path) -> None:
    path = tmp_path / "release.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = extract_path(path)
    assert result.source.path == str(path)
    assert result.facts == extract(ARTICLE).facts


@pytest.mark.parametrize("model", ["no_such_pipeline", "/no/such/folder"])
def test_an_unknown_model_is_a_usage_error(model: str) -> None:
    with pytest.raises(InputError, match="no such spaCy pipeline") as caught:
        extract(ARTICLE, model=model)
    assert caught.value.exit_code == EXIT_USAGE


def test_text_longer_than_the_pipeline_takes_is_an_input_error() -> None:
    too_long = "x" * (load_pipeline().max_length + 1)
    with pytest.raises(InputError, match="max_length") as caught:
        extract(too_long)
    assert caught.value.exit_code == EXIT_BAD_INPUT
