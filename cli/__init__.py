"""The command-line interface: parses arguments, calls the library, prints. Nothing else."""

from __future__ import annotations

from . import extract as _extract  # noqa: F401  (registers the command)
from .app import app


def main() -> None:
    app()
