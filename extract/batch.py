"""Batch runs: many articles in, one outcome per article out, in input order.

`discover()` turns files, folders and glob patterns into a sorted list of
articles; `run()` extracts them with a pool of worker processes and yields one
`Outcome` per article, in input order, whatever the number of workers. An
article that cannot be read or analysed becomes an error record, never an
exception: one bad file does not stop the run.

Error record (one per failed article, same place as its result would be):

    {"source": {"path": "releases/a.txt"}, "error": "releases/a.txt: the input is empty"}

Resume: `scan_jsonl()` and `sha256_in_json_file()` read what an earlier run
wrote; an article whose `source.sha256` there equals the one read now is
yielded as skipped and not analysed again. Error records are always retried.

Nothing here prints: the CLI (`pressfacts batch`) does the writing.
"""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from glob import glob, has_magic
from itertools import chain, count
from pathlib import Path, PurePosixPath

from pressfacts import api
from pressfacts.errors import InputError
from pressfacts.pipeline import load_pipeline
from pressfacts.readers import DEFAULT_MAX_CHARS, read_path

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.html", "*.htm")


@dataclass(frozen=True)
class Article:
    """One input file: where to read it, and where --out-dir puts its result."""

    path: str  # as given or found; written to the output's source.path
    output: PurePosixPath  # `sub/NAME.json`, relative to its folder or glob root


@dataclass(frozen=True)
class Outcome:
    """What became of one article: its JSON text, or an error message, or skipped (already done)."""

    article: Article
    text: str | None = None  # the result (or error record) as JSON, no trailing newline
    error: str | None = None  # one-line message when the article failed
    skipped: bool = False  # resume: the earlier output is for the same bytes
    facts: Counter[str] = field(default_factory=Counter)  # facts by type


@dataclass(frozen=True)
class Line:
    """One complete line of an earlier JSONL output: byte range and the sha256 it was made from."""

    start: int
    end: int
    sha256: str | None  # None for an error record: to be retried


# --- discovery -------------------------------------------------------------------------------


def discover(
    inputs: Sequence[str], include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = ()
) -> list[Article]:
    """The articles named by files, folders and glob patterns (folders searched recursively), each once.

    Order: arguments in the order given, the files of each sorted by path. A file named
    explicitly is always taken (a missing one becomes an error record when run); files
    found in folders and globs are filtered by `include` and `exclude` (patterns matched
    from the right of the relative path, so "*.txt" and "drafts/*" both work), and
    dot-files and dot-folders are left out.
    """
    seen: set[str] = set()
    named: list[tuple[str, PurePosixPath]] = []
    for given in inputs:
        for path, name in _expand(given, include, exclude):
            if path not in seen:
                seen.add(path)
                named.append((path, name))
    return _output_names(named)


def _expand(given: str, include: Sequence[str], exclude: Sequence[str]) -> list[tuple[str, PurePosixPath]]:
    """(path, name relative to the folder or glob root) of the files one argument names."""
    if has_magic(given):
        root = _glob_root(given)
        paths = [path for match in glob(given, recursive=True) for path in _files_under(Path(match))]
    elif Path(given).is_dir():
        root = Path(given)
        paths = _files_under(root)
    else:
        return [(given, PurePosixPath(Path(given).name))]
    found = []
    for path in paths:
        name = PurePosixPath(path.relative_to(root).as_posix())
        if path.is_file() and not _hidden(name) and _wanted(name, include, exclude):
            found.append((str(path), name))
    return sorted(found, key=lambda item: item[1].parts)


def _files_under(path: Path) -> list[Path]:
    """Everything under a folder, recursively; a file is its own."""
    return list(path.rglob("*")) if path.is_dir() else [path]


def _glob_root(pattern: str) -> Path:
    """The folder a glob pattern starts from: its parts before the first wildcard."""
    parts = Path(pattern).parts
    first_magic = next(i for i, part in enumerate(parts) if has_magic(part))
    return Path(*parts[:first_magic]) if first_magic else Path(".")


def _hidden(name: PurePosixPath) -> bool:
    # Like the shell's globs: dot-files and dot-folders (.git, editors' temporary files) are not articles.
    return any(part.startswith(".") for part in name.parts)


def _wanted(name: PurePosixPath, include: Sequence[str], exclude: Sequence[str]) -> bool:
    return any(name.match(p) for p in include) and not any(name.match(p) for p in exclude)


def _output_names(named: list[tuple[str, PurePosixPath]]) -> list[Article]:
    """`sub/NAME.json` per article; of `a.html` and `a.txt` in one folder the second gets `a.txt.json`."""
    taken: set[PurePosixPath] = set()
    articles = []
    for path, name in named:
        candidates = chain(
            [name.with_suffix(".json"), name.with_name(name.name + ".json")],
            (name.with_name(f"{name.name}.{n}.json") for n in count(2)),
        )
        output = next(c for c in candidates if c not in taken)
        taken.add(output)
        articles.append(Article(path=path, output=output))
    return articles


# --- running ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Task:
    article: Article
    known_sha256: str | None  # resume: skip when the input still has this sha256
    max_chars: int
    indent: int | None
    model: str | None


def run(
    articles: Iterable[Article],
    jobs: int = 1,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    indent: int | None = None,
    known_sha256: Callable[[Article], str | None] | None = None,
    chunksize: int | None = None,
    model: str | None = None,
) -> Iterator[Outcome]:
    """Extract every article, yielding one `Outcome` each, in input order.

    `jobs` > 1 uses that many worker processes, each building the pipeline once;
    the outcomes (and so the output) are the same whatever `jobs` is. `indent`
    formats the JSON text as `Result.model_dump_json(indent=...)` does.
    `known_sha256(article)` gives the sha256 an earlier output was made from;
    `model` is a trained spaCy pipeline to run on, as in `pressfacts.extract`.
    Results are streamed: only the ones in flight are held in memory.
    """
    tasks = (
        _Task(article, known_sha256(article) if known_sha256 else None, max_chars, indent, model)
        for article in articles
    )
    # Built here, before the workers start: a broken pipeline fails once, and forked
    # workers inherit the built pipeline instead of each building its own.
    load_pipeline(model)
    if jobs <= 1:
        yield from map(_process, tasks)
        return
    from multiprocessing import Pool  # here, not at the top: every other command starts faster

    with Pool(jobs, initializer=_init_worker) as pool:
        yield from pool.imap(_process, tasks, chunksize=chunksize or 4)


def suggested_chunksize(articles: int, jobs: int) -> int:
    """Tasks per message to a worker: fewer round trips, yet work spread to the end of the run."""
    return max(1, min(16, articles // (jobs * 8)))


def _init_worker() -> None:
    # Ctrl-C is the parent's to handle (it stops the pool), and SIGTERM (how the pool stops
    # workers) must kill, whatever handler the parent had. Nothing here may fail: a pool
    # replaces a worker whose initializer raises, forever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _process(task: _Task) -> Outcome:
    path = task.article.path
    try:
        document = read_path(path, max_chars=task.max_chars)
        if task.known_sha256 is not None and document.source.sha256 == task.known_sha256:
            return Outcome(task.article, skipped=True)
        result = api.extract_document(document, model=task.model)
    except InputError as err:
        return _failed(task, str(err))
    except Exception as err:  # a bug in one article's analysis must not stop the run
        return _failed(task, f"{path}: internal error: {type(err).__name__}: {err}")
    facts = Counter(fact.type for fact in result.facts)
    return Outcome(task.article, text=result.model_dump_json(indent=task.indent), facts=facts)


def _failed(task: _Task, message: str) -> Outcome:
    message = " ".join(message.split())  # one line, whatever the exception said
    return Outcome(task.article, text=error_record(task.article.path, message, task.indent), error=message)


def error_record(path: str, message: str, indent: int | None = None) -> str:
    """The JSON of an error record, formatted like the results around it."""
    record = {"source": {"path": path}, "error": message}
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(record, ensure_ascii=False, indent=indent, separators=separators)


# --- resume ----------------------------------------------------------------------------------


def scan_jsonl(path: Path) -> tuple[dict[str, Line], int, int]:
    """What an earlier JSONL output holds: its last line per source path, line count, and
    the byte length of its complete lines (a half line left by a crash is not counted)."""
    lines: dict[str, Line] = {}
    lines_seen = complete = 0
    if not path.exists():
        return lines, lines_seen, complete
    with open(path, "rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break  # a half line: the rest is rewritten
            start, complete = complete, complete + len(raw)
            lines_seen += 1
            source_path, sha256 = _source_of_line(raw)
            if source_path is not None:
                lines[source_path] = Line(start, complete, sha256)
    return lines, lines_seen, complete


def _source_of_line(raw: bytes) -> tuple[str | None, str | None]:
    try:
        record = json.loads(raw)
        source = record["source"]
        path = source["path"]
    except (ValueError, KeyError, TypeError):
        return None, None
    return path, (None if "error" in record else source.get("sha256"))


def sha256_in_json_file(path: Path) -> str | None:
    """The source sha256 of an earlier per-article output file (None: missing, broken or an error)."""
    try:
        record = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or "error" in record:
        return None
    source = record.get("source")
    return source.get("sha256") if isinstance(source, dict) else None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
