"""Writing results: to stdout, or atomically to a file."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from pressfacts.errors import EXIT_OUTPUT, InputError


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never a half-written file."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise InputError(f"{path}: cannot write here ({err.strerror})", EXIT_OUTPUT) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; a written page is for sharing
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write ({err.strerror})", EXIT_OUTPUT) from None


def emit(text: str, output: Path | None) -> None:
    """Print to stdout, or write to `output` atomically."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


def fail(err: InputError) -> None:
    """One line on stderr and the error's exit code: never a traceback."""
    import typer

    typer.echo(f"pressfacts: {err}", err=True)
    raise typer.Exit(err.exit_code)
