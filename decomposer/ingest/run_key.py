"""The identity of a whole analysis input: every file's bytes, the git history, the settings.

Two runs with the same key resolve to the same facts, so the second one can take them
from the cache instead of parsing, mining git and resolving again.
"""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from pathlib import Path

from decomposer.ingest.cache import code_version
from decomposer.model import Scan


def run_key(found: Scan, *, settings: str, history: bool, relative_window: bool) -> str:
    digest = hashlib.blake2b(digest_size=20)
    # The root too: cached facts carry it (reports show it, history was read there).
    digest.update(f"{code_version()}\0{settings}\0{found.root}\0".encode())
    root = Path(found.root)
    for source in found.files:
        digest.update(source.path.encode() + b"\0")
        try:
            digest.update(hashlib.blake2b((root / source.path).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    if history:
        digest.update(_git_state(root).encode())
        if relative_window:  # "2 years ago" moves with the calendar
            digest.update(datetime.date.today().isoformat().encode())
    return digest.hexdigest()


def _git_state(root: Path) -> str:
    """HEAD and the list of changed tracked files; "" where there is no git."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], text=True,
                              capture_output=True, timeout=30)
        status = subprocess.run(["git", "-C", str(root), "status", "--porcelain",
                                 "--untracked-files=no"], text=True, capture_output=True,
                                timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{head.stdout.strip()}\0{status.stdout}"
