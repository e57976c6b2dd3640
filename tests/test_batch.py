"""`pressfacts batch` and `pressfacts.batch`: discovery, order, error records, resume, exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path, PurePosixPath

import pytest
from typer.testing import CliRunner

import pressfacts.api
from pressfacts import batch
from pressfacts.api import extract_path
from pressfacts.cli.app import app
from pressfacts.model import Result
from pressfacts.readers import Document

ARTICLE = (
    "Acme Reports Phase 2 Results\n\n"
    "BOSTON -- Acme Bio today reported results from its Phase 2 trial. A total of {n} patients were "
    "enrolled and {m} were evaluable for response. The overall response rate was {p}%.\n"
)


def article(n: int) -> str:
    return ARTICLE.format(n=n, m=n - 2, p=40 + n)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """in/ with three articles (one in a subfolder), an empty one, and files batch must not take."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "b.txt").write_text(article(20))
    (root / "a.md").write_text(article(30))
    (root / "sub" / "c.html").write_text(f"<html><body><p>{article(12)}</p></body></html>")
    (root / "empty.txt").write_text("  \n")
    (root / "a.gold.json").write_text("{}")
    (root / ".hidden.txt").write_text(article(9))
    return root


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["batch", *args])
    return result.exit_code, result.stdout, result.stderr


def names(articles: list[batch.Article], root: Path) -> list[str]:
    return [Path(a.path).relative_to(root).as_posix() for a in articles]


# --- discovery -----------------------------------------------------------------------------


def test_a_folder_gives_its_articles_recursively_sorted_without_other_or_hidden_files(folder: Path) -> None:
    assert names(batch.discover([str(folder)]), folder) == ["a.md", "b.txt", "empty.txt", "sub/c.html"]


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (["*.txt"], [], ["b.txt", "empty.txt"]),
        (batch.DEFAULT_INCLUDE, ["sub/*"], ["a.md", "b.txt", "empty.txt"]),
        (batch.DEFAULT_INCLUDE, ["empty.txt", "*.md"], ["b.txt", "sub/c.html"]),
        (["*.json"], [], ["a.gold.json"]),
    ],
)
def test_include_and_exclude_patterns(
    folder: Path, include: list[str], exclude: list[str], expected: list[str]
) -> None:
    assert names(batch.discover([str(folder)], include, exclude), folder) == expected


def test_a_glob_pattern_and_an_explicit_file_each_once_in_argument_order(folder: Path) -> None:
    found = batch.discover([str(folder / "b.txt"), str(folder / "**" / "*.html"), str(folder / "b.txt")])
    assert names(found, folder) == ["b.txt", "sub/c.html"]
    assert [str(a.output) for a in found] == ["b.json", "sub/c.json"]


def test_a_glob_that_matches_folders_searches_them(folder: Path) -> None:
    assert names(batch.discover([str(folder / "s*")]), folder) == ["sub/c.html"]


def test_an_explicit_file_is_taken_whatever_its_name_even_missing(tmp_path: Path) -> None:
    assert [a.path for a in batch.discover([str(tmp_path / "notes.rtf")])] == [str(tmp_path / "notes.rtf")]


def test_two_articles_with_one_stem_get_different_output_files(tmp_path: Path) -> None:
    for name in ("a.txt", "a.html", "b.txt"):
        (tmp_path / name).write_text(article(10))
    outputs = [a.output for a in batch.discover([str(tmp_path)])]
    assert outputs == [PurePosixPath("a.json"), PurePosixPath("a.txt.json"), PurePosixPath("b.json")]


# --- running -------------------------------------------------------------------------------


def test_outcomes_are_the_extract_results_in_input_order_whatever_the_jobs(folder: Path) -> None:
    articles = batch.discover([str(folder)])
    one = list(batch.run(articles, jobs=1))
    two = list(batch.run(articles, jobs=2, chunksize=1))
    assert [o.text for o in one] == [o.text for o in two]
    assert [o.article.path for o in one] == [a.path for a in articles]
    assert one[1].text == extract_path(folder / "b.txt").model_dump_json()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"   \n", "the input is empty"),
        (b"\xff\xfe\x00binary", ""),
    ],
)
def test_a_bad_article_becomes_a_one_line_error_record(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    [outcome] = batch.run([batch.Article(str(path), PurePosixPath("bad.json"))])
    assert outcome.error is not None and message in outcome.error and "\n" not in outcome.error
    assert json.loads(outcome.text) == {"source": {"path": str(path)}, "error": outcome.error}


def test_a_crash_in_the_analysis_is_an_error_record_and_the_run_goes_on(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pressfacts.api.extract_document

    def crash_on_b(document: Document, model: str | None = None) -> Result:
        if document.source.path.endswith("b.txt"):
            raise ValueError("boom\nsecond line")
        return real(document, model=model)

    monkeypatch.setattr(pressfacts.api, "extract_document", crash_on_b)
    outcomes = list(batch.run(batch.discover([str(folder)])))
    assert [o.error for o in outcomes][
        1
    ] == f"{folder / 'b.txt'}: internal error: ValueError: boom second line"
    assert outcomes[3].error is None and outcomes[3].text


def test_resume_skips_an_article_whose_sha256_is_unchanged(folder: Path) -> None:
    [first] = batch.discover([str(folder / "b.txt")])
    sha = extract_path(folder / "b.txt").source.sha256
    [same] = batch.run([first], known_sha256=lambda a: sha)
    [changed] = batch.run([first], known_sha256=lambda a: "0" * 64)
    assert same.skipped and same.text is None
    assert not changed.skipped and changed.text


def test_scan_jsonl_ignores_a_half_last_line_and_retries_error_records(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    lines = [
        '{"source":{"path":"a.txt","sha256":"aa"},"facts":[]}\n',
        '{"source":{"path":"b.txt"},"error":"b.txt: the input is empty"}\n',
    ]
    path.write_text("".join(lines) + '{"source":{"path":"c.t')
    found, count, size = batch.scan_jsonl(path)
    assert found == {
        "a.txt": batch.Line(0, len(lines[0]), "aa"),
        "b.txt": batch.Line(len(lines[0]), size, None),
    }
    assert (count, size) == (2, len("".join(lines)))


# --- the command ---------------------------------------------------------------------------


def test_jsonl_on_stdout_one_extract_result_per_line_and_exit_1_for_a_failure(folder: Path) -> None:
    code, out, err = run_cli(str(folder), "-j", "1")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == extract_path(folder / "a.md").model_dump_json()
    assert "the input is empty" in json.loads(lines[2])["error"]
    assert "failed" in err and "the input is empty" in err


def test_exit_0_when_every_article_is_extracted(folder: Path) -> None:
    code, out, err = run_cli(str(folder), "--exclude", "empty.txt", "-q")
    assert (code, len(out.splitlines()), err) == (0, 3, "")


def test_output_file_is_byte_identical_whatever_the_jobs(folder: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_cli(str(folder), "-o", str(one), "-j", "1", "-q")
    run_cli(str(folder), "-o", str(two), "-j", "2", "-q")
    assert one.read_bytes() == two.read_bytes()
    assert one.read_text() == run_cli(str(folder), "-q")[1]


def test_out_dir_mirrors_subfolders_with_what_extract_prints(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts"
    assert run_cli(str(folder), "--out-dir", str(out), "-q")[0] == 1
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert files == ["a.json", "b.json", "empty.json", "sub", "sub/c.json"]
    assert (out / "sub" / "c.json").read_text() == extract_path(folder / "sub" / "c.html").to_json()
    assert "error" in json.loads((out / "empty.json").read_text())


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "x.jsonl", "--out-dir", "x"],
        ["--resume"],
        ["-j", "0"],
    ],
)
def test_bad_arguments_exit_2(folder: Path, args: list[str]) -> None:
    assert run_cli(str(folder), *args)[0] == 2


def test_refuses_to_write_over_an_input(folder: Path) -> None:
    assert run_cli(str(folder), "-o", str(folder / "b.txt"))[0] == 2
    assert (folder / "b.txt").read_text() == article(20)


def count_extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    done: list[str] = []
    real = pressfacts.api.extract_document

    def counting(document: Document, model: str | None = None) -> Result:
        done.append(Path(document.source.path).name)
        return real(document, model=model)

    monkeypatch.setattr(pressfacts.api, "extract_document", counting)
    return done


def test_resume_after_a_crash_finishes_the_file_as_one_uninterrupted_run(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    run_cli(str(folder), "-o", str(out), "-j", "1", "-q")
    whole = out.read_bytes()
    first_two = b"".join(whole.splitlines(keepends=True)[:2])
    out.write_bytes(first_two + whole[len(first_two) : len(first_two) + 40])  # killed mid-line
    done = count_extractions(monkeypatch)
    assert run_cli(str(folder), "-o", str(out), "-j", "1", "--resume", "-q")[0] == 1
    assert out.read_bytes() == whole
    assert done == ["c.html"]  # a.md and b.txt were kept; empty.txt failed again without analysis


def test_resume_redoes_a_changed_article_and_keeps_input_order(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    run_cli(str(folder), "-o", str(out), "-j", "1", "-q")
    (folder / "a.md").write_text(article(44))
    done = count_extractions(monkeypatch)
    run_cli(str(folder), "-o", str(out), "-j", "1", "--resume", "-q")
    assert done == ["a.md"]
    assert out.read_text() == run_cli(str(folder), "-j", "1", "-q")[1]


def test_resume_with_out_dir_skips_unchanged_files(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "facts"
    run_cli(str(folder), "--out-dir", str(out), "-j", "1", "-q")
    (out / "b.json").unlink()
    done = count_extractions(monkeypatch)
    run_cli(str(folder), "--out-dir", str(out), "-j", "1", "--resume", "-q")
    assert done == ["b.txt"]


def test_summary_counts_facts_by_type_and_no_progress_bar_off_a_terminal(folder: Path) -> None:
    err = run_cli(str(folder), "-o", "/dev/null", "-j", "1")[2]
    assert "articles" in err and "facts: cohort_size" in err and "seconds" in err
    assert "ETA" not in err


def test_csv_for_a_whole_folder_has_one_header_and_a_row_per_fact(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "facts.csv"
    code, _, _ = run_cli(
        str(folder), "--exclude", "empty.txt", "-q", "-j", "1", "--format", "csv", "-o", str(target)
    )
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    expected = sum(
        len(extract_path(p).facts) + len(extract_path(p).quotes)
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".md", ".txt", ".html") and not p.name.startswith((".", "empty"))
    )
    assert code == 0
    assert len(rows) == expected > 0
    assert target.read_text(encoding="utf-8").count("article,id,type") == 1


def test_one_stream_formats_refuse_resume_and_out_dir(folder: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(str(folder), "--format", "csv", "--out-dir", str(tmp_path / "out"))
    assert code == 2 and "not with --out-dir" in err


def test_json_is_one_array_of_the_extract_results(folder: Path) -> None:
    code, out, _ = run_cli(str(folder), "--exclude", "empty.txt", "-q", "-j", "1", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        json.loads(extract_path(folder / n).to_json()) for n in ("a.md", "b.txt", "sub/c.html")
    ]
