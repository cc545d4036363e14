"""What each service offers, decided once: entities, RPCs and routes per context.

The proto, Go and gateway generators all render this plan, so they always agree on names.

- **Entities** are the context's owned tables (one message / Go struct per table).
- **RPCs** are the context's real inbound operations: every function or class method that
  other contexts call (``facts.dependencies`` across contexts), and every HTTP route handler
  it owns. Requests come from the Python parameters (hints, then defaults, then names);
  responses from the return hint, else from the table the operation's class works on.
- **Chatty calls are merged** (the playbook's "aggregate interfaces"): for every pair in
  ``decomposition.chatty_pairs``, the fine-grained operations one context calls on the other
  become one ``Batch<Caller>Calls`` RPC carrying all of them in a single round trip; a
  fine-grained RPC no other context uses is then dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from decomposer.model import Analysis, Context, Parsed, Signature, Symbol, Table
from reports.stubs import types
from reports.stubs.naming import (
    ServiceNames,
    comment_text,
    first_line,
    go_field,
    pascal,
    service_names,
    singular,
    snake,
    unique,
)
from reports.stubs.routes import HttpRoute, http_routes
from reports.stubs.types import FieldType

_ONE = ("get", "find", "fetch", "load", "read", "one", "by", "create", "add", "insert", "save",
        "update", "open", "record", "new", "edit")
_MANY = ("list", "all", "search", "query", "filter", "history", "for")
_CLASS_SUFFIXES = ("dao", "repository", "repo", "manager", "service", "model", "store",
                   "gateway", "table", "mapper")


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    comment: str = ""


@dataclass(frozen=True)
class Message:
    name: str
    fields: tuple[Field, ...]
    comment: str = ""


@dataclass(frozen=True)
class Rpc:
    name: str
    request: Message
    response: Message
    ports: str  # symbol id of the monolith code to port ("" for aggregates)
    where: str  # "file:line"
    summary: str  # one safe line
    callers: tuple[str, ...] = ()  # contexts that call it ("http" for routes)


@dataclass(frozen=True)
class Column:
    name: str  # as the monolith spells it
    field: str  # proto field name, unique in the entity
    go: str  # Go field name, unique in the struct
    type: FieldType
    nullable: bool
    primary_key: bool


@dataclass(frozen=True)
class Entity:
    table: str
    message: str  # proto message and Go struct name
    columns: tuple[Column, ...]
    source: str  # "file:line" of the table's definition


@dataclass(frozen=True)
class ServicePlan:
    names: ServiceNames
    context: Context
    entities: tuple[Entity, ...]
    rpcs: tuple[Rpc, ...]
    messages: tuple[Message, ...]  # every request/response message, in file order
    routes: tuple[HttpRoute, ...]
    uses_kernel: bool


def plan_services(analysis: Analysis) -> tuple[ServicePlan, ...]:
    """One plan per context, sorted by context name."""
    contexts = sorted(analysis.decomposition.contexts, key=lambda c: c.name)
    names = service_names([c.name for c in contexts])
    routes = http_routes(analysis)
    return tuple(_Planner(analysis, c, names[c.name], routes).plan() for c in contexts)


class _Planner:
    def __init__(self, analysis: Analysis, context: Context, names: ServiceNames,
                 routes: tuple[HttpRoute, ...]) -> None:
        self.analysis = analysis
        self.context = context
        self.names = names
        self.symbols = analysis.facts.symbol_map()
        self.owner = analysis.decomposition.context_of()
        self.routes = tuple(r for r in routes if r.context == context.name)
        self.taken = {names.service.lower()}  # message names (lower-case)
        self.rpc_names: set[str] = set()
        self.entities = self._entities()
        self.by_class = self._entity_by_class()

    def plan(self) -> ServicePlan:
        rpcs: dict[str, Rpc] = {}  # by symbol id (+ method)
        called = self._inbound_calls()
        for key in sorted(called):
            rpc = self._call_rpc(key, tuple(sorted(called[key])))
            if rpc:
                rpcs[key] = rpc
        for handler in sorted({r.handler for r in self.routes}):
            if handler not in rpcs:
                rpcs[handler] = self._route_rpc(handler)
        merged, aggregates = self._aggregates(called, rpcs)
        kept = [r for key, r in sorted(rpcs.items()) if key not in merged]
        all_rpcs = tuple(sorted(kept + aggregates, key=lambda r: r.name))
        messages = []
        for rpc in sorted(list(rpcs.values()) + aggregates, key=lambda r: r.name):
            messages += [rpc.request, rpc.response]
        return ServicePlan(self.names, self.context, self.entities, all_rpcs, tuple(messages),
                           self.routes, self._uses_kernel())

    # ------------------------------------------------------------ entities

    def _entities(self) -> tuple[Entity, ...]:
        out = []
        for name in sorted(self.context.tables):
            table = self.analysis.facts.schema.table(name)
            if table is None or table.kind != "table":
                continue
            message = unique(pascal(singular(name), fallback="Entity"), self.taken)
            out.append(Entity(name, message, _columns(table), table.source))
        return tuple(out)

    def _entity_by_class(self) -> dict[str, Entity]:
        """Python class name -> entity: ORM models, and classes named like the table."""
        out = {}
        for e in self.entities:
            table = self.analysis.facts.schema.table(e.table)
            if table and table.defined_by:
                out[table.defined_by.rpartition(":")[2]] = e
            out.setdefault(pascal(singular(e.table)), e)
        return out

    # ------------------------------------------------------------ inbound operations

    def _inbound_calls(self) -> dict[str, set[str]]:
        """``symbol id`` or ``symbol id.method`` -> contexts calling it from outside."""
        here = self.context.name
        targets: dict[str, set[str]] = defaultdict(set)
        for dep in self.analysis.facts.dependencies:
            if dep.kind not in ("call", "reference"):
                continue
            caller = self.owner.get(dep.source)
            if caller and caller != here and self.owner.get(dep.target) == here:
                targets[dep.target].add(caller)
        out: dict[str, set[str]] = defaultdict(set)
        methods = self._methods_called(targets)
        for target, callers in targets.items():
            symbol = self.symbols.get(target)
            if symbol is None:
                continue
            if symbol.kind == "function":
                out[target] |= callers
                continue
            for method in methods.get(target) or _public_methods(symbol):
                out[f"{target}.{method}"] |= callers
        return out

    def _methods_called(self, targets: dict[str, set[str]]) -> dict[str, set[str]]:
        """Class id -> its methods that other contexts name (``PetDAO.get``, ``o.save``)."""
        by_name = {t.rpartition(":")[2]: t for t in targets
                   if self.symbols.get(t) and self.symbols[t].kind == "class"}
        out: dict[str, set[str]] = defaultdict(set)
        for outcome in self.analysis.facts.outcomes:
            facts = outcome.facts if isinstance(outcome, Parsed) else None
            for ref in getattr(facts, "refs", ()):
                parts = ref.target.split(".")
                caller = self.owner.get(ref.source)
                if len(parts) < 2 or parts[-2] not in by_name or caller in (None,
                                                                           self.context.name):
                    continue
                cls = self.symbols[by_name[parts[-2]]]
                if any(s.name == parts[-1] for s in cls.signatures) and not parts[-1].startswith(
                        "_"):
                    out[cls.id].add(parts[-1])
        return out

    def _call_rpc(self, key: str, callers: tuple[str, ...]) -> Rpc | None:
        symbol_id, method = _split_method(key, self.symbols)
        symbol = self.symbols[symbol_id]
        signature = _signature(symbol, method)
        if signature is None:
            return None
        name = self._rpc_name(symbol, method)
        entity = self._entity_of(symbol.id)
        request = self._request(name, signature, is_method=bool(method))
        response = self._response(name, signature, entity)
        where = f"{symbol.file}:{signature.line or symbol.line}"
        summary = first_line(signature.docstring or (None if method else symbol.docstring))
        return Rpc(name, request, response, comment_text(key), comment_text(where),
                   comment_text(summary), callers)

    def _route_rpc(self, handler: str) -> Rpc:
        routes = [r for r in self.routes if r.handler == handler]
        symbol = self.symbols.get(handler)
        name = self._unique_rpc(pascal(handler.rpartition(":")[2].rpartition(".")[2],
                                       fallback="Handle"))
        fields: dict[str, Field] = {}
        for s in routes[0].params:
            kind = FieldType("int") if s.converter == "int" else (
                FieldType("float") if s.converter == "float" else types.from_name(s.text))
            fields[s.original] = Field(s.original, kind, f"path parameter :{s.text}")
        signature = _signature(symbol, "") if symbol else None
        for p in signature.params if signature else ():
            if p.kind in ("positional", "keyword") and snake(p.name) not in fields:
                fields[snake(p.name)] = _param_field(p, self._entity_names())
        entity = self._entity_of(handler)
        writes = any(r.method != "GET" for r in routes)
        many = not writes and not routes[0].params
        if entity and writes:
            for c in entity.columns:
                if not c.primary_key and c.field not in fields:
                    fields[c.field] = Field(c.field, c.type, comment_text(f"column {c.name}"))
        request = Message(name + "Request", tuple(fields.values()))
        response = Message(name + "Response", _entity_result(entity, many))
        methods = ", ".join(sorted({r.method for r in routes}))
        where = comment_text(routes[0].source)
        summary = first_line(symbol.docstring if symbol else None)
        http = f"{methods} {routes[0].original}"
        return Rpc(name, request, response, comment_text(handler), where,
                   comment_text(f"{http}. {summary}" if summary else http), ("http",))

    def _aggregates(self, called: dict[str, set[str]], rpcs: dict[str, Rpc]) -> tuple[
            set[str], list[Rpc]]:
        merged: set[str] = set()
        out = []
        pairs = {(a, b) for a, b, _ in self.analysis.decomposition.chatty_pairs}
        for caller in sorted({a for a, b in pairs if b == self.context.name}
                             | {b for a, b in pairs if a == self.context.name}):
            keys = sorted(k for k, callers in called.items() if caller in callers and k in rpcs)
            if not keys:
                continue
            name = self._unique_rpc(f"Batch{pascal(caller)}Calls")
            parts = [rpcs[k] for k in keys]
            request = Message(name + "Request", tuple(
                Field(snake(r.name), FieldType("message", r.request.name, repeated=True),
                      f"calls to {r.name}") for r in parts))
            response = Message(name + "Response", tuple(
                Field(snake(r.name), FieldType("message", r.response.name, repeated=True),
                      f"answers of {r.name}, in request order") for r in parts))
            summary = (f"One round trip for the fine-grained calls {caller} makes: "
                       + ", ".join(r.name for r in parts))
            out.append(Rpc(name, request, response, "", parts[0].where, comment_text(summary),
                           (caller,)))
            merged |= {k for k in keys if called[k] == {caller} and "http" not in
                       rpcs[k].callers}
        return merged, out

    # ------------------------------------------------------------ messages

    def _request(self, name: str, signature: Signature, *, is_method: bool) -> Message:
        params = list(signature.params)
        if is_method and params and params[0].name in ("self", "cls"):
            params = params[1:]
        fields, used = [], set()
        for p in params:
            if p.kind in ("varargs", "varkw"):
                continue
            f = _param_field(p, self._entity_names())
            if f.name not in used:
                used.add(f.name)
                fields.append(f)
        return Message(name + "Request", tuple(fields))

    def _response(self, name: str, signature: Signature, entity: Entity | None) -> Message:
        returns = (signature.returns or "").strip()
        if returns in ("None", "NoReturn"):
            return Message(name + "Response", ())
        if returns:
            t = types.from_python(returns, entities=self._entity_names())
            field = ("items" if t.repeated else "item") if t.kind == "message" else (
                "values" if t.repeated else "value")
            return Message(name + "Response", (Field(field, t, f"returns {returns}"),))
        verb = snake(signature.name).split("_")
        many = any(w in _MANY for w in verb) and not any(w in ("one", "by") for w in verb)
        if entity and (many or any(w in _ONE for w in verb)):
            return Message(name + "Response", _entity_result(entity, many))
        return Message(name + "Response", (), "no return type in the monolith")

    def _rpc_name(self, symbol: Symbol, method: str) -> str:
        if not method:
            return self._unique_rpc(pascal(symbol.name, fallback="Call"))
        words = snake(method).split("_")
        entity = _class_entity_name(symbol.name)
        base = pascal(method) + (entity if len(words) == 1 else "")
        if base.lower() in self.rpc_names:
            base = pascal(symbol.name) + pascal(method)
        return self._unique_rpc(base)

    def _unique_rpc(self, base: str) -> str:
        """An RPC name free in the service, whose Request/Response names are free too."""
        name, n = base, 2
        while name.lower() in self.rpc_names or {f"{name}request", f"{name}response"} & (
                self.taken):
            name, n = f"{base}{n}", n + 1
        self.rpc_names.add(name.lower())
        self.taken |= {f"{name}request", f"{name}response"}
        return name

    def _entity_of(self, symbol_id: str) -> Entity | None:
        """The owned table an operation works on most (its own accesses, else its callees')."""
        owned = {e.table: e for e in self.entities}
        counts = Counter(a.table for a in self.analysis.facts.accesses
                         if a.source == symbol_id and a.table in owned)
        if not counts:
            callees = {d.target for d in self.analysis.facts.dependencies
                       if d.source == symbol_id and d.kind == "call"}
            counts = Counter(a.table for a in self.analysis.facts.accesses
                             if a.source in callees and a.table in owned)
        symbol = self.symbols.get(symbol_id)
        if symbol and symbol.name in self.by_class:
            return self.by_class[symbol.name]
        return owned[min(counts, key=lambda t: (-counts[t], t))] if counts else None

    def _entity_names(self) -> dict[str, str]:
        return {cls: e.message for cls, e in self.by_class.items()}

    def _uses_kernel(self) -> bool:
        kernel = set(self.analysis.decomposition.shared_kernel)
        mine = set(self.context.symbols)
        return any(d.source in mine and d.target in kernel
                   for d in self.analysis.facts.dependencies)


def _split_method(key: str, symbols: dict[str, Symbol]) -> tuple[str, str]:
    if key in symbols:
        return key, ""
    symbol_id, _, method = key.rpartition(".")
    return symbol_id, method


def _signature(symbol: Symbol | None, method: str) -> Signature | None:
    if symbol is None:
        return None
    if symbol.kind == "function":
        return symbol.signatures[0] if symbol.signatures else Signature(symbol.name, (), None,
                                                                        symbol.line)
    return next((s for s in symbol.signatures if s.name == method), None)


def _public_methods(symbol: Symbol) -> list[str]:
    return sorted({s.name for s in symbol.signatures if not s.name.startswith("_")})


def _class_entity_name(class_name: str) -> str:
    words = snake(class_name).split("_")
    while len(words) > 1 and words[-1] in _CLASS_SUFFIXES:
        words.pop()
    return pascal("_".join(words))


def _param_field(p, entities: dict[str, str]) -> Field:
    t = types.from_python(p.annotation, p.default, p.name, entities)
    note = f"default {p.default}" if p.default is not None else ""
    return Field(snake(p.name), t, comment_text(note, limit=80))


def _entity_result(entity: Entity | None, many: bool) -> tuple[Field, ...]:
    if entity is None:
        return ()
    return (Field("items" if many else "item", FieldType("message", entity.message, many)),)


def _columns(table: Table) -> tuple[Column, ...]:
    pk = set(table.primary_key)
    out, seen, fields, go_names = [], set(), set(), set()
    for c in table.columns:
        if c.name.lower() in seen:
            continue
        seen.add(c.name.lower())
        out.append(Column(c.name, unique(snake(c.name), fields), unique(go_field(c.name),
                                                                         go_names),
                          types.from_sql(c.type), c.nullable, c.primary_key or c.name in pk))
    return tuple(out)
