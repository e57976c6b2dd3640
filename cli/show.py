"""`pressfacts show`: one article in, its evidence page (self-contained HTML) out."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import typer

from pressfacts.errors import EXIT_OUTPUT, InputError
from pressfacts.readers import DEFAULT_MAX_CHARS

from .app import app
from .output import fail, write_atomic


@app.command(
    "show",
    epilog="Example: pressfacts show samples/medpath-bms-breakfree1.txt -o page.html --open\n\n"
    "The page opens offline: styles and scripts are inline, nothing is fetched.",
)
def show_cli(
    path: Path = typer.Argument(..., help="The article (.txt or .html)."),
    output: Path = typer.Option(
        None, "--output", "-o", help="Where to write the page (default: NAME.evidence.html in this folder)."
    ),
    open_page: bool = typer.Option(False, "--open", help="Open the page in the web browser."),
    max_chars: int = typer.Option(
        DEFAULT_MAX_CHARS, min=1, help="Refuse input longer than this many characters."
    ),
) -> None:
    """Write the article as a page with the evidence of every fact and quote highlighted."""
    from pressfacts.report import show_page

    output = output or Path(f"{path.stem}.evidence.html")
    if output.resolve() == path.resolve():
        fail(InputError(f"{output}: refusing to overwrite the input file", EXIT_OUTPUT))
    try:
        write_atomic(output, show_page(path, max_chars=max_chars))
    except InputError as err:
        fail(err)
    typer.echo(f"wrote {output}", err=True)
    if open_page:
        webbrowser.open(output.resolve().as_uri())
