"""One schema from every place a monolith declares tables: SQL files, migrations, models."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import PurePosixPath

from decomposer.model import Schema, SqlFileFacts, Table

# When two places describe one table, the richer origin leads; the others add what it lacks.
_RANK = {"sql": 0, "migration": 1, "orm": 2, "pydal": 2, "odoo": 2, "code": 3}


def merge_schema(*, sql: Iterable[SqlFileFacts], code_tables: Iterable[Table],
                 orm_tables: Iterable[Table],
                 revisions: Mapping[str, tuple[str, ...]] | None = None) -> Schema:
    """``revisions``: path -> an Alembic migration's revision and those it follows."""
    sql = list(sql)
    place = partial(_place, order=migration_order(revisions or {}))
    candidates = _without_dropped_columns(_without_dropped(_renamed(
        [t for f in sql for t in f.tables] + list(code_tables) + list(orm_tables)), place),
        place)
    merged: dict[str, Table] = {}
    # ...and of one origin, the model that defines the table leads the code that extends
    # it (an Odoo ``_inherit``), then the first by place (line 57 before line 438)
    for table in sorted(candidates, key=lambda t: (_RANK.get(t.origin, 9),
                                                   t.defined_by is None, place(t.source))):
        if table.name in merged:
            merged[table.name] = _merge(merged[table.name], table)
        else:
            merged[table.name] = table
    return Schema(
        tables=_typed_keys([merged[name] for name in sorted(merged)]),
        routines=tuple(sorted((r for f in sql for r in f.routines), key=lambda r: r.name)),
        problems=tuple(p for f in sql for p in f.problems),
    )


def _typed_keys(tables: list[Table]) -> tuple[Table, ...]:
    """A key column declared without a type (SQLAlchemy's ``Column(ForeignKey("nodes.id"))``)
    has the type of the column it references, as SQLAlchemy gives it."""
    by_name = {t.name: t for t in tables}
    out = []
    for table in tables:
        typed: dict[str, str] = {}
        for key in table.foreign_keys:
            target = by_name.get(key.ref_table)
            if target is None:
                continue
            types = {c.name: c.type for c in target.columns}
            for column, referenced in zip(key.columns,
                                          key.ref_columns or target.primary_key or ("id",)):
                if types.get(referenced):
                    typed[column] = types[referenced]
        if any(not c.type and c.name in typed for c in table.columns):
            table = replace(table, columns=tuple(
                replace(c, type=typed[c.name]) if not c.type and c.name in typed else c
                for c in table.columns))
        out.append(table)
    return tuple(out)


def _renamed(tables: list[Table]) -> list[Table]:
    """Every table and foreign key under the table's real name: Django migrations name a
    model with ``db_table`` by its default ``app_model`` name again in later files; and
    when the model itself now has its default name (a later ``AlterModelTable``, Oscar's
    communication app), the ``db_table`` of the first migration is history."""
    declared = {t.name for t in tables if not t.aliases and t.origin != "migration"}
    real: dict[str, str] = {}
    for table in tables:
        for alias in table.aliases:
            if alias not in declared:
                real[alias] = table.name
            elif table.origin == "migration" and table.name not in declared:
                real[table.name] = alias
    if not real:
        return tables
    out = []
    for table in tables:
        fks = tuple(replace(fk, ref_table=real.get(fk.ref_table, fk.ref_table))
                    for fk in table.foreign_keys)
        out.append(replace(table, name=real.get(table.name, table.name), foreign_keys=fks))
    return out


Place = Callable[[str], tuple[str, int]]


def _without_dropped(tables: list[Table], place: Place) -> list[Table]:
    """What migrations created and a later migration dropped (Django's ``DeleteModel``,
    Alembic's ``drop_table``) is gone, unless a model or DDL still declares it. Migrations
    of one app run in the order of their file names (``0002_...`` after ``0001_...``),
    Alembic's in the order of their revisions."""
    dropped: dict[str, list[str]] = defaultdict(list)
    for table in tables:
        if table.kind == "dropped":
            dropped[table.name].append(table.source)
    if not dropped:
        return tables
    current = {t.name for t in tables if t.origin != "migration"}
    # what only migrations created: the candidates for being gone
    migrated = [t for t in tables if t.kind != "dropped" and t.origin == "migration"
                and t.name not in current]
    gone = [t for t in migrated
            if any(_before(t.source, drop, place) for drop in dropped.get(t.name, ()))]
    # the join tables of a dropped model's many-to-many fields go with it (made by the
    # same CreateModel: same place, the model's table name as their prefix)
    made_with = {(t.source, t.name + "_") for t in gone}
    gone += [t for t in migrated
             if any(t.source == at and t.name.startswith(prefix) for at, prefix in made_with)]
    dead = {id(t) for t in gone}
    return [t for t in tables if t.kind != "dropped" and id(t) not in dead]


def _without_dropped_columns(tables: list[Table], place: Place) -> list[Table]:
    """Migrations' tables without the columns a later migration removed or renamed
    (Django's ``RemoveField``/``RenameField``, Alembic's ``drop_column``); a model or DDL
    that still declares a column brings it back when the tables merge."""
    drops = [t for t in tables if t.kind == "dropped-columns"]
    kept = [t for t in tables if t.kind != "dropped-columns"]
    if not drops:
        return kept
    out = []
    for table in kept:
        gone = {c.name for d in drops if d.name == table.name and table.origin == "migration"
                and _before(table.source, d.source, place) for c in d.columns}
        if gone & {c.name for c in table.columns}:
            table = replace(
                table, columns=tuple(c for c in table.columns if c.name not in gone),
                foreign_keys=tuple(k for k in table.foreign_keys if not gone & set(k.columns)),
                indexes=tuple(i for i in table.indexes if not gone & set(i.columns)),
                primary_key=() if gone & set(table.primary_key) else table.primary_key)
        out.append(table)
    return out


def _place(source: str, order: Mapping[str, int]) -> tuple[str, int]:
    """Where a declaration stands in the history: its file (an Alembic migration's place
    in its chain of revisions instead), then its line."""
    path, _, line = source.rpartition(":")
    if not line.isdigit():
        return (source, 0)
    if path in order:
        path = f"{PurePosixPath(path).parent}/{order[path]:08d}"
    return (path, int(line))


def _before(made: str, dropped: str, place: Place) -> bool:
    """Whether what ``made`` declares existed when ``dropped`` removed it: an earlier place
    in one folder of migrations; across folders (a plugin's own Alembic chain dropping a
    column of the core's), a drop presupposes what it drops."""
    made_at, dropped_at = place(made), place(dropped)
    if PurePosixPath(made_at[0]).parent != PurePosixPath(dropped_at[0]).parent:
        return True
    return made_at < dropped_at


def migration_order(revisions: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """path -> how many revisions come before it on its longest chain: an Alembic
    revision after every one it follows (``down_revision``), whatever the file names
    (hashes, as often as not). Revisions in a cycle are left out."""
    path_of = {revision[0]: path for path, revision in revisions.items() if revision}
    waiting: dict[str, int] = {}
    children: dict[str, list[str]] = defaultdict(list)
    for path, revision in revisions.items():
        parents = {path_of[p] for p in revision[1:] if p in path_of}
        waiting[path] = len(parents)
        for parent in parents:
            children[parent].append(path)
    depth = {path: 0 for path, count in waiting.items() if count == 0}
    queue = deque(sorted(depth))
    while queue:
        parent = queue.popleft()
        for child in children[parent]:
            depth[child] = max(depth.get(child, 0), depth[parent] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                queue.append(child)
    return {path: d for path, d in depth.items() if waiting[path] == 0}


# Origins that describe a table as it is now (a model), not as it once was made
_CURRENT = {"orm", "pydal", "odoo"}


def _merge(first: Table, other: Table) -> Table:
    names = {c.name for c in first.columns}
    own = first.columns
    if first.origin == "migration" and other.origin in _CURRENT:
        # whether a column may be null is the model's today; an old migration made it
        # NOT NULL before a later one relaxed it (redash's queries.schedule)
        now = {c.name: c.nullable for c in other.columns}
        own = tuple(replace(c, nullable=now[c.name]) if c.name in now and not c.primary_key
                    else c for c in own)
    columns = own + tuple(c for c in other.columns if c.name not in names)
    fks = first.foreign_keys + tuple(fk for fk in other.foreign_keys
                                     if fk not in first.foreign_keys)
    index_names = {i.name for i in first.indexes}
    return replace(
        first, columns=columns, foreign_keys=fks,
        primary_key=first.primary_key or other.primary_key,
        indexes=first.indexes + tuple(i for i in other.indexes if i.name not in index_names),
        defined_by=first.defined_by or other.defined_by,
        schema=first.schema or other.schema,
        reads=first.reads or other.reads,
        label=first.label or other.label,
        aliases=tuple(dict.fromkeys(first.aliases + other.aliases)),
    )


def with_inferred(schema: Schema, names: Iterable[str], source: str = "") -> Schema:
    """Add tables that code evidently owns (it writes them) though no DDL declares them."""
    known = {t.name for t in schema.tables}
    extra = [Table(name=n, origin="code", source=source) for n in sorted(set(names) - known)]
    if not extra:
        return schema
    return replace(schema, tables=tuple(sorted(schema.tables + tuple(extra),
                                               key=lambda t: t.name)))
