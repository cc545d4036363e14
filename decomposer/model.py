"""Frozen data shared by every stage.

Stages meet only through these values: ingest produces facts, the graph is built
from facts, clustering produces a Decomposition, scoring a PriorityMatrix and a
Roadmap. Collections are tuples so that every value is immutable and hashable
where it can be; mappings that renderers need are plain dicts, never mutated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------- scan


@dataclass(frozen=True)
class SourceFile:
    """A file the scan kept. ``path`` is POSIX, relative to the repository root."""

    path: str
    kind: str  # "python" | "sql"
    size: int
    module: str | None = None  # module name for Python files (DESIGN.md identifiers)
    is_test: bool = False
    is_migration: bool = False
    is_package: bool = False  # a package's __init__.py


@dataclass(frozen=True)
class Skipped:
    """A file (or folder) left out, and why; reported, never silently dropped."""

    path: str
    reason: str


@dataclass(frozen=True)
class Scan:
    root: str  # absolute path of the analysed repository
    source_root: str  # "" or "src" (relative to root)
    files: tuple[SourceFile, ...]
    skipped: tuple[Skipped, ...] = ()


# ---------------------------------------------------------------- python facts


@dataclass(frozen=True)
class Param:
    name: str
    annotation: str | None = None  # source text of the annotation
    default: str | None = None  # source text of the default
    kind: str = "positional"  # "positional" | "keyword" | "varargs" | "varkw"


@dataclass(frozen=True)
class Signature:
    name: str  # function name, or method name for classes
    params: tuple[Param, ...]
    returns: str | None
    line: int
    is_async: bool = False
    docstring: str | None = None


@dataclass(frozen=True)
class Symbol:
    """A top-level class or function; methods roll up into their class."""

    id: str  # "module:QualName"
    module: str
    name: str
    kind: str  # "class" | "function"
    file: str
    line: int
    end_line: int
    loc: int  # non-blank, non-comment lines
    complexity: int  # cyclomatic complexity (McCabe), summed over methods for classes
    bases: tuple[str, ...] = ()  # raw dotted names as written
    decorators: tuple[str, ...] = ()  # raw dotted names as written
    signatures: tuple[Signature, ...] = ()  # a function's own; a class's methods
    docstring: str | None = None
    string_attrs: tuple[tuple[str, str], ...] = ()  # class attributes bound to str literals
    attr_types: tuple[tuple[str, str], ...] = ()  # class/instance attribute -> raw type expr
    max_method_complexity: int = 0
    section: str = ""  # title of the banner comment above it in a god module (ingest.sections)


@dataclass(frozen=True)
class Import:
    source: str  # importing symbol id, or module name for module-level imports
    target: str  # absolute dotted name ("shop.utils" or "shop.utils.format_money")
    alias: str  # local name bound; "*" for a star import
    line: int
    is_from: bool = False  # "from x import y": target is x.y (a module or a name in x)


@dataclass(frozen=True)
class RawRef:
    """A use of a name inside ``source``, unresolved.

    ``target`` is the dotted expression as written with known local types
    substituted (``o = Order(); o.save()`` gives ``Order.save``); ``self``/``cls``
    stay as written and are resolved against ``source``'s class.
    """

    source: str  # symbol id, or module name for module-level code
    target: str
    kind: str  # "call" | "reference" | "inherit" | "string"
    line: int


@dataclass(frozen=True)
class Route:
    handler: str  # symbol id when known, else a raw dotted name resolved later
    path: str
    methods: tuple[str, ...]
    framework: str  # "flask" | "fastapi" | "django" | "bottle" | ...
    file: str
    line: int
    module: str  # module that declared the route (for resolving ``handler``)
    router: str = ""  # the Blueprint or APIRouter variable it was declared on, if any
    router_prefix: str = ""  # that router's own prefix, already in ``path``


@dataclass(frozen=True)
class SqlSnippet:
    """A string that may be SQL, attributed to the symbol whose code holds it.

    ``text`` has placeholders replaced: f-string fields and ``%s``/``{}`` holes by
    a dummy identifier; ``cls.table``/``self.table`` by ``__attr_<name>__``.
    """

    source: str
    text: str
    line: int
    how: str  # "literal" | "concat" | "format" | "fstring" | "constant" | "execute-arg"
    executed: bool = False  # passed to execute()/raw()/text()/... (strong evidence)


@dataclass(frozen=True)
class TableAccess:
    source: str  # symbol id or module name
    table: str  # lower-case, unqualified
    mode: str  # "read" | "write"
    line: int
    via: str  # "sql" | "orm" | "attr" (through a class attribute like table = "x");
    # "pydal" (``db.order``) until resolution keeps it as "orm" or drops it; "odoo"
    # (``env['sale.order']``) until resolution gives it its table's real name, as "orm"
    evidence: str  # short text: "SELECT ... FROM orders" or "Order.objects.filter"
    schema: str | None = None
    known: bool = True  # False when the table is in no schema/model we know


@dataclass(frozen=True)
class OrmField:
    name: str
    type: str  # "CharField", "Integer", ...
    column: str | None = None
    target: str | None = None  # raw target for FK/O2O/M2M ("Order", "app.Order", "orders.id")
    relation: str | None = None  # "fk" | "o2o" | "m2m" | None
    primary_key: bool = False
    nullable: bool = True
    through: str | None = None


@dataclass(frozen=True)
class OrmModel:
    symbol: str  # symbol id of the model class
    framework: str  # "django" | "sqlalchemy" | "peewee" | "sqlobject" | "storm"
    table: str | None  # explicit db_table / __tablename__, None for the default
    fields: tuple[OrmField, ...]
    bases: tuple[str, ...]
    abstract: bool = False
    app_label: str | None = None
    line: int = 0
    has_meta: bool = False  # a Django ``class Meta`` of its own (else the parent's is used)
    # SQLAlchemy: how a ``@declared_attr def __tablename__`` of this class names the tables
    # of its subclasses: "{snake}", "{lower}", "{snake}s"... ("" when it has none)
    table_template: str = ""


@dataclass(frozen=True)
class OrmUse:
    source: str
    model: str  # raw dotted name of the model as written ("Order", "models.Order")
    mode: str  # "read" | "write"
    line: int
    evidence: str


@dataclass(frozen=True)
class ModuleFacts:
    """Everything one Python file says, before any cross-file resolution."""

    module: str
    path: str
    is_package: bool
    symbols: tuple[Symbol, ...]
    imports: tuple[Import, ...]
    refs: tuple[RawRef, ...]
    routes: tuple[Route, ...] = ()
    # Django ``path("orders/", include("shop.orders.urls"))``: (URL prefix, what it names)
    route_includes: tuple[tuple[str, str], ...] = ()
    # ``register_blueprint(bp, url_prefix="/x")``, ``include_router(r, prefix="/x")``:
    # (URL prefix, the router as named here, framework, what it is registered on)
    router_registrations: tuple[tuple[str, str, str, str], ...] = ()
    # Module-level strings that look like URL paths (``API_PREFIX = "/api"``, a settings
    # object's ``settings.API_V1_STR``), for prefixes named by them: (name, value)
    url_constants: tuple[tuple[str, str], ...] = ()
    # Pyramid's ``config.add_route("lift", "/lifts/{id}")``: (route name, URL pattern)
    route_patterns: tuple[tuple[str, str], ...] = ()
    # CherryPy's object tree: (parent class id or "" for a mount, attribute or mount
    # prefix, the class as named in this module)
    object_tree: tuple[tuple[str, str, str], ...] = ()
    sql: tuple[SqlSnippet, ...] = ()
    accesses: tuple[TableAccess, ...] = ()  # from SQL in this file, parsed by sqlglot
    orm_models: tuple[OrmModel, ...] = ()
    orm_uses: tuple[OrmUse, ...] = ()
    tables: tuple[Table, ...] = ()  # DDL found in strings or migrations
    # an Alembic migration's revision and those it follows (``down_revision``): the order
    # of migrations whose file names are hashes
    revision: tuple[str, ...] = ()
    # SQLAlchemy Core: (module-level name, table) for ``orders = Table("orders", ...)``
    core_tables: tuple[tuple[str, str], ...] = ()
    # Module-level SQL constants: (name, first line, last line). Their accesses, parsed with
    # this module's, are the code's that uses them (``cur.execute(queries.INSERT_ORDER)``)
    sql_constants: tuple[tuple[str, int, int], ...] = ()
    loc: int = 0
    engine: str = "ast"  # "ast" | "libcst" | "py314-compat" | "py2-compat"
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Parsed:
    path: str
    facts: ModuleFacts | SqlFileFacts


@dataclass(frozen=True)
class Failed:
    path: str
    error: str
    line: int | None = None


FileOutcome = Parsed | Skipped | Failed


# ---------------------------------------------------------------- data facts


@dataclass(frozen=True)
class Column:
    name: str
    type: str = ""
    nullable: bool = True
    primary_key: bool = False
    default: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    ref_table: str  # lower-case, unqualified
    ref_columns: tuple[str, ...] = ()
    ref_schema: str | None = None


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    unique: bool = False


@dataclass(frozen=True)
class Table:
    name: str  # lower-case, unqualified
    schema: str | None = None
    # "table" | "view"; "dropped" (the table) and "dropped-columns" (its ``columns``) only
    # between a migration and the schema
    kind: str = "table"
    columns: tuple[Column, ...] = ()
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[Index, ...] = ()
    source: str = ""  # "file:line"
    origin: str = "sql"  # "sql" | "orm" | "pydal" | "odoo" | "migration"
    defined_by: str | None = None  # symbol id of the ORM model, when there is one
    reads: tuple[str, ...] = ()  # for views: their source tables
    label: str = ""  # the name as written when its case carries words ("OrderLine")
    # Other names that mean this table: Django's default ``app_model`` when ``db_table``
    # overrides it, which later migrations (AddField, foreign keys) still use.
    aliases: tuple[str, ...] = ()

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


@dataclass(frozen=True)
class Routine:
    """A function, procedure or trigger defined in SQL, with the tables it touches."""

    name: str
    kind: str  # "function" | "procedure" | "trigger"
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    source: str
    on_table: str | None = None  # triggers


@dataclass(frozen=True)
class SqlProblem:
    file: str
    line: int
    reason: str


@dataclass(frozen=True)
class SqlFileFacts:
    path: str
    tables: tuple[Table, ...]
    routines: tuple[Routine, ...] = ()
    problems: tuple[SqlProblem, ...] = ()
    statements: int = 0


@dataclass(frozen=True)
class Schema:
    """All tables known from SQL files, migrations and ORM models, merged."""

    tables: tuple[Table, ...]
    routines: tuple[Routine, ...] = ()
    problems: tuple[SqlProblem, ...] = ()

    def table(self, name: str) -> Table | None:
        for t in self.tables:
            if t.name == name:
                return t
        return None


# ---------------------------------------------------------------- history


@dataclass(frozen=True)
class ChangeStats:
    """Change facts of one file or one symbol within the history window."""

    key: str  # path or symbol id
    commits: int
    churn: int  # lines added + deleted
    authors: tuple[str, ...]
    last_change: str | None = None  # ISO date
    first_change: str | None = None
    recent_commits: float = 0.0  # commits weighted by recency (half-life in config)


@dataclass(frozen=True)
class CoChange:
    a: str
    b: str
    count: int


@dataclass(frozen=True)
class History:
    available: bool
    commits: int = 0
    files: tuple[ChangeStats, ...] = ()
    symbols: tuple[ChangeStats, ...] = ()
    file_cochange: tuple[CoChange, ...] = ()
    symbol_cochange: tuple[CoChange, ...] = ()
    first_date: str | None = None
    last_date: str | None = None
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- decomposition


@dataclass(frozen=True)
class Context:
    name: str
    symbols: tuple[str, ...]
    modules: tuple[str, ...]  # modules whose every symbol is in this context
    tables: tuple[str, ...]  # owned
    shared_tables: tuple[str, ...]  # owned elsewhere, read here
    explanations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    runner_up: dict[str, str] = field(default_factory=dict)  # member -> close second context
    vocabulary: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    source: str  # context name ("from" in JSON)
    target: str  # context name ("to" in JSON)
    kind: str  # "customer-supplier" | "shared-kernel" | "data-dependency" | "conflict"
    communication: str  # "grpc" | "rest" | "events"
    evidence: tuple[str, ...]
    calls: int = 0
    reads: int = 0
    writes: int = 0
    events: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class TableOwnership:
    table: str
    owner: str | None
    readers: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    conflict: bool = False  # written by several contexts: a split risk
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decomposition:
    contexts: tuple[Context, ...]
    shared_kernel: tuple[str, ...]
    relations: tuple[Relation, ...]
    ownership: tuple[TableOwnership, ...]
    metrics: dict[str, float]
    chatty_pairs: tuple[tuple[str, str, int], ...] = ()
    cycles: tuple[tuple[str, ...], ...] = ()
    kernel_explanations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()  # how clustering chose: merges, pins, resolution

    def context(self, name: str) -> Context | None:
        return next((c for c in self.contexts if c.name == name), None)

    def context_of(self) -> dict[str, str]:
        """Member (symbol id or ``table:<name>``) -> context name."""
        out: dict[str, str] = {}
        for c in self.contexts:
            out.update({s: c.name for s in c.symbols})
            out.update({f"table:{t}": c.name for t in c.tables})
        return out


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class CriterionScore:
    criterion: str
    value: int  # 1..5
    raw: dict[str, float]
    estimated: bool = False
    reason: str = ""


@dataclass(frozen=True)
class ContextScore:
    context: str
    criteria: tuple[CriterionScore, ...]
    composite: float
    extraction_cost: float
    phase: int = 0

    def value(self, criterion: str) -> int:
        return next(c.value for c in self.criteria if c.criterion == criterion)


@dataclass(frozen=True)
class Phase:
    number: int
    contexts: tuple[str, ...]
    steps: tuple[str, ...]
    risks: tuple[str, ...]
    rationale: str = ""


@dataclass(frozen=True)
class Roadmap:
    phases: tuple[Phase, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Artifact:
    path: str  # relative to the output folder
    kind: str  # "proto" | "go" | "sql" | "events" | "gateway" | "contracts" | ...
    context: str | None = None


# ---------------------------------------------------------------- resolved facts


@dataclass(frozen=True)
class Dependency:
    """One typed edge of the dependency graph, aggregated over its occurrences."""

    source: str  # symbol id, module name or "table:<name>"
    target: str
    kind: str  # import | call | reference | inherit | reads | writes | fk | cochange
    count: int
    evidence: tuple[str, ...] = ()  # "file:line", a few at most


@dataclass(frozen=True)
class Facts:
    """Repository-wide facts after cross-file resolution: the input of the graph."""

    scan: Scan
    outcomes: tuple[FileOutcome, ...]
    symbols: tuple[Symbol, ...]  # top-level symbols of application code (no tests/migrations)
    modules: tuple[str, ...]
    dependencies: tuple[Dependency, ...]
    routes: tuple[Route, ...]  # handler resolved to a symbol id where possible
    schema: Schema
    accesses: tuple[TableAccess, ...]  # resolved (ORM uses mapped to tables)
    history: History
    tested: tuple[str, ...] = ()  # symbol ids referenced from test modules
    warnings: tuple[str, ...] = ()

    def symbol_map(self) -> dict[str, Symbol]:
        return {s.id: s for s in self.symbols}


@dataclass(frozen=True)
class Scores:
    matrix: tuple[ContextScore, ...]
    roadmap: Roadmap


@dataclass(frozen=True)
class Analysis:
    facts: Facts
    decomposition: Decomposition
    scores: Scores | None = None
    artifacts: tuple[Artifact, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clustering:
    """What clustering decides, before relations and ownership are worked out."""

    assignment: dict[str, str]  # symbol id or "table:<name>" -> context name
    shared_kernel: tuple[str, ...]
    explanations: dict[str, tuple[str, ...]]  # member -> evidence, strongest first
    runner_up: dict[str, str]  # member -> a close second context, when there is one
    kernel_explanations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    vocabulary: dict[str, tuple[str, ...]] = field(default_factory=dict)  # context -> words
    chatty_pairs: tuple[tuple[str, str, int], ...] = ()
    metrics: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # granularity decisions, pins, resolution chosen
