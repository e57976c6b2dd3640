"""Bad input: each is refused with one line on stderr and its documented exit code, never a traceback;
adversarial input goes through the whole pipeline in linear time; `-o` never loses or clobbers output."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pressfacts.errors import EXIT_BAD_INPUT, EXIT_NOT_FOUND, EXIT_OUTPUT, InputError
from pressfacts.readers import read_bytes, read_path

PRESSFACTS = [sys.executable, "-m", "pressfacts"]
ARTICLE = "Acme Bio said 12 of 14 patients (86%) responded in its phase 1 trial of ACM-101.\n"


def run(args: list[str], stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*PRESSFACTS, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def one_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1, f"one line on stderr, got: {lines}"
    assert "Traceback" not in lines[0]
    return lines[0]


# ---------------------------------------------------------------- refused, from real files
FILES = {
    "empty.txt": b"",
    "blank.txt": b"  \n\t\r\n  \n",
    "report.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "figure.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00",
    "release.zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    "release.docx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00",
    "data.bin": bytes(range(256)) * 8,
    "nav-only.html": b"<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
}


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("empty.txt", EXIT_BAD_INPUT, "empty.txt: the input is empty"),
        ("blank.txt", EXIT_BAD_INPUT, "blank.txt: the input is empty"),
        ("report.pdf", EXIT_BAD_INPUT, "report.pdf: this is a PDF file, not text: convert it to text"),
        ("figure.png", EXIT_BAD_INPUT, "figure.png: this is a PNG image, not text"),
        ("release.zip", EXIT_BAD_INPUT, "release.zip: this is a zip archive"),
        ("release.docx", EXIT_BAD_INPUT, "release.docx: this is a zip archive (or a .docx/.xlsx file)"),
        ("data.bin", EXIT_BAD_INPUT, "data.bin: binary data"),
        ("nav-only.html", EXIT_BAD_INPUT, "nav-only.html: the HTML page has no article text"),
        ("missing.txt", EXIT_NOT_FOUND, "missing.txt: no such file"),
        ("folder", EXIT_NOT_FOUND, "folder: is a directory, not a file"),
    ],
)
def test_the_cli_refuses_with_one_line_and_its_exit_code(
    tmp_path: Path, name: str, code: int, message: str
) -> None:
    for file_name, data in FILES.items():
        (tmp_path / file_name).write_bytes(data)
    (tmp_path / "folder").mkdir()
    done = run(["extract", name], cwd=tmp_path)
    assert done.returncode == code
    assert one_line(done.stderr).startswith(f"pressfacts: {message}")
    assert done.stdout == b""


@pytest.mark.parametrize(
    ("stdin", "args", "message"),
    [
        (
            b"Twelve \xe2\x80\x9cpatients\xe2\x80\x9d \xff\xfe responded",
            [],
            "-: invalid UTF-8 (byte 0xFF at offset 22)",
        ),
        (b"", [], "-: the input is empty"),
        (b"\x00\x01\x02\x03" * 100, [], "-: binary data"),
        (ARTICLE.encode(), ["--max-chars", "40"], "-: 81 characters is over --max-chars 40"),
    ],
)
def test_bad_bytes_on_stdin_are_refused(stdin: bytes, args: list[str], message: str) -> None:
    done = run(["extract", "-", *args], stdin=stdin)
    assert done.returncode == EXIT_BAD_INPUT
    assert one_line(done.stderr).startswith(f"pressfacts: {message}")


def test_input_over_max_chars_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE * 1000, encoding="utf-8")
    with pytest.raises(InputError, match=r"over --max-chars 1,000") as err:
        read_path(path, max_chars=1000)
    assert err.value.exit_code == EXIT_BAD_INPUT


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the open fail as it would for a user
        monkeypatch.setattr(
            Path, "open", lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
        )
    with pytest.raises(InputError, match=r"locked.txt: cannot be read \(Permission denied\)") as err:
        read_path(path)
    assert err.value.exit_code == EXIT_NOT_FOUND


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_not_read_forever(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    with pytest.raises(InputError, match="not a regular file"):
        read_path(device)


def test_no_decoding_error_ever_escapes() -> None:
    for data in (bytes([b]) * 3 + b" patients" for b in range(128, 256)):
        with contextlib.suppress(InputError):
            read_bytes(data)


# ---------------------------------------------------------------- -o: atomic, never the input
def test_output_is_written_whole_and_refuses_the_input_file(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "facts.json"
    assert run(["extract", str(article), "-o", str(out)]).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []

    for target in (article, tmp_path / "." / "article.txt"):
        done = run(["extract", str(article), "-o", str(target)])
        assert done.returncode == EXIT_OUTPUT
        assert "refusing to overwrite the input file" in one_line(done.stderr)
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    assert run(["extract", str(link), "-o", str(article)]).returncode == EXIT_OUTPUT
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_output_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = run(["extract", str(article), "-o", str(tmp_path / "no" / "such" / "facts.json")])
    assert done.returncode == EXIT_OUTPUT
    assert "cannot write here" in one_line(done.stderr)


def test_show_text_prints_the_analysed_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><nav>Home | News</nav><article><h1>Acme reports phase 1 data in lupus patients</h1>"
        f"<p>{ARTICLE}</p></article><footer>Copyright 2025</footer></body></html>",
        encoding="utf-8",
    )
    done = run(["extract", str(page), "--show-text"])
    assert done.returncode == 0
    assert ARTICLE.strip() in done.stdout.decode("utf-8").splitlines()
    assert b"Copyright" not in done.stdout


# ---------------------------------------------------------------- linear time, whole pipeline
MB = 1_000_000
SAMPLE = (Path(__file__).resolve().parent.parent / "samples" / "medpath-bms-breakfree1.txt").read_text(
    "utf-8"
)
REAL_TEXT = (SAMPLE * (MB // len(SAMPLE) + 1))[:MB]  # 1 MB of a real article: the yardstick
ADVERSARIAL = {
    "100k digits": "7" * 100_000,
    "digits and spaces": "1 " * (MB // 2),
    "100k quote marks": '"' * 100_000,
    "1 MB of quote marks": "“”" * (MB // 2),
    "grade grade grade": "grade " * (MB // 6),
    "one 1 MB word": "x" * MB,
    "nested brackets": "(" * (MB // 2) + ")" * (MB // 2),
    "a fact, repeated": "Grade 3 CRS occurred in 12 of 14 patients (86%). " * (MB // 50),
    "short lines": "Cohort 1\n" * (MB // 9),
    "headed paragraphs": "Cohort 1\nTwelve patients were dosed.\n" * (MB // 37),
}
# "Quickly" is measured against real text of the same size, here and now, so a loaded machine moves
# both: an adversarial 1 MB may cost a few times what 1 MB of real articles costs (a quadratic step
# would cost hundreds of times as much). benchmarks/bench_linear.py shows the growth with size.
TIMES_REAL_TEXT = 4
MIN_LIMIT = 20  # seconds


def _extract(text: str) -> None:
    from pressfacts.api import extract_document

    extract_document(read_bytes(text.encode("utf-8"), "adversarial", max_chars=5 * MB))


@pytest.fixture(scope="module")
def time_limit() -> float:
    """Seconds an adversarial 1 MB may take: a multiple of what 1 MB of a real article takes."""
    from pressfacts.pipeline import default_pipeline

    default_pipeline()  # built once here; each case runs in a forked child that inherits it
    start = time.perf_counter()
    _extract(REAL_TEXT)
    return max(MIN_LIMIT, TIMES_REAL_TEXT * (time.perf_counter() - start))


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_input_takes_no_longer_than_a_few_times_real_text(time_limit: float, name: str) -> None:
    child = multiprocessing.get_context("fork").Process(target=_extract, args=(ADVERSARIAL[name],))
    child.start()
    child.join(time_limit)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(f"{name}: not done in {time_limit:.0f} s ({TIMES_REAL_TEXT}x 1 MB of real text)")
    assert child.exitcode == 0, f"{name}: the extraction crashed"
