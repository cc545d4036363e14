"""Parse SQL with sqlglot and say which tables a parsed statement reads and writes.

Used for SQL strings found in code (``sql_facts.analyse_sql``), for view queries and
for the DML found inside routine bodies (``sql_routines``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Token

from decomposer.ingest.sql_split import PLACEHOLDER

AUTO_DIALECTS = ("postgres", "mysql", "sqlite", "tsql", "oracle")
TableKey = tuple[str | None, str]  # (schema, table), lower-case

_IGNORED_TABLES = frozenset({"dual"})
_log = logging.getLogger("sqlglot")


def dialect_order(dialect: str | None, preferred: str | None = None) -> tuple[str, ...]:
    """Dialects to try, the requested one alone, else ``preferred`` first then the rest.

    An unknown name raises ValueError with sqlglot's "did you mean" suggestion.
    """
    if dialect is not None:
        Dialect.get_or_raise(dialect)
        return (dialect,)
    if preferred is None:
        return AUTO_DIALECTS
    return (preferred, *(d for d in AUTO_DIALECTS if d != preferred))


def parse_clean(text: str, dialects: Iterable[str]) -> tuple[list[exp.Expression], str, str]:
    """First dialect that parses ``text`` without error nor Command fallback.

    Returns (expressions, dialect, error); expressions is empty on failure and error
    then holds the first dialect's complaint.
    """
    first_error = ""
    with quiet_sqlglot():
        for dialect in dialects:
            try:
                trees = [t for t in sqlglot.parse(text, read=dialect) if t is not None]
            except SqlglotError as err:
                first_error = first_error or _first_line(str(err))
                continue
            if trees and not any(isinstance(t, exp.Command) or _has_command(t) for t in trees):
                return trees, dialect, ""
            first_error = first_error or "unsupported syntax (sqlglot fell back to a command)"
    return [], "", first_error or "empty statement"


def table_accesses(tree: exp.Expression, *, in_routine: bool = False
                   ) -> tuple[set[TableKey], set[TableKey]]:
    """(reads, writes) of one parsed statement. CTE names and DDL targets are not tables."""
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    written = {id(t) for t in _write_targets(tree)}
    skipped = {id(t) for t in _ddl_targets(tree)}
    # DELETE d FROM deductions d: the alias named first is no table (deductions is written)
    skipped |= {id(t) for delete in tree.find_all(exp.Delete)
                for t in delete.args.get("tables") or () if id(t) not in written}
    into = {id(t) for node in tree.find_all(exp.Into) for t in node.find_all(exp.Table)}
    skipped |= {id(t) for lock in tree.find_all(exp.Lock) for t in lock.find_all(exp.Table)}
    # SELECT ... INTO creates a table in plain SQL, assigns variables in a routine body.
    (skipped if in_routine else written).update(into)
    reads: set[TableKey] = set()
    writes: set[TableKey] = set()
    for node in tree.find_all(exp.Table):
        key = table_key(node)
        if key is None or id(node) in skipped or (key[0] is None and key[1] in ctes):
            continue
        (writes if id(node) in written else reads).add(key)
    return reads, writes


# The fallback for a statement sqlglot cannot read (often a string glued from pieces:
# ``"UPDATE payments SET status = ?" + extra + " WHERE id = ?"``): the table after the verb.
_NAME = r'[`"\[]?(\w+)[`"\]]?'
_WRITE_VERBS = re.compile(
    rf"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|MERGE\s+INTO|UPDATE|DELETE\s+FROM)"
    rf"\s+(?:{_NAME}\.)?{_NAME}", re.IGNORECASE)
# (not a function: ``FROM generate_series(1, 3)``)
_READ_VERBS = re.compile(rf"\b(?:FROM|JOIN)\s+(?:{_NAME}\.)?{_NAME}\b(?!\s*\()",
                         re.IGNORECASE)
_NOT_TABLES = frozenset({"select", "values", "set", "where", "lateral", "unnest", "only",
                         PLACEHOLDER})


def tables_by_pattern(text: str) -> tuple[set[TableKey], set[TableKey]]:
    """(reads, writes) of a statement sqlglot could not parse, read off its verbs.

    Only a table named right after ``FROM``/``JOIN`` or a writing verb counts; a name in
    ``EXTRACT(YEAR FROM created_at)`` may slip through as a read, but reads of tables no
    schema declares are dropped when names are resolved."""
    writes = {_pattern_key(m) for m in _WRITE_VERBS.finditer(text)
              if _word_before(text, m.start()) not in ("for", "key", "do")}  # locks, upserts
    after_delete = {m.end() for m in re.finditer(r"\bDELETE\s+", text, re.IGNORECASE)}
    reads = {_pattern_key(m) for m in _READ_VERBS.finditer(text) if m.start() not in after_delete}
    return ({k for k in reads if k[1] not in _NOT_TABLES} - writes,
            {k for k in writes if k[1] not in _NOT_TABLES})


def _word_before(text: str, at: int) -> str:
    words = text[max(0, at - 12):at].split()
    return words[-1].lower() if words else ""


def _pattern_key(match: re.Match) -> TableKey:
    schema, name = match.group(1), match.group(2)
    return (schema.lower() if schema else None, name.lower())


def table_key(node: exp.Expression) -> TableKey | None:
    """(schema, name) of a named table, None for functions, placeholders, temp tables."""
    if not isinstance(node, exp.Table) or not isinstance(node.this, exp.Identifier):
        return None
    name, schema = node.name.lower(), node.db.lower() or None
    if not name or name[0] in "#@" or PLACEHOLDER in name or PLACEHOLDER in (schema or ""):
        return None
    if schema is None and name in _IGNORED_TABLES:
        return None
    return schema, name


def qualified(key: TableKey) -> str:
    return f"{key[0]}.{key[1]}" if key[0] else key[1]


# ---------------------------------------------------------------- statement trees


def _write_targets(tree: exp.Expression) -> Iterator[exp.Expression]:
    for node in tree.find_all(exp.Insert, exp.Update, exp.Delete, exp.Merge,
                              exp.TruncateTable, exp.Select):
        if isinstance(node, exp.TruncateTable):
            yield from node.expressions
        elif isinstance(node, exp.Delete) and node.args.get("tables"):
            aliased = _aliased_tables(node)
            yield from (aliased.get(t.name.lower(), t) for t in node.args["tables"])
        elif isinstance(node, exp.Select):
            yield from _locked_tables(node)
        else:
            target = node.this
            yield target.this if isinstance(target, exp.Schema) else target


def _aliased_tables(delete: exp.Delete) -> dict[str, exp.Table]:
    """Alias -> table in a multi-table DELETE, which names its targets by their aliases
    (MySQL's ``DELETE d FROM deductions d LEFT JOIN payment_runs r ...``)."""
    return {t.alias.lower(): t for t in delete.find_all(exp.Table)
            if t.alias and t.alias.lower() != t.name.lower()}


def _locked_tables(select: exp.Select) -> Iterator[exp.Expression]:
    """Tables a SELECT ... FOR UPDATE locks: those named (or aliased) after OF, else all."""
    for lock in select.args.get("locks") or ():
        if not lock.args.get("update"):
            continue
        named = {t.name.lower() for t in lock.expressions}
        for table in _own_tables(select):
            if not named or {table.name.lower(), table.alias_or_name.lower()} & named:
                yield table


def _own_tables(select: exp.Select) -> Iterator[exp.Table]:
    sources = [select.args.get("from_") or select.args.get("from")]
    sources += select.args.get("joins") or []
    for src in sources:
        if src is not None and isinstance(src.this, exp.Table):
            yield src.this


def _ddl_targets(tree: exp.Expression) -> Iterator[exp.Expression]:
    """Tables named by DDL itself (created, altered, dropped, referenced by an FK)."""
    if isinstance(tree, exp.Create):
        target = tree.this
        yield target.this if isinstance(target, exp.Schema) else target
        if isinstance(target, exp.Schema):
            yield from target.find_all(exp.Table)
    elif isinstance(tree, (exp.Alter, exp.Drop)):
        yield from tree.find_all(exp.Table)


def _has_command(tree: exp.Expression) -> bool:
    return any(True for _ in tree.find_all(exp.Command))


def _first_line(message: str) -> str:
    line = message.strip().splitlines()[0] if message.strip() else "parse error"
    return line if len(line) <= 200 else line[:197] + "..."


@contextmanager
def quiet_sqlglot() -> Iterator[None]:
    """Silence sqlglot's warnings ("falling back to a Command", "AT TIME ZONE is not
    supported by MySQL" when a default is written out): we report failures ourselves.
    Also a decorator."""
    level = _log.level
    _log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        _log.setLevel(level)


def tokenize(text: str, dialects: Iterable[str]) -> list[Token] | None:
    for dialect in dialects:
        try:
            return Dialect.get_or_raise(dialect).tokenize(text)
        except SqlglotError:
            continue
    return None
