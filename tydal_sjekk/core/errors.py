"""Exceptions that the command line maps to exit codes and Norwegian messages."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """Bad input or usage. The message is shown to the user as is (bokmål); exit code 2."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class Interrupted(Exception):
    """The user pressed Ctrl-C or Ctrl-D in an interactive prompt."""
