"""`pressfacts schema`: every sample's output validates against it, and it refuses what the model refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from pressfacts.api import extract_path
from pressfacts.cli.app import app
from pressfacts.cli.schema import output_schema

REPO = Path(__file__).resolve().parents[1]
# The samples shipped in samples/; until there are some, the dev corpus beside the repository.
SAMPLE_DIRS = (REPO / "samples", REPO.parent / "shared" / "corpus" / "dev")


def samples() -> list[Path]:
    for folder in SAMPLE_DIRS:
        found = sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".html"))
        if found:
            return found
    return []


VALIDATOR = Draft202012Validator(output_schema())


def test_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(output_schema())


def test_there_are_samples_to_check() -> None:
    assert samples(), f"no samples in {SAMPLE_DIRS}"


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.name)
def test_sample_output_matches_the_schema(sample: Path) -> None:
    output = json.loads(extract_path(sample).to_json())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(output)]
    assert errors == []


def minimal_output(**changes: object) -> dict:
    fact = {
        "id": "f1",
        "type": "cohort_size",
        "cohort": None,
        "value": 12,
        "population": "treated",
        "evidence": {"start": 0, "end": 11, "text": "12 patients"},
    }
    fact.update(changes)
    return {"tool": {"name": "pressfacts", "version": "0"}, "source": {"path": "-"}, "facts": [fact]}


@pytest.mark.parametrize(
    ("changes", "valid"),
    [
        ({}, True),
        ({"population": "randomised"}, False),  # populations are a closed set
        ({"type": "survival"}, False),  # so are fact types
        ({"value": "twelve"}, False),
        ({"confidence": 0.9}, False),  # no undocumented keys
        ({"evidence": {"start": -1, "end": 11, "text": "12 patients"}}, False),
    ],
)
def test_schema_refuses_what_the_model_refuses(changes: dict, valid: bool) -> None:
    assert VALIDATOR.is_valid(minimal_output(**changes)) is valid


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == output_schema()
