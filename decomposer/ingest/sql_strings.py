"""Rebuild the SQL text a piece of Python code assembles, with holes filled by dummies.

f-string fields, ``%`` and ``.format`` holes and concatenated expressions become the
identifier ``__placeholder__``; an attribute of the instance or class (``self.table``,
``cls.table``) becomes ``__attr_table__`` so that a later pass can put the subclass's
``table = "staff"`` in its place.
"""

from __future__ import annotations

import ast
import re

from decomposer.ingest.astutil import const_str

PLACEHOLDER = "__placeholder__"
_PERCENT_HOLE = re.compile(r"%(\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")
_FORMAT_HOLE = re.compile(r"\{([^{}]*)\}")


def sql_text(node: ast.AST) -> tuple[str, str] | None:
    """(text, how) for a string-building expression, or None if it builds no string."""
    if (literal := const_str(node)) is not None:
        return literal, "literal"
    if isinstance(node, ast.JoinedStr):
        return _fstring(node), "fstring"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = _flatten_add(node)
        if any(const_str(p) is not None for p in parts):
            return "".join(_piece(p) for p in parts), "concat"
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        left = sql_text(node.left)
        if left is None:
            return None
        return _percent(left[0], node.right), "format"
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"):
        base = sql_text(node.func.value)
        if base is None:
            return None
        return _format(base[0], node), "format"
    return None


def hole(node: ast.AST) -> str:
    """The dummy identifier standing for an expression inside SQL text."""
    if isinstance(node, ast.Attribute):
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
            return f"__attr_{node.attr}__"
        if isinstance(owner, ast.Attribute) and owner.attr == "__class__":  # self.__class__.x
            return f"__attr_{node.attr}__"
        if isinstance(owner, ast.Call) and getattr(owner.func, "id", "") == "type":
            return f"__attr_{node.attr}__"
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float)):
        return str(node.value)
    return PLACEHOLDER


def _piece(node: ast.AST) -> str:
    if (literal := const_str(node)) is not None:
        return literal
    inner = sql_text(node)
    return inner[0] if inner else hole(node)


def _flatten_add(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _flatten_add(node.left) + _flatten_add(node.right)
    return [node]


def _fstring(node: ast.JoinedStr) -> str:
    out = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            out.append(str(value.value))
        elif isinstance(value, ast.FormattedValue):
            out.append(hole(value.value))
    return "".join(out)


def _percent(template: str, args: ast.AST) -> str:
    if isinstance(args, ast.Tuple):
        values = list(args.elts)
    elif isinstance(args, ast.Dict):
        values = []
    else:
        values = [args]
    named = {k.value: v for k, v in zip(getattr(args, "keys", []), getattr(args, "values", []))
             if isinstance(k, ast.Constant)}
    position = iter(values)

    def fill(match: re.Match) -> str:
        if match.group(0) == "%%":
            return "%"
        key = match.group(1)
        value = named.get(key[1:-1]) if key else next(position, None)
        return hole(value) if value is not None else PLACEHOLDER

    return _PERCENT_HOLE.sub(fill, template)


def _format(template: str, call: ast.Call) -> str:
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    position = iter(call.args)

    def fill(match: re.Match) -> str:
        key = match.group(1).split("!")[0].split(":")[0]
        if key.isdigit():
            value = call.args[int(key)] if int(key) < len(call.args) else None
        elif key:
            value = keywords.get(key.split(".")[0].split("[")[0])
        else:
            value = next(position, None)
        return hole(value) if value is not None else PLACEHOLDER

    return _FORMAT_HOLE.sub(fill, template.replace("{{", "\x01").replace("}}", "\x02")).replace(
        "\x01", "{").replace("\x02", "}")
