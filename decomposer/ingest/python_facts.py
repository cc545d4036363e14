"""Facts of one Python module: its symbols, imports, name uses, routes and SQL strings.

Per file, no cross-file knowledge: names stay as written (with local types substituted)
and are resolved to symbol ids later, by ``resolve.py``, once every module is known.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from decomposer.ingest.astutil import const_str, dotted, keyword
from decomposer.ingest.names import LOADED
from decomposer.ingest.routes import RouteCollector, url_constants
from decomposer.ingest.sections import module_sections, section_at
from decomposer.ingest.sql_facts import looks_like_sql
from decomposer.ingest.sql_strings import sql_text
from decomposer.model import Import, ModuleFacts, Param, RawRef, Signature, SqlSnippet, Symbol

# Calls whose string argument names code: a dependency hidden in a string.
STRING_LOADERS = {
    "import_string", "import_module", "get_class", "load_class", "locate", "get_model",
    "import_by_path", "get_callable", "resolve_name", "__import__", "load_object",
    "get_classes", "get_models",
}
# Loaders whose first argument is a package or module, not a place to look a name up in.
_MODULE_LOADERS = {"import_module", "__import__"}
RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField", "ForeignObject",
                   "relationship", "ParentalKey"}
# Flask's hooks registered by a call instead of a decorator: the function so registered is
# recorded as decorated (``app.register_error_handler(E, handle)`` as ``@app.errorhandler``),
# since it is the same hook of the framework.
HOOK_REGISTRATIONS = {
    "register_error_handler": "errorhandler", "add_template_filter": "template_filter",
    "add_template_global": "template_global", **{hook: hook for hook in (
        "before_request", "after_request", "teardown_request", "teardown_appcontext",
        "before_app_request", "after_app_request", "context_processor",
        "app_context_processor", "shell_context_processor", "url_value_preprocessor")},
}
# Calls that run the SQL they are given: strong evidence that a string is SQL.
EXECUTORS = {"execute", "executemany", "executescript", "raw", "text", "query", "RawSQL",
             "read_sql", "read_sql_query", "mogrify", "run_sql", "exec_driver_sql", "extra",
             "fetch", "fetchrow", "fetchval", "fetchone_sql", "select", "sql", "run"}


def extract_python_facts(tree: ast.Module, text: str, *, module: str, path: str,
                         is_package: bool = False) -> ModuleFacts:
    """Collect the facts of one parsed module."""
    lines = text.splitlines()
    package = module if is_package else module.rpartition(".")[0]
    code_lines = _code_lines_before(lines)
    collector = _ModuleCollector(module, path, package, code_lines,
                                 module_sections(text, tree.body))
    collector.collect(tree)
    return ModuleFacts(
        module=module, path=path, is_package=is_package,
        symbols=tuple(collector.symbols), imports=tuple(collector.imports),
        refs=_bound_refs(collector), routes=tuple(collector.routes.routes),
        route_includes=tuple(collector.routes.includes),
        router_registrations=tuple(collector.routes.registrations),
        route_patterns=tuple(collector.routes.route_patterns),
        object_tree=tuple(collector.routes.object_tree),
        url_constants=url_constants(tree),
        sql=tuple(collector.sql), sql_constants=tuple(collector.constant_spans),
        loc=code_lines[-1],
    )


def _bound_refs(collector: _ModuleCollector) -> tuple[RawRef, ...]:
    """The uses that can name code of the repository. A name the module never binds (no
    import of it anywhere in the file, no top-level definition) is a builtin or undefined,
    and resolves to nothing: dropped here, it costs neither the trip back from the worker
    nor a lookup (a quarter of all uses). A star import can bind anything: all stay."""
    if any(imp.alias == "*" for imp in collector.imports):
        return tuple(collector.refs)
    bound = {imp.alias for imp in collector.imports}
    bound.update(symbol.name for symbol in collector.symbols)
    bound.update(("self", "cls"))
    return tuple(ref for ref in collector.refs
                 if ref.kind == "string" or ref.target.partition(".")[0] in bound)


def top_level_definitions(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Classes and functions at module level, also under module-level if/try/with."""
    for node in body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
        elif isinstance(node, ast.If):
            yield from top_level_definitions(node.body)
            yield from top_level_definitions(node.orelse)
        elif isinstance(node, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse,
                          node.finalbody):
                yield from top_level_definitions(block)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            yield from top_level_definitions(node.body)


class _ModuleCollector:
    def __init__(self, module: str, path: str, package: str, code_lines: list[int],
                 sections: tuple[tuple[int, str], ...] = ()) -> None:
        self.module = module
        self.path = path
        self.package = package
        self.code_lines = code_lines
        self.sections = sections
        self.symbols: list[Symbol] = []
        self.imports: list[Import] = []
        self.refs: list[RawRef] = []
        self.sql: list[SqlSnippet] = []
        self.routes = RouteCollector(module, path)
        self.constants: dict[str, str] = {}  # module-level NAME -> SQL text
        self.constant_spans: list[tuple[str, int, int]] = []  # (NAME, first, last line)
        self.module_types: dict[str, str] = {}  # module-level NAME -> class it is made of
        self._attr_types: dict[int, dict[str, str]] = {}
        self.hooks: dict[str, str] = {}  # function name -> hook it is registered as
        # post_save.connect(handler, sender=Model): (handler, the sender as named, line)
        self.receivers: list[tuple[str, str, int]] = []

    def loc(self, start: int, end: int) -> int:
        """Lines of code (not blank, not comment) from line ``start`` to ``end``."""
        end = min(end, len(self.code_lines) - 1)
        return max(0, self.code_lines[end] - self.code_lines[max(start, 1) - 1])

    def attr_types(self, cls: ast.ClassDef) -> dict[str, str]:
        key = id(cls)
        if key not in self._attr_types:
            self._attr_types[key] = _attr_types(cls)
        return self._attr_types[key]

    def collect(self, tree: ast.Module) -> None:
        definitions = list(top_level_definitions(tree.body))
        def_ids = {id(d) for d in definitions}
        self.routes.imports(tree.body)
        self._collect_sql_constants(tree.body)
        self._collect_module_types(tree.body, def_ids)
        self._collect_loaded_names(tree.body, def_ids)
        seen: set[str] = set()
        for node in definitions:
            sid = f"{self.module}:{node.name}"
            complexities = self._visit_body(node, sid)  # one walk: uses and complexity
            if sid not in seen:  # a redefinition under if/else keeps the first span
                seen.add(sid)
                self.symbols.append(self._symbol(node, sid, complexities))
        # module-level code outside definitions
        visitor = _BodyVisitor(self, self.module, None, {})
        for node in _module_statements(tree.body, def_ids):
            visitor.visit(node)
        self.symbols = [replace(s, decorators=(*s.decorators, self.hooks[s.name]))
                        if s.kind == "function" and s.name in self.hooks else s
                        for s in self.symbols]
        functions = {s.name for s in self.symbols if s.kind == "function"}
        self.refs += [RawRef(f"{self.module}:{handler}", sender, "reference", line)
                      for handler, sender, line in self.receivers if handler in functions]
        self.routes.apply_local_includes()
        self.routes.answer({d.name: [f.name for f in d.body if isinstance(
            f, (ast.FunctionDef, ast.AsyncFunctionDef))]
            for d in definitions if isinstance(d, ast.ClassDef)})

    def _collect_sql_constants(self, body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name
            ):
                found = sql_text(node.value)
                if found and looks_like_sql(found[0]):
                    self.constants[node.targets[0].id] = found[0]
                    self.constant_spans.append((node.targets[0].id, node.lineno,
                                                node.end_lineno or node.lineno))

    def _collect_module_types(self, body: list[ast.stmt], def_ids: set[int]) -> None:
        """``queue = EmailQueueDAO()`` at module level: ``queue.push()`` in any function of
        the module is a use of EmailQueueDAO (a shared instance, common in legacy code).
        Routers (``bp = Blueprint(..., url_prefix="/x")``) lend their prefix to routes."""
        for node in _module_statements(body, def_ids):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                    node.targets[0], ast.Name):
                kind = _constructed_type(node.value)
                if kind:
                    self.module_types[node.targets[0].id] = kind
                self.routes.router(node.targets[0].id, node.value)

    def _collect_loaded_names(self, body: list[ast.stmt], def_ids: set[int]) -> None:
        """``Product = get_model("catalogue", "Product")`` at module level binds a name as an
        import does (Oscar, Django): recorded as an import of the string target."""
        for node in _module_statements(body, def_ids):
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.value, ast.Call)):
                continue
            loader = (dotted(node.value.func) or "").rpartition(".")[2]
            loaded = loaded_targets(node.value, loader)
            target = node.targets[0]
            names = ([target] if isinstance(target, ast.Name) else target.elts
                     if isinstance(target, (ast.Tuple, ast.List)) else [])
            if not loaded or len(names) != len(loaded):
                continue
            for name, dotted_name in zip(names, loaded):
                if isinstance(name, ast.Name):
                    self.imports.append(Import(self.module, LOADED + dotted_name, name.id,
                                               node.lineno, is_from=True))

    def _symbol(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef,
                sid: str, complexities: list[int]) -> Symbol:
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        end = node.end_lineno or node.lineno
        if isinstance(node, ast.ClassDef):
            methods = [n for n in node.body if isinstance(n, (ast.FunctionDef,
                                                              ast.AsyncFunctionDef))]
            return Symbol(
                id=sid, module=self.module, name=node.name, kind="class", file=self.path,
                line=start, end_line=end, loc=self.loc(start, end),
                complexity=sum(complexities) or 1,
                max_method_complexity=max(complexities, default=1),
                bases=tuple(_expr_text(b) for b in node.bases),
                decorators=tuple(_decorator_name(d) for d in node.decorator_list),
                signatures=tuple(_signature(m) for m in methods),
                docstring=_docstring(node), string_attrs=_string_attrs(node),
                attr_types=tuple(sorted(self.attr_types(node).items())),
                section=section_at(self.sections, start),
            )
        complexity = complexities[0] if complexities else 1
        return Symbol(
            id=sid, module=self.module, name=node.name, kind="function", file=self.path,
            line=start, end_line=end, loc=self.loc(start, end),
            complexity=complexity, max_method_complexity=complexity,
            decorators=tuple(_decorator_name(d) for d in node.decorator_list),
            signatures=(_signature(node),), docstring=_docstring(node),
            section=section_at(self.sections, start),
        )

    def _visit_body(self, node: ast.AST, sid: str) -> list[int]:
        """Collect the uses inside a definition; return the complexity of each function
        (a class's methods in order, or the function itself)."""
        if not isinstance(node, ast.ClassDef):
            for item in node.decorator_list:
                self.routes.decorator(item, sid)
                _BodyVisitor(self, sid, None, {}).visit(item)
            return [_FunctionVisitor(self, sid, None, {}).visit_function(node)]
        for base in node.bases:
            name = dotted(base) or (dotted(base.value) if isinstance(base, ast.Subscript)
                                    else None)
            if name:
                self.refs.append(RawRef(sid, name, "inherit", base.lineno))
        for kw in node.keywords:  # metaclass=..., table options
            _BodyVisitor(self, sid, node, {}).visit(kw.value)
        attr_types = self.attr_types(node)
        self.routes.published_class(node, sid)
        for item in node.decorator_list:
            self.routes.decorator(item, sid)
            _BodyVisitor(self, sid, node, attr_types).visit(item)
        complexities = []
        for stmt in node.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for item in stmt.decorator_list:
                    self.routes.decorator(item, sid)
                visitor = _FunctionVisitor(self, sid, node, attr_types)
                complexities.append(visitor.visit_function(stmt))
            else:
                _BodyVisitor(self, sid, node, attr_types).visit(stmt)
        return complexities

    def add_import(self, node: ast.Import | ast.ImportFrom, source: str) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.imports.append(Import(source, alias.name, alias.asname, node.lineno))
                else:  # "import a.b.c" binds "a" and makes a.b.c reachable through it
                    head = alias.name.split(".")[0]
                    self.imports.append(Import(source, alias.name, head, node.lineno))
            return
        base = self._absolute(node.module, node.level)
        if base is None:
            return
        for alias in node.names:
            target = base if alias.name == "*" else f"{base}.{alias.name}" if base else alias.name
            self.imports.append(Import(source, target, alias.asname or alias.name, node.lineno,
                                       is_from=True))

    def _absolute(self, name: str | None, level: int) -> str | None:
        if not level:
            return name
        parts = self.package.split(".") if self.package else []
        if level - 1 > len(parts):
            return None  # relative import beyond the top: nothing to resolve
        base = parts[: len(parts) - (level - 1)]
        return ".".join([*base, name] if name else base)


def _module_statements(body: list[ast.stmt], def_ids: set[int]) -> Iterator[ast.AST]:
    for node in body:
        if id(node) in def_ids:
            continue
        if isinstance(node, (ast.If, ast.Try, ast.With, ast.AsyncWith)) or (
            type(node).__name__ == "TryStar"
        ):
            for field_name in ("test", "items"):
                value = getattr(node, field_name, None)
                if isinstance(value, ast.AST):
                    yield value
                elif isinstance(value, list):
                    yield from value
            for field_name in ("body", "orelse", "finalbody"):
                yield from _module_statements(getattr(node, field_name, []), def_ids)
            for handler in getattr(node, "handlers", []):
                if handler.type:
                    yield handler.type
                yield from _module_statements(handler.body, def_ids)
        else:
            yield node


_DISPATCH: dict[type, dict[type, object]] = {}
_CHILD_FIELDS: dict[type, tuple[tuple[str, bool | None], ...]] = {}
# Kinds of field in Python's grammar that hold no code: names, literals, contexts, operators.
_LEAF_KINDS = frozenset({"identifier", "string", "constant", "int", "expr_context", "boolop",
                         "operator", "unaryop", "cmpop", "type_ignore"})
_GRAMMAR_FIELD = re.compile(r"(\w+)([*?]?) (\w+)")


def _child_fields(cls: type) -> tuple[tuple[str, bool | None], ...]:
    """(field, holds a list) for each field of a node class that can hold code, read from
    the grammar line CPython gives each node class as its docstring ("BinOp(expr left,
    operator op, expr right)"). Without that line: every field but ``ctx``, its shape
    (None) tested on each visit."""
    names = tuple(getattr(cls, "_fields", ()))
    grammar = [(kind, many, name) for kind, many, name
               in _GRAMMAR_FIELD.findall((cls.__doc__ or "").partition("(")[2])]
    if tuple(name for *_, name in grammar) == names:
        fields = tuple((name, many == "*") for kind, many, name in grammar
                       if kind not in _LEAF_KINDS)
    else:
        fields = tuple((name, None) for name in names if name != "ctx")
    _CHILD_FIELDS[cls] = fields
    return fields


class _BodyVisitor(ast.NodeVisitor):
    """Collects uses of names inside one symbol (or at module level)."""

    def __init__(self, owner: _ModuleCollector, source: str, cls: ast.ClassDef | None,
                 attr_types: dict[str, str]) -> None:
        self.owner = owner
        self.source = source
        self.cls = cls
        self.attr_types = attr_types
        self.locals: set[str] = set()
        self.types: dict[str, str] = {}  # local name -> type expression
        self.done: set[int] = set()  # string nodes already taken as (part of) SQL
        self.branches = 0  # decision points seen, for cyclomatic complexity
        self._dispatch = _DISPATCH.setdefault(type(self), {})

    # -- a faster walk than ast.NodeVisitor's (the walk is most of the per-file cost):
    # dispatch by class through a per-visitor-class table, and only into the fields that
    # can hold code (no names, operators or ``ctx`` leaves).
    def visit(self, node: ast.AST) -> None:
        method = self._dispatch.get(node.__class__) or self._method(node.__class__)
        method(self, node)

    def _method(self, cls: type) -> Callable[[_BodyVisitor, ast.AST], None]:
        method = self._dispatch[cls] = getattr(type(self), "visit_" + cls.__name__,
                                               _BodyVisitor.generic_visit)
        return method

    def generic_visit(self, node: ast.AST) -> None:
        dispatch = self._dispatch
        fields = _CHILD_FIELDS.get(node.__class__)
        for name, many in _child_fields(node.__class__) if fields is None else fields:
            value = getattr(node, name, None)
            if value is None:
                continue
            if many is None:  # no grammar to go by
                many = isinstance(value, list)
                if not many and not isinstance(value, ast.AST):
                    continue
            for item in (value if many else (value,)):
                if item is not None:  # a dict's ** entry has no key
                    (dispatch.get(item.__class__) or self._method(item.__class__))(self, item)

    # -- decision points (McCabe): counted on the way, so no second walk is needed
    def _branch(self, node: ast.AST, extra: int = 1) -> None:
        self.branches += extra
        self.generic_visit(node)

    def visit_If(self, node: ast.AST) -> None:
        self._branch(node)

    visit_For = visit_AsyncFor = visit_While = visit_IfExp = visit_If
    visit_ExceptHandler = visit_match_case = visit_If

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self._branch(node, 1 + len(node.ifs))

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        self._branch(node, len(node.values) - 1)

    # -- names and calls
    def ref(self, target: str, kind: str, line: int) -> None:
        self.owner.refs.append(RawRef(self.source, self._substitute(target), kind, line))

    def _substitute(self, target: str) -> str:
        head, _, rest = target.partition(".")
        if head in ("self", "cls") and self.cls is not None and rest:
            attr, _, tail = rest.partition(".")
            if attr in self.attr_types and tail:
                return f"{self.attr_types[attr]}.{tail}"
            return target
        if head in self.types:
            return f"{self.types[head]}.{rest}" if rest else self.types[head]
        return target

    def visit_Import(self, node: ast.Import) -> None:
        self.owner.add_import(node, self.source)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.owner.add_import(node, self.source)

    def visit_Call(self, node: ast.Call) -> None:
        name = dotted(node.func)
        self.owner.routes.call(node, name, self.source)
        if name:
            if not self._is_plain_local(name):
                self.ref(name, "call", node.lineno)
            last = name.rpartition(".")[2]
            self._string_reference(node, last)
            if last == "connect" and node.args and isinstance(node.args[0], ast.Name):
                # post_save.connect(handler, sender=Order): the handler serves that model,
                # as @receiver(post_save, sender=Order) on it says
                sender = dotted(keyword(node, "sender"))
                if sender:
                    self.owner.receivers.append((node.args[0].id, sender, node.lineno))
            if last in HOOK_REGISTRATIONS:  # app.register_error_handler(E, handle_error)
                owner = name.rpartition(".")[0]
                for arg in node.args:
                    if isinstance(arg, ast.Name):
                        self.owner.hooks.setdefault(
                            arg.id, f"{owner}.{HOOK_REGISTRATIONS[last]}".lstrip("."))
            if last in EXECUTORS and node.args:
                self._sql(node.args[0], executed=True)
        else:
            self.visit(node.func)
        for arg in node.args:
            self.visit(arg)
        for kw in node.keywords:
            self.visit(kw.value)

    def _string_reference(self, node: ast.Call, last: str) -> None:
        if last in STRING_LOADERS:
            for target in loaded_targets(node, last):
                self.ref(target, "string", node.lineno)
        elif last in RELATION_FIELDS:
            targets = [a.value for a in node.args[:1] if _is_str(a)]
            targets += [k.value.value for k in node.keywords if k.arg == "to" and _is_str(k.value)]
            for target in targets:
                if target != "self" and "." not in target.split(".")[-1]:
                    self.owner.refs.append(RawRef(self.source, target, "string", node.lineno))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        name = dotted(node)
        if name is None:
            self.generic_visit(node)
        elif isinstance(node.ctx, ast.Load) and not self._is_plain_local(name):
            self.ref(name, "reference", node.lineno)

    def visit_Name(self, node: ast.Name) -> None:
        if not isinstance(node.ctx, ast.Load):
            return
        if node.id in self.owner.constants and node.id not in self.locals:
            self.owner.sql.append(SqlSnippet(self.source, self.owner.constants[node.id],
                                             node.lineno, "constant"))
        if not self._is_plain_local(node.id):
            self.ref(node.id, "reference", node.lineno)

    def _is_plain_local(self, name: str) -> bool:
        head = name.split(".")[0]
        if head in ("self", "cls"):
            return "." not in name
        return head in self.locals and head not in self.types

    # -- local types: o = Order(...); o.save() is a use of Order
    def visit_Assign(self, node: ast.Assign) -> None:
        kind = _constructed_type(node.value)
        for target in node.targets:
            if isinstance(target, ast.Name) and kind:
                self.types[target.id] = kind
        self.owner.routes.url_table(node.value)  # Tornado: handlers = [(r"/", Home), ...]
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        kind = _annotation_type(node.annotation)
        if isinstance(node.target, ast.Name) and kind:
            self.types[node.target.id] = kind
        self.generic_visit(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.visit(node.body)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for item in node.decorator_list:
            self.visit(item)
        inner = _FunctionVisitor(self.owner, self.source, self.cls, self.attr_types,
                                 parent=self)
        self.branches += inner.visit_function(node) - 1  # a closure's branches are ours

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # a class nested in a function
        for base in node.bases:
            self.visit(base)
        for stmt in node.body:
            self.visit(stmt)

    # -- strings that may be SQL
    def visit_Expr(self, node: ast.Expr) -> None:
        if not _is_str(node.value):
            self.visit(node.value)
        # else a docstring, or a string standing alone: run by nobody, whatever it says
        # (CKAN's "delete data from system_info table" made a table "data")

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, str) and len(value) >= 10:  # shorter is never a statement
            self._sql(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self._sql(node)
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value.value)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, (ast.Mod, ast.Add)):
            self._sql(node)
        self.generic_visit(node)

    def _sql(self, node: ast.AST, executed: bool = False) -> None:
        if id(node) in self.done:
            return
        found = sql_text(node)
        if found is None:
            return
        text, how = found
        if not looks_like_sql(text):
            return
        if isinstance(node, ast.Constant):  # most SQL is one literal: nothing below it
            self.done.add(id(node))
        else:
            self.done.update(map(id, ast.walk(node)))
        self.owner.sql.append(SqlSnippet(self.source, text, getattr(node, "lineno", 0), how,
                                         executed))


class _FunctionVisitor(_BodyVisitor):
    def __init__(self, owner: _ModuleCollector, source: str, cls: ast.ClassDef | None,
                 attr_types: dict[str, str], parent: _BodyVisitor | None = None) -> None:
        super().__init__(owner, source, cls, attr_types)
        if parent is not None:  # closures see their parent's locals and types
            self.locals |= parent.locals
            self.types.update(parent.types)
            self.done = parent.done

    def visit_function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
        """Visit one function; return its cyclomatic complexity."""
        args = node.args
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs,
                 *(a for a in (args.vararg, args.kwarg) if a)]
        for arg in every:
            self.locals.add(arg.arg)
            if arg.annotation is not None:
                kind = _annotation_type(arg.annotation)
                if kind:
                    self.types[arg.arg] = kind
                self.visit(arg.annotation)
        for default in [*args.defaults, *(d for d in args.kw_defaults if d)]:
            self.visit(default)
        if node.returns is not None:
            self.visit(node.returns)
        self.locals |= _assigned_names(node.body)
        for name, kind in self.owner.module_types.items():
            if name not in self.locals:  # a local of the same name hides the module's
                self.types.setdefault(name, kind)
        for stmt in node.body:
            self.visit(stmt)
        return 1 + self.branches


def loaded_targets(call: ast.Call, loader: str) -> list[str]:
    """What a string loader call names, one dotted string per value it returns:
    ``import_string("a.b.C")`` -> a.b.C; ``get_model("app", "Model")`` -> app.Model;
    ``get_class("mod", "Name")`` -> mod.Name; ``get_classes("mod", ["A", "B"])`` ->
    mod.A, mod.B. Empty when the call is no loader or its names are not literal."""
    if loader not in STRING_LOADERS or not call.args or not _is_str(call.args[0]):
        return []
    first = call.args[0].value
    second = call.args[1] if len(call.args) > 1 else None
    if loader in _MODULE_LOADERS or second is None:
        return [first]
    if _is_str(second):
        return [f"{first}.{second.value}"]
    if isinstance(second, (ast.List, ast.Tuple)) and all(_is_str(e) for e in second.elts):
        return [f"{first}.{e.value}" for e in second.elts]
    return [first]


def _assigned_names(body: list[ast.stmt]) -> set[str]:
    """Names a function binds (its locals), read from statements only: cheaper than a walk
    of every expression, and comprehension variables are local to their comprehension.
    Not its imports: ``import billing`` inside a function (legacy code's way round a
    circular import) binds a name the resolver follows through the function's own
    imports, so ``billing.run_cycle()`` is a call like any other."""
    names: set[str] = set()
    for stmt in _statements(body, into_definitions=False):
        if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor,
                             ast.With, ast.AsyncWith)):
            targets = (stmt.targets if isinstance(stmt, ast.Assign)
                       else [i.optional_vars for i in stmt.items if i.optional_vars]
                       if isinstance(stmt, (ast.With, ast.AsyncWith)) else [stmt.target])
            for target in targets:
                names.update(_bound(target))
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Try):
            names.update(h.name for h in stmt.handlers if h.name)
        elif isinstance(stmt, (ast.Global, ast.Nonlocal)):
            names.difference_update(stmt.names)
    return names


def _bound(target: ast.AST) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _bound(elt)]
    if isinstance(target, ast.Starred):
        return _bound(target.value)
    return []


def _constructed_type(value: ast.AST) -> str | None:
    """The class a value evidently is: ``Order(...)``, ``Order.objects.get(...)``."""
    if not isinstance(value, ast.Call):
        return None
    name = dotted(value.func)
    if name is None:
        inner = value.func.value if isinstance(value.func, ast.Attribute) else None
        return _constructed_type(inner) if isinstance(inner, ast.Call) else None
    parts = name.split(".")
    if "objects" in parts[1:]:
        head = ".".join(parts[: parts.index("objects")])
        return head if parts[-1] in ("get", "create", "first", "last", "get_or_create",
                                     "latest", "earliest") else None
    if parts[-1][:1].isupper() and parts[-1] not in ("Q", "F"):
        return name
    return None


def _annotation_type(node: ast.AST) -> str | None:
    if (written := const_str(node)) is not None:
        try:
            node = ast.parse(written, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(node, ast.Subscript):  # Optional[Order], list[Order] -> Order
        inner = node.slice
        if isinstance(inner, ast.Tuple):
            inner = inner.elts[0] if inner.elts else inner
        return _annotation_type(inner)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # Order | None
        return _annotation_type(node.left) or _annotation_type(node.right)
    name = dotted(node)
    if name and name.rpartition(".")[2][:1].isupper() and name not in ("None", "Any"):
        return name
    return None


def _attr_types(cls: ast.ClassDef) -> dict[str, str]:
    """Attribute -> type for ``x = Foo()`` / ``x: Foo`` in the class and ``self.x = Foo()``."""
    found: dict[str, str] = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(
            stmt.targets[0], ast.Name
        ):
            kind = _constructed_type(stmt.value)
            if kind:
                found[stmt.targets[0].id] = kind
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            kind = _annotation_type(stmt.annotation)
            if kind:
                found[stmt.target.id] = kind
    for node in _statements(cls.body):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                        and target.value.id == "self"):
                    kind = (_constructed_type(node.value) if node.value is not None else None)
                    if isinstance(node, ast.AnnAssign):
                        kind = _annotation_type(node.annotation) or kind
                    if kind:
                        found.setdefault(target.attr, kind)
    return found


_COMPOUND = frozenset(getattr(ast, name) for name in (
    "If", "For", "AsyncFor", "While", "With", "AsyncWith", "Try", "TryStar", "Match",
    "FunctionDef", "AsyncFunctionDef", "ClassDef") if hasattr(ast, name))


def _statements(body: list[ast.stmt], *, into_definitions: bool = True,
                ) -> Iterator[ast.stmt]:
    """Every statement under ``body``, nested blocks included, without walking expressions."""
    for stmt in body:
        yield stmt
        if stmt.__class__ not in _COMPOUND:
            continue  # a simple statement holds no statements: skip the lookups below
        if not into_definitions and isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                      ast.ClassDef)):
            continue
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, name, None)
            if inner:
                yield from _statements(inner, into_definitions=into_definitions)
        for handler in getattr(stmt, "handlers", ()):
            yield from _statements(handler.body, into_definitions=into_definitions)
        for case in getattr(stmt, "cases", ()):
            yield from _statements(case.body, into_definitions=into_definitions)


def _string_attrs(cls: ast.ClassDef) -> tuple[tuple[str, str], ...]:
    out = []
    for stmt in cls.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name) and _is_str(stmt.value)):
            out.append((stmt.targets[0].id, stmt.value.value))
    return tuple(out)


def _signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Signature:
    args = node.args
    params: list[Param] = []
    positional = [*args.posonlyargs, *args.args]
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for arg, default in zip(positional, defaults):
        params.append(Param(arg.arg, _text(arg.annotation), _text(default)))
    if args.vararg:
        params.append(Param(args.vararg.arg, _text(args.vararg.annotation), None, "varargs"))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        params.append(Param(arg.arg, _text(arg.annotation), _text(default), "keyword"))
    if args.kwarg:
        params.append(Param(args.kwarg.arg, _text(args.kwarg.annotation), None, "varkw"))
    return Signature(node.name, tuple(params), _text(node.returns), node.lineno,
                     isinstance(node, ast.AsyncFunctionDef), _docstring(node))


def _docstring(node: ast.AST) -> str | None:
    try:
        doc = ast.get_docstring(node, clean=True)
    except TypeError:
        return None
    doc = (doc or "").strip()  # a docstring of blank lines cleans to spaces (3.11)
    return doc[:500] or None


def _text(node: ast.AST | None) -> str | None:
    return None if node is None else _expr_text(node)


def _expr_text(node: ast.AST) -> str:
    # ast.unparse is slow and most annotations, defaults and bases are plain names.
    if isinstance(node, (ast.Name, ast.Attribute)):
        name = dotted(node)
        if name is not None:
            return name[:200]
    elif isinstance(node, ast.Constant) and (node.value is None or type(node.value) in (int, bool)):
        return repr(node.value)[:200]
    try:
        return ast.unparse(node)[:200]
    except Exception:  # unparse of odd trees (very deep) must not stop the file
        return "?"


def _decorator_name(node: ast.AST) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return dotted(target) or _expr_text(target)


def _is_str(node: ast.AST) -> bool:
    return const_str(node) is not None



def _code_lines_before(lines: list[str]) -> list[int]:
    """counts[n] = lines of code among the first n lines: any span's count is a difference."""
    counts = [0]
    total = 0
    for line in lines:
        stripped = line.lstrip()
        if stripped and not stripped.startswith("#"):
            total += 1
        counts.append(total)
    return counts
