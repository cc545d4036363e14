"""Small helpers over ``ast`` that several fact collectors share."""

from __future__ import annotations

import ast


def dotted(node: ast.AST | None) -> str | None:
    """``a.b.c`` for a chain of attributes on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def const_str(node: ast.AST | None) -> str | None:
    """The value of a string literal, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def const_bool(node: ast.AST | None) -> bool | None:
    """The value of a ``True``/``False`` literal, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return node.value
    return None


def str_dict(node: ast.AST | None) -> dict[str, ast.expr]:
    """The entries of a dict literal whose keys are strings (``{"name": fields.char()}``)."""
    if not isinstance(node, ast.Dict):
        return {}
    return {k: v for k, v in ((const_str(k), v) for k, v in zip(node.keys, node.values)) if k}


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The value passed to ``call`` as ``name=...``, else None."""
    return next((k.value for k in call.keywords if k.arg == name), None)


def str_list(node: ast.AST | None) -> list[str]:
    """The string literals of a list or tuple literal (``["a", "b"]``)."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return [s for s in map(const_str, node.elts) if s]
    return []
