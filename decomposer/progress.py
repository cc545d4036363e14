"""Progress on stderr, only when it is a terminal and nobody asked for quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def progress_reporter(*, enabled: bool) -> Iterator:
    """Yields a ``(step, done, total)`` callback, or None when progress is not shown."""
    if not (enabled and sys.stderr.isatty()):
        yield None  # rich is not even imported: a sixth of a quiet warm run on Oscar
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        tasks: dict[str, int] = {}

        def report(step: str, done: int, total: int) -> None:
            if step not in tasks:
                for other in tasks.values():  # a new step means the previous ones are done
                    task = bar.tasks[other]
                    bar.update(other, completed=task.total or 1, total=task.total or 1)
                tasks[step] = bar.add_task(step, total=total or None)
            bar.update(tasks[step], completed=done, total=total or None)

        yield report
