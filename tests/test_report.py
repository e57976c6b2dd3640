"""The page code without a browser: highlight nesting, the readout rows, escaping, and the two commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_ARTICLE, SAMPLES
from typer.testing import CliRunner

from pressfacts.cli import app
from pressfacts.errors import EXIT_NOT_FOUND
from pressfacts.model import CohortSize, Evidence, ResponseRate, Result, SafetyEvent, Source, Tool
from pressfacts.report import show_html
from pressfacts.report.evidence import Piece, Span, highlight
from pressfacts.report.readout import rows_of


def brackets(nodes: list[Piece | str]) -> str:
    """[id:...] for a span's first piece, [id~:...] for a continuation."""
    out = ""
    for node in nodes:
        if isinstance(node, str):
            out += node
        else:
            out += f"[{node.span.id or node.span.kind}{'' if node.first else '~'}:{brackets(node.children)}]"
    return out


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([Span(2, 5, "t", "A")], "ab[A:cde]fghij"),
        ([Span(1, 8, "t", "A"), Span(3, 5, "t", "B")], "a[A:bc[B:de]fgh]ij"),  # nested
        ([Span(3, 5, "t", "B"), Span(1, 8, "t", "A")], "a[A:bc[B:de]fgh]ij"),  # any input order
        ([Span(1, 5, "t", "A"), Span(3, 8, "t", "B")], "a[A:bc[B:de]][B~:fgh]ij"),  # crossing: B continues
        ([Span(1, 5, "t", "A"), Span(1, 5, "t", "B")], "a[A:[B:bcde]]fghij"),  # same words, two facts
        ([Span(0, 10, "skipped"), Span(2, 3, "t", "A")], "[skipped:ab[A:c]defghij]"),  # skipped is outermost
        ([Span(4, 4, "t", "A"), Span(8, 30, "t", "B")], "abcdefgh[B:ij]"),  # empty dropped, end clamped
    ],
)
def test_highlight_nests_spans_and_gives_each_one_first_piece(spans: list[Span], expected: str) -> None:
    pieces = highlight("abcdefghij", spans)
    assert brackets(pieces) == expected


def result_with(*facts) -> Result:
    return Result(tool=Tool(version="0"), source=Source(path="a.txt"), facts=list(facts))


def ev() -> Evidence:
    return Evidence(start=0, end=1, text="x")


def size(value: int, population: str = "treated", fid: str = "f1") -> CohortSize:
    return CohortSize(id=fid, cohort=None, evidence=ev(), value=value, population=population)


def rate(measure: str, value: float | None, count=None, denominator=None, fid="f2") -> ResponseRate:
    return ResponseRate(
        id=fid, cohort=None, evidence=ev(), measure=measure, value=value, count=count, denominator=denominator
    )


def crs(grade: str, fid: str = "f3", **fields) -> SafetyEvent:
    return SafetyEvent(id=fid, cohort=None, evidence=ev(), event="CRS", grade=grade, **fields)


@pytest.mark.parametrize(
    ("facts", "any_grade", "severe"),
    [
        ([crs("any", percent=65.0), crs("1-2", "f4", scope="all")], "65%", "none"),  # all low grade: none ≥3
        ([crs("any", count=0, negated=True)], "none", "none"),  # no CRS at all
        ([crs(">=3", count=0, negated=True)], "", "none"),
        ([size(20), crs(">=3", count=2)], "", "2/20"),  # count and patients treated: 10% on the chart
        ([crs(">=3", count=2, percent=10.0)], "", "2 (10%)"),
        ([crs("3", count=1)], "", ""),  # grade 3 alone is not grade ≥3: not summed, not guessed
    ],
)
def test_crs_cells(facts, any_grade: str, severe: str) -> None:
    (row,) = rows_of(result_with(*facts))
    assert (row.events["CRS"][0].text, row.events["CRS"][1].text) == (any_grade, severe)


def test_a_count_of_crs_is_plotted_as_a_share_of_patients_treated() -> None:
    (row,) = rows_of(result_with(size(20), crs(">=3", count=2)))
    assert row.events["CRS"][1].number == 10.0


@pytest.mark.parametrize(
    ("facts", "shown"),
    [
        ([rate("complete response", 40.0), rate("ORR", 80.0, 8, 10, "f5")], "80% (8/10)"),  # ORR first
        ([rate("major response", None, 3, 4)], "75% (3/4)"),  # a share from counts
        ([rate("complete response", 40.0)], "40%"),
    ],
)
def test_the_main_response_rate(facts, shown: str) -> None:
    (row,) = rows_of(result_with(*facts))
    assert row.response.text == shown


def test_a_row_per_cohort_and_one_for_the_whole_study() -> None:
    from pressfacts.model import Cohort

    result = result_with(size(20), size(8, fid="f5").model_copy(update={"cohort": "SLE"}))
    result.cohorts = [Cohort(name="SLE"), Cohort(name="SSc")]
    assert [row.cohort for row in rows_of(result)] == ["", "SLE", "SSc"]


def test_article_text_is_escaped_in_the_page() -> None:
    text = 'He said "<script>alert(1)</script>" & left.'
    html = show_html(text, result_with(), [])
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


runner = CliRunner()


def test_show_writes_a_self_contained_page(tmp_path: Path) -> None:
    output = tmp_path / "page.html"
    result = runner.invoke(app, ["show", str(SAMPLE_ARTICLE), "-o", str(output)])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert "data-fact-id=" in html
    assert "<link" not in html and "src=" not in html and "http://" not in html.split("<article")[0]


def test_report_writes_the_report_and_the_article_pages_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in (SAMPLE_ARTICLE.name, "onc-07.html"):
        shutil.copy(SAMPLES / name, folder / name)
    output = tmp_path / "out" / "readouts.html"
    output.parent.mkdir()
    result = runner.invoke(app, ["report", str(folder), "-o", str(output), "-j", "1"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (tmp_path / "out" / "readouts-pages").iterdir())
    assert pages == ["medpath-bms-breakfree1.html", "onc-07.html"]
    assert 'href="readouts-pages/onc-07.html"' in output.read_text(encoding="utf-8")


def test_a_report_written_inside_its_folder_is_not_read_as_an_article_next_time(tmp_path: Path) -> None:
    shutil.copy(SAMPLE_ARTICLE, tmp_path / SAMPLE_ARTICLE.name)
    for _ in range(2):
        result = runner.invoke(app, ["report", str(tmp_path), "-o", str(tmp_path / "report.html"), "-j", "1"])
        assert result.exit_code == 0, result.output
    assert "1 article · " in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_report_on_a_missing_path_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path / "nothing"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == EXIT_NOT_FOUND


def test_chart_labels_from_the_article_are_escaped_in_the_svg() -> None:
    from pressfacts.model import Cohort
    from pressfacts.report.chart import landscape_svg

    cohort = "<script>alert(1)</script> $x^2$"
    facts = [
        f.model_copy(update={"cohort": cohort}) for f in (size(20), rate("ORR", 80.0), crs(">=3", count=2))
    ]
    result = result_with(*facts)
    result.cohorts = [Cohort(name=cohort)]
    svg = landscape_svg(rows_of(result))
    assert svg.startswith("<svg") and "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; $x^2$" in svg  # shown as written, not as mathtext
