"""`pressfacts schema`: the JSON Schema of what `pressfacts extract` writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from pressfacts.errors import InputError
from pressfacts.model import Result

from .app import app
from .output import emit, fail

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def output_schema() -> dict[str, Any]:
    """The JSON Schema of one article's output, generated from the output model (the one definition)."""
    return {"$schema": JSON_SCHEMA_DIALECT, **Result.model_json_schema(mode="serialization")}


@app.command(
    "schema",
    epilog="Example: pressfacts schema -o pressfacts.schema.json\n\n"
    "The fact types: pressfacts schema | jq '.\"$defs\" | keys'",
)
def schema_cli(
    output: Path = typer.Option(None, "--output", "-o", help="Write the schema here instead of stdout."),
) -> None:
    """Print the JSON Schema (draft 2020-12) of the JSON that `pressfacts extract` writes."""
    try:
        emit(json.dumps(output_schema(), indent=2, ensure_ascii=False) + "\n", output)
    except InputError as err:
        fail(err)
