"""Top-level folders of copied third-party libraries that the application puts on its own
import path: older applications ship their dependencies that way (Tautulli's ``lib/`` holds
about 75 of them, put there by ``sys.path.insert(0, os.path.join(..., 'lib'))``), and read
as the monolith's own code they become its biggest "contexts".

A folder counts only when all of these hold, so that an application kept in such a folder
(``src/``, or ``lib/myapp`` started from ``bin/``) is never taken for libraries:

- a script at the top of the repository adds it to ``sys.path`` (or ``site.addsitedir``,
  App Engine's ``vendor.add``), naming it in a string on that line;
- it holds at least ``MIN_LIBRARIES`` importable packages or modules of its own (a copy of
  one's dependencies is many distributions side by side; an application is one or two);
- beside it, at the top, is a package of at least ``MIN_APPLICATION_FILES`` Python files
  that is neither tests nor documentation, and that imports at least ``MIN_USED`` of those
  libraries by their bare names (``import requests``): the application they serve. A
  project folder put on the path (cookiecutter-django's ``manage.py`` adds its own apps'
  folder) is not used that way: its settings name the apps in strings, and it holds a
  ``conftest.py``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

MIN_LIBRARIES = 5
MIN_APPLICATION_FILES = 10
MIN_USED = 2
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([A-Za-z_]\w*)|import[ \t]+([\w. \t,]+))",
                     re.MULTILINE)
_NOT_LIBRARIES = {"conftest", "setup", "manage", "tests", "test"}
_MAX_FILES_READ = 2_000  # of the application, looking for its imports
_PATH_CALL = re.compile(r"\b(?:sys\.path\.(?:insert|append)|site\.addsitedir|vendor\.add)\s*\(")
_LITERAL = re.compile(r"""['"]([A-Za-z_][\w.-]*)/?['"]""")
# Scripts that put the source tree on the path for tests or builds, not libraries.
_NOT_LAUNCHERS = {"setup.py", "conftest.py", "noxfile.py", "tasks.py"}
_NOT_APPLICATION = {"tests", "test", "testing", "docs", "doc", "examples", "example",
                    "scripts", "tools", "contrib"}
_HEAD = 200_000  # bytes of a launcher read: the path is set up at the top


def library_folders(top: Path) -> dict[str, str]:
    """Top-level folder name -> why it is skipped as copied libraries."""
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError:
        return {}
    folders = {e.name: e.path for e in entries
               if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")}
    put_on_path: dict[str, str] = {}  # folder -> the script that does it
    for entry in entries:
        if (entry.name.endswith((".py", ".pyw")) and entry.name not in _NOT_LAUNCHERS
                and entry.is_file(follow_symlinks=False)):
            for name in _named_on_path(entry.path):
                if name in folders and name != "src":
                    put_on_path.setdefault(name, entry.name)
    out = {}
    for name, script in sorted(put_on_path.items()):
        libraries = _importables(folders[name])
        if len(libraries) < MIN_LIBRARIES or _is_plain_file(
                os.path.join(folders[name], "conftest.py")):
            continue
        application = next((other for other in sorted(folders) if other != name
                            and other not in put_on_path and other.lower() not in
                            _NOT_APPLICATION and _is_application(folders[other])
                            and _uses(folders[other], set(libraries))), None)
        if application:
            shown = ", ".join(libraries[:4]) + (", ..." if len(libraries) > 4 else "")
            out[name] = (f"vendored: {len(libraries)} libraries ({shown}) that {script} puts "
                         f"on sys.path for the application in {application}/")
    return out


def _named_on_path(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(_HEAD)
    except OSError:
        return []
    return [name.rstrip("/") for line in text.splitlines()
            if _PATH_CALL.search(line.partition("#")[0])
            for name in _LITERAL.findall(line.partition("#")[0])]


def _importables(folder: str) -> list[str]:
    """The packages and modules directly inside ``folder``."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    names = [e.name.removesuffix(".py") for e in entries
             if not e.name.startswith(("_", "."))
             and (e.name.endswith(".py") and e.is_file(follow_symlinks=False)
                  or e.is_dir(follow_symlinks=False)
                  and _is_plain_file(os.path.join(e.path, "__init__.py")))]
    return [n for n in names if n not in _NOT_LIBRARIES and not n.startswith("test_")]


def _uses(folder: str, libraries: set[str]) -> bool:
    """Whether the code under ``folder`` imports ``MIN_USED`` of ``libraries`` by bare name."""
    used: set[str] = set()
    read = 0
    for path, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if f.endswith(".py")):
            file = os.path.join(path, name)
            if read >= _MAX_FILES_READ or not _is_plain_file(file):
                continue
            read += 1
            try:
                with open(file, encoding="utf-8", errors="replace") as fh:
                    used |= libraries & _imported(fh.read(_HEAD))
            except OSError:
                continue
            if len(used) >= MIN_USED:
                return True
    return False


def _imported(text: str) -> set[str]:
    """Top-level names imported: ``from a.b import c`` and ``import a.b as x, d`` give a, d."""
    names = set()
    for source, listed in _IMPORT.findall(text):
        names |= {source} if source else {
            part.split()[0].split(".")[0] for part in listed.split(",") if part.split()}
    return names


def _is_application(folder: str) -> bool:
    """A package with at least ``MIN_APPLICATION_FILES`` Python files."""
    if not _is_plain_file(os.path.join(folder, "__init__.py")):
        return False
    count = 0
    for _, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(f.endswith(".py") for f in files)
        if count >= MIN_APPLICATION_FILES:
            return True
    return False


def _is_plain_file(path: str) -> bool:
    try:  # lstat: a link is never followed, not even to look
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
