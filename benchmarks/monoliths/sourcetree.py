"""What the truth-consistency tests read from a monolith's source: module names, top-level
definitions and their qualified names. ``ast`` only: the monoliths are never imported."""

from __future__ import annotations

import ast
from pathlib import Path


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
    for node in top_level_defs(ast.parse(path.read_text(encoding="utf-8")).body):
        names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names.update(f"{node.name}.{item.name}" for item in node.body
                         if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)))
    return names
