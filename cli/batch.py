"""`pressfacts batch`: a folder of articles in, JSON Lines (or one JSON file per article) out.

Exit codes: 0 every article was extracted (or skipped by --resume); 1 at least one
article failed (its error record is in the output); 2 bad arguments; 5 the output
could not be written; 130 interrupted (what was written is kept: rerun with --resume).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from enum import Enum
from pathlib import Path
from typing import IO

import typer

from pressfacts import batch
from pressfacts.batch import Article, Line, Outcome
from pressfacts.errors import EXIT_FAILED, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, InputError
from pressfacts.formats import render_for_stdout
from pressfacts.model import Result
from pressfacts.readers import DEFAULT_MAX_CHARS

from .app import app
from .output import AtomicFile, fail, write_atomic

EXIT_INTERRUPTED = 130


class BatchFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


@app.command(
    "batch",
    epilog="Examples: pressfacts batch releases/ -o facts.jsonl\n\n"
    "pressfacts batch 'releases/**/*.html' --out-dir facts/ --resume",
)
def batch_cli(
    paths: list[str] = typer.Argument(..., help="Files, folders (searched recursively) and glob patterns."),
    output: Path = typer.Option(None, "--output", "-o", help="Write JSON Lines here instead of stdout."),
    out_dir: Path = typer.Option(None, "--out-dir", help="Write one NAME.json per article here instead."),
    include: list[str] = typer.Option(
        None,
        help="File pattern to take from folders and globs (repeatable; default: *.txt *.md *.html *.htm).",
    ),
    exclude: list[str] = typer.Option(None, help='File pattern to leave out, e.g. "drafts/*" (repeatable).'),
    jobs: int = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes (default: the cores this machine has)."
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Skip articles already in the output whose sha256 is unchanged."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    max_chars: int = typer.Option(
        DEFAULT_MAX_CHARS, help="Refuse articles longer than this many characters."
    ),
    model: str = typer.Option(None, help="An installed trained spaCy pipeline to run on (as for extract)."),
    fmt: BatchFormat = typer.Option(
        BatchFormat.jsonl,
        "--format",
        "-f",
        help="jsonl: one JSON object per article a line; json: one JSON array; csv: one row per fact and "
        "quote for the whole folder; table: tables to read in a terminal (but for jsonl, failed articles "
        "show in the summary only).",
    ),
) -> None:
    """Extract the facts of many articles: one JSON object per article, in input order."""
    _check_options(output, out_dir, resume)
    if fmt is not BatchFormat.jsonl and (out_dir is not None or resume):
        fail(
            InputError(
                "--format json, csv and table write one stream: not with --out-dir or --resume", EXIT_USAGE
            )
        )
    articles = batch.discover(paths, include or batch.DEFAULT_INCLUDE, exclude or ())
    _check_not_overwriting(articles, output)
    if not articles and not quiet:
        typer.echo("pressfacts: no articles found", err=True)
    jobs = max(1, min(jobs or batch.default_jobs(), len(articles)))
    summary = Summary(total=len(articles))
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)
    try:
        sink = (
            _open_sink(output, out_dir, resume)
            if fmt is BatchFormat.jsonl
            else RenderedSink(fmt.value, output)
        )
        outcomes = batch.run(
            articles,
            jobs,
            max_chars=max_chars,
            indent=2 if out_dir is not None else None,  # per-article files: what `extract` prints
            known_sha256=sink.known_sha256 if resume else None,
            chunksize=batch.suggested_chunksize(len(articles), jobs),
            model=model,
        )
        _write_all(outcomes, articles, sink, summary, show_progress=sys.stderr.isatty() and not quiet)
    except KeyboardInterrupt:
        typer.echo(
            f"pressfacts: interrupted after {summary.done} of {summary.total}: rerun with --resume", err=True
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except InputError as err:
        fail(err)
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)
    if not quiet:
        summary.print()
    raise typer.Exit(EXIT_FAILED if summary.failures else EXIT_OK)


def _write_all(
    outcomes: Iterator[Outcome], articles: list[Article], sink: Sink, summary: Summary, show_progress: bool
) -> None:
    progress = ProgressBar(len(articles)) if show_progress else None
    try:
        with closing(outcomes):  # stops the worker pool however the loop ends
            for outcome in outcomes:
                sink.write(outcome)
                summary.add(outcome)
                if progress:
                    progress.advance()
        sink.finish(articles)
    finally:
        sink.close()
        if progress:
            progress.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM: stop like Ctrl-C, keeping what was written


def _check_options(output: Path | None, out_dir: Path | None, resume: bool) -> None:
    if output is not None and out_dir is not None:
        raise typer.BadParameter("give either --output or --out-dir, not both", param_hint="--output")
    if resume and output is None and out_dir is None:
        raise typer.BadParameter(
            "needs --output or --out-dir (standard output cannot be resumed)", param_hint="--resume"
        )
    if output is not None and output.is_dir():
        raise typer.BadParameter(
            f"{output} is a folder (use --out-dir for one file per article)", param_hint="--output"
        )


def _check_not_overwriting(articles: Sequence[Article], output: Path | None) -> None:
    if output is None:
        return
    target = output.resolve()
    for article in articles:
        if Path(article.path).resolve() == target:
            raise typer.BadParameter(
                f"{output} is also an input: refusing to overwrite it", param_hint="--output"
            )


# --- where the outcomes go --------------------------------------------------------------------


class StdoutSink:
    """JSON Lines on standard output, flushed a line at a time."""

    def known_sha256(self, article: Article) -> None:
        return None

    def write(self, outcome: Outcome) -> None:
        try:
            sys.stdout.write(outcome.text + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # `pressfacts batch ... | head`: the reader has gone
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise InputError("standard output was closed", EXIT_OUTPUT) from None

    def finish(self, articles: Sequence[Article]) -> None:
        pass

    def close(self) -> None:
        pass


class JsonlSink:
    """JSON Lines in a file: appended and flushed a whole line at a time while running (a crash
    leaves only whole lines), then put in input order, one line per article, at the end."""

    def __init__(self, path: Path, resume: bool) -> None:
        self.path = path
        self.lines, self.line_count, size = batch.scan_jsonl(path) if resume else ({}, 0, 0)
        self.handle: IO[bytes] = _open_output(path, "ab" if resume else "wb")
        if resume:
            self.handle.truncate(size)  # a half line left by a crash goes
        self.offset = size

    def known_sha256(self, article: Article) -> str | None:
        line = self.lines.get(article.path)
        return line.sha256 if line else None

    def write(self, outcome: Outcome) -> None:
        if outcome.skipped:
            return
        data = (outcome.text + "\n").encode("utf-8")
        _write_or_fail(self.path, lambda: (self.handle.write(data), self.handle.flush()))
        self.lines[outcome.article.path] = Line(self.offset, self.offset + len(data), None)
        self.offset += len(data)
        self.line_count += 1

    def finish(self, articles: Sequence[Article]) -> None:
        self.close()
        if not self._in_input_order(articles):
            self._rewrite_in_order(articles)

    def close(self) -> None:
        self.handle.close()

    def _in_input_order(self, articles: Sequence[Article]) -> bool:
        starts = [self.lines[a.path].start for a in articles]
        return self.line_count == len(articles) and starts == sorted(starts)

    def _rewrite_in_order(self, articles: Sequence[Article]) -> None:
        """Resume left lines out of order or superseded: copy the current ones, in order, to a new file."""
        with AtomicFile(self.path, binary=True) as new:
            try:
                with open(self.path, "rb") as old:
                    for article in articles:
                        line = self.lines[article.path]
                        old.seek(line.start)
                        new.handle.write(old.read(line.end - line.start))
            except OSError as err:
                raise InputError(f"{self.path}: cannot write ({err.strerror})", EXIT_OUTPUT) from None


class DirSink:
    """One NAME.json per article under a folder (mirroring subfolders), each written whole."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    def known_sha256(self, article: Article) -> str | None:
        return batch.sha256_in_json_file(self.out_dir / article.output)

    def write(self, outcome: Outcome) -> None:
        if outcome.skipped:
            return
        target = self.out_dir / outcome.article.output
        _write_or_fail(target, lambda: target.parent.mkdir(parents=True, exist_ok=True))
        write_atomic(target, outcome.text + "\n")

    def finish(self, articles: Sequence[Article]) -> None:
        pass

    def close(self) -> None:
        pass


class RenderedSink:
    """A JSON array, CSV rows or terminal tables, article by article, to stdout or (through a temporary
    file renamed at the end) to a file. Error records have no place there: they are in the summary and
    the exit code."""

    def __init__(self, fmt: str, path: Path | None) -> None:
        self.fmt, self.path, self.first = fmt, path, True
        self.file = AtomicFile(path) if path is not None else None
        self.handle: IO[str] = self.file.handle if self.file is not None else sys.stdout

    def known_sha256(self, article: Article) -> None:
        return None

    def write(self, outcome: Outcome) -> None:
        if outcome.error is not None or outcome.text is None:
            return
        if self.fmt == "json":  # one JSON array, written an element at a time
            text = ("[\n" if self.first else ",\n") + outcome.text
        else:
            text = render_for_stdout(Result.model_validate_json(outcome.text), self.fmt, self.path is None)
            if self.fmt == "csv" and not self.first:
                text = text.split("\n", 1)[1]  # the header row once, for the whole folder
        self.first = False
        self._put(text)

    def _put(self, text: str) -> None:
        _write_or_fail(self.path or Path("-"), lambda: (self.handle.write(text), self.handle.flush()))

    def finish(self, articles: Sequence[Article]) -> None:
        if self.fmt == "json":
            self._put("[]\n" if self.first else "\n]\n")
        if self.file is not None:
            self.file.commit()
            self.file = None

    def close(self) -> None:
        if self.file is not None:  # interrupted: nothing half-written stays
            self.file.discard()


Sink = StdoutSink | JsonlSink | DirSink | RenderedSink


def _open_sink(output: Path | None, out_dir: Path | None, resume: bool) -> Sink:
    if out_dir is not None:
        return DirSink(out_dir)
    if output is not None:
        return JsonlSink(output, resume)
    return StdoutSink()


def _open_output(path: Path, mode: str) -> IO[bytes]:
    try:
        return open(path, mode)
    except OSError as err:
        raise InputError(f"{path}: cannot write here ({err.strerror})", EXIT_OUTPUT) from None


def _write_or_fail(path: Path, write: Callable[[], object]) -> None:
    try:
        write()
    except OSError as err:
        raise InputError(f"{path}: cannot write ({err.strerror})", EXIT_OUTPUT) from None


# --- what the user sees -----------------------------------------------------------------------


class Summary:
    """Counts for the table printed at the end."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = time.perf_counter()
        self.extracted = self.skipped = 0
        self.facts: Counter[str] = Counter()
        self.failures: list[str] = []

    @property
    def done(self) -> int:
        return self.extracted + self.skipped + len(self.failures)

    def add(self, outcome: Outcome) -> None:
        if outcome.skipped:
            self.skipped += 1
        elif outcome.error is not None:
            self.failures.append(outcome.error)
        else:
            self.extracted += 1
            self.facts.update(outcome.facts)

    def print(self, shown_failures: int = 20) -> None:
        from rich.console import Console
        from rich.table import Table

        from pressfacts.model import FACT_TYPES

        seconds = time.perf_counter() - self.started
        table = Table(title="pressfacts batch", show_header=False, title_justify="left")
        table.add_column(justify="left")
        table.add_column(justify="right")
        table.add_row("articles", str(self.total))
        table.add_row("extracted", str(self.extracted))
        if self.skipped:
            table.add_row("skipped (unchanged, --resume)", str(self.skipped))
        table.add_row("failed", str(len(self.failures)), style="red" if self.failures else None)
        for fact_type in FACT_TYPES:
            table.add_row(f"facts: {fact_type}", str(self.facts[fact_type]))
        table.add_row("seconds", f"{seconds:.1f}")
        table.add_row("articles/s", f"{self.done / seconds:.1f}" if seconds else "-")
        console = Console(stderr=True, highlight=False)
        console.print(table)
        for message in self.failures[:shown_failures]:
            console.print(f"failed: {message}", markup=False, soft_wrap=True)
        if len(self.failures) > shown_failures:
            console.print(f"... and {len(self.failures) - shown_failures} more (see the error records)")


class ProgressBar:
    """The rich progress bar on stderr, redrawn from the main loop (no thread while workers fork)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            auto_refresh=False,
            transient=False,
        )
        self.task = self.progress.add_task("batch", total=total, rate="")
        self.last_refresh = 0.0
        self.progress.start()

    def advance(self) -> None:
        task = self.progress.tasks[0]
        speed = task.speed
        self.progress.update(self.task, advance=1, rate=f"{speed:.1f} articles/s" if speed else "")
        now = time.monotonic()
        if now - self.last_refresh > 0.1 or task.completed >= (task.total or 0):
            self.last_refresh = now
            self.progress.refresh()

    def stop(self) -> None:
        self.progress.refresh()
        self.progress.stop()
