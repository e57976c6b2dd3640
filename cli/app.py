"""The root Typer app and the options every command shares."""

from __future__ import annotations

import typer

from pressfacts import __version__

app = typer.Typer(
    name="pressfacts",
    help="Read clinical-trial press releases and news stories; write their facts as JSON.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pressfacts {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Read clinical-trial press releases and news stories; write their facts as JSON."""
