"""Turn sqlglot DDL trees into :class:`Table` values, merging what several statements say.

A :class:`TableBook` collects one file's CREATE TABLE / VIEW / INDEX, ALTER TABLE and
DROP statements; a table named twice is one entry, so ``CREATE TABLE`` followed by
``ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`` gives one Table with its key.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlglot import exp
from sqlglot.tokens import TokenType

from decomposer.ingest.sql_access import (
    parse_clean,
    qualified,
    table_accesses,
    table_key,
    tokenize,
)
from decomposer.ingest.sql_split import Statement, split_statements
from decomposer.model import Column, ForeignKey, Index, Table

_HINT_WORDS = frozenset({"CLUSTERED", "NONCLUSTERED", "ROWGUIDCOL"})
_KIND_WORDS = frozenset({"TABLE", "VIEW", "INDEX", "FUNCTION", "PROCEDURE", "TRIGGER"})
_CLUSTER_HINTS = (exp.ClusteredColumnConstraint, exp.NonClusteredColumnConstraint)
_QUOTED = frozenset({TokenType.STRING, TokenType.IDENTIFIER})


def tables_in_create(tree: exp.Expression, dialect: str, source: str) -> tuple[Table, ...]:
    """The tables a single statement creates (for DDL met in code)."""
    if not (isinstance(tree, exp.Create) and tree.kind == "TABLE") or _session_scoped(tree):
        return ()
    book = TableBook()
    book.apply(tree, dialect, source)
    return book.tables()


def _session_scoped(tree: exp.Create) -> bool:
    """``CREATE TEMPORARY TABLE``: scratch space of one connection (an upgrade script's
    ``ticket_old``), not part of the schema. Oracle's GLOBAL TEMPORARY tables are declared
    once and stay, so they count."""
    temporary = tree.find(exp.TemporaryProperty)
    return temporary is not None and not temporary.this


def schema_elements(text: str, dialects: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """Split ``CREATE SCHEMA s CREATE TABLE ... CREATE VIEW ...`` into (s, elements)."""
    tokens = tokenize(text, dialects) or []
    i = 2
    while i < len(tokens) and tokens[i].text.upper() in ("IF", "NOT", "EXISTS"):
        i += 1
    schema = None
    if i < len(tokens) and tokens[i].text.upper() != "AUTHORIZATION":
        schema = tokens[i].text.lower()
    starts = [tokens[j].start for j in _top_level(tokens, i + 1, (TokenType.CREATE,
                                                                  TokenType.GRANT))]
    bounds = [*starts, len(text)]
    return schema, [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]


def sub_statements(stmt: Statement, dialects: tuple[str, ...]) -> list[Statement]:
    """Cut a batch at its top-level CREATE and ALTER words (T-SQL needs no ';' before GO)."""
    tokens = tokenize(stmt.text, dialects) or []
    cuts = [0, *_top_level(tokens, 1, (TokenType.CREATE, TokenType.ALTER))]
    pieces = []
    for a, b in zip(cuts, [*cuts[1:], len(tokens)]):
        if a >= b:
            continue
        text = stmt.text[tokens[a].start : tokens[b - 1].end + 1]
        parts = split_statements(text)
        head = parts[0].head if parts else ()
        pieces.append(Statement(text, stmt.line + tokens[a].line - 1, head))
    return pieces


def simplified(text: str, dialects: tuple[str, ...]) -> str:
    """``text`` without options sqlglot cannot read and that do not change structure.

    T-SQL's CLUSTERED/NONCLUSTERED key hints and ROWGUIDCOL, MySQL's ALGORITHM=, DEFINER= and
    SQL SECURITY clauses between CREATE and the object kind, PostgreSQL's trailing
    WITH [NO] DATA of a materialized view.
    """
    tokens = tokenize(text, dialects) or []
    default_for = _tsql_default_for(text, tokens)
    if default_for:
        return default_for
    drop: set[int] = set()
    tail = [t.text.upper() for t in tokens[-3:]]
    if tail[-2:] == ["WITH", "DATA"] or tail == ["WITH", "NO", "DATA"]:
        drop.update(range(len(tokens) - (2 if tail[-2] == "WITH" else 3), len(tokens)))
    kind_at = next((i for i, t in enumerate(tokens) if t.text.upper() in _KIND_WORDS), 0)
    for i, tok in enumerate(tokens):
        word = tok.text.upper() if tok.token_type not in _QUOTED else ""
        if word in _HINT_WORDS:
            drop.add(i)
        elif word in ("ALGORITHM", "DEFINER") and i < kind_at:
            drop.update(range(i, _option_end(tokens, i + 1, kind_at)))
        elif " ".join(word.split()) == "SQL SECURITY" and i + 1 < kind_at:
            drop.update((i, i + 1))
    out, pos = [], 0
    for i in sorted(drop):
        out.append(text[pos : tokens[i].start])
        pos = tokens[i].end + 1
    return "".join(out) + text[pos:]


def without_unreadable_elements(text: str, dialects: tuple[str, ...]) -> tuple[str, list[str]]:
    """A ``CREATE TABLE`` that sqlglot cannot read whole, keeping the elements it can read
    one at a time (columns, keys), and the elements left out. T-SQL's ``MASKED WITH``
    columns and inline ``INDEX ... COLUMNSTORE`` (WideWorldImporters) would otherwise cost
    the whole table with its foreign keys; losing one column costs less.
    Returns ("", []) when the statement has no column list to take apart."""
    tokens = tokenize(text, dialects) or []
    words = [t.text.upper() for t in tokens[:8]]
    if "TABLE" not in words:
        return "", []
    opening = next((i for i, t in enumerate(tokens) if t.token_type == TokenType.L_PAREN), None)
    if opening is None or {"AS", "SELECT"} & {t.text.upper() for t in tokens[:opening]}:
        return "", []  # no column list: CREATE TABLE ... AS SELECT
    depth, cuts, closing = 0, [opening], None
    for j in range(opening, len(tokens)):
        kind = tokens[j].token_type
        depth += {TokenType.L_PAREN: 1, TokenType.R_PAREN: -1}.get(kind, 0)
        if depth == 1 and kind == TokenType.COMMA:
            cuts.append(j)
        elif depth == 0:
            closing = j
            break
    if closing is None:
        return "", []
    head = text[: tokens[opening].end + 1]
    elements = [text[tokens[a].end + 1 : tokens[b].start].strip()
                for a, b in zip(cuts, [*cuts[1:], closing])]
    tails = (text[tokens[closing].start :], ")")  # options after the list may be the trouble
    for tail in tails:  # each on a line of its own: an element may end in a -- comment
        kept = [e for e in elements if parse_clean(f"{head}\n{e}\n{tail}", dialects)[0]]
        if kept:
            return (f"{head}\n{','.join(e + chr(10) for e in kept)}{tail}",
                    [e for e in elements if e not in kept])
    return "", []


def _tsql_default_for(text: str, tokens) -> str:
    """T-SQL ``ADD CONSTRAINT df DEFAULT expr FOR col`` as ``ALTER COLUMN col SET DEFAULT``."""
    words = [t.text.upper() for t in tokens]
    at = next((i for i in range(len(words) - 5) if words[i : i + 2] == ["ADD", "CONSTRAINT"]
               and words[i + 3] == "DEFAULT"), None)
    if at is None or words[-2] != "FOR":
        return ""
    column = text[tokens[-1].start : tokens[-1].end + 1]
    default = text[tokens[at + 4].start : tokens[-3].end + 1]
    return f"{text[: tokens[at].start]}ALTER COLUMN {column} SET DEFAULT {default}"


def _option_end(tokens, i: int, limit: int) -> int:
    """End of ``= value`` after an option word; the value may be ``user@host``."""
    if i < limit and tokens[i].token_type == TokenType.EQ:
        i += 2
        while i + 1 < limit and tokens[i].token_type == TokenType.PARAMETER:
            i += 2
    return min(i, limit)


def _top_level(tokens, start: int, kinds) -> list[int]:
    depth = 0
    found = []
    for j in range(start, len(tokens)):
        kind = tokens[j].token_type
        depth += {TokenType.L_PAREN: 1, TokenType.R_PAREN: -1}.get(kind, 0)
        if depth == 0 and kind in kinds:
            found.append(j)
    return found


@dataclass
class _Draft:
    """A table being assembled from several statements."""

    name: str
    schema: str | None
    source: str
    kind: str = "table"
    created: bool = False
    columns: dict[str, Column] = field(default_factory=dict)
    primary_key: tuple[str, ...] = ()
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    indexes: list[Index] = field(default_factory=list)
    reads: tuple[str, ...] = ()
    label: str = ""  # the name as written, case kept: "PurchaseOrderHeader"

    def freeze(self) -> Table:
        pk = set(self.primary_key)
        columns = tuple(
            replace(c, primary_key=True, nullable=False) if c.name in pk else c
            for c in self.columns.values()
        )
        return Table(
            name=self.name, schema=self.schema, kind=self.kind, columns=columns,
            primary_key=self.primary_key, foreign_keys=tuple(dict.fromkeys(self.foreign_keys)),
            indexes=tuple(dict.fromkeys(self.indexes)), source=self.source, origin="sql",
            reads=self.reads, label=self.label if self.label != self.name else "",
        )


class TableBook:
    """Tables of one file, keyed by (schema, name); statements are applied in order."""

    def __init__(self) -> None:
        self._drafts: dict[tuple[str | None, str], _Draft] = {}

    def tables(self) -> tuple[Table, ...]:
        ordered = sorted(self._drafts.items(), key=lambda kv: (kv[0][0] or "", kv[0][1]))
        return tuple(d.freeze() for _, d in ordered)

    def add(self, table: Table) -> None:
        draft = self._draft((table.schema, table.name), table.source, create=True)
        draft.columns.update((c.name, c) for c in table.columns)
        draft.primary_key = table.primary_key or draft.primary_key
        draft.foreign_keys += table.foreign_keys
        draft.indexes += table.indexes

    def apply(self, tree: exp.Expression, dialect: str, source: str,
              default_schema: str | None = None) -> None:
        if isinstance(tree, exp.Create):
            self._create(tree, dialect, source, default_schema)
        elif isinstance(tree, exp.Alter) and (tree.args.get("kind") or "").upper() == "TABLE":
            key = _key(tree.this, default_schema)
            if key:
                draft = self._draft(key, source)
                for action in tree.args.get("actions") or ():
                    _alter(draft, action, dialect)
        elif isinstance(tree, exp.Drop) and (tree.kind or "").upper() in ("TABLE", "VIEW"):
            for node in tree.expressions or tree.args.get("tables") or ():
                key = _key(node, default_schema)
                self._drafts.pop(self._resolve(key) if key else None, None)

    # -------------------------------------------------------------- statements

    def _create(self, tree: exp.Create, dialect: str, source: str, default_schema) -> None:
        kind = (tree.kind or "").upper()
        target = tree.this
        if kind == "INDEX" and isinstance(target, exp.Index):
            key = _key(target.args.get("table"), default_schema)
            if key:
                params = target.args.get("params")
                cols = _names(params.args.get("columns") or ()) if params else ()
                index = Index(target.name.lower(), cols, bool(tree.args.get("unique")))
                self._draft(key, source).indexes.append(index)
            return
        if kind not in ("TABLE", "VIEW"):
            return
        table_node = target.this if isinstance(target, exp.Schema) else target
        key = _key(table_node, default_schema)
        if key is None:
            return
        draft = self._draft(key, source, create=True)
        draft.label = draft.label or table_node.name
        if kind == "VIEW":
            draft.kind = "view"
        query = tree.expression
        if isinstance(query, exp.Query):
            reads, _ = table_accesses(query)
            draft.reads = tuple(sorted(qualified(k) for k in reads))
            names = [n for n in query.named_selects if n and n != "*"]
            draft.columns.update((n.lower(), Column(n.lower())) for n in names)
        if isinstance(target, exp.Schema):
            for element in target.expressions:
                _table_element(draft, element, dialect)

    def _draft(self, key: tuple[str | None, str], source: str, create: bool = False) -> _Draft:
        key = self._resolve(key)
        draft = self._drafts.get(key)
        if draft is None:
            draft = self._drafts[key] = _Draft(name=key[1], schema=key[0], source=source)
        if create and not draft.created:
            draft.created, draft.source = True, source
        return draft

    def _resolve(self, key: tuple[str | None, str]) -> tuple[str | None, str]:
        """An unqualified name means the one table of that name, whatever its schema."""
        if key in self._drafts:
            return key
        same_name = [k for k in self._drafts if k[1] == key[1]]
        if len(same_name) == 1 and (key[0] is None or same_name[0][0] is None):
            return same_name[0]
        return key


# ---------------------------------------------------------------- elements


def _table_element(draft: _Draft, element: exp.Expression, dialect: str) -> None:
    if isinstance(element, exp.ColumnDef):
        _column(draft, element, dialect)
    elif isinstance(element, exp.Constraint):
        inner = element.expressions
        if any(isinstance(c, exp.PrimaryKeyColumnConstraint) for c in inner):
            # T-SQL: CONSTRAINT pk PRIMARY KEY CLUSTERED (cols) keeps cols in the hint
            hinted = [c for c in inner if isinstance(c, _CLUSTER_HINTS)]
            if hinted and isinstance(hinted[0].this, list):
                draft.primary_key = _names(hinted[0].this)
        for c in inner:
            _constraint(draft, c, element.name.lower())
    else:
        _constraint(draft, element, "")


def _column(draft: _Draft, coldef: exp.ColumnDef, dialect: str) -> None:
    name = coldef.name.lower()
    kind = coldef.args.get("kind")
    nullable, default = True, None
    for constraint in coldef.constraints:
        c = constraint.args.get("kind")
        if isinstance(c, exp.NotNullColumnConstraint):
            nullable = bool(c.args.get("allow_null"))
        elif isinstance(c, exp.PrimaryKeyColumnConstraint):
            draft.primary_key = (name,)
        elif isinstance(c, exp.DefaultColumnConstraint):
            default = c.this.sql(dialect)
        elif isinstance(c, exp.Reference):
            draft.foreign_keys.append(_foreign_key((name,), c))
        elif isinstance(c, exp.UniqueColumnConstraint):
            draft.indexes.append(Index(f"{draft.name}_{name}_key", (name,), unique=True))
    col_type = kind.sql(dialect) if kind is not None else ""
    draft.columns[name] = Column(name, col_type, nullable, False, default)


def _constraint(draft: _Draft, c: exp.Expression, name: str) -> None:
    if isinstance(c, exp.PrimaryKey):
        draft.primary_key = _names(c.expressions)
    elif isinstance(c, exp.ForeignKey) and c.args.get("reference") is not None:
        draft.foreign_keys.append(_foreign_key(_names(c.expressions), c.args["reference"]))
    elif isinstance(c, exp.UniqueColumnConstraint):
        schema = c.this
        cols = _names(schema.expressions) if isinstance(schema, exp.Schema) else ()
        index_name = name or (schema.name.lower() if isinstance(schema, exp.Schema) else "")
        if cols:
            draft.indexes.append(Index(index_name or f"{draft.name}_{'_'.join(cols)}_key",
                                       cols, unique=True))
    elif isinstance(c, exp.IndexColumnConstraint):
        cols = _names(c.expressions)
        draft.indexes.append(Index(c.name.lower() or f"{draft.name}_{'_'.join(cols)}_idx",
                                   cols, unique=False))


def _alter(draft: _Draft, action: exp.Expression, dialect: str) -> None:
    if isinstance(action, exp.ColumnDef):
        _column(draft, action, dialect)
    elif isinstance(action, (exp.Schema, exp.AddConstraint)):  # Schema: Oracle ADD (...)
        for element in action.expressions:
            _table_element(draft, element, dialect)
    elif isinstance(action, exp.AlterColumn):
        _alter_column(draft, action, dialect)
    elif isinstance(action, exp.Drop) and (action.kind or "").upper() == "COLUMN":
        for col in action.expressions or action.args.get("tables") or ():
            draft.columns.pop(col.name.lower(), None)


def _alter_column(draft: _Draft, action: exp.AlterColumn, dialect: str) -> None:
    name = action.name.lower()
    column = draft.columns.get(name, Column(name))
    if action.args.get("default") is not None:
        column = replace(column, default=action.args["default"].sql(dialect))
    if action.args.get("dtype") is not None:
        column = replace(column, type=action.args["dtype"].sql(dialect))
    if action.args.get("allow_null") is not None:
        column = replace(column, nullable=bool(action.args["allow_null"]))
    draft.columns[name] = column


def _foreign_key(columns: tuple[str, ...], ref: exp.Reference) -> ForeignKey:
    target = ref.this
    table = target.this if isinstance(target, exp.Schema) else target
    ref_cols = _names(target.expressions) if isinstance(target, exp.Schema) else ()
    key = table_key(table) or (None, table.name.lower())
    return ForeignKey(columns=columns, ref_table=key[1], ref_columns=ref_cols,
                      ref_schema=key[0])


def _names(expressions) -> tuple[str, ...]:
    out = []
    for e in expressions:
        while isinstance(e, exp.Ordered):
            e = e.this
        out.append(e.name.lower() if isinstance(e, (exp.Identifier, exp.Column)) else e.sql())
    return tuple(out)


def _key(node, default_schema: str | None) -> tuple[str | None, str] | None:
    key = table_key(node) if node is not None else None
    if key is None:
        return None
    return (key[0] or default_schema, key[1])
