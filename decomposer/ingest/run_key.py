"""The identity of a whole analysis input: every file's bytes, the git history, the settings.

Two runs with the same key resolve to the same facts, so the second one can take them
from the cache instead of parsing, mining git and resolving again.
"""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from collections.abc import Iterable
from pathlib import Path

from decomposer.ingest.cache import code_version, file_key
from decomposer.ingest.history import git_env
from decomposer.model import Scan, SourceFile

EMPTY, UNREADABLE = "empty", "unreadable"  # identities of files with no key


def run_key(found: Scan, identities: Iterable[str], *, settings: str, history: bool,
            relative_window: bool) -> str:
    """The key of one input, from what each scanned file is (``identities``, in scan order:
    as ``file_identity`` finds, or as the parse recorded)."""
    digest = hashlib.blake2b(digest_size=20)
    # The root too: cached facts carry it (reports show it, history was read there).
    digest.update(f"{code_version()}\0{settings}\0{found.root}\0".encode())
    for source, identity in zip(found.files, identities, strict=True):
        digest.update(f"{source.path}\0{identity}\0".encode())
    if history:
        digest.update(_git_state(Path(found.root)).encode())
        if relative_window:  # "2 years ago" moves with the calendar
            digest.update(datetime.date.today().isoformat().encode())
    return digest.hexdigest()


def file_identity(root: str, source: SourceFile, dialect: str | None) -> str:
    """What a file is, for the key of a whole run: the key of its outcome, or EMPTY or
    UNREADABLE (files whose outcome is not cached)."""
    try:
        data = (Path(root) / source.path).read_bytes()
    except OSError:
        return UNREADABLE
    return file_key(source, data, dialect) if data else EMPTY


def _git_state(root: Path) -> str:
    """HEAD and the list of changed tracked files; "" where there is no git."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], text=True,
                              capture_output=True, timeout=30, env=git_env())
        status = subprocess.run(["git", "-C", str(root), "status", "--porcelain",
                                 "--untracked-files=no"], text=True, capture_output=True,
                                timeout=60, env=git_env())
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{head.stdout.strip()}\0{status.stdout}"
