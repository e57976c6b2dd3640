"""`pressfacts extract`: one article in, its facts as JSON out."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from pressfacts.errors import EXIT_NOT_FOUND, EXIT_OUTPUT, InputError
from pressfacts.readers import DEFAULT_MAX_CHARS

from .app import app
from .output import emit, fail


@app.command(
    "extract",
    epilog="Example: pressfacts extract samples/medpath-bms-breakfree1.txt -o facts.json\n\n"
    "Piping: cat article.txt | pressfacts extract -",
)
def extract_cli(
    path: str = typer.Argument(None, help='The article (.txt or .html); "-" or nothing reads standard input.'),
    output: Path = typer.Option(None, "--output", "-o", help="Write the JSON here instead of stdout."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, help="Refuse input longer than this many characters."),
) -> None:
    """Extract the trial facts and quotes of one article as JSON."""
    from pressfacts.api import extract_path

    if path is None:
        if sys.stdin.isatty():
            fail(InputError("no input: give a path, or pipe an article into `pressfacts extract -`", EXIT_NOT_FOUND))
        path = "-"
    if output is not None and path != "-" and Path(path).resolve() == output.resolve():
        fail(InputError(f"{output}: refusing to overwrite the input file", EXIT_OUTPUT))
    try:
        result = extract_path(path, max_chars=max_chars)
        emit(result.to_json(), output)
    except InputError as err:
        fail(err)
