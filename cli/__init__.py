"""The command-line interface: parses arguments, calls the library, prints. Nothing else."""

from __future__ import annotations

from . import batch as _batch  # noqa: F401  (registers the command)
from . import evaluate as _evaluate  # noqa: F401  (registers the command)
from . import extract as _extract  # noqa: F401  (registers the command)
from . import report as _report  # noqa: F401  (registers the command)
from . import schema as _schema  # noqa: F401  (registers the command)
from . import show as _show  # noqa: F401  (registers the command)
from .app import app


def main() -> None:
    app()
