"""Django, SQLAlchemy and peewee models, their tables, and the code that uses them.

Two passes, as everywhere in ingest:

- ``extract_orm`` reads one file's ``ast`` and returns *candidates*: classes that look
  like models (with raw base names), uses of models (``Order.objects.filter``,
  ``session.query(Order)``; see ``orm_usage``), SQLAlchemy Core tables and tables created
  by migrations. It knows nothing of other files.
- ``resolve_orm`` sees every candidate of the repository, follows bases through the
  lead's ``resolve`` callback to decide which candidates are real models, and turns
  models into ``Table`` values and uses into ``TableAccess`` values.

Nothing is imported or executed; the text of the code is all we read.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from decomposer.ingest.astutil import const_bool, const_str, dotted, keyword, str_dict, str_list
from decomposer.ingest.names import LOADED
from decomposer.ingest.orm_usage import absolute, extract_uses, top_level_items
from decomposer.model import Column, ForeignKey, OrmField, OrmModel, OrmUse, Table, TableAccess


@dataclass(frozen=True)
class OrmFacts:
    models: tuple[OrmModel, ...]
    uses: tuple[OrmUse, ...]
    tables: tuple[Table, ...]  # SQLAlchemy Core tables (origin "orm") and migrations
    # SQLAlchemy Core: (module-level name, table) for ``orders = Table("orders", ...)``
    bindings: tuple[tuple[str, str], ...] = ()


def extract_orm(
    tree: ast.Module,
    *,
    module: str,
    path: str,
    names: Mapping[str, str],
    is_migration: bool = False,
    text: str | None = None,
) -> OrmFacts:
    """Model candidates, model uses and directly declared tables of one file.

    ``names`` maps a local name to the absolute dotted name it was imported as; ``text``,
    the source, lets the use scan skip functions that cannot use a model.
    """
    roots, peewee_roots, made_from = _declarative_roots(tree, module, names)
    ctx = _FileContext(module=module, path=path, names=names, roots=roots,
                       peewee_roots=peewee_roots, made_from=made_from)
    models = tuple(_model_candidates(tree, ctx)) + _augmented_bases(tree, ctx)
    bound = _core_tables(tree, ctx)
    tables = tuple(table for _, table in bound)
    if is_migration:
        tables += _migration_tables(tree, ctx)
    # Migrations freeze history: their code is no use of today's models.
    uses = () if is_migration else extract_uses(tree, module=module, names=names,
                                                    text=text)
    return OrmFacts(models=models, uses=uses, tables=tuple(sorted(tables, key=_table_key)),
                    bindings=tuple((name, table.name) for name, table in bound if name))


def resolve_orm(
    models: Sequence[OrmModel],
    uses: Sequence[OrmUse],
    resolve: Callable[[str, str], str | None],
    *,
    files: Mapping[str, str] | None = None,
    absolute: Callable[[str, str], str] | None = None,
) -> tuple[tuple[Table, ...], tuple[TableAccess, ...], dict[str, str]]:
    """Tables of the real models, table accesses of the uses, and model symbol -> table.

    ``resolve(source, raw_name)`` gives the symbol id ``raw_name`` means inside
    ``source``. ``files`` maps a module name to its file path (for ``Table.source``);
    without it the path is guessed from the module name. ``absolute(source, raw_name)``
    gives the dotted name it stands for, symbol or not: a module-level
    ``Base = declarative_base(cls=...)`` is no symbol.
    """
    repo = _Repository(models, resolve, files or {}, absolute)
    tables = repo.tables()
    accesses = tuple(
        sorted(
            (a for a in (repo.access(use) for use in uses) if a is not None),
            key=lambda a: (a.source, a.line, a.table, a.mode, a.evidence),
        )
    )
    return tables, accesses, dict(sorted(repo.table_of.items()))


# ---------------------------------------------------------------- names


DJANGO_RELATIONS = {"ForeignKey": "fk", "OneToOneField": "o2o", "ManyToManyField": "m2m"}
# peewee's relation fields; its ``ManyToManyField`` is Django's name, with another table.
PEEWEE_RELATIONS = {"ForeignKeyField": "fk", "DeferredForeignKey": "fk"}
PEEWEE_PREFIXES = ("peewee", "playhouse")
# Fields that are the primary key by their kind (peewee 2's ``PrimaryKeyField``).
AUTO_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "PrimaryKeyField"}
# Libraries whose ``*Field`` classes are forms or serializers, never columns.
NOT_MODEL_FIELD_PREFIXES = (
    "wtforms", "flask_wtf", "rest_framework", "django.forms", "marshmallow", "graphene",
    "pydantic", "strawberry", "attr", "dataclasses", "sqlmodel", "django_filters",
)
# Classes of a models module that are not models themselves.
NOT_MODEL_CLASS_SUFFIXES = ("Manager", "QuerySet", "Field", "Lookup", "Transform", "Index",
                            "Constraint", "Func", "Expression", "Aggregate", "Choices",
                            "Schema", "Serializer", "Validator", "Form", "FilterSet", "Admin",
                            "View")
# Base classes from these libraries are framework classes, never project models.
LIBRARY_PREFIXES = ("django.", "sqlalchemy", "rest_framework", "pydantic", "wtforms",
                    "marshmallow", "graphene", "typing", "abc", "enum")
ODOO_PREFIXES = ("odoo.", "openerp.")
# SQLObject: a model derives from one of these; its columns are ``*Col`` and ``ForeignKey``
SQLOBJECT_ROOTS = {"SQLObject", "InheritableSQLObject"}
# Storm: a model names its table in ``__storm_table__``; its columns are these properties
# and ``Reference(person_id, Person.id)`` keys one of them to another model.
STORM_PROPERTIES = {"Int", "Float", "Decimal", "Unicode", "RawStr", "Bool", "DateTime", "Date",
                    "Time", "TimeDelta", "UUID", "Pickle", "JSON", "List", "Enum", "Reference"}
SQLALCHEMY_PREFIXES = ("sqlalchemy", "flask_sqlalchemy", "sqlmodel")
SQLALCHEMY_ALIASES = ("db", "sa", "sqlalchemy", "orm")  # receivers of db.Column, sa.Column
DECLARATIVE_FACTORIES = {"declarative_base", "automap_base", "generate_base"}
DECLARATIVE_CLASSES = {"DeclarativeBase", "DeclarativeBaseNoMeta", "MappedAsDataclass"}
# Class attributes that only a mapped class (or its mixin) carries.
SQLALCHEMY_MARKERS = {"__tablename__", "__table__", "__abstract__", "__mapper_args__",
                      "__table_args__"}
NULLABLE_WRAPPERS = {"Optional"}


def _last(raw: str) -> str:
    return raw.rpartition(".")[2]


def _target_text(node: ast.AST | None) -> str | None:
    """A relation target as written: a string literal or a dotted name."""
    return const_str(node) or dotted(node)


@dataclass(frozen=True)
class _FileContext:
    module: str
    path: str
    names: Mapping[str, str]
    roots: frozenset[str]  # local names bound to a declarative base or SQLAlchemy()
    # ``Base = declarative_base(cls=KottiBase)``: Base -> KottiBase, the class it is made from
    made_from: Mapping[str, str]
    peewee_roots: frozenset[str] = frozenset()  # names bound to a peewee database or FlaskDB()

    def abs(self, raw: str) -> str:
        return absolute(raw, self.names)

    def is_sqlalchemy(self, raw: str) -> bool:
        head = raw.partition(".")[0]
        return (
            self.abs(raw).startswith(SQLALCHEMY_PREFIXES)
            or head in self.roots
            or ("." in raw and head in SQLALCHEMY_ALIASES)
        )

    def source(self, line: int) -> str:
        return f"{self.path}:{line}"


def _declarative_roots(tree: ast.Module, module: str, names: Mapping[str, str],
                       ) -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """Module names bound to ``declarative_base()``, ``SQLAlchemy()`` and the like, those
    bound to a peewee database (``SqliteDatabase(...)``) or playhouse's ``FlaskDB()``,
    whose ``.Model`` is a peewee model, and the class each declarative base is made from
    (``declarative_base(cls=KottiBase)``: SQLAlchemy's way to give every model a
    ``__tablename__`` or a method)."""
    star = names.get("*", "")
    roots: set[str] = set()
    peewee: set[str] = set()
    made_from: dict[str, str] = {}
    for node, _ in top_level_items(tree, module):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = dotted(node.value.func) or ""
            targets = {t.id for t in node.targets if isinstance(t, ast.Name)}
            if _last(func) in DECLARATIVE_FACTORIES or _last(func) == "SQLAlchemy":
                roots |= targets
                base = dotted(keyword(node.value, "cls"))
                if base and _last(func) in DECLARATIVE_FACTORIES:
                    made_from.update(dict.fromkeys(targets, base))
            elif _last(func) == "FlaskDB" or _last(func).endswith("Database") and (
                    absolute(func, names).startswith(PEEWEE_PREFIXES)
                    or "." not in func and star.startswith(PEEWEE_PREFIXES)):
                peewee |= targets
    return frozenset(roots), frozenset(peewee), made_from


def _augmented_bases(tree: ast.Module, ctx: _FileContext) -> tuple[OrmModel, ...]:
    """A declarative base made from a class of another name (``Base =
    declarative_base(cls=KottiBase)``) as an abstract model under that class, so that the
    models under it inherit what the class declares (its ``__tablename__``). Made from a
    class of its own name (``Base = declarative_base(cls=Base)``), the class is the base:
    ``_model_candidates`` marks it."""
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    return tuple(
        OrmModel(symbol=f"{ctx.module}:{name}", framework="sqlalchemy", table=None,
                 fields=(), bases=(base,), abstract=True)
        for name, base in sorted(ctx.made_from.items()) if name not in classes)


# ---------------------------------------------------------------- model candidates


@dataclass
class _ClassFacts:
    """What one class body says about being a model; filled by ``_read_class``."""

    fields: list[OrmField]
    votes: list[str]  # "django" / "sqlalchemy" evidence, strongest first
    table: str | None = None
    abstract: bool = False
    app_label: str | None = None
    evidence: bool = False  # markers of a model or of a model mixin
    describes_model: bool = False  # Meta.model: a form, serializer or schema of a model
    table_template: str = ""  # a ``@declared_attr`` ``__tablename__`` (see OrmModel)
    has_meta: bool = False


def _model_candidates(tree: ast.Module, ctx: _FileContext) -> Iterator[OrmModel]:
    local: dict[str, str] = {}  # candidate class name -> framework
    module_framework = _module_framework(ctx)  # the file's imports: the same for every class
    for node, symbol in top_level_items(tree, ctx.module):
        if not isinstance(node, ast.ClassDef) or symbol is None:
            continue
        bases = tuple(b for b in (dotted(b) for b in node.bases) if b)
        if _is_sqlmodel(node, bases, ctx, local):
            local[node.name] = "sqlmodel"
            yield _sqlmodel_class(node, symbol, bases)
            continue
        base_votes, base_evidence, is_declarative = _read_bases(bases, ctx, local)
        is_declarative = is_declarative or ctx.made_from.get(node.name) == node.name
        # A serializer or validator (``class WebhookSerializer(serializers.LightSerializer)``
        # with ``id = Field()``) looks like a model to the "*Field" test: by such a name,
        # only sure evidence (``models.CharField``, ``db_table``) makes a model.
        named_otherwise = _role(node.name).endswith(NOT_MODEL_CLASS_SUFFIXES)
        facts = _read_class(node, ctx, model_like=base_evidence and not named_otherwise)
        if facts.describes_model or not (base_evidence or facts.evidence or is_declarative):
            continue
        if not (base_evidence or is_declarative) and _library_bases_only(bases, ctx):
            continue  # a Django ``Expression`` with an ``output_field``, a pydantic model
        votes = facts.votes + base_votes
        framework = next(iter(votes), None) or module_framework
        abstract = facts.abstract or is_declarative
        if "peewee" in votes or (module_framework == "peewee" and "sqlalchemy" not in votes):
            # its Meta and *Field look like Django's
            framework = "peewee"
            # ``class BaseModel(Model)`` with a ``Meta.database`` and no field of its own,
            # or named as a base (``created_at`` for every model), is the project's base,
            # not a table anyone creates
            abstract = (not (facts.fields or facts.table) or _named_as_base(node.name)) \
                and any(_is_peewee_root(b, ctx) for b in bases)
            facts.fields = [_peewee_column(f) for f in facts.fields]
        if framework == "storm":
            facts.fields = _storm_keys(facts.fields)
        local[node.name] = framework
        yield OrmModel(
            symbol=symbol,
            framework=framework,
            table=facts.table.lower() if facts.table else None,
            fields=tuple(facts.fields),
            bases=bases,
            abstract=abstract,
            app_label=facts.app_label,
            line=node.lineno,
            has_meta=facts.has_meta,
            table_template=facts.table_template,
        )


def _is_sqlmodel(node: ast.ClassDef, bases: tuple[str, ...], ctx: _FileContext,
                 local: Mapping[str, str]) -> bool:
    """``class Item(ItemBase, table=True)``, or a class of SQLModel's (``ItemBase(SQLModel)``)."""
    return _sqlmodel_table(node) or any(
        local.get(b) == "sqlmodel" or _last(b) == "SQLModel" and _is_from(b, ctx, "sqlmodel")
        for b in bases)


def _sqlmodel_table(node: ast.ClassDef) -> bool:
    return any(k.arg == "table" and const_bool(k.value) for k in node.keywords)


def _is_class_var(annotation: ast.expr) -> bool:
    head = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return _last(dotted(head) or "") == "ClassVar"


def _sqlmodel_class(node: ast.ClassDef, symbol: str, bases: tuple[str, ...]) -> OrmModel:
    """SQLModel: a class with ``table=True`` is a table named after it in lower case (unless
    ``__tablename__`` says otherwise) with a column per annotated attribute; the others
    (``ItemBase``, ``ItemCreate``) are no table but lend their columns, as abstract
    classes do."""
    table, fields = node.name.lower(), []
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(
                stmt.targets[0], ast.Name) and stmt.targets[0].id == "__tablename__":
            table = (const_str(stmt.value) or table).lower()
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)) \
                or stmt.target.id.startswith("_") or _is_class_var(stmt.annotation):
            continue
        call = stmt.value if isinstance(stmt.value, ast.Call) else None
        func = _last(dotted(call.func) or "") if call is not None else ""
        name = stmt.target.id
        if func == "Relationship":
            fields.append(OrmField(name=name, type="relationship",
                                   target=_relationship_target(stmt.annotation)))
            continue
        inner, nullable = _optional_inner(stmt.annotation)
        options = call if func == "Field" else None
        target = const_str(keyword(options, "foreign_key")) if options else None
        primary_key = bool(options and const_bool(keyword(options, "primary_key")))
        stated = const_bool(keyword(options, "nullable")) if options else None
        fields.append(OrmField(
            name=name, type=dotted(inner) or "", column=name, target=target,
            relation="fk" if target else None, primary_key=primary_key,
            nullable=(nullable and not primary_key) if stated is None else stated))
    return OrmModel(symbol=symbol, framework="sqlalchemy",
                    table=table if _sqlmodel_table(node) else None, fields=tuple(fields),
                    bases=bases, abstract=not _sqlmodel_table(node), line=node.lineno)


def _read_bases(
    bases: tuple[str, ...], ctx: _FileContext, local: Mapping[str, str]
) -> tuple[list[str], bool, bool]:
    """(framework votes, a base looks like a model, the class is a declarative base)."""
    votes: list[str] = []
    evidence = declarative = False
    for raw in bases:
        full = ctx.abs(raw)
        if full.startswith(ODOO_PREFIXES):
            continue  # Odoo's own models (odoo.py), whose ``models.Model`` is no SQLAlchemy's
        if _is_from(raw, ctx, "sqlobject") and _last(raw) in SQLOBJECT_ROOTS:
            votes.append("sqlobject")
            evidence = True
        elif _is_from(raw, ctx, "storm") and _last(raw) == "Storm":
            votes.append("storm")
            evidence = True
        elif raw in local:
            votes.append(local[raw])
            evidence = True
        elif full.startswith("django.") and _is_django_model(full):
            votes.append("django")
            evidence = True
        elif _is_peewee_root(raw, ctx):
            votes.append("peewee")
            evidence = True
        elif _last(raw) in DECLARATIVE_CLASSES and (ctx.is_sqlalchemy(raw) or raw == full):
            votes.append("sqlalchemy")
            declarative = True
        elif raw in ctx.roots or _last(raw) == "Model" and (
            "." in raw or full.startswith(SQLALCHEMY_PREFIXES)  # db.Model of Flask-SQLAlchemy
        ):
            votes.append("sqlalchemy")
            evidence = True
        elif not full.startswith(LIBRARY_PREFIXES) and (
            _is_imported_model(full) or _is_imported_class(raw, full)
        ):
            # imported from a models module, or a class imported from elsewhere (Oscar's
            # ``from .abstract_models import AbstractPartner``): the global pass decides
            evidence = True
        elif (raw == full and "." not in raw and "*" in ctx.names) or full.startswith(LOADED):
            # from a star import (Oscar's ``models.py``: ``from .abstract_models import *``)
            # or a string loader: any class may be meant; the global pass decides too
            evidence = True
    return votes, evidence, declarative


def _named_as_base(name: str) -> bool:
    return name.startswith(("Base", "Abstract")) or name.endswith(("Base", "Mixin"))


def _is_peewee_root(raw: str, ctx: _FileContext) -> bool:
    """``peewee.Model`` (or a playhouse model), or the ``Model`` of a peewee database or
    of a ``FlaskDB()``: bound in this file, or imported into one that reads its fields
    from peewee and nothing from SQLAlchemy (``from app import db; class Entry(db.Model)``)."""
    full = ctx.abs(raw)
    if _last(raw) != "Model":
        return False
    if full.startswith(PEEWEE_PREFIXES) or raw.partition(".")[0] in ctx.peewee_roots:
        return True
    imported = ctx.names.values()
    return "." in raw and raw.partition(".")[0] in ctx.names \
        and any(n.startswith(PEEWEE_PREFIXES) for n in imported) \
        and not any(n.startswith(SQLALCHEMY_PREFIXES) for n in imported)


def _library_bases_only(bases: tuple[str, ...], ctx: _FileContext) -> bool:
    """Every base is a library class that is no model (those were counted as evidence)."""
    return bool(bases) and all(ctx.abs(raw).startswith(LIBRARY_PREFIXES) for raw in bases)


def _is_django_model(full: str) -> bool:
    """``django.db.models.Model`` and the models of contrib apps (``AbstractUser``)."""
    if full.startswith("django.db.models."):
        return full in {"django.db.models.Model", "django.db.models.base.Model"}
    return full.startswith("django.contrib.") and _is_imported_model(full) \
        and _last(full) != "AnonymousUser"


def _is_imported_model(full: str) -> bool:
    """A class imported from a ``models`` module (not its managers and querysets)."""
    parts = full.split(".")
    name = parts[-1]
    return (
        ("models" in parts[:-1] or name.endswith("Model"))
        and name[:1].isupper()
        and not _role(name).endswith(NOT_MODEL_CLASS_SUFFIXES)
    )


def _role(name: str) -> str:
    """A class name without the words that make it a base or a mixin: an
    ``AttachmentFormBase`` is a form (Indico), a ``SerializerMixin`` a serializer."""
    return re.sub(r"(?:Base|Mixin)+$", "", name) or name


def _is_imported_class(raw: str, full: str) -> bool:
    """A capitalised name imported from a module outside the standard library."""
    return full != raw and full.rpartition(".")[2][:1].isupper() \
        and full.partition(".")[0] not in sys.stdlib_module_names


def _read_class(node: ast.ClassDef, ctx: _FileContext, *, model_like: bool) -> _ClassFacts:
    facts = _ClassFacts(fields=[], votes=[])
    maybe_fields: list[OrmField] = []  # "*Field" calls that count only in a model
    for stmt in node.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
            _read_meta(stmt, facts)
        elif isinstance(stmt, ast.ClassDef) and stmt.name == "sqlmeta":
            _read_sqlmeta(stmt, facts)
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                _read_attribute(target.id, None, stmt.value, ctx, facts, maybe_fields)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            _read_attribute(stmt.target.id, stmt.annotation, stmt.value, ctx, facts, maybe_fields)
        elif isinstance(stmt, ast.FunctionDef) and stmt.name == "__tablename__" and any(
                "declared_attr" in (dotted(d) or "") for d in stmt.decorator_list):
            facts.table_template = _table_template(stmt)
            facts.votes.append("sqlalchemy")
            facts.evidence = True
    if maybe_fields and (model_like or facts.evidence):
        facts.fields.extend(maybe_fields)
        facts.evidence = True
    return facts


def _table_template(method: ast.FunctionDef) -> str:
    """How a ``@declared_attr`` ``__tablename__`` names a class's table, read from what it
    returns: ``cls.__name__.lower()`` lower-cases the class name; anything else done to it
    (a helper, ``re.split``) is taken for snake case, the usual style (dispatch's
    ``resolve_table_name``); a literal around it stays (Kotti's ``"{}s".format(...)``)."""
    returned = next((n.value for n in ast.walk(method)
                     if isinstance(n, ast.Return) and n.value is not None), None)
    if returned is None:
        return ""
    helpers = [n for n in ast.walk(returned) if isinstance(n, ast.Call) and not (
        isinstance(n.func, ast.Attribute) and n.func.attr in ("lower", "format"))]
    style = "{snake}" if helpers else "{lower}"
    texts = [n.value for n in ast.walk(returned)
             if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    template = next((t for t in texts if "{}" in t), None)
    if template is not None:  # "{}s".format(name)
        return template.replace("{}", style, 1)
    if isinstance(returned, ast.JoinedStr):  # f"{name}s"
        parts = [v.value if isinstance(v, ast.Constant) else style for v in returned.values]
        return "".join(str(p) for p in parts)
    if isinstance(returned, ast.BinOp) and isinstance(returned.op, ast.Add):
        head, tail = const_str(returned.left), const_str(returned.right)
        return (head or "") + style + (tail or "")
    return style


def _read_meta(meta: ast.ClassDef, facts: _ClassFacts) -> None:
    facts.votes.append("django")
    facts.has_meta = True
    for stmt in meta.body:
        if not (isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name)):
            continue
        key = stmt.targets[0].id
        if key in ("db_table", "table_name") and const_str(stmt.value):
            facts.table, facts.evidence = const_str(stmt.value), True
        elif key == "abstract" and const_bool(stmt.value):
            facts.abstract = facts.evidence = True
        elif key == "app_label" and const_str(stmt.value):
            facts.app_label = const_str(stmt.value)
        elif key == "model":
            facts.describes_model = True


def _is_from(raw: str, ctx: _FileContext, library: str) -> bool:
    """A name from ``library``: imported from it, or from its star import (``from sqlobject
    import *``, as TurboGears applications write their models; ``from storm.locals import
    *``)."""
    full = ctx.abs(raw)
    return full.startswith(library) or (
        full == raw and "." not in raw and ctx.names.get("*", "").startswith(library))


def _read_sqlmeta(meta: ast.ClassDef, facts: _ClassFacts) -> None:
    """SQLObject's ``class sqlmeta: table = "person"``."""
    facts.votes.append("sqlobject")
    for stmt in meta.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) \
                and stmt.targets[0].id == "table" and const_str(stmt.value):
            facts.table, facts.evidence = const_str(stmt.value), True


def _read_attribute(
    name: str,
    annotation: ast.expr | None,
    value: ast.expr | None,
    ctx: _FileContext,
    facts: _ClassFacts,
    maybe_fields: list[OrmField],
) -> None:
    if name == "__storm_table__" and const_str(value):
        facts.votes.append("storm")
        facts.table, facts.evidence = const_str(value), True
        return
    if name in SQLALCHEMY_MARKERS:
        facts.votes.append("sqlalchemy")
        facts.evidence = True
        if name == "__tablename__" and const_str(value):
            facts.table = const_str(value)
        elif name == "__abstract__" and const_bool(value):
            facts.abstract = True
        elif name == "__table__" and isinstance(value, ast.Call):
            core = _core_table(value, ctx)
            if core is not None:
                facts.table = core.name
                facts.fields.extend(_fields_of_table(core))
        return
    mapped = _mapped_inner(annotation, ctx)
    call = value if isinstance(value, ast.Call) else None
    if call is not None and _last(dotted(call.func) or "") == "deferred" and call.args:
        call = call.args[0] if isinstance(call.args[0], ast.Call) else None
    field, certain, framework = _field_of(name, call, mapped, ctx)
    if field is None:
        return
    if certain:
        facts.fields.append(field)
        facts.votes.insert(0, framework)
        facts.evidence = True
    else:
        maybe_fields.append(field)


def _field_of(
    name: str, call: ast.Call | None, mapped: ast.expr | None, ctx: _FileContext
) -> tuple[OrmField | None, bool, str]:
    """(field, surely an ORM field, framework) for one class attribute."""
    func = (dotted(call.func) or "") if call is not None else ""
    last = _last(func)
    if call is not None and (last.endswith("Col") or last in ("ForeignKey", "KeyCol")) \
            and _is_from(func, ctx, "sqlobject"):
        return sqlobject_column(name, call, last), True, "sqlobject"
    if call is not None and last in STORM_PROPERTIES and _is_from(func, ctx, "storm"):
        return storm_property(name, call, last), True, "storm"
    if call is not None and last in {"Column", "mapped_column"} and (
        ctx.is_sqlalchemy(func) or func == last
    ):
        return _sqlalchemy_column(name, call, mapped, ctx), True, "sqlalchemy"
    if call is not None and last in {"relationship", "relation"}:
        target = _target_text(call.args[0] if call.args else keyword(call, "argument"))
        target = target or _relationship_target(mapped)
        field = OrmField(name=name, type="relationship", target=target)
        return field, True, "sqlalchemy"
    if call is not None and (last in PEEWEE_RELATIONS or last == "ForeignKey"
                             or last.endswith("Field") and last != "Field"):
        full = ctx.abs(func)
        if full.startswith(NOT_MODEL_FIELD_PREFIXES):
            return None, False, ""
        field = django_field(name, call, last)
        if full.startswith(PEEWEE_PREFIXES):
            return field, True, "peewee"
        certain = full.startswith("django.db.models") or func.startswith("models.")
        return field, certain, "django"
    if mapped is not None and call is None:
        field = _mapped_column(name, mapped)
        return field, field is not None, "sqlalchemy"
    return None, False, ""


def _mapped_inner(annotation: ast.expr | None, ctx: _FileContext) -> ast.expr | None:
    """The ``X`` of ``Mapped[X]`` (also written as a string), else None."""
    if (written := const_str(annotation)) is not None:
        try:
            annotation = ast.parse(written, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(annotation, ast.Subscript) and _last(dotted(annotation.value) or "") == "Mapped":
        return annotation.slice
    return None


def _optional_inner(node: ast.expr) -> tuple[ast.expr, bool]:
    """(inner type, nullable) for ``Optional[X]``, ``X | None`` and plain ``X``."""
    if isinstance(node, ast.Subscript) and _last(dotted(node.value) or "") in NULLABLE_WRAPPERS:
        return node.slice, True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        for side, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, ast.Constant) and other.value is None:
                return side, True
    return node, False


def _relationship_target(mapped: ast.expr | None) -> str | None:
    """``Order`` from ``Mapped[list["Order"]]``, ``Mapped[Optional[Order]]``..."""
    node = mapped
    while node is not None:
        node, _ = _optional_inner(node)
        if isinstance(node, ast.Subscript):
            node = node.slice
            continue
        text = _target_text(node)
        if text and isinstance(node, ast.Constant):
            return text.strip("'\" ")
        return text
    return None


def _mapped_column(name: str, mapped: ast.expr) -> OrmField | None:
    """A column declared by annotation alone: ``title: Mapped[str]``."""
    inner, nullable = _optional_inner(mapped)
    if isinstance(inner, ast.Subscript):  # Mapped[list[...]] is a relationship
        return None
    return OrmField(name=name, type=dotted(inner) or "", column=name, nullable=nullable)


def _sqlalchemy_column(
    name: str, call: ast.Call, mapped: ast.expr | None, ctx: _FileContext
) -> OrmField:
    column, type_, target = name, "", None
    for arg in call.args:
        text = const_str(arg)
        if text is not None:
            column = text
            continue
        func = dotted(arg.func) if isinstance(arg, ast.Call) else dotted(arg)
        if func and _last(func) == "ForeignKey" and isinstance(arg, ast.Call) and arg.args:
            target = _target_text(arg.args[0])
        elif func and not type_:
            type_ = _last(func) + (_type_size(arg) if isinstance(arg, ast.Call) else "")
    column = const_str(keyword(call, "name")) or column
    nullable_default = True
    if mapped is not None:
        inner, nullable_default = _optional_inner(mapped)
        type_ = type_ or dotted(inner) or ""
    primary_key = bool(const_bool(keyword(call, "primary_key")))
    nullable = const_bool(keyword(call, "nullable"))
    return OrmField(
        name=name,
        type=type_,
        column=column,
        target=target,
        relation="fk" if target else None,
        primary_key=primary_key,
        nullable=(nullable_default and not primary_key) if nullable is None else nullable,
    )


def sqlobject_column(name: str, call: ast.Call, kind: str) -> OrmField:
    """One SQLObject column: ``firstName = StringCol(length=100)`` is ``first_name``, and
    ``person = ForeignKey("Person")`` a key ``person_id`` (its default style), unless
    ``dbName`` says otherwise."""
    key = kind in ("ForeignKey", "KeyCol")
    target = _target_text(call.args[0] if call.args else keyword(call, "foreignKey")) \
        if key else None
    column = const_str(keyword(call, "dbName")) or _snake_case(name) + ("_id" if key else "")
    return OrmField(name=name, type=kind + _size(call, kind), column=column, target=target,
                    relation="fk" if target else None,
                    nullable=not const_bool(keyword(call, "notNone")))


def storm_property(name: str, call: ast.Call, kind: str) -> OrmField:
    """One Storm property: ``id = Int(primary=True)``, ``title = Unicode(name="t")``; a
    ``Reference(owner_id, Person.id)`` keys the column of its first argument."""
    if kind == "Reference":
        local = call.args[0] if call.args else None
        remote = _target_text(call.args[1]) if len(call.args) > 1 else None
        column = local.id if isinstance(local, ast.Name) else const_str(local)
        target = remote.rpartition(".")[0] if remote and "." in remote else remote
        return OrmField(name=name, type="Reference", column=column, target=target,
                        relation="fk" if target and column else None)
    return OrmField(name=name, type=kind, column=const_str(keyword(call, "name")) or name,
                    primary_key=bool(const_bool(keyword(call, "primary"))),
                    nullable=const_bool(keyword(call, "allow_none")) is not False)


def _storm_keys(fields: list[OrmField]) -> list[OrmField]:
    """Each ``Reference`` folded into the property it names, which becomes the key: one
    column, one foreign key. A reference to a property the class does not declare stays a
    field of its own (its column named after that property)."""
    declared = {f.name for f in fields}
    keyed = {f.column: f for f in fields if f.type == "Reference" and f.column in declared}
    return [replace(f, target=keyed[f.name].target, relation=keyed[f.name].relation)
            if f.name in keyed else f
            for f in fields if not (f.type == "Reference" and f.column in declared)]


def django_field(name: str, call: ast.Call, kind: str) -> OrmField:
    """One Django (or peewee) model field; ``kind`` is the field class (``CharField``).
    peewee names the target ``model`` (``rel_model`` before 3.0) and the column
    ``column_name``; its foreign key column is ``<name>_id`` as in Django."""
    relation = DJANGO_RELATIONS.get(kind) or PEEWEE_RELATIONS.get(kind)
    target = through = None
    if relation:
        target = _target_text(call.args[0] if call.args else (
            keyword(call, "to") or keyword(call, "model") or keyword(call, "rel_model")))
        through = _target_text(keyword(call, "through") or keyword(call, "through_model"))
    column = const_str(keyword(call, "db_column") or keyword(call, "column_name"))
    if relation == "m2m":
        column = const_str(keyword(call, "db_table"))  # the join table, when named
    elif column is None:
        column = f"{name}_id" if relation else name
    return OrmField(
        name=name,
        type=kind + _size(call, kind),
        column=column,
        target=target,
        relation=relation,
        primary_key=kind in AUTO_KEYS or bool(const_bool(keyword(call, "primary_key"))),
        nullable=bool(const_bool(keyword(call, "null"))),
        through=through,
    )


# Field classes whose size the schema keeps: ``CharField(max_length=120)`` is a
# ``VARCHAR(120)``, ``DecimalField(max_digits=10, decimal_places=2)`` a ``DECIMAL(10, 2)``.
SIZED_FIELDS = {"CharField": ("max_length",), "SlugField": ("max_length",),
                "EmailField": ("max_length",), "URLField": ("max_length",),
                "FixedCharField": ("max_length",),
                "DecimalField": ("max_digits", "decimal_places"),
                "StringCol": ("length",), "UnicodeCol": ("length",),
                "DecimalCol": ("size", "precision")}


def _size(call: ast.Call, kind: str) -> str:
    """``(120)`` or ``(10, 2)`` when the field says its size in numbers, else ``""``."""
    names = SIZED_FIELDS.get(kind, ())
    return _sizes([keyword(call, n) for n in names]) if names else ""


def _sizes(values: Sequence[ast.expr | None]) -> str:
    """``(50)`` for SQLAlchemy's ``String(50)``: the arguments, when all are numbers."""
    sizes = [v.value for v in values if isinstance(v, ast.Constant) and type(v.value) is int]
    return f"({', '.join(map(str, sizes))})" if sizes and len(sizes) == len(values) else ""


def _type_size(call: ast.Call) -> str:
    """``(50)`` for ``String(50)`` or ``String(length=50)``, ``(10, 2)`` for
    ``Numeric(10, 2)`` or ``Numeric(precision=10, scale=2)``."""
    if call.args:
        return _sizes(call.args)
    given = [keyword(call, n) for n in ("length", "precision", "scale")]
    return _sizes([v for v in given if v is not None])


def _peewee_column(field: OrmField) -> OrmField:
    """peewee names a foreign key's column ``<name>_id`` unless the name ends in ``_id``."""
    if field.relation == "fk" and field.name.endswith("_id") and field.column == f"{field.name}_id":
        return replace(field, column=field.name)
    return field


def _module_framework(ctx: _FileContext) -> str:
    imported = set(ctx.names.values())
    if any(n.startswith("django") for n in imported):
        return "django"
    if ctx.peewee_roots or any(n.startswith(PEEWEE_PREFIXES) for n in imported):
        return "peewee"
    return "sqlalchemy" if any(n.startswith(SQLALCHEMY_PREFIXES) for n in imported) or ctx.roots \
        else "django"


# ---------------------------------------------------------------- SQLAlchemy Core tables


def _core_tables(tree: ast.Module, ctx: _FileContext) -> tuple[tuple[str, Table], ...]:
    """``orders = Table("orders", metadata, Column(...))`` anywhere at module level, with
    the name it is bound to ("" for none but the first of ``a = b = Table(...)``)."""
    found = []
    for node, symbol in top_level_items(tree, ctx.module):
        if symbol is None and isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            table = _core_table(node.value, ctx)
            if table is not None:
                target = node.targets[0]
                found.append((target.id if isinstance(target, ast.Name) else "", table))
    return tuple(found)


def _core_table(call: ast.Call, ctx: _FileContext) -> Table | None:
    func = dotted(call.func) or ""
    name = const_str(call.args[0]) if call.args else None
    if _last(func) != "Table" or not name or not (ctx.is_sqlalchemy(func) or func == "Table"):
        return None
    return _table_from_parts(
        name, call.args[1:], schema=const_str(keyword(call, "schema")), ctx=ctx,
        line=call.lineno, origin="orm",
    )


def _table_from_parts(
    name: str, parts: Sequence[ast.expr], *, schema: str | None, ctx: _FileContext,
    line: int, origin: str,
) -> Table:
    """A table from Core/Alembic ``Column``s and constraints."""
    columns: list[Column] = []
    primary: list[str] = []
    keys: list[ForeignKey] = []
    for part in parts:
        if not isinstance(part, ast.Call):
            continue
        kind = _last(dotted(part.func) or "")
        if kind == "Column":
            field = _sqlalchemy_column("", part, None, ctx)
            if not field.column:  # Column(name, ...) with the name in a variable: unknown
                continue
            columns.append(_column_of(field))
            primary += [field.column] if field.primary_key and field.column else []
            if field.target and field.column:
                keys.append(_foreign_key_of((field.column,), field.target))
        elif kind == "PrimaryKeyConstraint":
            primary = [s for s in map(const_str, part.args) if s]
        elif kind == "ForeignKeyConstraint" and len(part.args) >= 2:
            local, remote = (str_list(a) for a in part.args[:2])
            if local and remote:
                keys.append(_foreign_key_of(tuple(local), *remote))
    columns = [replace(c, primary_key=c.primary_key or c.name in primary) for c in columns]
    return Table(
        name=name.lower(), schema=schema, columns=tuple(columns), primary_key=tuple(primary),
        foreign_keys=tuple(keys), source=ctx.source(line), origin=origin,
    )


def _foreign_key_of(columns: tuple[str, ...], *targets: str) -> ForeignKey:
    """A key to ``"table.col"`` / ``"schema.table.col"`` targets (all in one table)."""
    parts = targets[0].lower().split(".")
    schema = parts[-3] if len(parts) >= 3 else None
    table = parts[-2] if len(parts) >= 2 else parts[0]
    ref_columns = tuple(t.lower().split(".")[-1] for t in targets if "." in t)
    return ForeignKey(columns=columns, ref_table=table, ref_columns=ref_columns, ref_schema=schema)


def _column_of(field: OrmField) -> Column:
    return Column(
        name=(field.column or field.name).lower(), type=field.type, nullable=field.nullable,
        primary_key=field.primary_key,
    )


def _fields_of_table(table: Table) -> list[OrmField]:
    targets = {k.columns[0]: f"{k.ref_table}.{(k.ref_columns or ('id',))[0]}"
               for k in table.foreign_keys if len(k.columns) == 1}
    return [
        OrmField(name=c.name, type=c.type, column=c.name, target=targets.get(c.name),
                 relation="fk" if c.name in targets else None, primary_key=c.primary_key,
                 nullable=c.nullable)
        for c in table.columns
    ]


def _table_key(table: Table) -> tuple[str, str]:
    return table.name, table.source


# ---------------------------------------------------------------- migrations


def _migration_tables(tree: ast.Module, ctx: _FileContext) -> tuple[Table, ...]:
    """Tables created or extended by Alembic and Django migrations."""
    app_label = _migration_app_label(ctx.module)
    found: list[Table] = []
    for node, _ in top_level_items(tree, ctx.module):
        if isinstance(node, ast.FunctionDef) and node.name == "downgrade":
            continue  # what a downgrade creates does not exist after upgrading
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            func = dotted(call.func) or ""
            if func.startswith("op.") or ctx.abs(func).startswith("alembic.op."):
                found += _alembic_tables(_last(func), call, ctx)
            elif _last(func) in {"CreateModel", "AddField"}:
                found += _django_migration_tables(_last(func), call, app_label, ctx)
            elif _last(func) in {"RemoveField", "RenameField"}:
                found += _django_dropped_columns(_last(func), call, app_label, ctx)
            elif _last(func) == "DeleteModel":
                model = const_str(call.args[0] if call.args else keyword(call, "name"))
                if model:
                    found.append(Table(name=f"{app_label}_{model.lower()}", kind="dropped",
                                       source=ctx.source(call.lineno), origin="migration"))
    return tuple(found)


def _alembic_tables(operation: str, call: ast.Call, ctx: _FileContext) -> list[Table]:
    schema = const_str(keyword(call, "schema"))
    args = call.args
    if operation == "create_table" and args and const_str(args[0]):
        return [_table_from_parts(const_str(args[0]) or "", args[1:], schema=schema, ctx=ctx,
                                  line=call.lineno, origin="migration")]
    if operation == "drop_table" and args and const_str(args[0]):
        return [Table(name=(const_str(args[0]) or "").lower(), schema=schema, kind="dropped",
                      source=ctx.source(call.lineno), origin="migration")]
    if operation == "add_column" and len(args) >= 2 and const_str(args[0]):
        return [_table_from_parts(const_str(args[0]) or "", args[1:2], schema=schema, ctx=ctx,
                                  line=call.lineno, origin="migration")]
    if operation in {"drop_column", "alter_column"} and len(args) >= 2 and (
            operation == "drop_column" or keyword(call, "new_column_name") is not None):
        table, column = const_str(args[0]), const_str(args[1])
        if table and column:  # gone, or under its new name (which the model gives)
            return [Table(name=table.lower(), schema=schema, kind="dropped-columns",
                          columns=(Column(name=column.lower(), type=""),),
                          source=ctx.source(call.lineno), origin="migration")]
    if operation == "create_foreign_key" and len(args) >= 5:
        source, referent = const_str(args[1]), const_str(args[2])
        local, remote = str_list(args[3]), str_list(args[4])
        if source and referent and local:
            key = ForeignKey(columns=tuple(c.lower() for c in local), ref_table=referent.lower(),
                             ref_columns=tuple(c.lower() for c in remote),
                             ref_schema=const_str(keyword(call, "referent_schema")))
            return [Table(name=source.lower(), schema=const_str(keyword(call, "source_schema")),
                          foreign_keys=(key,), source=ctx.source(call.lineno),
                          origin="migration")]
    return []


def _django_dropped_columns(operation: str, call: ast.Call, app_label: str,
                            ctx: _FileContext) -> list[Table]:
    """``RemoveField("check", "user")``, ``RenameField("check", "old", "new")``: the old
    column is gone (the model gives the new one). The operation does not say whether the
    field was a foreign key, whose column is ``<name>_id``, so both go."""
    model = const_str(call.args[0] if call.args else keyword(call, "model_name"))
    key = "name" if operation == "RemoveField" else "old_name"
    name = const_str(call.args[1] if len(call.args) > 1 else keyword(call, key))
    if not (model and name):
        return []
    columns = (Column(name=name.lower(), type=""), Column(name=f"{name.lower()}_id", type=""))
    return [Table(name=f"{app_label}_{model.lower()}", kind="dropped-columns", columns=columns,
                  source=ctx.source(call.lineno), origin="migration")]


def alembic_revision(tree: ast.Module) -> tuple[str, ...]:
    """``(revision, *down_revisions)`` of an Alembic migration; ``()`` for other files."""
    found: dict[str, ast.expr | None] = {}
    for node in tree.body:
        target = (node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1
                  else node.target if isinstance(node, ast.AnnAssign) else None)
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            found[target.id] = node.value  # revision: str = "1f2e..." in newer templates
    revision = const_str(found.get("revision"))
    if not revision:
        return ()
    down = found.get("down_revision")
    parents = down.elts if isinstance(down, (ast.Tuple, ast.List)) else [down]
    return (revision, *(p for p in map(const_str, parents) if p))


def _migration_app_label(module: str) -> str:
    """``shop.orders.migrations.0001_initial`` -> ``orders``."""
    parts = module.split(".")
    if "migrations" in parts[1:]:
        index = len(parts) - 1 - parts[::-1].index("migrations")
        return parts[index - 1] if index > 0 else parts[0]
    return parts[-2] if len(parts) > 1 else parts[0]


def _django_migration_tables(
    operation: str, call: ast.Call, app_label: str, ctx: _FileContext
) -> list[Table]:
    order = ("name", "fields", "options") if operation == "CreateModel" else \
        ("model_name", "name", "field")
    arg = {key: (call.args[i] if i < len(call.args) else keyword(call, key))
           for i, key in enumerate(order)}
    if operation == "AddField":
        model, name, field = const_str(arg["model_name"]), const_str(arg["name"]), arg["field"]
        if not (model and name and isinstance(field, ast.Call)):
            return []
        fields = [django_field(name, field, _last(dotted(field.func) or ""))]
        return _django_tables(model, f"{app_label}_{model.lower()}", fields, app_label,
                              ctx.source(call.lineno), origin="migration", partial=True)
    model = const_str(arg["name"])
    options = str_dict(arg["options"])
    if not model or const_bool(options.get("abstract")) or const_bool(options.get("proxy")):
        return []
    fields = []
    for item in arg["fields"].elts if isinstance(arg["fields"], (ast.List, ast.Tuple)) else []:
        if isinstance(item, ast.Tuple) and len(item.elts) == 2 and isinstance(item.elts[1],
                                                                               ast.Call):
            name, field = const_str(item.elts[0]), item.elts[1]
            if name:
                fields.append(django_field(name, field, _last(dotted(field.func) or "")))
    default = f"{app_label}_{model.lower()}"
    table = const_str(options.get("db_table")) or default
    tables = _django_tables(model, table, fields, app_label, ctx.source(call.lineno),
                            origin="migration")
    if table.lower() != default:
        tables[0] = replace(tables[0], aliases=(default,))
    return tables


def _migration_target_table(target: str | None, app_label: str) -> str | None:
    """``"orders.customer"`` -> ``orders_customer``; the user model -> ``auth_user``."""
    if not target:
        return None
    if target.endswith("AUTH_USER_MODEL"):
        return "auth_user"
    app, _, name = target.rpartition(".")
    return f"{(app or app_label).lower()}_{name.lower()}"


def _django_tables(
    model: str, table: str, fields: Sequence[OrmField], app_label: str, source: str, *,
    origin: str, partial: bool = False,
) -> list[Table]:
    """The table of a migration's model and the join tables of its implicit M2M fields."""
    columns, keys, joins = [], [], []
    for field in fields:
        target = _migration_target_table(field.target, app_label)
        if field.relation == "m2m":
            if not field.through and target:
                joins.append(_join_table(table, model, field, target, source, origin, None))
            continue
        columns.append(_column_of(field))
        if target and field.column:
            keys.append(ForeignKey(columns=(field.column.lower(),), ref_table=target,
                                   ref_columns=("id",)))
    primary = tuple(c.name for c in columns if c.primary_key)
    if not partial and not primary:
        columns.insert(0, Column(name="id", type="AutoField", nullable=False, primary_key=True))
        primary = ("id",)
    main = Table(name=table.lower(), columns=tuple(columns), primary_key=primary,
                 foreign_keys=tuple(keys), source=source, origin=origin)
    return [main, *joins]


def _join_table(
    table: str, model: str, field: OrmField, target_table: str, source: str, origin: str,
    defined_by: str | None, target_model: str | None = None,
) -> Table:
    """Django's implicit many-to-many table: ``<table>_<field>`` with a key to each side."""
    this = model.lower()
    other = (target_model or target_table.rpartition("_")[2] or target_table).lower()
    if other == this:  # Django names the two sides from_/to_ on a self relation
        this, other = f"from_{this}", f"to_{other}"
    name = (field.column or f"{table}_{field.name}").lower()
    left, right = f"{this}_id", f"{other}_id"
    return Table(
        name=name,
        columns=(
            Column(name="id", type="AutoField", nullable=False, primary_key=True),
            Column(name=left, type="ForeignKey", nullable=False),
            Column(name=right, type="ForeignKey", nullable=False),
        ),
        primary_key=("id",),
        foreign_keys=(
            ForeignKey(columns=(left,), ref_table=table.lower(), ref_columns=("id",)),
            ForeignKey(columns=(right,), ref_table=target_table, ref_columns=("id",)),
        ),
        source=source,
        origin=origin,
        defined_by=defined_by,
    )


# ---------------------------------------------------------------- the global pass


# A base that resolves to no candidate is still a model root when its last name is one
# of these (the framework's own classes and common third-party abstract models).
MODEL_ROOT_NAMES = {"Model", "DeclarativeBase", "DeclarativeBaseNoMeta", "AbstractUser",
                    "AbstractBaseUser", "Storm", *SQLOBJECT_ROOTS}
USER_ROOT_NAMES = {"AbstractUser", "AbstractBaseUser", "User"}


@dataclass(frozen=True)
class _Resolved:
    model: OrmModel
    kind: str  # "model" | "abstract" | "mixin" | "none"
    parents: tuple[OrmModel, ...]  # bases that are candidates, in base order


class _Repository:
    """Every candidate of the repository, classified once, then turned into tables."""

    def __init__(
        self, models: Sequence[OrmModel], resolve: Callable[[str, str], str | None],
        files: Mapping[str, str], absolute: Callable[[str, str], str] | None = None,
    ) -> None:
        self.resolve = resolve
        self.absolute = absolute
        self.files = files
        self.by_symbol = {m.symbol: m for m in sorted(models, key=lambda m: m.symbol)}
        self._inherit_peewee()
        self._kinds: dict[str, _Resolved] = {}
        for symbol in self.by_symbol:
            self._classify(symbol, ())
        self.table_of: dict[str, str] = {}
        for symbol in self.by_symbol:
            name = self._table_name(symbol, ())
            if name:
                self.table_of[symbol] = name

    # -- classification

    def _inherit_peewee(self) -> None:
        """A subclass of a peewee model in a file that does not import peewee (``class
        Admin(User): pass``) is a peewee model too, until nothing changes."""
        changed = True
        while changed:
            changed = False
            for symbol, model in self.by_symbol.items():
                if model.framework == "peewee":
                    continue
                parents = (self._lookup(symbol, raw) for raw in model.bases)
                if any(p and self.by_symbol[p].framework == "peewee" for p in parents):
                    self.by_symbol[symbol] = replace(model, framework="peewee")
                    changed = True

    def _lookup(self, source: str, raw: str) -> str | None:
        found = self.resolve(source, raw)
        if found in self.by_symbol:
            return found
        local = f"{source.partition(':')[0]}:{raw}"  # a class of the same file
        if local in self.by_symbol and local != source:
            return local
        if self.absolute is None:
            return None
        # a module-level name, no symbol: ``from kotti import Base``, an augmented base
        owner, _, name = self.absolute(source, raw).rpartition(".")
        named = f"{owner}:{name}"
        return named if named in self.by_symbol and named != source else None

    def _classify(self, symbol: str, seen: tuple[str, ...]) -> _Resolved:
        if symbol in self._kinds:
            return self._kinds[symbol]
        model = self.by_symbol[symbol]
        parents, root = [], False
        for raw in model.bases:
            found = self._lookup(symbol, raw)
            if found and found not in seen + (symbol,):
                parents.append(self.by_symbol[found])
            elif not found and self.resolve(symbol, raw) is None:
                # an outside name; a project class that is no candidate (a pydantic
                # ``StrictBaseModel``) is no model root, whatever its name
                # a name merely ending in "Model" (django-ninja's ``BodyModel``) needs a
                # field, a Meta or a table of the class's own to make a model
                root = root or _last(raw) in MODEL_ROOT_NAMES or (
                    _last(raw).endswith("Model")
                    and bool(model.fields or model.table or model.has_meta))
        parent_kinds = [self._classify(p.symbol, seen + (symbol,)).kind for p in parents]
        # ``class Meta: abstract = True`` alone is no model: graphene types say it too
        modelish = root or any(k in {"model", "abstract"} for k in parent_kinds) or bool(
            model.table or (model.framework in ("django", "peewee", "sqlobject") and model.fields)
            or (model.abstract and (model.fields or model.framework in ("sqlalchemy", "peewee")))
        )
        if modelish:
            kind = "abstract" if model.abstract else "model"
        else:
            kind = "mixin" if model.fields or "mixin" in parent_kinds else "none"
        resolved = _Resolved(model=model, kind=kind, parents=tuple(parents))
        self._kinds[symbol] = resolved
        return resolved

    def _table_template(self, symbol: str, seen: tuple[str, ...]) -> str:
        """The nearest ``@declared_attr`` ``__tablename__`` among a class and its bases."""
        if symbol in seen:
            return ""
        resolved = self._kinds[symbol]
        inherited = (self._table_template(p.symbol, seen + (symbol,)) for p in resolved.parents)
        return resolved.model.table_template or next((t for t in inherited if t), "")

    def _concrete_parent(self, symbol: str) -> OrmModel | None:
        return next((p for p in self._kinds[symbol].parents
                     if self._kinds[p.symbol].kind == "model"), None)

    # -- names

    def app_label(self, symbol: str) -> str:
        model = self.by_symbol[symbol]
        if model.app_label:
            return model.app_label
        inherited = next((self.app_label(p.symbol) for p in self._kinds[symbol].parents
                          if self._kinds[p.symbol].kind == "abstract"
                          and self._own_label(p.symbol)), None)
        return inherited or _module_app_label(symbol.partition(":")[0])

    def _own_label(self, symbol: str) -> str | None:
        return self.by_symbol[symbol].app_label

    def _table_name(self, symbol: str, seen: tuple[str, ...]) -> str | None:
        resolved = self._kinds[symbol]
        model = resolved.model
        if resolved.kind != "model" or symbol in seen:
            return None
        parent = self._concrete_parent(symbol)
        own_fields = [f for f in model.fields if f.relation != "m2m"]
        if model.table and (parent is None or model.framework == "django" or own_fields):
            return model.table
        if model.framework == "peewee":  # every model its own table, named by its class
            return model.table or re.sub(r"[^\w]+", "_", _class_name(symbol).lower())
        if model.framework == "sqlobject":  # PhoneNumber -> phone_number, its default style
            return model.table or _snake_case(_class_name(symbol))
        if model.framework == "django" and not model.has_meta:
            inherited = self._abstract_table(symbol, seen + (symbol,))
            if inherited:  # without a Meta of its own a model takes its abstract parent's
                return inherited
        if model.framework == "sqlalchemy":
            template = self._table_template(symbol, ())
            if template and model.fields and not model.abstract:
                # a base's ``@declared_attr`` ``__tablename__`` names every class with
                # columns of its own (dispatch's ``resolve_table_name(cls.__name__)``)
                name = _class_name(symbol)
                return template.format(snake=_snake_case(name), lower=name.lower())
            if parent is not None:  # single-table inheritance: the parent's table
                return self._table_name(parent.symbol, seen + (symbol,))
            # Flask-SQLAlchemy's default name, for a class with columns: a class without
            # any is the ``model_class`` its declarative base is made from (Indico's
            # ``IndicoModel(Model)``), or a single-table subclass
            if any(_last(b) == "Model" and not b.startswith("models.") for b in model.bases) \
                    and self.fields(symbol):
                return _snake_case(_class_name(symbol))
            return None
        if parent is not None and not own_fields:  # a proxy model shares its parent's table
            return self._table_name(parent.symbol, seen + (symbol,))
        return f"{self.app_label(symbol)}_{_class_name(symbol).lower()}"

    def _abstract_table(self, symbol: str, seen: tuple[str, ...]) -> str | None:
        """The ``db_table`` a Django model inherits with the Meta of an abstract parent."""
        for parent in self._kinds[symbol].parents:
            if self._kinds[parent.symbol].kind != "abstract" or parent.symbol in seen:
                continue
            if parent.table:
                return parent.table
            if not parent.has_meta:
                found = self._abstract_table(parent.symbol, seen + (parent.symbol,))
                if found:
                    return found
        return None

    # -- fields and tables

    def fields(self, symbol: str) -> list[OrmField]:
        """Own fields plus those inherited from abstract parents and mixins."""
        merged: dict[str, OrmField] = {}
        copied = {"abstract", "mixin"} | (
            {"model"} if self.by_symbol[symbol].framework == "peewee" else set())
        for parent in reversed(self._kinds[symbol].parents):
            if self._kinds[parent.symbol].kind in copied:
                merged.update((f.name, f) for f in self.fields(parent.symbol))
        merged.update((f.name, f) for f in self.by_symbol[symbol].fields)
        return list(merged.values())

    def tables(self) -> tuple[Table, ...]:
        built: dict[str, Table] = {}
        owners = sorted(self.table_of.items(), key=lambda item: (item[1], item[0]))
        for symbol, name in owners:
            if name in built or self._owner_of(name) != symbol:
                continue
            for table in self._tables_of(symbol, name):
                built.setdefault(table.name, table)
        return tuple(built[n] for n in sorted(built))

    def _sharing(self, table: str) -> list[str]:
        """Models stored in ``table``, sorted (an index: a scan per model was quadratic)."""
        if getattr(self, "_by_table_size", None) != len(self.table_of):
            index: dict[str, list[str]] = {}
            for symbol, name in sorted(self.table_of.items()):
                index.setdefault(name, []).append(symbol)
            self._by_table, self._by_table_size = index, len(self.table_of)
        return self._by_table.get(table, [])

    def _owner_of(self, table: str) -> str:
        """The model that defines a table shared by several (proxies, STI children)."""
        symbols = self._sharing(table)
        roots = [s for s in symbols
                 if (p := self._concrete_parent(s)) is None or self.table_of.get(p.symbol) != table]
        return min(roots or symbols)

    def _tables_of(self, symbol: str, name: str) -> list[Table]:
        model = self.by_symbol[symbol]
        source = self._source(model)
        columns, keys, joins = [], [], []
        for field in self._all_fields(symbol):
            if field.type == "relationship":
                continue
            target = self._target_table(symbol, field)
            if field.relation == "m2m":
                if not field.through and target:
                    target_model = self._target_model(symbol, field.target or "")
                    if model.framework == "peewee":  # peewee's <this>_<other>_through
                        field = replace(field, column=f"{name}_{target}_through")
                    joins.append(_join_table(
                        name, _class_name(symbol), field, target, source, "orm", symbol,
                        _class_name(target_model) if target_model else None))
                continue
            columns.append(_column_of(field))
            if target and field.column:
                keys.append(ForeignKey(columns=(field.column.lower(),), ref_table=target,
                                       ref_columns=(_target_column(model, field),)))
        columns, primary = self._with_primary_key(symbol, columns, keys)
        table = Table(name=name, columns=tuple(columns), primary_key=primary,
                      foreign_keys=tuple(keys), source=source, origin="orm", defined_by=symbol)
        return [table, *joins]

    def _all_fields(self, symbol: str) -> list[OrmField]:
        """Fields of a model and of the children stored in its table (single-table)."""
        fields = {f.name: f for f in self.fields(symbol)}
        for child in self._sharing(self.table_of[symbol]):
            if child != symbol:
                for field in self.by_symbol[child].fields:
                    fields.setdefault(field.name, field)
        return list(fields.values())

    def _with_primary_key(
        self, symbol: str, columns: list[Column], keys: list[ForeignKey]
    ) -> tuple[list[Column], tuple[str, ...]]:
        primary = tuple(c.name for c in columns if c.primary_key)
        model = self.by_symbol[symbol]
        if primary or model.framework in ("sqlalchemy", "storm"):
            return columns, primary
        parent = self._concrete_parent(symbol)
        if model.framework == "django" and parent is not None \
                and parent.symbol in self.table_of:  # multi-table inheritance
            pointer = f"{_class_name(parent.symbol).lower()}_ptr_id"
            keys.insert(0, ForeignKey(columns=(pointer,), ref_table=self.table_of[parent.symbol],
                                      ref_columns=("id",)))
            return [Column(name=pointer, type="OneToOneField", nullable=False,
                           primary_key=True), *columns], (pointer,)
        return [Column(name="id", type="AutoField", nullable=False, primary_key=True),
                *columns], ("id",)

    def _target_model(self, symbol: str, target: str) -> str | None:
        """The model symbol a relation target means, if it is one of ours."""
        if target == "self":
            return symbol
        if target.endswith("AUTH_USER_MODEL"):
            users = [s for s, r in self._kinds.items() if r.kind == "model"
                     and any(_last(b) in USER_ROOT_NAMES for b in r.model.bases)]
            return users[0] if len(users) == 1 else None
        found = self._lookup(symbol, target)
        if found:
            return found
        app, _, name = target.rpartition(".")
        app = app or self.app_label(symbol)
        matches = [s for s in self.table_of
                   if _class_name(s).lower() == name.lower() and self.app_label(s) == app]
        return matches[0] if len(matches) == 1 else None

    def _target_table(self, symbol: str, field: OrmField) -> str | None:
        if not field.target:
            return None
        model = self.by_symbol[symbol]
        if model.framework == "sqlalchemy" and field.relation == "fk":
            head, _, column = field.target.rpartition(".")
            if _const_like_table(field.target):
                return _foreign_key_of((), field.target).ref_table
            found = self._lookup(symbol, head) if head else None  # ForeignKey(Order.id)
            return self.table_of.get(found) if found else None
        found = self._target_model(symbol, field.target)
        if found:
            return self.table_of.get(found)
        app = field.target.partition(".")[0]
        if "." in field.target and app.islower() and app != "models":  # "auth.User" elsewhere
            return _migration_target_table(field.target, self.app_label(symbol))
        return "auth_user" if field.target.endswith("AUTH_USER_MODEL") else None

    def _source(self, model: OrmModel) -> str:
        module = model.symbol.partition(":")[0]
        path = self.files.get(module) or module.replace(".", "/") + ".py"
        return f"{path}:{model.line}"

    # -- uses

    def access(self, use: OrmUse) -> TableAccess | None:
        found = self._lookup(use.source, use.model)
        table = self.table_of.get(found) if found else None
        if table is None:
            return None
        return TableAccess(source=use.source, table=table, mode=use.mode, line=use.line,
                           via="orm", evidence=use.evidence, known=True)


def _target_column(model: OrmModel, field: OrmField) -> str:
    """The referenced column: written in SQLAlchemy, Django's primary key ``id`` else."""
    if model.framework == "sqlalchemy" and field.target and "." in field.target:
        return field.target.rpartition(".")[2].lower()
    return "id"


def _const_like_table(target: str) -> bool:
    """``"orders.id"`` names a table; ``Order.id`` names a class attribute."""
    return target.split(".")[0].islower() or target.split(".")[0].startswith("_")


def _class_name(symbol: str) -> str:
    return symbol.partition(":")[2].rpartition(".")[2]


def _module_app_label(module: str) -> str:
    """``shop.orders.models`` and ``shop.orders.models.order`` -> ``orders``."""
    parts = module.split(".")
    if "models" in parts[1:]:
        return parts[parts.index("models", 1) - 1]
    return parts[-2] if len(parts) > 1 else parts[0]


def _snake_case(name: str) -> str:
    return re.sub(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))", r"_\1", name).lower()
