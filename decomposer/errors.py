"""The one exception root. Messages say what went wrong, where, and what to do."""

from __future__ import annotations

import difflib


class DecomposerError(Exception):
    """Anything a user can act on. The CLI prints it (no traceback) and exits 1."""


class UsageError(DecomposerError):
    """Bad flags or configuration: exit code 2."""


class ConfigError(UsageError):
    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """A " (did you mean 'x'?)" suffix, or "" when nothing is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
