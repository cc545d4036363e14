"""What the truth-consistency tests read from a monolith's source: module names, top-level
definitions and their qualified names. ``ast`` only: the monoliths are never imported."""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

SKIPPED_DIRS = frozenset({"tests", "migrations"})  # not application code, not in a truth


def application_files(repo: Path) -> list[Path]:
    """The monolith's own code: every ``.py`` outside ``tests/`` and ``migrations/``."""
    return [p for p in sorted(repo.rglob("*.py"))
            if not SKIPPED_DIRS & set(p.relative_to(repo).parts[:-1])]


def application_symbols(repo: Path) -> set[str]:
    """``module:Name`` of every top-level class and function of the application code."""
    return {f"{module_name(path.relative_to(repo))}:{node.name}"
            for path in application_files(repo)
            for node in top_level_defs(parse(path).body)}


def touch_problems(commits: list[dict], repo: Path) -> list[str]:
    """History touches of a file before a commit adds it, or of a symbol it does not define."""
    every_file = {p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()}
    present = every_file - {p for c in commits for p in c.get("add", [])}
    known: dict[str, set[str]] = {}
    problems = []
    for commit in commits:
        present |= set(commit.get("add", []))
        for touch in commit.get("touch", []):
            path, _, qualname = touch.partition(":")
            if path not in present:
                problems.append(f"{touch} touched before its file is added")
            elif qualname not in known.setdefault(path, qualnames(repo / path)):
                problems.append(f"{touch} names no symbol")
    return problems


def module_name(rel: Path) -> str:
    """``shop/views.py`` -> ``shop.views``; a package's ``__init__.py`` is the package."""
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def top_level_defs(body: list[ast.stmt]) -> list[ast.stmt]:
    """Classes and functions at module level, also those under module-level if/try."""
    found: list[ast.stmt] = []
    for node in body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append(node)
        elif isinstance(node, ast.If):
            found += top_level_defs(node.body) + top_level_defs(node.orelse)
        elif isinstance(node, ast.Try):
            nested = node.body + node.orelse + node.finalbody
            for handler in node.handlers:
                nested += handler.body
            found += top_level_defs(nested)
    return found


def qualnames(path: Path) -> set[str]:
    """Top-level names plus ``Class.method`` for methods of top-level classes."""
    names: set[str] = set()
    for node in top_level_defs(parse(path).body):
        names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names.update(f"{node.name}.{item.name}" for item in node.body
                         if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)))
    return names


def parse(path: Path) -> ast.Module:
    """The file's tree, quietly: legacy code writes regexes as ``'\\d+'``, which Python
    warns about (an invalid escape sequence) and still reads."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return ast.parse(path.read_text(encoding="utf-8"))
