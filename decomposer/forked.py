"""Work handed to a forked child so that the parent goes on: on a machine with two cores,
writing a cache entry or a second output file costs the run almost nothing.

A child shares the parent's memory copy-on-write, so it needs no pickling to get its input.
Where there is no ``fork`` (Windows) the work runs in the parent, in order.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any


def processes(jobs: int) -> int:
    """How many processes ``jobs`` means: itself, or 0 for one per core this process may
    run on."""
    if jobs:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_child(work: Callable[..., Any], *args: Any) -> int:
    """The pid of a forked child that runs ``work(*args)`` and exits, 0 if it returned and
    1 if it raised, never returning into the parent's code. Raises OSError if the fork
    fails."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            work(*args)
            code = 0
        finally:
            os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
    return pid


class Children:
    """Forked workers started by one stage; ``wait`` says whether all of them succeeded."""

    def __init__(self) -> None:
        self._pids: list[int] = []

    def start(self, work: Callable[..., Any], *args: Any) -> None:
        if not hasattr(os, "fork"):
            work(*args)
            return
        self._pids.append(fork_child(work, *args))

    def wait(self) -> bool:
        ok = True
        for pid in self._pids:
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:
                continue
            ok = ok and os.waitstatus_to_exitcode(status) == 0
        self._pids.clear()
        return ok
