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

A package nested inside the application's own packages is a copied library when its
modules import each other by its bare name as a top-level package, which it is not there
(MoinMoin's ``MoinMoin/support/werkzeug`` says ``from werkzeug.utils import redirect``, and
``utils.py`` beside it defines ``redirect``): ``copied_library`` tells. A wrapper named after
the library it wraps (Saleor's ``saleor/graphql`` importing graphql-core, an ``email``
package importing the standard library's) imports names its own modules do not define.
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
# A copied library: files of its own folder that import from its own modules by its bare
# name, at least this many; and how much of the folder is read to find them.
MIN_SELF_IMPORTS = 2
_MAX_NESTED_FILES = 40
_IMPORTS_HEAD = 16_000  # bytes: imports sit at the top of a module


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


def copied_library(folder: str) -> str | None:
    """Why the package ``folder``, nested inside another package, is a copied third-party
    library, or None (module docstring)."""
    name = os.path.basename(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return None
    sources = [e.path for e in entries if e.name.endswith(".py")
               and e.is_file(follow_symlinks=False)][:_MAX_NESTED_FILES]
    importing = re.compile(rf"^[ \t]*from[ \t]+{re.escape(name)}\.([\w.]+)[ \t]+import[ \t]+"
                           r"\(?[ \t]*(\w+)", re.MULTILINE)
    found = 0
    known: dict[str, set[str]] = {}  # module -> the names it defines
    for source in sources:
        try:
            with open(source, encoding="utf-8", errors="replace") as fh:
                head = fh.read(_IMPORTS_HEAD)
        except OSError:
            continue
        if f"{name}." in head and any(_defines(folder, module, imported, known)
                                      for module, imported in importing.findall(head)):
            found += 1
            if found >= MIN_SELF_IMPORTS:
                return (f"vendored: a copy of the library {name} (its modules import each "
                        f"other as {name}.*, a top-level package it is not here)")
    return None


_DEFINED = re.compile(r"^(?:(?:async[ \t]+)?def|class)[ \t]+(\w+)|^(\w+)[ \t]*=", re.MULTILINE)


def _defines(folder: str, module: str, name: str, known: dict[str, set[str]]) -> bool:
    """Whether module ``module`` of the package ``folder`` defines ``name`` at its top
    (``known`` keeps each module's names: it is read once)."""
    if module not in known:
        known[module] = set()
        base = os.path.join(folder, *module.split("."))
        for path in (base + ".py", os.path.join(base, "__init__.py")):
            if _is_plain_file(path):
                try:
                    with open(path, encoding="utf-8", errors="replace") as fh:
                        known[module] = {a or b for a, b in _DEFINED.findall(fh.read(_HEAD))}
                except OSError:
                    pass
                break
    return name in known[module]


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
                  and is_package(e.path))]
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
    if not is_package(folder):
        return False
    count = 0
    for _, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        count += sum(f.endswith(".py") for f in files)
        if count >= MIN_APPLICATION_FILES:
            return True
    return False


def is_package(folder: str) -> bool:
    """Whether ``folder`` holds an ``__init__.py`` of its own (no link to one)."""
    return _is_plain_file(os.path.join(folder, "__init__.py"))


def _is_plain_file(path: str) -> bool:
    try:  # lstat: a link is never followed, not even to look
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
