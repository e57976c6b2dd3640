"""`pressfacts report`: a folder of articles (or batch's JSON Lines) in, the readout report out."""

from __future__ import annotations

import webbrowser
from pathlib import Path, PurePosixPath

import typer

from pressfacts.errors import EXIT_NOT_FOUND, EXIT_OUTPUT, InputError

from .app import app
from .output import fail, write_atomic


@app.command(
    "report",
    epilog="Examples: pressfacts report samples/ -o report.html --open\n\n"
    "pressfacts batch releases/ -o facts.jsonl && pressfacts report facts.jsonl -o report.html\n\n"
    "Each article's evidence page is written to REPORT-pages/ beside the report, which links to it.",
)
def report_cli(
    source: Path = typer.Argument(
        ..., help="A folder of articles, or the JSON Lines `pressfacts batch` wrote."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the report (HTML)."),
    open_page: bool = typer.Option(False, "--open", help="Open the report in the web browser."),
    pages: bool = typer.Option(True, "--pages/--no-pages", help="Write each article's evidence page too."),
    jobs: int = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes for a folder (default: the cores there are)."
    ),
) -> None:
    """Lay a folder of readouts side by side: a row per article × cohort and the landscape chart."""
    from pressfacts import batch
    from pressfacts.report import build_report

    if not source.exists():
        fail(InputError(f"{source}: no such file or folder: check the path", EXIT_NOT_FOUND))
    pages_dir = output.parent / f"{output.stem}-pages"

    def write_page(name: PurePosixPath, html: str) -> None:
        target = pages_dir / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise InputError(
                f"{target.parent}: cannot make this folder ({err.strerror})", EXIT_OUTPUT
            ) from None
        write_atomic(target, html)

    try:
        html = build_report(
            source,
            pages_dir.name,
            write_page if pages else None,
            jobs=jobs or batch.default_jobs(),
            leave_out=(output, pages_dir),
        )
        write_atomic(output, html)
    except InputError as err:
        fail(err)
    typer.echo(f"wrote {output}" + (f" and the article pages in {pages_dir}/" if pages else ""), err=True)
    if open_page:
        webbrowser.open(output.resolve().as_uri())
