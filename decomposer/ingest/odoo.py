"""Odoo and OpenERP: tables made by model classes and their uses through the registry.

A model is a class over ``models.Model`` (``osv.osv``, ``orm.Model``...) with ``_name =
'sale.order'``: its table is ``sale_order`` (or ``_table``), with an ``id`` key, a column
per stored field (``fields.Char(size=64)``; OpenERP's ``_columns = {'name':
fields.char(...)}``), a key per ``Many2one`` and per ``_inherits`` entry, and a link table
per ``Many2many``. A class that only names ``_inherit = 'sale.order'`` adds its fields
and methods to that model's table: the module that does so depends on the table, which
is how Odoo addons grow into each other. Code reaches a model by its name, never by an
import (``self.env['sale.order'].create(...)``, OpenERP's ``self.pool.get('sale.order')``),
so a use is found wherever the name is written. Tables and uses are named here by Odoo's
default (``sale_order``); resolution renames them where a model's ``_table`` says
otherwise (``odoo_tables``), since the model that says so may be in another file.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import replace

from decomposer.ingest.astutil import const_bool, const_str, dotted, keyword, str_dict, str_list
from decomposer.ingest.orm_usage import top_level_items
from decomposer.model import Column, ForeignKey, Table, TableAccess

# Bytes of a file that may hold models or uses: Odoo, OpenERP, or OpenERP 5's ``osv``
# (plain substrings: a regular expression cost ten times as much on every file).
MARKS = (b"odoo", b"openerp", b"osv import", b"import osv")
# The classes a model derives from, by their last name (``models.Model``, ``osv.osv``,
# ``osv.osv_memory``, ``orm.TransientModel``).
MODEL_BASES = {"Model", "TransientModel", "AbstractModel", "osv", "osv_memory"}
ABSTRACT_BASES = {"AbstractModel"}
# The column type PostgreSQL gets for each stored field type (Odoo's ``column_type``).
COLUMN_TYPES = {"char": "VARCHAR", "text": "TEXT", "html": "TEXT", "integer": "INTEGER",
                "float": "NUMERIC", "monetary": "NUMERIC", "boolean": "BOOLEAN",
                "date": "DATE", "datetime": "TIMESTAMP", "selection": "VARCHAR",
                "many2one": "INTEGER", "many2one_reference": "INTEGER",
                "reference": "VARCHAR", "binary": "BYTEA", "image": "BYTEA",
                "json": "JSONB", "properties": "JSONB", "serialized": "TEXT"}
# Registry methods that change rows; every other method reads.
WRITES = {"create", "write", "unlink", "copy"}


def may_use_odoo(data: bytes) -> bool:
    return any(mark in data for mark in MARKS)


def extract_odoo(tree: ast.Module, *, module: str, path: str,
                 ) -> tuple[tuple[Table, ...], tuple[TableAccess, ...]]:
    """Tables this file's models define or extend, and its table uses."""
    tables: list[Table] = []
    uses: list[TableAccess] = []
    for node, symbol in top_level_items(tree, module):
        if isinstance(node, ast.ClassDef) and symbol and _is_model(node):
            made, extended = _model(node, symbol, path)
            tables += made
            uses += extended
        uses += _Uses(symbol or module).scan(node)
    return tuple(tables), tuple(uses)


def table_name(model: str) -> str:
    """``sale.order`` -> ``sale_order``, as Odoo names a model's table."""
    return model.replace(".", "_").lower()


def _is_model(node: ast.ClassDef) -> bool:
    return any(_last(b) in MODEL_BASES for b in node.bases)


def _attributes(node: ast.ClassDef) -> dict[str, ast.expr]:
    """The class body's plain assignments, by name (the last one wins)."""
    out: dict[str, ast.expr] = {}
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name):
            out[stmt.targets[0].id] = stmt.value
    return out


def _model(node: ast.ClassDef, symbol: str, path: str,
           ) -> tuple[list[Table], list[TableAccess]]:
    """(the tables the class makes, its use of the model it extends)."""
    attrs = _attributes(node)
    name = const_str(attrs.get("_name"))
    parents = _names(attrs.get("_inherit"))
    abstract = any(_last(b) in ABSTRACT_BASES for b in node.bases) \
        or const_bool(attrs.get("_abstract")) is True
    if name is None and len(parents) == 1:
        name = parents[0]
    if not name or abstract:
        return [], []
    table = const_str(attrs.get("_table")) or table_name(name)
    columns, keys, links = _fields(node, attrs, table, path, symbol)
    for model, column in _delegations(attrs.get("_inherits")):
        if column not in {c.name for c in columns}:
            columns.append(Column(column, "INTEGER", False))
        key = ForeignKey((column,), table_name(model), ("id",))
        if key not in keys:  # also declared as its Many2one field
            keys.append(key)
    extends = name in parents
    source = f"{path}:{node.lineno}"
    own = table.lower()
    made = [Table(name=own, columns=(Column("id", "SERIAL", False, True), *columns),
                  primary_key=("id",), foreign_keys=tuple(keys), source=source,
                  origin="odoo", defined_by=None if extends else symbol,
                  aliases=(table_name(name),) if own != table_name(name) else ()), *links]
    use = [TableAccess(symbol, own, "write", node.lineno, "odoo",
                       f"_inherit = {name!r}: adds to the model")] if extends else []
    return made, use


def _fields(node: ast.ClassDef, attrs: dict[str, ast.expr], table: str, path: str,
            symbol: str) -> tuple[list[Column], list[ForeignKey], list[Table]]:
    """Stored columns, their keys and the link tables of the class's fields: the new API's
    ``partner_id = fields.Many2one('res.partner')`` and OpenERP's ``_columns`` dict."""
    declared: list[tuple[str, ast.Call]] = []
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name) and isinstance(stmt.value, ast.Call):
            declared.append((stmt.targets[0].id, stmt.value))
    declared += [(k, v) for k, v in str_dict(attrs.get("_columns")).items()
                 if isinstance(v, ast.Call)]
    columns: list[Column] = []
    keys: list[ForeignKey] = []
    links: list[Table] = []
    for field, call in declared:
        kind = _field_kind(call)
        if kind is None or not _stored(call):
            continue
        if kind == "many2many":
            link = _link_table(call, table, f"{path}:{call.lineno}", symbol)
            if link is not None:
                links.append(link)
            continue
        if kind not in COLUMN_TYPES:
            continue  # one2many, function and related fields have no column
        columns.append(Column(field, _column_type(kind, call),
                              const_bool(keyword(call, "required")) is not True))
        target = _comodel(call)
        if kind == "many2one" and target:
            keys.append(ForeignKey((field,), table_name(target), ("id",)))
    return columns, keys, links


def _field_kind(call: ast.Call) -> str | None:
    """``fields.Many2one(...)`` -> ``many2one`` (OpenERP writes ``fields.many2one``)."""
    name = dotted(call.func) or ""
    head, _, kind = name.rpartition(".")
    return kind.lower() if head.rpartition(".")[2] == "fields" else None


def _stored(call: ast.Call) -> bool:
    """A computed or related field has a column only with ``store=True``."""
    derived = keyword(call, "compute") or keyword(call, "related")
    return not derived or const_bool(keyword(call, "store")) is True


def _column_type(kind: str, call: ast.Call) -> str:
    size = keyword(call, "size")
    if kind == "char" and isinstance(size, ast.Constant) and isinstance(size.value, int):
        return f"VARCHAR({size.value})"
    return COLUMN_TYPES[kind]


def _comodel(call: ast.Call) -> str | None:
    return const_str(keyword(call, "comodel_name")) or (
        const_str(call.args[0]) if call.args else None)


def _link_table(call: ast.Call, table: str, source: str, symbol: str) -> Table | None:
    """``fields.Many2many('res.partner', 'rel', 'a_id', 'b_id')``: the link table, by
    Odoo's defaults where a name is left out (``<a>_<b>_rel`` of the sorted tables)."""
    target = _comodel(call)
    if not target:
        return None
    other = table_name(target)

    def given(position: int, name: str) -> str | None:
        value = keyword(call, name)
        if value is None and len(call.args) > position:
            value = call.args[position]
        return const_str(value)

    first, second = sorted((table, other))
    relation = given(1, "relation") or f"{first}_{second}_rel"
    left = given(2, "column1") or f"{table}_id"
    right = given(3, "column2") or f"{other}_id"
    if left == right or not re.fullmatch(r"\w+", relation):
        return None
    return Table(name=relation.lower(),
                 columns=(Column(left, "INTEGER", False), Column(right, "INTEGER", False)),
                 primary_key=(left, right), source=source, origin="odoo", defined_by=symbol,
                 foreign_keys=(ForeignKey((left,), table, ("id",)),
                               ForeignKey((right,), other, ("id",))))


def _delegations(node: ast.expr | None) -> list[tuple[str, str]]:
    """``_inherits = {'res.partner': 'partner_id'}``: (model, key column) pairs."""
    return [(model, column) for model, v in str_dict(node).items()
            if (column := const_str(v))]


def _names(node: ast.expr | None) -> list[str]:
    """``'a.b'`` or ``['a.b', 'c.d']``: the model names written."""
    single = const_str(node)
    return [single] if single is not None else str_list(node)


class _Uses:
    """``env['sale.order']``, ``pool.get('sale.order')`` and ``pool['sale.order']`` in one
    top-level item, each a write when a method of the chain on it changes rows."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[TableAccess] = []

    def scan(self, node: ast.AST) -> list[TableAccess]:
        self._visit(node, [])
        return self.found

    def _visit(self, node: ast.AST, parents: list[ast.AST]) -> None:
        found = _registry_lookup(node)
        if found is not None:
            model, how = found
            methods = _chain(node, parents)
            written = next((m for m in methods if m in WRITES), None)
            shown = how + "".join(f".{m}(...)" for m in methods[:2])
            self.found.append(TableAccess(self.source, table_name(model),
                                          "write" if written else "read", node.lineno,
                                          "odoo", shown))
        parents.append(node)
        for child in ast.iter_child_nodes(node):
            self._visit(child, parents)
        parents.pop()


def _registry_lookup(node: ast.AST) -> tuple[str, str] | None:
    """(model name, the lookup as shown) of ``<x>.env['m']``, ``env['m']``,
    ``<x>.pool['m']`` or ``<x>.pool.get('m')``."""
    if isinstance(node, ast.Subscript) and _is_registry(node.value):
        model = _model_name(const_str(node.slice))
        return (model, f"{_last(node.value)}[{model!r}]") if model else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "get" and _is_registry(node.func.value, pool_only=True) \
            and node.args:
        model = _model_name(const_str(node.args[0]))
        return (model, f"pool.get({model!r})") if model else None
    return None


def _is_registry(node: ast.AST, *, pool_only: bool = False) -> bool:
    return _last(node) == "pool" or (not pool_only and _last(node) == "env")


def _last(node: ast.AST) -> str:
    return (dotted(node) or "").rpartition(".")[2]


def _model_name(text: str | None) -> str | None:
    """A model name is dotted words (``sale.order``, ``ir.ui.view``)."""
    return text if text and re.fullmatch(r"\w+(?:\.\w+)+", text) else None


def _chain(node: ast.AST, parents: list[ast.AST]) -> list[str]:
    """The methods called one after the other on ``node``: ``.sudo().search(d).write(v)``
    gives ``sudo, search, write``."""
    methods: list[str] = []
    current = node
    k = len(parents) - 1
    while k >= 1 and isinstance(parents[k], ast.Attribute) and parents[k].value is current \
            and isinstance(parents[k - 1], ast.Call) and parents[k - 1].func is parents[k]:
        methods.append(parents[k].attr)
        current = parents[k - 1]
        k -= 2
    return methods


def odoo_tables(tables: Iterable[Table]) -> dict[str, str]:
    """Default table name -> the table a model's ``_table`` names instead."""
    return {alias: t.name for t in tables if t.origin == "odoo" for alias in t.aliases}


def renamed(table: Table, names: dict[str, str]) -> Table:
    """An Odoo table (an ``_inherit`` of a model with its own ``_table``) and its keys under
    their real names."""
    if not names or table.origin != "odoo":
        return table
    keys = tuple(replace(fk, ref_table=names.get(fk.ref_table, fk.ref_table))
                 for fk in table.foreign_keys)
    return replace(table, name=names.get(table.name, table.name), foreign_keys=keys)
