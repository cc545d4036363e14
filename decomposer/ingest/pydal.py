"""pyDAL (web2py, py4web): tables made by ``db.define_table('order', Field(...))`` and
their uses (``db.order.insert(...)``, ``db(db.order.id == x).select()``, ``db.order[id]``).

web2py runs its model files before every controller, with ``db`` a global: a controller's
``db.order`` names a table that another file defines, with no import between them. So a
use is only a candidate here (``via="pydal"``); resolution keeps those that name a table
some ``define_table`` made (origin "pydal"), and drops ``db.commit``, ``db.session`` and
the like.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from decomposer.ingest.astutil import const_str, dotted, keyword, str_list
from decomposer.ingest.orm_usage import top_level_items
from decomposer.model import Column, ForeignKey, Table, TableAccess

# A DAL-like name followed by ``.``, ``(`` or ``[`` (``db.order``, ``db(query)``,
# ``s3db["org"]``); whether a module's (``django.db.models``) is told by what precedes it.
_DB_USE = re.compile(rb"db\s*[.(\[]")
# Names of DAL instances by convention; a file adds those it assigns from ``DAL(...)``.
RECEIVERS = frozenset({"db", "s3db"})
# Table methods that change rows, on ``db.order`` itself...
TABLE_WRITES = {"insert", "bulk_insert", "validate_and_insert", "update_or_insert",
                "truncate", "drop", "import_from_csv_file"}
# ...and on a set of rows, ``db(query)``: the first table of the query is changed.
SET_WRITES = {"update", "validate_and_update", "delete"}
# Form and grid builders that insert and update the rows of the table they are given.
FORM_WRITERS = {"SQLFORM", "grid", "smartgrid", "create", "update", "delete", "Form",
                "Grid"}
# ``auth.define_tables()``: web2py's access-control tables and their keys.
AUTH_TABLES = {"auth_user": (), "auth_group": (),
               "auth_membership": (("user_id", "auth_user"), ("group_id", "auth_group")),
               "auth_permission": (("group_id", "auth_group"),),
               "auth_event": (("user_id", "auth_user"),),
               "auth_cas": (("user_id", "auth_user"),)}


def may_use_pydal(data: bytes) -> bool:
    """Whether a file's bytes may define or use a pyDAL table: a definition, ``current.db``,
    or a word ending in ``db`` used as above and not an attribute (``django.db.``). Faster
    than one regular expression with a look-behind, which cost 2 s per 60 MB of code."""
    if b"define_table" in data or b"current.db" in data:
        return True
    for found in _DB_USE.finditer(data):
        start = found.start()
        while start and (data[start - 1:start].isalnum() or data[start - 1] == 0x5F):
            start -= 1  # to the start of the word that ends in "db"
        if data[start - 1:start] != b".":
            return True
    return False


def extract_pydal(tree: ast.Module, text: str, *, module: str, path: str,
                  ) -> tuple[tuple[Table, ...], tuple[TableAccess, ...]]:
    """Tables this file defines and its candidate table uses."""
    receivers = RECEIVERS | (_dal_names(tree) if "DAL(" in text else set())
    defines = "define_table" in text
    tables: list[Table] = []
    uses: list[TableAccess] = []
    for node, symbol in top_level_items(tree, module):
        definitions = set()
        for call, name in _definitions(node) if defines else ():
            definitions.add(id(call))
            tables.extend(_tables_of(call, name, path))
        uses.extend(_Uses(symbol or module, receivers, definitions).scan(node))
    return tuple(tables), tuple(uses)


def _dal_names(tree: ast.Module) -> set[str]:
    """Names assigned a ``DAL(...)`` anywhere in the file."""
    return {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and (dotted(node.value.func) or "").rpartition(".")[2] == "DAL"
            for target in node.targets if isinstance(target, ast.Name)}


def _definitions(node: ast.AST) -> Iterator[tuple[ast.Call, str | None]]:
    """``define_table`` and ``define_tables`` calls with their table name: a string, or a
    name assigned one earlier in the same code (``tablename = "org_site"``, as Sahana
    Eden writes every definition)."""
    strings: list[tuple[tuple[int, int], str, str]] = []
    calls: list[ast.Call] = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Assign) and isinstance(sub.value, ast.Constant) \
                and isinstance(sub.value.value, str):
            strings += [((sub.lineno, sub.col_offset), t.id, sub.value.value)
                        for t in sub.targets if isinstance(t, ast.Name)]
        elif isinstance(sub, ast.Call) and _method(sub) in ("define_table", "define_tables"):
            calls.append(sub)
    strings.sort()
    for call in calls:
        first = call.args[0] if call.args else None
        name = const_str(first)
        if name is None and isinstance(first, ast.Name):
            at = (call.lineno, call.col_offset)
            name = next((value for where, var, value in reversed(strings)
                         if var == first.id and where < at), None)
        yield call, name


def _method(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else (
        func.id if isinstance(func, ast.Name) else "")


def _tables_of(call: ast.Call, name: str | None, path: str) -> list[Table]:
    source = f"{path}:{call.lineno}"
    if _method(call) == "define_tables":  # auth.define_tables(): web2py's own tables
        receiver = dotted(call.func.value) if isinstance(call.func, ast.Attribute) else ""
        if "auth" not in (receiver or "").lower():
            return []
        return [Table(name=table, columns=(Column("id", "id", False, True),
                                           *(Column(c, "reference", True) for c, _ in keys)),
                      primary_key=("id",), source=source, origin="pydal",
                      foreign_keys=tuple(ForeignKey((c,), t, ("id",)) for c, t in keys))
                for table, keys in AUTH_TABLES.items()]
    if not name or not re.fullmatch(r"\w+", name):
        return []
    # the implicit ``id`` key, unless ``primarykey=[...]`` names the table's own (a legacy
    # table pyDAL was pointed at)
    primary = tuple(str_list(keyword(call, "primarykey")))
    columns = [] if primary else [Column("id", "id", False, True)]
    keys = []
    for arg in call.args[1:]:
        field = _field(arg)
        if field is None:
            continue
        column, target = field
        columns.append(column)
        if target:
            keys.append(ForeignKey((column.name,), target, ("id",)))
    return [Table(name=name.lower(), columns=tuple(columns), primary_key=primary or ("id",),
                  foreign_keys=tuple(keys), source=source, origin="pydal")]


def _field(node: ast.expr) -> tuple[Column, str | None] | None:
    """``Field('owner', 'reference person')`` -> (its column, the table it references)."""
    if not (isinstance(node, ast.Call) and dotted(node.func) in ("Field", "pydal.Field")
            and node.args and (name := const_str(node.args[0])) is not None):
        return None
    kind = node.args[1] if len(node.args) > 1 else keyword(node, "type")
    if kind is None:
        return Column(name, "string"), None
    if (written := const_str(kind)) is not None:
        words = written.split()
        target = words[1] if len(words) == 2 and words[0] in (
            "reference", "list:reference") else None
        return Column(name, written), target.split(".")[0].lower() if target else None
    table = _table_named(kind)  # Field('owner', db.person): a reference by the table itself
    return (Column(name, f"reference {table}"), table) if table else (Column(name, "?"), None)


def _table_named(node: ast.expr) -> str | None:
    """``db.person`` or ``db['person']``: the table's name (whatever the receiver)."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, (ast.Name, ast.Attribute)):
        return node.attr.lower()
    if isinstance(node, ast.Subscript) and (name := const_str(node.slice)) is not None:
        return name.lower()
    return None


class _Uses:
    """Candidate uses in one top-level item: ``R.t`` and ``R['t']`` where ``R`` is a DAL."""

    def __init__(self, source: str, receivers: frozenset[str] | set[str],
                 definitions: set[int]) -> None:
        self.source = source
        self.receivers = receivers
        self.definitions = definitions
        self.found: list[TableAccess] = []

    def scan(self, node: ast.AST) -> list[TableAccess]:
        self._visit(node, [])
        return self.found

    def _visit(self, node: ast.AST, parents: list[ast.AST]) -> None:
        if isinstance(node, ast.Call) and id(node) in self.definitions:
            return  # a definition's references are keys, not uses
        table = self._table(node)
        if table is not None:
            mode, evidence = self._mode(node, table, parents)
            self.found.append(TableAccess(self.source, table, mode, node.lineno, "pydal",
                                          evidence))
            return
        parents.append(node)
        for child in ast.iter_child_nodes(node):
            self._visit(child, parents)
        parents.pop()

    def _is_dal(self, node: ast.expr) -> bool:
        name = dotted(node)
        return name is not None and name.rpartition(".")[2] in self.receivers

    def _table(self, node: ast.AST) -> str | None:
        if isinstance(node, (ast.Attribute, ast.Subscript)) and self._is_dal(node.value):
            return _table_named(node)
        return None

    def _mode(self, node: ast.AST, table: str, parents: list[ast.AST]) -> tuple[str, str]:
        """Read or write, with the evidence, from what surrounds ``db.<table>``."""
        parent = parents[-1] if parents else None
        shown = f"db.{table}"
        indexed = node if isinstance(node, ast.Subscript) else parent
        if isinstance(indexed, ast.Subscript) and (indexed is node or indexed.value is node) \
                and isinstance(indexed.ctx, (ast.Store, ast.Del)):
            return "write", f"{shown}[...] assigned"
        if isinstance(parent, ast.Attribute) and len(parents) > 1 \
                and isinstance(parents[-2], ast.Call) and parents[-2].func is parent:
            return ("write" if parent.attr in TABLE_WRITES else "read",
                    f"{shown}.{parent.attr}(...)")
        if isinstance(parent, ast.Call) and node in parent.args:
            called = _method(parent)
            if called in FORM_WRITERS:
                return "write", f"{called}({shown})"
        query = self._query_of(parents)
        if query is not None:
            changed, written = query
            if changed in SET_WRITES and written == table:
                return "write", f"db({shown}...).{changed}()"
            return "read", f"db({shown}...).{changed or 'select'}()"
        return "read", shown

    def _query_of(self, parents: list[ast.AST]) -> tuple[str | None, str | None] | None:
        """Inside ``db(query)``: the method called on the set, and the query's first table
        (the one ``update`` and ``delete`` change)."""
        for k in range(len(parents) - 1, -1, -1):
            call = parents[k]
            if isinstance(call, ast.Call) and self._is_dal(call.func) and call.args:
                first = next((t for sub in ast.walk(call.args[0])
                              if (t := self._table(sub)) is not None), None)
                method = None
                if k >= 2 and isinstance(parents[k - 1], ast.Attribute) \
                        and isinstance(parents[k - 2], ast.Call) \
                        and parents[k - 2].func is parents[k - 1]:
                    method = parents[k - 1].attr
                return method, first
        return None
