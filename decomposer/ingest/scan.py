"""Find the files worth analysing, and say why each other one was left out."""

from __future__ import annotations

import codecs
import fnmatch
import os
import re
from pathlib import Path

import pathspec

from decomposer.errors import DecomposerError
from decomposer.ingest.library_folders import copied_library, is_package, library_folders
from decomposer.ingest.source import is_wide, unicode_encoding
from decomposer.model import Scan, Skipped, SourceFile


def scan(root: str | Path, *, exclude: tuple[str, ...] = (), read: tuple[str, ...] = (),
         max_file_size: int = 2_000_000) -> Scan:
    """Walk ``root`` honouring ``.gitignore`` files and ``exclude`` globs.

    Symbolic links are never followed (a link may lead out of the repository); vendored
    trees, binaries and files over ``max_file_size`` bytes are skipped with a reason.
    Folders matching ``read`` globs are read though they look vendored or set aside.
    """
    top = Path(root)
    if not top.exists():
        raise DecomposerError(f"{root}: no such file or directory")
    if not top.is_dir():
        raise DecomposerError(f"{root}: not a directory (give the repository's folder)")
    top = top.resolve()
    walker = _Walker(exclude, max_file_size, library_folders(top), read)
    walker.walk(str(top), "", ())  # a virtual environment at the top is still read
    source_root = _source_root(top)
    files = tuple(
        _classify(rel, size, source_root)
        for rel, size in sorted(walker.kept)
    )
    return Scan(root=str(top), source_root=source_root, files=files,
                skipped=tuple(sorted(walker.skipped, key=lambda s: s.path)))


PYTHON_SUFFIXES = (".py", ".pyw")
SQL_SUFFIXES = (".sql", ".ddl", ".pgsql", ".psql")
# Trees that belong to someone else or to the build: never the monolith's own code.
_VENDORED_DIRS = {
    "node_modules": "vendored (node_modules)",
    "site-packages": "vendored (site-packages)",
    "dist-packages": "vendored (dist-packages)",
    "__pycache__": "bytecode cache",
    ".git": "version control", ".hg": "version control", ".svn": "version control",
    ".tox": "tool environment", ".nox": "tool environment", ".eggs": "build output",
    ".mypy_cache": "tool cache", ".pytest_cache": "tool cache", ".ruff_cache": "tool cache",
    "build": "build output", "dist": "build output",
    "vendor": "vendored", "_vendor": "vendored", "third_party": "vendored",
    "bower_components": "vendored",
}
# At the top of a repository these hold documentation and demo sites: code that is no part
# of the system being split (deeper down, a "docs" package may be a real feature).
_TOP_LEVEL_ASIDE = {"docs": "documentation", "doc": "documentation",
                    "examples": "example code", "example": "example code",
                    "sandbox": "example code"}
# Test folders: tests/, test/, unit_tests/, shuup_tests/, playwright_tests/, e2e/,
# test_utils/... and the few names that pattern does not cover.
_TEST_DIR_NAME = re.compile(r"(?:.+[_-])?(?:tests?|e2e)|tests?[_-].+")
_TEST_DIRS = {"testing", "unittests", "_tests"}
_MIGRATION_DIRS = {"migrations", "migration", "alembic", "migrate"}
# Packages in which applications keep copies of libraries (MoinMoin's ``support``, web2py's
# ``contrib``, Sick-Beard's ``lib``): only their sub-packages are read for the signs of a copy
# (library_folders.copied_library), which costs a look at their files.
COPIES_HOLDERS = frozenset("""
    support contrib lib libs ext extern external externals thirdparty packages deps
    dependencies vendored bundled pkgs
""".split())


class _Walker:
    def __init__(self, exclude: tuple[str, ...], max_file_size: int,
                 libraries: dict[str, str], read: tuple[str, ...] = ()) -> None:
        self.exclude = exclude
        self.read = read
        self.max_file_size = max_file_size
        self.libraries = libraries  # top-level folders of copied libraries -> why
        self.kept: list[tuple[str, int]] = []
        self.skipped: list[Skipped] = []

    def walk(self, folder: str, rel_folder: str,
             ignores: tuple[tuple[str, pathspec.PathSpec], ...]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.skipped.append(Skipped(rel_folder or ".", f"cannot list folder: {exc.strerror}"))
            return
        if rel_folder and any(e.name == "pyvenv.cfg" for e in entries):
            self.skipped.append(Skipped(rel_folder + "/", "virtual environment"))
            return
        gitignore = next((e for e in entries if e.name == ".gitignore"), None)
        if gitignore is not None and gitignore.is_file(follow_symlinks=False):
            ignores = ignores + _gitignore(gitignore.path, rel_folder)
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            if entry.is_symlink():
                self.skipped.append(Skipped(rel, "symbolic link (never followed)"))
                continue
            is_dir = entry.is_dir(follow_symlinks=False)
            reason = self._reason_to_skip(entry, rel, is_dir, ignores)
            if reason:
                if reason != "-":
                    self.skipped.append(Skipped(rel + ("/" if is_dir else ""), reason))
                continue
            if is_dir:
                self.walk(entry.path, rel, ignores)
            else:
                self._consider_file(entry, rel)

    def _reason_to_skip(self, entry: os.DirEntry, rel: str, is_dir: bool,
                        ignores: tuple[tuple[str, pathspec.PathSpec], ...]) -> str | None:
        wanted = is_dir and any(_matches(rel, p, is_dir) for p in self.read)
        if is_dir and entry.name in _VENDORED_DIRS and not (
                wanted and _VENDORED_DIRS[entry.name].startswith("vendored")):
            return _VENDORED_DIRS[entry.name]
        if is_dir and "/" not in rel and entry.name in _TOP_LEVEL_ASIDE and not wanted:
            return _TOP_LEVEL_ASIDE[entry.name]
        if is_dir and "/" not in rel and entry.name in self.libraries and not wanted:
            return self.libraries[entry.name]
        if is_dir and entry.name.endswith(".egg-info"):
            return "build output"
        if is_dir and "{{" in entry.name and "}}" in entry.name:
            # cookiecutter/Jinja project templates: their files are not Python until rendered
            return "template (placeholders in its name)"
        if is_dir and entry.name.startswith("."):
            # .semgrep/, .github/...: tool files; no module name can start with a dot
            return "hidden folder (tool configuration, not importable code)"
        for pattern in self.exclude:
            if _matches(rel, pattern, is_dir):
                return f"excluded by configuration ({pattern})"
        if not is_dir and not entry.name.endswith(PYTHON_SUFFIXES + SQL_SUFFIXES):
            return "-"  # not ours to read; not worth listing (nor matching: half a warm run)
        for base, spec in ignores:
            sub = rel[len(base) + 1:] if base else rel
            if spec.match_file(sub + ("/" if is_dir else "")):
                return "ignored by .gitignore"
        if is_dir and "/" in rel and not wanted and not _is_test_dir(entry.name) \
                and rel.rsplit("/", 2)[-2].lower() in COPIES_HOLDERS \
                and is_package(entry.path) and is_package(os.path.dirname(entry.path)):
            return copied_library(entry.path)  # last: it reads the folder's files
        return None

    def _consider_file(self, entry: os.DirEntry, rel: str) -> None:
        try:
            size = entry.stat(follow_symlinks=False).st_size
        except OSError as exc:
            self.skipped.append(Skipped(rel, f"cannot read: {exc.strerror}"))
            return
        if size > self.max_file_size:
            self.skipped.append(Skipped(rel, f"larger than max_file_size ({size:,} bytes)"))
            return
        if _is_binary(entry.path):
            self.skipped.append(Skipped(rel, "binary content"))
            return
        self.kept.append((rel, size))


def _matches(rel: str, pattern: str, is_dir: bool) -> bool:
    """``pattern`` names ``rel``, or, for a folder, what is inside it (``lib/**``)."""
    return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel + "/", pattern) or (
        is_dir and fnmatch.fnmatchcase(rel + "/x", pattern))


def _gitignore(path: str, rel_folder: str) -> tuple[tuple[str, pathspec.PathSpec], ...]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return ()
    return ((rel_folder, pathspec.GitIgnoreSpec.from_lines(lines)),)


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def _is_binary(path: str) -> bool:
    # NUL bytes are also how broken text files look; those are reported by the parser,
    # which can say more. Only files whose head is mostly non-text count as binary here.
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if not head or is_wide(unicode_encoding(head)):  # UTF-16 text is half NUL bytes
        return False
    control = (len(head) - len(head.translate(None, _CONTROL_BYTES))) / len(head)
    # Text in a legacy 8-bit encoding is not UTF-8 either, but has next to no control
    # bytes; compressed or random data has about one in ten.
    return control > 0.3 or (control > 0.05 and not _utf8(head))


def _utf8(head: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # may end mid-char
    except UnicodeDecodeError:
        return False
    return True


def _source_root(top: Path) -> str:
    src = top / "src"
    if not src.is_dir() or src.is_symlink():
        return ""
    has_package = any(
        (p / "__init__.py").is_file() for p in src.iterdir() if p.is_dir() and not p.is_symlink()
    )
    return "src" if has_package or any(src.glob("*.py")) else ""


def _is_test_dir(name: str) -> bool:
    return name.lower() in _TEST_DIRS or _TEST_DIR_NAME.fullmatch(name.lower()) is not None


def _classify(rel: str, size: int, source_root: str) -> SourceFile:
    parts = rel.split("/")
    name = parts[-1]
    folders = {p.lower() for p in parts[:-1]}
    is_test = any(_is_test_dir(f) for f in folders) or (
        name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py")
    is_migration = bool(folders & _MIGRATION_DIRS) or (
        "versions" in folders and "alembic" in rel.lower()
    )
    if name.endswith(SQL_SUFFIXES):
        return SourceFile(path=rel, kind="sql", size=size, is_test=is_test,
                          is_migration=is_migration or _looks_like_migration_name(name))
    return SourceFile(path=rel, kind="python", size=size, module=module_name(rel, source_root),
                      is_test=is_test, is_migration=is_migration,
                      is_package=name == "__init__.py")


def _looks_like_migration_name(name: str) -> bool:
    # Flyway "V3__add_orders.sql", numbered "0007_orders.sql", timestamped "20230101_x.sql"
    head = name.split("_", 1)[0].lstrip("Vv")
    return head.isdigit() and "_" in name


def module_name(rel: str, source_root: str = "") -> str:
    """``shop/orders/__init__.py`` -> ``shop.orders``; relative to the source root."""
    if source_root and rel.startswith(source_root + "/"):
        rel = rel[len(source_root) + 1:]
    stem = rel.rsplit(".", 1)[0]
    parts = stem.split("/")
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)
