"""Output formats: json, jsonl, csv (a row per fact and quote) and the terminal table."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from pressfacts.cli.app import app
from pressfacts.formats import CSV_COLUMNS, FORMATS, csv_cell, render, summary
from pressfacts.model import Result

ARTICLE = "trial.txt"


def evidence(text: str, start: int = 0) -> dict:
    return {"start": start, "end": start + len(text), "text": text}


RESULT = Result.model_validate(
    {
        "tool": {"version": "0"},
        "source": {"path": ARTICLE},
        "facts": [
            {
                "id": "f1",
                "type": "cohort_size",
                "cohort": "SLE",
                "value": 12,
                "population": "treated",
                "evidence": evidence("12 patients were treated"),
            },
            {
                "id": "f2",
                "type": "response_rate",
                "cohort": None,
                "measure": "ORR",
                "value": 91.0,
                "count": 10,
                "denominator": 11,
                "evidence": evidence("91% (10/11)"),
            },
            {
                "id": "f3",
                "type": "safety_event",
                "cohort": None,
                "event": "CRS",
                "grade": ">=3",
                "count": 0,
                "negated": True,
                "evidence": evidence("no grade 3 or higher CRS"),
            },
            {
                "id": "f4",
                "type": "endpoint_change",
                "cohort": None,
                "measure": "mRSS",
                "value": -8.2,
                "unit": "points",
                "timepoint": "6 months",
                "evidence": evidence("-8.2 points at 6 months"),
            },
        ],
        "quotes": [
            {
                "id": "q1",
                "text": "These results are encouraging.",
                "speaker": "Jane Roe",
                "title": "Chief Medical Officer",
                "organization": "Acme",
                "evidence": evidence("said Jane Roe", 40),
            },
        ],
    }
)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_header_is_the_documented_columns() -> None:
    assert next(csv.reader(io.StringIO(render(RESULT, "csv")))) == list(CSV_COLUMNS)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            0,
            {
                "article": ARTICLE,
                "type": "cohort_size",
                "cohort": "SLE",
                "value": "12",
                "population": "treated",
            },
        ),
        (1, {"type": "response_rate", "measure": "ORR", "value": "91.0", "count": "10", "denominator": "11"}),
        (
            2,
            {
                "type": "safety_event",
                "event": "CRS",
                "grade": ">=3",
                "count": "0",
                "negated": "true",
                "value": "",
            },
        ),
        (3, {"type": "endpoint_change", "value": "-8.2", "unit": "points", "timepoint": "6 months"}),
        (
            4,
            {
                "type": "quote",
                "speaker": "Jane Roe",
                "organization": "Acme",
                "quote": "These results are encouraging.",
            },
        ),
        (4, {"evidence": "said Jane Roe", "start": "40", "end": "53", "value": "", "measure": ""}),
    ],
)
def test_csv_has_one_row_per_fact_and_quote(row: int, expected: dict[str, str]) -> None:
    rows = csv_rows(render(RESULT, "csv"))
    assert len(rows) == len(RESULT.facts) + len(RESULT.quotes)
    assert {key: rows[row][key] for key in expected} == expected


def test_csv_of_many_articles_has_one_header() -> None:
    rows = csv_rows(render([RESULT, RESULT], "csv"))
    assert len(rows) == 2 * (len(RESULT.facts) + len(RESULT.quotes))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (-8.2, "-8.2"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),  # a formula from an article never runs
        ("+1 point", "'+1 point"),
        ("@cmd", "'@cmd"),
        ("12 patients", "12 patients"),
    ],
)
def test_csv_cells(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_json_of_one_result_is_its_json() -> None:
    assert render(RESULT, "json") == RESULT.to_json()


def test_json_of_many_results_is_an_array() -> None:
    data = json.loads(render([RESULT, RESULT], "json"))
    assert [Result.model_validate(item) for item in data] == [RESULT, RESULT]


def test_jsonl_is_one_line_per_article() -> None:
    lines = render([RESULT, RESULT], "jsonl").splitlines()
    assert [Result.model_validate_json(line) for line in lines] == [RESULT, RESULT]


@pytest.mark.parametrize(
    ("fact", "words"),
    [
        (0, "12 treated"),
        (1, "ORR 91% (10/11)"),
        (2, "CRS grade >=3: none"),
        (3, "mRSS -8.2 points [6 months]"),
    ],
)
def test_summary_says_a_fact_in_a_few_words(fact: int, words: str) -> None:
    assert summary(RESULT.facts[fact].model_dump()) == words


def test_table_shows_facts_and_quotes_without_colour_codes() -> None:
    table = render(RESULT, "table", width=200)
    for words in (ARTICLE, "ORR 91% (10/11)", "mRSS -8.2 points", "Jane Roe", "Chief Medical Officer, Acme"):
        assert words in table
    assert "\x1b[" not in table


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(RESULT, "xml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_extract_command_writes_every_format(fmt: str, tmp_path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Acme reports results.\n\nTwelve patients were treated in the trial.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["extract", str(article), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout == render(Result.model_validate_json(invoke_json(article)), fmt)


def invoke_json(article) -> str:
    return CliRunner().invoke(app, ["extract", str(article)]).stdout


def test_extract_command_refuses_an_unknown_format(tmp_path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Twelve patients were treated.\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["extract", str(article), "--format", "xml"]).exit_code == 2
