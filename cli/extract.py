"""`pressfacts extract`: one article in, its facts as JSON out."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from pressfacts.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_NOT_FOUND, EXIT_OUTPUT, InputError
from pressfacts.formats import Format, render_for_stdout
from pressfacts.readers import DEFAULT_MAX_CHARS, read_path

from .app import app
from .output import emit, fail


@app.command(
    "extract",
    epilog="Example: pressfacts extract samples/medpath-bms-breakfree1.txt -o facts.json\n\n"
    "Piping: cat article.txt | pressfacts extract -\n\n"
    "For a spreadsheet: pressfacts extract article.txt --format csv -o facts.csv\n\n"
    "In the terminal: pressfacts extract article.txt --format table\n\n"
    "On a trained spaCy pipeline: pressfacts extract article.txt --model en_core_web_sm\n\n"
    "The text evidence offsets index (a page's article text): pressfacts extract page.html --show-text\n\n"
    "Exit codes: 0 done; 2 bad arguments; 3 missing or unreadable path; 4 input that is not a readable "
    "article (empty, binary, undecodable, over --max-chars); 5 output not written; 6 a bug; 130 interrupted.",
)
def extract_cli(
    path: str = typer.Argument(
        None, help='The article (.txt or .html); "-" or nothing reads standard input.'
    ),
    output: Path = typer.Option(None, "--output", "-o", help="Write the output here instead of stdout."),
    max_chars: int = typer.Option(
        DEFAULT_MAX_CHARS, min=1, help="Refuse input longer than this many characters."
    ),
    fmt: Format = typer.Option(Format.json, "--format", "-f", help="json, jsonl, csv or table."),
    model: str = typer.Option(None, "--model", help="An installed spaCy pipeline to run instead of blank."),
    show_text: bool = typer.Option(
        False, "--show-text", help="Print the analysed text (evidence offsets index it) instead of the facts."
    ),
) -> None:
    """Extract the trial facts and quotes of one article as JSON (or CSV, JSON Lines, a table)."""
    from pressfacts.api import extract_path

    if path is None:
        if sys.stdin.isatty():
            fail(
                InputError(
                    "no input: give a path, or pipe an article into `pressfacts extract -`", EXIT_NOT_FOUND
                )
            )
        path = "-"
    if output is not None and path != "-" and _same_file(Path(path), output):
        fail(InputError(f"{output}: refusing to overwrite the input file", EXIT_OUTPUT))
    try:
        if show_text:
            emit(read_path(path, max_chars=max_chars).text, output)
            return
        result = extract_path(path, max_chars=max_chars, model=model)
        emit(render_for_stdout(result, fmt, to_stdout=output is None), output)
    except InputError as err:
        fail(err)
    except KeyboardInterrupt:
        fail(InputError("interrupted", EXIT_INTERRUPTED))
    except BrokenPipeError:
        _quiet_broken_pipe()
    except Exception as err:  # a bug: one line, not a traceback (PRESSFACTS_DEBUG=1 shows it)
        if os.environ.get("PRESSFACTS_DEBUG"):
            raise
        fail(InputError(f"internal error ({type(err).__name__}: {err}): please report it", EXIT_INTERNAL))


def _same_file(path: Path, output: Path) -> bool:
    """True when writing `output` would replace `path` (same name, or a link to it)."""
    try:
        return path.resolve() == output.resolve() or (output.exists() and os.path.samefile(path, output))
    except OSError:
        return False


def _quiet_broken_pipe() -> None:
    """The reader of stdout went away (`| head`): stop without Python's complaint at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)
