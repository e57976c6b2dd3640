"""Errors a user can act on, each with its documented exit code."""

from __future__ import annotations

# Exit codes, documented in the README's "Exit codes" section.
EXIT_OK = 0
EXIT_FAILED = 1  # batch: at least one article failed
EXIT_USAGE = 2  # bad arguments (Typer/Click's own code)
EXIT_NOT_FOUND = 3  # missing path, a directory where a file was expected, unreadable file
EXIT_BAD_INPUT = 4  # empty, binary, undecodable or too large input; an HTML page with no text
EXIT_OUTPUT = 5  # the output could not be written, or would overwrite the input
EXIT_INTERNAL = 6  # a bug in pressfacts: the message asks for a report
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, the shell convention)


class InputError(Exception):
    """Input pressfacts cannot read; `str(err)` is the one-line message for the user."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code
