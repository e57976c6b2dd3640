"""`pressfacts evaluate`: score pressfacts on a folder of articles with gold files."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .app import app


@app.command(
    "evaluate",
    epilog="Example: pressfacts evaluate samples/ --verbose --min-f1 0.9\n\n"
    "Each NAME.gold.json beside NAME.txt (or NAME.html) is scored as docs/facts.md says.",
)
def evaluate_cli(
    gold_dir: Path = typer.Argument(
        ..., exists=True, file_okay=False, help="Folder of articles and NAME.gold.json files."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss and extra, per article."),
    min_f1: float = typer.Option(None, "--min-f1", help="Exit 1 when the strict core F1 is below this."),
) -> None:
    """Score the extractor against gold files: precision, recall and F1 per fact type."""
    from pressfacts.api import extract_path
    from pressfacts.evaluate import ALL_TYPES, CORE_TYPES, evaluate

    evaluation = evaluate(gold_dir, lambda path: json.loads(extract_path(path).to_json()))
    console = Console()
    if verbose:
        for miss in evaluation.misses:
            item = {
                k: v for k, v in miss.item.items() if k not in ("evidence", "id", "type") and v is not None
            }
            console.print(
                f"{miss.article}: {miss.kind} {miss.fact_type}: {json.dumps(item, ensure_ascii=False)}",
                markup=False,
                highlight=False,
            )
    table = Table(title=f"{evaluation.articles} articles in {gold_dir}")
    for column in ("type", "lenient P", "R", "F1", "strict P", "R", "F1", "gold"):
        table.add_column(column, justify="left" if column == "type" else "right")
    rows = [(t, [t]) for t in ALL_TYPES] + [("core", list(CORE_TYPES)), ("all", list(ALL_TYPES))]
    for label, types in rows:
        lenient, strict = evaluation.total("lenient", types), evaluation.total("strict", types)
        table.add_row(
            label,
            *(
                f"{x:.2f}"
                for x in (
                    lenient.precision,
                    lenient.recall,
                    lenient.f1,
                    strict.precision,
                    strict.recall,
                    strict.f1,
                )
            ),
            str(strict.tp + strict.fn),
        )
    console.print(table)
    for failure in evaluation.failed:
        console.print(f"failed: {failure}", markup=False)
    core = evaluation.total("strict").f1
    typer.echo(f"strict core F1 {core:.3f}")
    if min_f1 is not None and core < min_f1:
        typer.echo(f"strict core F1 {core:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)
