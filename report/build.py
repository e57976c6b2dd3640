"""From articles (a folder, or the JSON Lines `batch` wrote) to the report and the article pages."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from pressfacts import batch
from pressfacts.api import boilerplate_spans, extract_document
from pressfacts.errors import InputError
from pressfacts.model import Result
from pressfacts.readers import DEFAULT_MAX_CHARS, read_path

from .chart import landscape_svg
from .pages import report_html, show_html
from .readout import Row, rows_of

WritePage = Callable[[PurePosixPath, str], None]  # (path relative to the pages folder, HTML)


def show_page(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The evidence page of one article: extract it and mark where every fact was read."""
    document = read_path(path, max_chars=max_chars)
    result = extract_document(document)
    return show_html(document.text, result, boilerplate_spans(document.text))


@dataclass
class Read:
    """One article of the input: its result (or the error it gave) and where its page goes."""

    source: str
    page: PurePosixPath
    result: Result | None = None
    error: str | None = None


def build_report(
    source: Path,
    pages_dir: str,
    write_page: WritePage | None = None,
    jobs: int = 1,
    max_chars: int = DEFAULT_MAX_CHARS,
    leave_out: Sequence[Path] = (),
) -> str:
    """The report over `source` (a folder of articles, or a batch JSONL file), as HTML.

    Each article readable here also gets its evidence page, handed to `write_page` under
    `pages_dir/` (a folder beside the report; the report links to it). `write_page=None`: no pages.
    `leave_out`: files and folders that are not articles though in `source` (an earlier report and its pages).
    """
    reads = _from_jsonl(source) if source.is_file() else _from_folder(source, jobs, max_chars, leave_out)
    rows: list[Row] = []
    failures: list[str] = []
    notes: list[str] = []
    for read in reads:
        if read.result is None:
            failures.append(read.error or f"{read.source}: no result")
            continue
        page = None
        if write_page is not None:
            written = _write_page(read, write_page, max_chars)
            if written is None:
                page = f"{quote(pages_dir)}/{quote(str(read.page))}"
            else:
                notes.append(written)
        rows += rows_of(read.result, page)
    return report_html(rows, landscape_svg(rows), failures, notes, title=f"Readouts: {source.name or source}")


def _write_page(read: Read, write_page: WritePage, max_chars: int) -> str | None:
    """Write the article's page; the reason when it cannot be (the article is gone or changed)."""
    if read.source == "-":
        return "no evidence page: an article read from standard input"
    try:
        document = read_path(read.source, max_chars=max_chars)
    except InputError as err:
        return f"no evidence page: {err}"
    if read.result.source.sha256 and document.source.sha256 != read.result.source.sha256:
        return f"no evidence page: {read.source} changed since it was extracted"
    write_page(read.page, show_html(document.text, read.result, boilerplate_spans(document.text)))
    return None


def _from_folder(folder: Path, jobs: int, max_chars: int, leave_out: Sequence[Path]) -> Iterator[Read]:
    left_out = [path.resolve() for path in leave_out]
    articles = [
        article
        for article in batch.discover([str(folder)], batch.DEFAULT_INCLUDE, ())
        if not any(_inside(Path(article.path).resolve(), path) for path in left_out)
    ]
    jobs = max(1, min(jobs, len(articles)))
    outcomes = batch.run(
        articles, jobs, max_chars=max_chars, chunksize=batch.suggested_chunksize(len(articles), jobs)
    )
    for outcome in outcomes:
        page = outcome.article.output.with_suffix(".html")
        yield _read_of(outcome.article.path, page, json.loads(outcome.text))


def _inside(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def _from_jsonl(path: Path) -> Iterator[Read]:
    """The records of a batch JSONL file; sources given relative to where batch ran, or to the file."""
    taken: set[PurePosixPath] = set()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                source = record["source"]["path"]
            except (ValueError, KeyError, TypeError):
                raise InputError(f"{path}:{number}: not a line that `pressfacts batch` writes") from None
            yield _read_of(_located(source, path.parent), _unique_page(source, taken), record)


def _read_of(source: str, page: PurePosixPath, record: dict) -> Read:
    if "error" in record:
        return Read(source, page, error=str(record["error"]))
    return Read(source, page, result=Result.model_validate(record))


def _located(source: str, beside: Path) -> str:
    if Path(source).exists() or Path(source).is_absolute():
        return source
    other = beside / source
    return str(other) if other.exists() else source


def _unique_page(source: str, taken: set[PurePosixPath]) -> PurePosixPath:
    stem = Path(source).stem or "article"
    page = PurePosixPath(f"{stem}.html")
    suffix = 1
    while page in taken:
        suffix += 1
        page = PurePosixPath(f"{stem}-{suffix}.html")
    taken.add(page)
    return page
