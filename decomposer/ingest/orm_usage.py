"""Uses of ORM models in one file: queries, saves and deletes, as ``OrmUse`` values.

The model of a use is kept as written (``Order``, ``models.Order``); the global pass
in ``orm.resolve_orm`` resolves it and drops what is not a model. That is why this
module may be generous: ``form = OrderForm(); form.save()`` yields a use of
``OrderForm`` that the global pass discards.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from decomposer.ingest.astutil import const_str, dotted
from decomposer.model import OrmUse

# Queryset and manager methods that change rows; every other method reads.
WRITE_METHODS = {"create", "update", "delete", "bulk_create", "get_or_create",
                 "update_or_create", "bulk_update"}
# Methods that return one instance of the model they query (for local types).
SINGLE_RESULT = {"get", "create", "first", "last", "latest", "earliest", "get_or_create",
                 "update_or_create", "one", "one_or_none", "scalar", "scalar_one",
                 "scalar_one_or_none", "get_or_404", "first_or_404", "one_or_404",
                 "get_by_id", "get_or_none"}
# ``session.<method>(instance)`` that writes the instance.
SESSION_WRITES = {"add", "add_all", "delete", "merge"}
# ``repository.<method>(instance)`` that writes the instance: a repository's ``add`` hands
# it to the session its generic base class holds (``QuoteRepository(db).add(quote)``). A
# repository is known by its name or its class's (``self.quotes = QuoteRepository(db)``),
# not by the method alone: ``order.tags.add(tag)`` writes a link table, ``seen.add(o)`` none.
REPOSITORY_WRITES = {"add", "add_all", "save", "delete", "merge"}
REPOSITORY_NAMES = ("repository", "repo", "dao", "gateway", "mapper")
# SQLAlchemy statement constructors and what they do to their model.
STATEMENTS = {"select": "read", "insert": "write", "update": "write", "delete": "write"}
STATEMENT_PREFIXES = ("sqlalchemy", "sqlmodel", "flask_sqlalchemy")
STATEMENT_RECEIVERS = ("db", "sa", "sqlalchemy")
MANAGERS = {"objects", "_default_manager", "_base_manager"}
# Queries a peewee model class answers itself (``Tweet.select()``, ``User.create(...)``),
# and what they do to its table.
CLASS_QUERIES = {"select": "read", "get": "read", "get_or_none": "read", "get_by_id": "read",
                 "create": "write", "insert": "write", "insert_many": "write",
                 "insert_from": "write", "replace": "write", "replace_many": "write",
                 "update": "write", "delete": "write", "delete_by_id": "write",
                 "get_or_create": "write", "bulk_create": "write", "bulk_update": "write",
                 # SQLObject's
                 "selectBy": "read", "deleteBy": "write", "deleteMany": "write"}
SINGLE_LOOKUPS = {"get_object_or_404", "get_or_404"}
# Class methods that make an instance of their class (pydantic's and SQLModel's):
# ``Item.model_validate(item_in)`` is an ``Item``.
CONSTRUCTORS = {"model_validate", "model_construct", "from_orm", "parse_obj", "construct"}
_BLOCKS = tuple(getattr(ast, n) for n in ("If", "Try", "TryStar", "With", "AsyncWith")
                if hasattr(ast, n))
_DEFS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
# Node types that bind a local type or can be a use; the rest are only walked through.
_INDEXED = {ast.Assign, ast.AnnAssign, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith,
            ast.Attribute, ast.Call}


def extract_uses(tree: ast.Module, *, module: str, names: Mapping[str, str],
                 text: str | None = None) -> tuple[OrmUse, ...]:
    """Every use of a (possible) model in ``tree``, attributed to its enclosing symbol.

    With the source ``text``, definitions whose text has none of ``USE_HINTS`` are
    skipped: the scan of a function costs a walk of all its nodes."""
    lines = text.splitlines() if text is not None else None
    found: list[OrmUse] = []
    module_code: list[ast.stmt] = []
    items = list(top_level_items(tree, module))
    instances = _instances([node for node, symbol in items if symbol is None])
    for node, symbol in items:
        if symbol is None:
            module_code.append(node)
        elif lines is not None and not _may_use(node, lines):
            continue
        elif isinstance(node, ast.ClassDef):
            found += _class_uses(node, symbol, names, instances)
        else:
            found += _Scope(symbol, names, [node], _params(node), attributes=instances).uses()
    found += _Scope(module, names, module_code, ()).uses()
    return tuple(sorted(set(found), key=lambda u: (u.source, u.line, u.model, u.mode,
                                                   u.evidence)))


# Every use form below needs one of these in its text (a model name alone does not make
# a use: a constructor is one only when saved, added or merged).
USE_HINTS = ("objects", "_manager", "query", "session", "Session", "select(", "insert(",
             "update(", "delete(", ".save(", ".add(", ".add_all(", ".merge(", "get_object_or_404",
             "store.find(", "store.get(", "Store(", "model =", "model=")


CLASS_QUERY_HINT = re.compile(rf"\b[A-Z]\w*\.(?:{'|'.join(CLASS_QUERIES)})\(")


def _may_use(node: ast.stmt, lines: list[str]) -> bool:
    segment = "\n".join(lines[node.lineno - 1:(node.end_lineno or node.lineno)])
    return any(hint in segment for hint in USE_HINTS) or bool(CLASS_QUERY_HINT.search(segment))


def top_level_items(tree: ast.Module, module: str) -> Iterator[tuple[ast.stmt, str | None]]:
    """Top-level statements with their symbol id (None for module-level code).

    Definitions nested under module-level ``if``/``try``/``with`` are top level too.
    """
    yield from _items(tree.body, module)


def absolute(raw: str, names: Mapping[str, str]) -> str:
    """The absolute dotted name of ``raw``, following the file's imports."""
    head, _, rest = raw.partition(".")
    base = names.get(head, head)
    return f"{base}.{rest}" if rest else base


def _items(body: Iterable[ast.stmt], module: str) -> Iterator[tuple[ast.stmt, str | None]]:
    for stmt in body:
        if isinstance(stmt, _DEFS):
            yield stmt, f"{module}:{stmt.name}"
        elif isinstance(stmt, _BLOCKS):
            blocks = [stmt.body, getattr(stmt, "orelse", []), getattr(stmt, "finalbody", [])]
            blocks += [h.body for h in getattr(stmt, "handlers", [])]
            for block in blocks:
                yield from _items(block, module)
        else:
            yield stmt, None


def _params(node: ast.AST) -> tuple[ast.arg, ...]:
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ()
    a = node.args
    return (*a.posonlyargs, *a.args, *a.kwonlyargs)


def _class_uses(node: ast.ClassDef, symbol: str, names: Mapping[str, str],
                instances: Mapping[str, str]) -> list[OrmUse]:
    """Methods are scanned one by one (``self`` is the class); the class body as one."""
    found: list[OrmUse] = []
    body: list[ast.stmt] = []
    sessions = _session_attributes(node)
    attributes = {**instances, **_attribute_classes(node)}
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += _Scope(symbol, names, [stmt], _params(stmt), own_class=node.name,
                            sessions=sessions, attributes=attributes).uses()
        else:
            body.append(stmt)
    found += _declared_model_uses(node, symbol)
    return found + _Scope(symbol, names, body, (), own_class=node.name).uses()


# Django views and forms declare the model they work on: ``model = Order`` in a generic
# view, ``class Meta: model = Order`` in a ModelForm or serializer. Views that create,
# update or delete, and forms (which save), write it; the others read it.
_WRITING_BASES = ("CreateView", "UpdateView", "DeleteView", "FormView", "ModelForm",
                  "ModelSerializer", "ModelViewSet", "CreateAPIView", "UpdateAPIView")


def _self_assignments(node: ast.ClassDef) -> Iterator[tuple[tuple[ast.arg, ...], str, ast.expr]]:
    """(the method's parameters, ``self.x``, the value) for each ``self.x = value`` in a
    method of the class."""
    for method in node.body:
        if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = _params(method)
            for stmt in ast.walk(method):
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                    target = dotted(stmt.targets[0]) or ""
                    if target.startswith("self."):
                        yield params, target, stmt.value


def _session_attributes(node: ast.ClassDef) -> frozenset[str]:
    """``self.s`` when a method keeps a session there: a repository's ``__init__(self, s:
    Session)`` doing ``self.s = s``, or ``self.s = SessionLocal()`` (``self.db`` is one by
    its name alone)."""
    found = set()
    for params, target, value in _self_assignments(node):
        held = dotted(value.func if isinstance(value, ast.Call) else value) or ""
        if "session" in held.lower() or any(
                a.arg == held and _names_session(a.annotation) for a in params):
            found.add(target)
    return frozenset(found)


def _instances(module_code: list[ast.stmt]) -> dict[str, str]:
    """Module-level objects and their class: ``wines = WineRepository()``."""
    return {stmt.targets[0].id: dotted(stmt.value.func) or "" for stmt in module_code
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name) and isinstance(stmt.value, ast.Call)
            and _is_class_name(dotted(stmt.value.func))}


def _attribute_classes(node: ast.ClassDef) -> dict[str, str]:
    """``self.x``'s class when a method sets it to an instance: ``self.x = Cls(...)``, or
    ``self.x = p`` for a parameter ``p: Cls``."""
    seen: dict[str, set[str]] = defaultdict(set)
    for params, target, value in _self_assignments(node):
        if isinstance(value, ast.Call) and _is_class_name(dotted(value.func)):
            held = dotted(value.func)
        else:
            held = next((_annotation_type(a.annotation) for a in params
                         if a.arg == dotted(value)), None)
        if held:
            seen[target].add(held)
    return {target: next(iter(c)) for target, c in seen.items() if len(c) == 1}


def _declared_model_uses(node: ast.ClassDef, symbol: str) -> list[OrmUse]:
    bases = [dotted(b) or "" for b in node.bases]
    writes = any(b.endswith(_WRITING_BASES) for b in bases) or node.name.endswith("Form")
    found = []
    meta = [s for s in node.body if isinstance(s, ast.ClassDef) and s.name == "Meta"]
    for body in [node.body, *(m.body for m in meta)]:
        for stmt in body:
            if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == "model"):
                model = _model_name(stmt.value)
                if model:
                    found.append(OrmUse(symbol, model, "write" if writes else "read",
                                        stmt.lineno, f"model = {model}"))
    return found


def _is_class_name(raw: str | None) -> bool:
    return bool(raw) and raw.rpartition(".")[2][:1].isupper()


def _model_name(node: ast.expr) -> str | None:
    """``Order`` from ``Order`` or ``Order.id``; ``models.Order`` stays as written."""
    raw = dotted(node)
    if raw is None:
        return None
    head, _, last = raw.rpartition(".")
    if head and not _is_class_name(last) and _is_class_name(head):
        raw = head
    return raw if _is_class_name(raw) else None


def _annotation_type(node: ast.expr | None) -> str | None:
    """``Order`` from ``Order``, ``"Order"``, ``Optional[Order]`` or ``Order | None``."""
    if (written := const_str(node)) is not None:
        try:
            node = ast.parse(written, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(node, ast.Subscript) and (dotted(node.value) or "").endswith("Optional"):
        node = node.slice
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        sides = [s for s in (node.left, node.right)
                 if not (isinstance(s, ast.Constant) and s.value is None)]
        node = sides[0] if len(sides) == 1 else None
    raw = dotted(node)
    return raw if _is_class_name(raw) else None


class _Scope:
    """One function (or class body, or module-level code) and the types evident in it."""

    def __init__(
        self, source: str, names: Mapping[str, str], nodes: list[ast.stmt],
        params: tuple[ast.arg, ...], *, own_class: str | None = None,
        sessions: frozenset[str] = frozenset(), attributes: Mapping[str, str] | None = None,
    ) -> None:
        self.source = source
        self.names = names
        self.nodes = nodes
        self.own_class = own_class
        self.order, self.parents = _index(nodes)
        self.sessions: set[str] = set(sessions)  # names that hold a session
        self.attributes = attributes or {}  # self.x and module-level objects -> their class
        self.types: dict[str, str] = {}
        self.types = self._local_types(params)

    # -- local types

    def _local_types(self, params: tuple[ast.arg, ...]) -> dict[str, str]:
        seen: dict[str, set[str]] = defaultdict(set)
        for arg in params:
            if _names_session(arg.annotation):  # db: Session = Depends(get_db)
                self.sessions.add(arg.arg)
            elif (found := _annotation_type(arg.annotation)) is not None:
                seen[arg.arg].add(found)
        for node in self.order:
            for name, type_ in self._bindings(node):
                seen[name].add(type_)
        types = {name: next(iter(t)) for name, t in seen.items() if len(t) == 1}
        if self.own_class and params and params[0].arg in {"self", "cls"}:
            types[params[0].arg] = self.own_class
        return types


    def _bindings(self, node: ast.AST) -> Iterator[tuple[str, str]]:
        """(name, model) pairs that ``node`` binds, and session variables on the side."""
        if isinstance(node, ast.Assign):
            value_type = self._instance_type(node.value)
            self._note_session(node.targets, node.value)
            for target in node.targets:
                if isinstance(target, ast.Tuple) and target.elts:
                    target = target.elts[0]  # o, created = Order.objects.get_or_create(...)
                if isinstance(target, ast.Name) and value_type:
                    yield target.id, value_type
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found = _annotation_type(node.annotation) or self._instance_type(node.value)
            if found:
                yield node.target.id, found
        elif isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.target, ast.Name):
            found = self._mentioned_model(node.iter)
            if found:
                yield node.target.id, found
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    self._note_session([item.optional_vars], item.context_expr)

    def _note_session(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        func = dotted(value.func) if isinstance(value, ast.Call) else None
        if func and "session" in func.lower():
            self.sessions.update(t.id for t in targets if isinstance(t, ast.Name))

    def _instance_type(self, value: ast.expr | None) -> str | None:
        if isinstance(value, ast.IfExp):  # o = get(Order, pk) if pk else Order()
            found = {self._instance_type(value.body), self._instance_type(value.orelse)} - {None}
            return found.pop() if len(found) == 1 else None
        if not isinstance(value, ast.Call):
            return None
        func = dotted(value.func)
        if _is_class_name(func):
            return func  # o = Order(...)
        if func and func.rpartition(".")[2] in SINGLE_LOOKUPS and value.args:
            return _model_name(value.args[0])
        method = value.func.attr if isinstance(value.func, ast.Attribute) else None
        if method in CONSTRUCTORS and _is_class_name(dotted(value.func.value)):
            return dotted(value.func.value)
        if method in SINGLE_RESULT:
            return self._mentioned_model(value)
        if method == "get" and self._is_session(value.func.value) and value.args:
            return _model_name(value.args[0])  # session.get(Order, pk)
        return None

    def _mentioned_model(self, node: ast.expr) -> str | None:
        """The one model a query expression is about, if there is exactly one."""
        found = {u.model for u in self._uses_in(ast.walk(node))}
        return found.pop() if len(found) == 1 else None

    def _is_session(self, node: ast.expr) -> bool:
        text = dotted(node) or ""
        return ("session" in text.lower() or text in self.sessions
                or text.rpartition(".")[2].lstrip("_") == "db" or _is_store(node))

    # -- uses

    def uses(self) -> list[OrmUse]:
        return list(self._uses_in(self.order))

    def _uses_in(self, nodes: Iterable[ast.AST]) -> Iterator[OrmUse]:
        for node in nodes:
            if isinstance(node, ast.Attribute):
                yield from self._attribute_use(node)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                yield from self._method_use(node, node.func)
            elif isinstance(node, ast.Call):
                yield from self._statement_use(node)

    def _use(self, model: str, mode: str, node: ast.AST, evidence: str) -> OrmUse:
        return OrmUse(source=self.source, model=model, mode=mode, line=node.lineno,
                      evidence=evidence)

    def _receiver_model(self, node: ast.expr) -> str | None:
        raw = dotted(node)
        if raw in {"cls", "self"} and self.own_class:
            return self.own_class
        return raw if _is_class_name(raw) else None

    def _attribute_use(self, node: ast.Attribute) -> Iterator[OrmUse]:
        """``Order.objects...`` (Django) and ``Order.query...`` (Flask-SQLAlchemy)."""
        if node.attr not in MANAGERS and node.attr != "query":
            return
        model = self._receiver_model(node.value)
        if model is None:
            return
        steps = self._steps_after(node)
        if node.attr == "query" and steps[:1] == ["__call__"]:
            return  # session.query(...) is a call, handled as a method
        writes = WRITE_METHODS if node.attr in MANAGERS else {"update", "delete"}
        written = next((s for s in steps if s in writes), None)
        tail = f".{steps[0]}" if steps else ""
        if written and written != steps[0]:
            tail += f"(...).{written}"
        mode = "write" if written else "read"
        yield self._use(model, mode, node, f"{model}.{node.attr}{tail}")

    def _steps_after(self, node: ast.AST) -> list[str]:
        """Method and attribute names chained onto ``node``: ``.filter(...).update(...)``."""
        steps: list[str] = []
        current = node
        while True:
            parent = self.parents.get(current)
            if isinstance(parent, ast.Attribute) and parent.value is current:
                steps.append(parent.attr)
            elif isinstance(parent, ast.Call) and parent.func is current:
                if current is node:
                    steps.append("__call__")
            else:
                return steps
            current = parent

    def _method_use(self, call: ast.Call, func: ast.Attribute) -> Iterator[OrmUse]:
        receiver = dotted(func.value) or ""
        if func.attr == "query" and call.args:
            steps = self._steps_after(call)
            write = bool({"update", "delete"} & set(steps))
            for index, arg in enumerate(call.args):
                model = _model_name(arg)
                if model:
                    mode = "write" if write and index == 0 else "read"
                    yield self._use(model, mode, call, f"{receiver or 'session'}.query({model})")
        elif func.attr in SESSION_WRITES and self._is_session(func.value) and call.args:
            yield from self._written_args(call, f"{receiver}.{func.attr}")
        elif func.attr in REPOSITORY_WRITES and self._is_repository(func.value) and call.args:
            if isinstance(func.value, ast.Call):
                receiver = f"{dotted(func.value.func)}(...)"
            yield from self._written_args(call, f"{receiver}.{func.attr}")
        elif func.attr in ("get", "find") and self._is_session(func.value) and call.args:
            for arg in _elements(call.args[0]) if func.attr == "find" else call.args[:1]:
                model = _model_name(arg)
                if model:
                    yield self._use(model, "read", call, f"{receiver}.{func.attr}({model})")
        elif func.attr in CLASS_QUERIES and _is_class_name(receiver) and receiver not in {
                "self", "cls"}:
            # ``Tweet.select()``: the global pass keeps it only if ``Tweet`` is a model
            model = _model_name(func.value)
            if model:
                yield self._use(model, CLASS_QUERIES[func.attr], call,
                                f"{model}.{func.attr}(...)")
        elif func.attr in {"save", "delete"}:
            yield from self._instance_write(call, func)
        if func.attr in STATEMENTS and self._is_statement(dotted(func) or ""):
            yield from self._statement_use(call)

    def _is_repository(self, node: ast.expr) -> bool:
        """``repo``, ``self.orders`` set to an ``OrderRepository``, ``OrderDAO(db)``."""
        if isinstance(node, ast.Call):
            names = [dotted(node.func) or ""]
        else:
            text = dotted(node) or ""
            names = [text, self.types.get(text, ""), self.attributes.get(text, "")]
        return any(n.rpartition(".")[2].lower().lstrip("_").endswith(REPOSITORY_NAMES)
                   for n in names if n)

    def _written_args(self, call: ast.Call, shown_call: str) -> Iterator[OrmUse]:
        """A write of each instance handed over: ``session.add(order)``, ``add_all([a, b])``."""
        for arg in _elements(call.args[0]) if call.args else []:
            found = self._written_instance(arg)
            if found:
                model, shown = found
                yield self._use(model, "write", call, f"{shown_call}({shown})")

    def _written_instance(self, arg: ast.expr) -> tuple[str, str] | None:
        """(model, text) for ``Order(...)`` or a variable whose type is evident."""
        if isinstance(arg, ast.Call) and _is_class_name(dotted(arg.func)):
            model = dotted(arg.func) or ""
            return model, f"{model}(...)"
        if isinstance(arg, ast.Name) and arg.id in self.types:
            return self.types[arg.id], arg.id
        return None

    def _instance_write(self, call: ast.Call, func: ast.Attribute) -> Iterator[OrmUse]:
        target = func.value
        if isinstance(target, ast.Call) and dotted(target.func) == "super" and self.own_class:
            model, shown = self.own_class, "super()"
        else:
            found = self._written_instance(target)
            if found is None:
                return
            model, shown = found
        yield self._use(model, "write", call, f"{shown}.{func.attr}()")

    def _is_statement(self, func: str) -> bool:
        head = func.partition(".")[0]
        return absolute(func, self.names).startswith(STATEMENT_PREFIXES) or (
            func.count(".") == 1 and head in STATEMENT_RECEIVERS
        )

    def _statement_use(self, call: ast.Call) -> Iterator[OrmUse]:
        """``select(Order)``, ``insert(Order)``, ``update(Order)``, ``delete(Order)``."""
        func = dotted(call.func) or ""
        kind = func.rpartition(".")[2]
        if kind not in STATEMENTS or not self._is_statement(func):
            return
        for arg in (e for a in call.args for e in _elements(a)):
            model = _model_name(arg)
            if model:
                yield self._use(model, STATEMENTS[kind], call, f"{kind}({model})")


def _index(nodes: list[ast.stmt]) -> tuple[list[ast.AST], dict[ast.AST, ast.AST]]:
    """The nodes under ``nodes`` that can bind or use a model, and every node's parent."""
    order: list[ast.AST] = []
    parents: dict[ast.AST, ast.AST] = {}
    stack: list[ast.AST] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if type(node) in _INDEXED:
            order.append(node)
        for child in ast.iter_child_nodes(node):
            parents[child] = node
            stack.append(child)
    return order, parents


def _names_session(annotation: ast.expr | None) -> bool:
    """An annotation naming a session class: ``Session``, ``orm.Session``, ``AsyncSession``,
    ``Optional[Session]``."""
    return annotation is not None and any(
        "session" in (dotted(node) or "").rpartition(".")[2].lower()
        for node in ast.walk(annotation) if isinstance(node, (ast.Name, ast.Attribute)))


def _is_store(node: ast.expr) -> bool:
    """Storm's store, which answers as a session does: ``store``, ``self.store``,
    ``IStore(Person)``; by the last name only (``self._restored_notes`` is no store)."""
    text = dotted(node.func if isinstance(node, ast.Call) else node) or ""
    return text.rpartition(".")[2].lower().endswith("store")


def _elements(node: ast.expr) -> list[ast.expr]:
    """The items of a list/tuple literal, or the node itself."""
    return list(node.elts) if isinstance(node, (ast.List, ast.Tuple)) else [node]
