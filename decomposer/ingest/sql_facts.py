"""SQL facts with sqlglot: tables read and written by SQL in code, and schemas in .sql files.

Two entry points:

- :func:`analyse_sql` for a string found in Python code: which tables it reads and
  writes, and any CREATE TABLE it holds;
- :func:`parse_sql_file` for a ``.sql`` file or SQL migration: tables (columns, keys,
  foreign keys, indexes), views and routines, one statement at a time so that one
  statement sqlglot cannot read costs only that statement.

Statements are cut by :mod:`sql_split`, parsed by sqlglot and read by
:mod:`sql_access`; DDL trees become :class:`Table` values in :mod:`sql_ddl`, routines
:class:`Routine` values in :mod:`sql_routines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot.errors import SqlglotError

from decomposer.ingest.sql_access import (
    dialect_order,
    parse_clean,
    qualified,
    quiet_sqlglot,
    table_accesses,
    tables_by_pattern,
)
from decomposer.ingest.sql_ddl import (
    TableBook,
    schema_elements,
    simplified,
    sub_statements,
    tables_in_create,
    without_unreadable_elements,
)
from decomposer.ingest.sql_routines import routine_from
from decomposer.ingest.sql_split import (
    Statement,
    replace_placeholders,
    split_statements,
)
from decomposer.model import Routine, SqlFileFacts, SqlProblem, Table

# Cheap prefilter only; structure is always read by sqlglot.
_SQL_SHAPES = re.compile(
    r"""^\s*(?:\(\s*)*(?:
        select\b[\s\S]*?\bfrom\b
      | insert\s+(?:(?:ignore|or\s+\w+)\s+)?into\b
      | update\s+[\w."`\[\]]+(?:\s+(?:as\s+)?\w+)?\s+set\b
      | delete\s+(?:[\w."`\[\]]+\s+)?from\b
      | (?:create|alter|drop)\s+(?:or\s+replace\s+|unique\s+|temp(?:orary)?\s+)*
            (?:table|view|index|materialized\s+view|schema)\b
      | truncate\s+(?:table\s+)?[\w."`\[\]]+
      | with\s+(?:recursive\s+)?[\w"`]+\s*(?:\([^)]*\)\s*)?as\s*\(
      | merge\s+into\b
      | replace\s+into\b
      | upsert\s+into\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# What a .sql file statement must start with for us to parse it (others are counted only).
_FILE_KINDS = {
    ("CREATE", "TABLE"), ("CREATE", "VIEW"), ("CREATE", "MATERIALIZED"), ("CREATE", "INDEX"),
    ("CREATE", "SCHEMA"), ("ALTER", "TABLE"), ("DROP", "TABLE"), ("DROP", "VIEW"),
}
_ARTICLES = frozenset({"the", "an", "this", "that", "these", "those", "your", "my", "our",
                       "their", "its", "some", "any", "each", "every"})
_NEVER_BATCHES = frozenset({"GRANT", "REVOKE", "DENY", "COMMENT"})
_STRUCTURAL_ALTER = frozenset({"ADD", "DROP", "ALTER", "MODIFY", "CHANGE"})


@dataclass(frozen=True)
class SqlUse:
    """What one SQL string in code does to tables."""

    reads: tuple[tuple[str | None, str], ...]  # (schema, table) lower-case, sorted, unique
    writes: tuple[tuple[str | None, str], ...]
    tables: tuple[Table, ...] = ()  # DDL found in the string (CREATE TABLE)
    error: str | None = None  # why it could not be parsed, if it could not


def looks_like_sql(text: str) -> bool:
    """True when ``text`` has the shape of a SQL statement (not prose, logs, URLs, HTML).

    >>> looks_like_sql("SELECT id FROM orders"), looks_like_sql("Select a file from disk.")
    (True, False)
    """
    words = text.split(None, 1)  # empty for a string of whitespace only
    if len(text) < 10 or not words or "://" in words[0] or text.lstrip().startswith("<"):
        return False
    match = _SQL_SHAPES.match(text)
    if match is None or _names_prose_object(text):
        return False
    # Prose such as "Select a file from the list." ends with a sentence stop, SQL rarely does.
    return not (match.group(0).lower().lstrip("( ").startswith("select")
                and _reads_like_prose(text))


@quiet_sqlglot()
def analyse_sql(text: str, dialect: str | None = None) -> SqlUse | None:
    """Tables read and written by SQL found in code; None when ``text`` is not SQL.

    Several statements separated by ``;`` are allowed. With ``dialect`` None, postgres,
    mysql, sqlite, tsql and oracle are tried in that order; the first clean parse wins.

    >>> analyse_sql("INSERT INTO orders SELECT * FROM carts").writes
    ((None, 'orders'),)
    """
    dialects = dialect_order(dialect)
    if not looks_like_sql(text):
        return None
    reads: set = set()
    writes: set = set()
    book = TableBook()
    errors: list[str] = []
    for stmt in _statements_of(replace_placeholders(text)):
        trees, used, error = parse_clean(_as_insert(stmt), dialects)
        if not trees:  # keep what its verbs name: a lost table is a lost dependency
            r, w = tables_by_pattern(stmt)
            reads |= r
            writes |= w
            named = ", ".join(sorted(qualified(k) for k in r | w))
            errors.append(f"{error.rstrip('.')}; tables taken from its verbs: {named}"
                          if named else error)
            continue
        for tree in trees:
            try:
                r, w = table_accesses(tree)
                created = tables_in_create(tree, used, source="")
            except (SqlglotError, AttributeError, TypeError, ValueError, RecursionError) as err:
                errors.append(f"could not read the statement ({type(err).__name__}: {err})")
                continue
            reads |= r
            writes |= w
            for table in created:
                book.add(table)
    if errors and not (reads or writes or book.tables()):
        return SqlUse((), (), error=errors[0])
    return SqlUse(tuple(sorted(reads, key=_key_order)), tuple(sorted(writes, key=_key_order)),
                  book.tables(), "; ".join(errors) or None)


def _statements_of(text: str) -> list[str]:
    """Statements of a code string; most hold one, and need no splitting pass."""
    single = text.strip().rstrip(";")
    if ";" not in single:
        return [single]
    return [stmt.text for stmt in split_statements(text)]


@quiet_sqlglot()
def parse_sql_file(text: str, path: str, dialect: str | None = None) -> SqlFileFacts:
    """Tables, views and routines a ``.sql`` file defines, and the statements it could not read.

    Table.source is ``"{path}:{line}"`` and origin ``"sql"``. Tables named twice (CREATE
    then ALTER) come back merged. Only DDL is parsed; other statements are counted.
    """
    dialects = dialect_order(dialect, preferred=None if dialect else _guess_dialect(text))
    statements = split_statements(text, backslash_escapes=dialects[0] == "mysql")
    reader = _FileReader(path, dialects)
    for stmt in statements:
        reader.read(stmt, resplit=True)
    return SqlFileFacts(
        path=path,
        tables=reader.book.tables(),
        routines=tuple(sorted(reader.routines, key=lambda r: (r.name, r.kind, r.source))),
        problems=tuple(reader.problems),
        statements=len(statements),
    )


# ---------------------------------------------------------------- helpers


class _FileReader:
    """What one file's statements say, collected in order."""

    def __init__(self, path: str, dialects: tuple[str, ...]) -> None:
        self.path = path
        self.dialects = dialects
        self.book = TableBook()
        self.routines: list[Routine] = []
        self.problems: list[SqlProblem] = []

    def read(self, stmt: Statement, resplit: bool) -> None:
        try:
            self._read(stmt, resplit)
        except (SqlglotError, AttributeError, TypeError, ValueError, RecursionError) as err:
            # a tree shape we did not foresee costs this statement, never the file
            self._problem(stmt, f"could not read the statement ({type(err).__name__}: {err})")

    def _read(self, stmt: Statement, resplit: bool) -> None:
        source = f"{self.path}:{stmt.line}"
        if stmt.is_routine and stmt.verb == "CREATE":
            routine = routine_from(stmt, self.dialects, source)
            if routine is None:
                self._problem(stmt, "routine header not understood")
            else:
                self.routines.append(routine)
            return
        wanted = _is_wanted(stmt)
        batch = resplit and stmt.verb not in _NEVER_BATCHES and {"CREATE", "ALTER"} & set(
            stmt.head[1:])
        if not wanted and not batch:
            return  # data, grants, settings: counted, not read
        error = self._ddl(stmt, source) if wanted else "batch"
        if not error:
            return
        pieces = sub_statements(stmt, self.dialects) if resplit else []
        if len(pieces) > 1:  # a batch without ';' between statements (T-SQL before GO)
            for piece in pieces:
                self.read(piece, resplit=False)
        elif wanted and not self._in_part(stmt, source, error):
            self._problem(stmt, error)

    def _ddl(self, stmt: Statement, source: str) -> str:
        """Parse one DDL statement into the book; returns why it failed, or ""."""
        if stmt.kind == "SCHEMA":
            return self._schema(stmt, source)
        trees, used, error = parse_clean(stmt.text, self.dialects)
        if not trees:  # retry without options sqlglot does not know (DEFINER=, CLUSTERED)
            trees, used, _ = parse_clean(simplified(stmt.text, self.dialects), self.dialects)
        for tree in trees:
            self.book.apply(tree, used, source)
        return "" if trees else error

    def _in_part(self, stmt: Statement, source: str, error: str) -> bool:
        """A ``CREATE TABLE`` read without the elements sqlglot cannot parse, and a problem
        that names them; False when that does not work either."""
        if (stmt.verb, stmt.kind) != ("CREATE", "TABLE"):
            return False
        kept, left_out = without_unreadable_elements(simplified(stmt.text, self.dialects),
                                                     self.dialects)
        trees, used, _ = parse_clean(kept, self.dialects) if kept else ([], "", "")
        for tree in trees:
            self.book.apply(tree, used, source)
        if trees and left_out:
            shown = "; ".join(" ".join(e.split())[:40] for e in left_out[:3])
            shown += "; ..." if len(left_out) > 3 else ""
            self._problem(stmt, f"{error.rstrip('.')}: read without {len(left_out)} "
                                f"element(s) it could not parse ({shown})")
        elif trees:
            self._problem(stmt, f"{error.rstrip('.')}: read without the options after its "
                                "column list")
        return bool(trees)

    def _schema(self, stmt: Statement, source: str) -> str:
        """``CREATE SCHEMA s CREATE TABLE ... CREATE VIEW ...``: each element in schema ``s``."""
        schema, elements = schema_elements(stmt.text, self.dialects)
        if not elements:
            trees, _, error = parse_clean(stmt.text, self.dialects)
            return "" if trees else error
        errors = []
        for element in elements:
            trees, used, error = parse_clean(element, self.dialects)
            if not trees:
                errors.append(error)
            for tree in trees:
                self.book.apply(tree, used, source, default_schema=schema)
        return "; ".join(errors)

    def _problem(self, stmt: Statement, reason: str) -> None:
        self.problems.append(SqlProblem(self.path, stmt.line, reason))


def _is_wanted(stmt: Statement) -> bool:
    """DDL that can change tables; ALTER TABLE only when it adds, drops or alters parts."""
    if (stmt.verb, stmt.kind) not in _FILE_KINDS:
        return False
    return stmt.verb != "ALTER" or bool(_STRUCTURAL_ALTER & set(stmt.head[2:]))


def _as_insert(text: str) -> str:
    """MySQL ``REPLACE INTO`` is an INSERT that overwrites; sqlglot reads only the INSERT."""
    head = text.lstrip()
    if head[:7].upper() == "REPLACE" and head[7:].lstrip()[:4].upper() == "INTO":
        return "INSERT" + head[7:]
    return text


def _names_prose_object(text: str) -> bool:
    """"delete from the cache": an article where a table name should be."""
    words = text.lower().split()
    return any(w in ("from", "into", "update", "table") and nxt in _ARTICLES
               for w, nxt in zip(words, words[1:]))


# A closing "?" that stands alone or after an operator is a qmark placeholder (sqlite3,
# pyodbc: "... WHERE id = ?"), not a question: "Select a file from the list?".
_QMARK_AT_END = re.compile(r"(?:[=<>(,+\-*/]|\s)\s*\?\s*$")


def _reads_like_prose(text: str) -> bool:
    stripped = text.strip()
    words = stripped.split()
    if _QMARK_AT_END.search(stripped):
        return False
    return stripped.endswith((".", "!", "?")) and not stripped.endswith(".*") and (
        sum(w[:1].isupper() for w in words[1:]) < len(words) // 2
    )


def _guess_dialect(text: str) -> str | None:
    """Cheap markers of a script's dialect, to try that dialect first."""
    sample = text[:200_000]
    markers = (
        ("tsql", r"(?im)^\s*GO\s*$|\bNVARCHAR\b|\bIDENTITY\s*\(|\[dbo\]"),
        ("mysql", r"(?im)^\s*DELIMITER\s|`\w+`|\bENGINE\s*=|\bAUTO_INCREMENT\b"),
        ("oracle", r"(?im)^\s*/\s*$|\bVARCHAR2\b|\bNUMBER\s*\("),
        ("postgres", r"(?m)\$\$|::\w|\bplpgsql\b|\bSERIAL\b|^\\connect"),
        ("sqlite", r"(?i)\bAUTOINCREMENT\b|\bPRAGMA\b"),
    )
    return next((d for d, pattern in markers if re.search(pattern, sample)), None)


def _key_order(key: tuple[str | None, str]) -> tuple[str, str]:
    return key[0] or "", key[1]

