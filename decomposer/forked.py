"""Work handed to a forked child so that the parent goes on: on a machine with two cores,
writing a cache entry or a second output file costs the run almost nothing.

A child shares the parent's memory copy-on-write, so it needs no pickling to get its input.
Where there is no ``fork`` (Windows) the work runs in the parent, in order.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any


class Children:
    """Forked workers started by one stage; ``wait`` says whether all of them succeeded."""

    def __init__(self) -> None:
        self._pids: list[int] = []

    def start(self, work: Callable[..., Any], *args: Any) -> None:
        if not hasattr(os, "fork"):
            work(*args)
            return
        pid = os.fork()
        if pid == 0:  # the child: do the work, never return into the parent's code
            code = 1
            try:
                work(*args)
                code = 0
            finally:
                os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        self._pids.append(pid)

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
