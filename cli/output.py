"""Writing results: to stdout, or atomically to a file."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO

from pressfacts.errors import EXIT_OUTPUT, InputError


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFile:
    """A file written under a temporary name beside `path` and renamed into place by `commit`: a reader
    never sees it half-written, and `discard` (or an exception inside `with`) leaves nothing behind."""

    def __init__(self, path: Path, binary: bool = False) -> None:
        self.path = Path(path)
        directory = self.path.parent if str(self.path.parent) else Path(".")
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
        except OSError as err:
            raise InputError(f"{self.path}: cannot write here ({err.strerror})", EXIT_OUTPUT) from None
        self.handle: IO = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        )

    def commit(self) -> None:
        try:
            self.handle.close()
            os.chmod(self.tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; output is for sharing
            os.replace(self.tmp, self.path)
        except OSError as err:
            self.discard()
            raise InputError(f"{self.path}: cannot write ({err.strerror})", EXIT_OUTPUT) from None

    def discard(self) -> None:
        self.handle.close()
        Path(self.tmp).unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, error_type: type[BaseException] | None, *_: object) -> None:
        if error_type is None:
            self.commit()
        else:
            self.discard()


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename: never a half-written file."""
    with AtomicFile(path) as target:
        try:
            target.handle.write(text)
        except OSError as err:
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
