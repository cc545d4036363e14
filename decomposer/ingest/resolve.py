"""From per-file facts to repository-wide facts: names resolved, tables known, edges counted."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TypeVar

from decomposer.ingest.names import LOADED, Namespace, implicit_relative_imports
from decomposer.ingest.odoo import odoo_tables, renamed
from decomposer.ingest.orm import resolve_orm
from decomposer.ingest.routes import CHERRYPY_OBJECT, NAMED_PREFIX, PYRAMID_ROUTE, join_paths
from decomposer.ingest.schema import merge_schema, with_inferred
from decomposer.ingest.sql_strings import PLACEHOLDER
from decomposer.model import (
    Dependency,
    Facts,
    FileOutcome,
    History,
    ModuleFacts,
    Parsed,
    Route,
    Scan,
    Schema,
    SqlFileFacts,
    Symbol,
    TableAccess,
)

T = TypeVar("T")
MAX_EVIDENCE = 5
# Catalog tables of database engines: SQL that reads them is about the database, not the domain.
_SYSTEM_SCHEMAS = {"information_schema", "pg_catalog", "sys", "mysql", "performance_schema"}
_SYSTEM_PREFIXES = ("pg_", "sqlite_")
# What the SQL reader put for an attribute in a name: __attr_<name>__, maybe with affixes.
_ATTR_HOLE = re.compile(r"(.*?)__attr_(\w+?)__(.*)")


def application_modules(scan: Scan, outcomes: Iterable[FileOutcome]) -> list[ModuleFacts]:
    """Parsed modules of the application itself: no tests, no migrations."""
    return _application(scan, [o.facts for o in outcomes
                               if isinstance(o, Parsed) and isinstance(o.facts, ModuleFacts)])


def _application(scan: Scan, modules: Iterable[ModuleFacts]) -> list[ModuleFacts]:
    kinds = {f.path: f for f in scan.files}
    return [m for m in modules if not kinds[m.path].is_test and not kinds[m.path].is_migration]


def resolve_facts(scan: Scan, outcomes: tuple[FileOutcome, ...], history: History) -> Facts:
    files = {f.path: f for f in scan.files}
    parsed = [o.facts for o in outcomes if isinstance(o, Parsed)]
    modules = implicit_relative_imports([f for f in parsed if isinstance(f, ModuleFacts)])
    app = _application(scan, modules)
    tests = [m for m in modules if files[m.path].is_test and not files[m.path].is_migration]
    names = Namespace(modules)  # tests' own symbols resolve too, but are not app symbols
    symbols = tuple(s for m in app for s in m.symbols)

    edges = _EdgeCounter()
    _code_edges(app, names, edges)
    tables, orm_accesses, _ = resolve_orm(
        [model for m in app for model in m.orm_models],
        [use for m in app for use in m.orm_uses],
        names.resolve, files={m.module: m.path for m in app}, absolute=names.absolute,
    )
    # Tests create fixture tables (and SQL for databases the code only talks to); the
    # schema is what the application and its migrations declare.
    odoo = odoo_tables(t for m in app for t in m.tables)
    schema = merge_schema(
        sql=[f for f in parsed if isinstance(f, SqlFileFacts) and not files[f.path].is_test],
        code_tables=[renamed(t, odoo) for m in modules if not files[m.path].is_test
                     for t in m.tables if not _has_hole(t.name)],
        orm_tables=tables,
        revisions={m.path: m.revision for m in modules if m.revision},
    )
    accesses = _sql_accesses(app, names, schema, odoo)
    accesses += _constant_accesses(app, names, accesses) + orm_accesses + _core_accesses(app, names)
    # Code that writes a table no DDL declares still owns it; reads alone may be someone
    # else's database (a query runner, a report source), so those stay unknown.
    written = {a.table for a in accesses if a.mode == "write" and not a.known}
    schema = with_inferred(schema, written, "inferred from writes in code")
    accesses = tuple(replace(a, known=True) if a.table in written else a for a in accesses)
    for access in accesses:
        if access.known:
            kind = "writes" if access.mode == "write" else "reads"
            edges.add(access.source, f"table:{access.table}", kind,
                      f"{_file_of(access.source, names)}:{access.line}")
    declared = {t.name for t in schema.tables}
    for table in schema.tables:
        for fk in table.foreign_keys:
            if fk.ref_table in declared and fk.ref_table != table.name:
                edges.add(f"table:{table.name}", f"table:{fk.ref_table}", "fk",
                          table.source)
    for change in history.symbol_cochange:
        if change.a in names.symbols and change.b in names.symbols:
            edges.add(change.a, change.b, "cochange", f"{change.count} commits", change.count)

    tested = sorted({t for m in tests for t in _resolved_targets(m, names)
                     if t in names.symbols and files.get(names.symbols[t].file) is not None
                     and not files[names.symbols[t].file].is_test})
    warnings = [f"{m.path}: {w}" for m in modules for w in m.warnings]
    routes = _routes(app, names)
    warnings += _no_routes_warning(app) if not routes else []
    return Facts(
        scan=scan, outcomes=outcomes, symbols=symbols,
        modules=tuple(sorted(m.module for m in app)),
        dependencies=edges.dependencies(), routes=routes, schema=schema,
        accesses=tuple(sorted(accesses, key=lambda a: (a.source, a.table, a.mode, a.line))),
        history=history, tested=tuple(tested), warnings=tuple(warnings),
    )


class _EdgeCounter:
    def __init__(self) -> None:
        # (source, target, kind) -> [count, evidence]: one lookup per edge seen (300,000
        # at 1 M lines), not three
        self.edges: dict[tuple[str, str, str], list] = {}

    def add(self, source: str, target: str, kind: str, evidence: str, count: int = 1) -> None:
        if source == target:
            return
        key = (source, target, kind)
        entry = self.edges.get(key)
        if entry is None:
            self.edges[key] = [count, [evidence]]
            return
        entry[0] += count
        seen = entry[1]
        if len(seen) < MAX_EVIDENCE and evidence not in seen:
            seen.append(evidence)

    def dependencies(self) -> tuple[Dependency, ...]:
        return tuple(Dependency(*key, count, tuple(evidence))
                     for key, (count, evidence) in sorted(self.edges.items()))


_REF_KINDS = {"call": "call", "reference": "reference", "inherit": "inherit",
              "string": "reference"}


def _code_edges(app: list[ModuleFacts], names: Namespace, edges: _EdgeCounter) -> None:
    app_modules = {m.module for m in app}
    resolve, resolve_string, add = names.resolve, names.resolve_string, edges.add
    for facts in app:
        path = facts.path
        for ref in facts.refs:
            kind = ref.kind
            target = (resolve_string(ref.source, ref.target) if kind == "string"
                      else resolve(ref.source, ref.target))
            if target is None or target.partition(":")[0] not in app_modules:
                continue
            add(ref.source, target, _REF_KINDS[kind], f"{path}:{ref.line}")
        for imp in facts.imports:
            target = _imported_module(imp.target, names)
            if target and target != facts.module and target in app_modules:
                edges.add(facts.module, target, "import", f"{facts.path}:{imp.line}")


def _imported_module(target: str, names: Namespace) -> str | None:
    split = names.split_module(target)
    return split[0] if split else None


def _resolved_targets(facts: ModuleFacts, names: Namespace) -> set[str]:
    found = set()
    for ref in facts.refs:
        target = names.resolve(ref.source, ref.target)
        if target:
            found.add(target)
    for imp in facts.imports:
        target = names.lookup(imp.target)
        if target:
            found.add(target)
    return found


def _routes(app: list[ModuleFacts], names: Namespace) -> tuple[Route, ...]:
    prefixes = _django_prefixes(app, names)
    registered = _registered_routers(app, names)
    patterns: dict[str, str] = {}  # Pyramid route name -> its pattern (the first declared)
    for facts in app:
        for name, pattern in facts.route_patterns:
            patterns.setdefault(name, "/" + pattern.lstrip("/"))
    objects = _object_paths(app, names)
    out = []
    for facts in app:
        for route in facts.routes:
            handler = route.handler
            if ":" not in handler:
                handler = names.resolve(route.module, handler) or handler
            path = route.path
            if path.startswith(CHERRYPY_OBJECT):
                base = objects.get(handler)
                if base is None:  # no mount reaches its object: no URL to tell
                    continue
                segment = path[len(CHERRYPY_OBJECT):]
                path = join_paths(base, segment) if segment else base
            elif path.startswith(PYRAMID_ROUTE):
                path = patterns.get(path[len(PYRAMID_ROUTE):], "")
                if not path:  # a name no add_route declares: no URL to tell
                    continue
            elif route.framework == "django" and route.module in prefixes:
                path = join_paths(prefixes[route.module], path)
            elif (route.module, route.router) in registered:
                prefix, framework = registered[(route.module, route.router)]
                if framework == "flask" and route.router_prefix:  # Flask: it replaces
                    own = join_paths(route.router_prefix, "").rstrip("/")
                    path = path[len(own):] if path.startswith(own) else path
                path = join_paths(prefix, path)
            out.append(replace(route, handler=handler, path=path))
    return tuple(sorted(out, key=lambda r: (r.path, r.methods, r.handler)))


def _object_paths(app: list[ModuleFacts], names: Namespace) -> dict[str, str]:
    """CherryPy: class id -> the URL path of the object made of it, down the tree from the
    mounts (the first path found, breadth first, when one class is held in two places)."""
    held: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for facts in app:
        for parent, attribute, made in facts.object_tree:
            child = names.resolve(facts.module, made)
            if child:
                held[parent].append((attribute, child))
    paths: dict[str, str] = {}
    todo = [("", "")]
    while todo:
        parent, base = todo.pop(0)
        for attribute, child in sorted(held[parent]):
            if child not in paths:
                paths[child] = join_paths(base, attribute).rstrip("/") or "/"
                todo.append((child, paths[child]))
    return paths


def _aliases(facts: ModuleFacts) -> dict[str, str]:
    """Names the module's own top-level imports bind -> what they import."""
    return {i.alias: i.target for i in facts.imports if i.source == facts.module}


def _qualified(name: str, aliases: dict[str, str]) -> str | None:
    """``views.bp`` -> ``shop.orders.views.bp`` through the module's imports; None when
    its head is no imported name. ``import a.b`` binds ``a`` to ``a.b``: already whole."""
    head, _, rest = name.partition(".")
    target = aliases.get(head)
    if target is None:
        return None
    if target.startswith(head + "."):
        return name
    return f"{target}.{rest}" if rest else target


def _registered_routers(app: list[ModuleFacts], names: Namespace,
                        ) -> dict[tuple[str, str], tuple[str, str]]:
    """(module, router variable) -> (prefix it is registered under, framework), for
    ``app.register_blueprint(orders.bp, url_prefix="/orders")`` and ``include_router``,
    down chains of routers across modules: ``app.include_router(api_router,
    prefix=settings.API_V1_STR)`` in one module, ``api_router.include_router(items.router)``
    in another (the first registration of a router counts)."""
    constants = {f"{f.module}.{name}": value for f in app for name, value in f.url_constants}
    links: dict[tuple[str, str], tuple[str, str, tuple[str, str]]] = {}
    for facts in app:
        aliases = _aliases(facts)
        for prefix, router, framework, owner in facts.router_registrations:
            if prefix.startswith(NAMED_PREFIX):  # prefix=settings.API_V1_STR
                named = prefix[len(NAMED_PREFIX):]
                prefix = constants.get(".".join(_variable(named, facts.module, aliases, names)),
                                       "")
                framework = framework if prefix else "prepend"  # from the environment
            links.setdefault(_variable(router, facts.module, aliases, names),
                             (prefix, framework, _variable(owner, facts.module, aliases, names)))

    def prefix_of(router: tuple[str, str], seen: frozenset) -> str:
        """What ``router``'s registrations put in front of what it declares itself."""
        if router not in links or router in seen:  # the app, or a cycle closing
            return ""
        prefix, _, owner = links[router]
        above = prefix_of(owner, seen | {router})
        return join_paths(above, prefix).rstrip("/") if above else prefix

    out = {router: (prefix_of(router, frozenset()), framework)
           for router, (_, framework, _) in links.items()}
    return {router: entry for router, entry in out.items() if entry[0]}


# Web frameworks whose import means the code serves HTTP (web.py's ``web`` is too common a
# name to tell).
WEB_FRAMEWORKS = frozenset("""
    flask django fastapi pyramid bottle tornado falcon cherrypy starlette aiohttp sanic
    quart webapp2
""".split())


def _no_routes_warning(app: list[ModuleFacts]) -> list[str]:
    """Code that imports a web framework but declares no route the parser reads (Pyramid's
    traversal views, URLs built at run time): said, since the gateway would be empty."""
    frameworks = sorted({i.target.partition(".")[0] for m in app for i in m.imports}
                        & WEB_FRAMEWORKS)
    if not frameworks:
        return []
    return [f"no HTTP route found, though the code imports {', '.join(frameworks)}: the "
            "gateway and the REST contracts have no endpoints (views found by traversal "
            "and URLs built at run time are not read)"]


def _variable(name: str, module: str, aliases: dict[str, str], names: Namespace,
              ) -> tuple[str, str]:
    """(module, variable) that ``name``, written in ``module``, stands for (``app.x`` is
    ``backend.app.x`` when the code runs with ``backend/`` on its path)."""
    qualified = _qualified(name, aliases)
    full = names.canonical(qualified) if qualified else f"{module}.{name}"
    owner, _, variable = full.rpartition(".")
    return owner, variable


def _django_prefixes(app: list[ModuleFacts], names: Namespace) -> dict[str, str]:
    """URL module -> the prefix its ``include()`` chain gives it (the first chain found,
    in module order, when several include one module)."""
    parent: dict[str, tuple[str, str]] = {}  # included module -> (prefix, including module)
    for facts in app:
        aliases = _aliases(facts)
        for prefix, target in facts.route_includes:
            module = names.canonical(_qualified(target, aliases) or target)
            if module in names.modules and module != facts.module:
                parent.setdefault(module, (prefix, facts.module))
    out: dict[str, str] = {}
    for module in parent:
        path, seen, current = "", {module}, module
        while current in parent:
            prefix, current = parent[current]
            if current in seen:  # a cycle of includes: stop where it closes
                break
            seen.add(current)
            path = join_paths(prefix, path).rstrip("/") if path else prefix
        out[module] = path
    return out


def _sql_accesses(app: list[ModuleFacts], names: Namespace, schema: Schema,
                  odoo: dict[str, str]) -> tuple[TableAccess, ...]:
    """SQL accesses with class-attribute tables filled in, Odoo's under their tables' real
    names and unknown tables marked."""
    known = {t.name for t in schema.tables}
    dal = {t.name for facts in app for t in facts.tables if t.origin == "pydal"}
    subclasses = _subclasses(names)
    out: list[TableAccess] = []
    for facts in app:
        for access in facts.accesses:
            if access.via == "attr":
                out.extend(_through_attribute(access, names, subclasses, known))
            elif access.via == "pydal":  # ``db.<name>``: a use if define_table made <name>
                if access.table in dal:
                    out.append(replace(access, via="orm"))
            elif access.via == "odoo":
                table = odoo.get(access.table, access.table)
                out.append(replace(access, table=table, via="orm",
                                   known=not known or table in known))
            elif not _is_system(access):
                fits = not known or access.table in known  # most do: no copy for them
                out.append(access if fits == access.known else replace(access, known=fits))
    return tuple(out)


def _constant_accesses(app: list[ModuleFacts], names: Namespace,
                       accesses: tuple[TableAccess, ...]) -> tuple[TableAccess, ...]:
    """Accesses of module-level SQL constants used from other modules: a ``queries.py``
    of named statements is read and written by the code that executes them
    (``cur.execute(queries.INSERT_MEMBER)``), not by the module that spells them out.
    Uses inside the defining module are the parser's (its functions' own SQL)."""
    spans = {f.module: f.sql_constants for f in app if f.sql_constants}
    if not spans:
        return ()
    at_module: dict[str, list[TableAccess]] = defaultdict(list)
    for access in accesses:
        if access.source in spans:
            at_module[access.source].append(access)
    bound = {f"{module}.{name}": [a for a in at_module[module] if first <= a.line <= last]
             for module, constants in spans.items() for name, first, last in constants}
    out: list[TableAccess] = []
    for facts in app:
        for ref in facts.refs:
            if ref.kind == "string":
                continue
            found, _ = _bound(names.absolute(ref.source, ref.target), bound, names)
            if found and found[0].source != facts.module:
                out.extend(replace(a, source=ref.source, line=ref.line,
                                   evidence=f"{ref.target}: {a.evidence}") for a in found)
    return tuple(out)


# SQLAlchemy Core statements that change rows: ``orders.insert()``, ``update(orders)``.
CORE_WRITES = frozenset({"insert", "update", "delete"})


def _core_accesses(app: list[ModuleFacts], names: Namespace) -> tuple[TableAccess, ...]:
    """Uses of SQLAlchemy Core tables through the names they are bound to (``orders =
    Table("orders", ...)``): ``orders.insert()``, ``orders.update()``, ``orders.delete()``
    and ``insert(orders)`` write; ``select([orders])``, ``orders.c.id`` and any other use
    read."""
    bound = {f"{facts.module}.{name}": table for facts in app for name, table in facts.core_tables}
    if not bound:
        return ()
    out: list[TableAccess] = []
    for facts in app:
        uses: dict[tuple[str, int], list[tuple[str, str, str]]] = defaultdict(list)
        statements: set[tuple[str, int]] = set()  # (source, line) of insert(...) & co
        for ref in facts.refs:
            if ref.kind == "string":
                continue
            full = names.absolute(ref.source, ref.target)
            table, after = _bound(full, bound, names)
            if table is not None:
                uses[(ref.source, ref.line)].append((table, after, ref.target))
            elif ref.kind == "call" and full.startswith("sqlalchemy") \
                    and full.rpartition(".")[2] in CORE_WRITES:
                statements.add((ref.source, ref.line))
        for (source, line), found in uses.items():
            # one access per table and line: ``orders.update().where(orders.c.id == x)``
            # is one write, not a write and two reads (and a line of ``insert(...)``
            # writes every Core table it names: a guess, as its arguments are not told)
            writes = {table for table, after, _ in found
                      if after in CORE_WRITES or (source, line) in statements}
            for table, written in {table: written for table, _, written in found}.items():
                out.append(TableAccess(source=source, table=table,
                                       mode="write" if table in writes else "read",
                                       line=line, via="orm", evidence=written))
    return tuple(out)


def _bound(full: str, bound: dict[str, T], names: Namespace) -> tuple[T | None, str]:
    """(what a module-level name is bound to, the first name after it) when ``full`` starts
    with that name (a Core table, a SQL constant), also re-exported by a package (``from
    app.db.tables import orders`` in its ``__init__``); (None, "") else."""
    for _ in range(3):  # re-export hops
        split = names.split_module(full)
        if split is None or not split[1]:
            return None, ""
        module, rest = split
        table = bound.get(f"{module}.{rest[0]}")
        if table is not None:
            return table, rest[1] if len(rest) > 1 else ""
        imp = names.imports.get(module, {}).get(rest[0])
        if imp is None or imp.target.startswith(LOADED):
            return None, ""
        full = ".".join([imp.target, *rest[1:]])
    return None, ""


def _through_attribute(access: TableAccess, names: Namespace,
                       subclasses: dict[str, list[str]],
                       known: set[str]) -> list[TableAccess]:
    """``"... FROM %s" % self.table`` in a base class: each class setting ``table`` uses it
    (also inside a longer name: ``"_%s" % self.classname``)."""
    template = _ATTR_HOLE.fullmatch(access.table)
    if template is None:
        return []
    prefix, attr, suffix = template.groups()
    owner = access.source
    out = []
    for cls in [owner, *subclasses.get(owner, ())]:
        symbol = names.symbols.get(cls)
        value = dict(symbol.string_attrs).get(attr) if symbol else None
        if value:
            table = (prefix + value.split(".")[-1].strip('"`[]') + suffix).lower()
            if _has_hole(table):
                continue
            out.append(replace(access, source=cls, table=table,
                               known=not known or table in known,
                               evidence=f"{access.evidence} [{attr} = {value!r}]"))
    return out


def _subclasses(names: Namespace) -> dict[str, list[str]]:
    direct: dict[str, list[str]] = defaultdict(list)
    for sid, symbol in names.symbols.items():
        if symbol.kind == "class":
            for base in names.bases(sid):
                direct[base].append(sid)
    closure: dict[str, list[str]] = {}
    for root in direct:
        seen, stack = [], list(direct[root])
        while stack:
            cls = stack.pop()
            if cls not in seen:
                seen.append(cls)
                stack.extend(direct.get(cls, ()))
        closure[root] = sorted(seen)
    return closure


def _is_system(access: TableAccess) -> bool:
    """A catalog table, or a name only known at run time (``history_%s``)."""
    return (access.schema or "").lower() in _SYSTEM_SCHEMAS or access.table.startswith(
        _SYSTEM_PREFIXES) or access.table in ("dual", "sqlite_master") or _has_hole(
        access.table)


def _has_hole(name: str) -> bool:
    """A table name built around a value the code computes: no table of its own."""
    return PLACEHOLDER in name or "__attr_" in name


def _file_of(source: str, names: Namespace) -> str:
    symbol = names.symbols.get(source)
    if symbol:
        return symbol.file
    facts = names.modules.get(source)
    return facts.path if facts else source


def symbol_spans(symbols: Iterable[Symbol]) -> dict[str, list[tuple[str, int, int]]]:
    """path -> [(symbol id, first line, last line)]: what history mining maps changes onto."""
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for symbol in symbols:
        spans[symbol.file].append((symbol.id, symbol.line, symbol.end_line))
    return dict(spans)
