"""Relations between contexts, each with its evidence, communication mode and events.

==================  ====================================================  ==================
kind                from A to B when                                      mode
==================  ====================================================  ==================
customer-supplier   A's symbols call, reference or inherit B's; or A      grpc, or events
                    writes a table B owns that no other context writes    for notices only
data-dependency     A reads a table B owns                                events
conflict            A writes a table B owns and B (or a third) writes it  grpc / events
shared-kernel       A uses shared-kernel symbols (B = "shared-kernel")    library
open-host           HTTP routes reach A (from the pseudo-context          rest
                    "gateway")
==================  ====================================================  ==================
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from decomposer.context_map import communication as comm
from decomposer.model import Dependency, Facts, Relation, Symbol, TableAccess, TableOwnership

SHARED_KERNEL = "shared-kernel"
GATEWAY = "gateway"
MAX_EVIDENCE = 8
_CODE_KINDS = {"call": "calls", "reference": "references", "inherit": "inherits from"}


@dataclass
class _Link:
    """Everything seen from one context to another for one kind of relation."""

    uses: list[tuple[int, str]] = field(default_factory=list)  # (weight, evidence)
    natures: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)
    calls: int = 0
    reads: int = 0
    writes: int = 0

    def add(self, evidence: str, weight: int = 1) -> None:
        self.uses.append((weight, evidence))


def find_relations(facts: Facts, context_of: dict[str, str], kernel: set[str],
                   ownership: tuple[TableOwnership, ...]) -> tuple[Relation, ...]:
    """All relations, sorted by (from, to, kind)."""
    ctx = _Ctx(facts, context_of, kernel, ownership)
    links: dict[tuple[str, str, str], _Link] = defaultdict(_Link)
    _code_links(ctx, links)
    _table_links(ctx, links)
    _route_links(ctx, links)
    return tuple(_relation(a, b, kind, links[(a, b, kind)], ctx)
                 for a, b, kind in sorted(links))


class _Ctx:
    """Lookups shared by the passes below."""

    def __init__(self, facts: Facts, context_of: dict[str, str], kernel: set[str],
                 ownership: tuple[TableOwnership, ...]) -> None:
        self.facts = facts
        self.context_of = context_of
        self.kernel = kernel
        self.symbols: dict[str, Symbol] = facts.symbol_map()
        self.owner = {o.table: o.owner for o in ownership}
        self.conflicted = {o.table for o in ownership if o.conflict}
        self.reads_of: dict[str, set[str]] = defaultdict(set)
        self.writes_of: dict[str, list[TableAccess]] = defaultdict(list)
        self.table_writes: dict[str, list[TableAccess]] = defaultdict(list)
        for access in facts.accesses:
            if not access.known:
                continue
            if access.mode == "read":
                self.reads_of[access.source].add(access.table)
            else:
                self.writes_of[access.source].append(access)
                self.table_writes[access.table].append(access)
        models = {t.name: t.defined_by for t in facts.schema.tables}
        self.entity = {name: comm.entity_name(name, models.get(name)) for name in self.owner}

    def table_events(self, table: str) -> set[str]:
        kinds = {comm.write_event(a) for a in self.table_writes.get(table, ())}
        entity = self.entity.get(table) or comm.entity_name(table, None)
        return set(comm.event_names(entity, kinds))

    def where(self, access: TableAccess) -> str:
        symbol = self.symbols.get(access.source)
        return f"{symbol.file}:{access.line}" if symbol else f"line {access.line}"


def _code_links(ctx: _Ctx, links: dict[tuple[str, str, str], _Link]) -> None:
    for dep in ctx.facts.dependencies:
        if dep.kind not in _CODE_KINDS:
            continue
        source = ctx.context_of.get(dep.source)
        if source is None:
            continue
        if dep.target in ctx.kernel:
            link = links[(source, SHARED_KERNEL, "shared-kernel")]
            link.add(_dep_evidence(dep), dep.count)
            link.calls += dep.count
            link.natures.add(comm.CODE)
            link.examples.append(dep.target)
            continue
        target = ctx.context_of.get(dep.target)
        if target is None or target == source:
            continue
        link = links[(source, target, "customer-supplier")]
        callee = ctx.symbols.get(dep.target)
        written = {a.table for a in ctx.writes_of.get(dep.target, ())}
        nature = comm.call_nature(callee, dep.kind, ctx.reads_of.get(dep.target, set()),
                                  written)
        link.add(f"{_dep_evidence(dep)} [{nature}]", dep.count)
        link.calls += dep.count
        link.natures.add(nature)
        link.examples.append(dep.target)
        if nature == comm.NOTICE and callee is not None:
            for table in sorted(written):
                link.events |= ctx.table_events(table)
            if not written:
                link.events.add(comm.request_event(callee))


def _table_links(ctx: _Ctx, links: dict[tuple[str, str, str], _Link]) -> None:
    for access in ctx.facts.accesses:
        source = ctx.context_of.get(access.source)
        owner = ctx.owner.get(access.table)
        if not access.known or source is None or owner is None or owner == source:
            continue
        evidence = (f"{access.source} {access.mode}s {access.table} of {owner} "
                    f"({ctx.where(access)})")
        if access.mode == "read":
            link = links[(source, owner, "data-dependency")]
            link.reads += 1
            link.events |= ctx.table_events(access.table)
        else:
            kind = "conflict" if access.table in ctx.conflicted else "customer-supplier"
            link = links[(source, owner, kind)]
            link.writes += 1
            nature = comm.write_nature(access.table)
            link.natures.add(nature)
            evidence += f" [{nature}]"
            if nature == comm.NOTICE or kind == "conflict":
                link.events |= ctx.table_events(access.table)
        link.tables.add(access.table)
        link.add(evidence)


def _route_links(ctx: _Ctx, links: dict[tuple[str, str, str], _Link]) -> None:
    for route in ctx.facts.routes:
        target = ctx.context_of.get(route.handler)
        if target is None:
            continue
        link = links[(GATEWAY, target, "open-host")]
        methods = ",".join(route.methods) or "ANY"
        link.add(f"{methods} {route.path} -> {route.handler} ({route.file}:{route.line})")
        link.calls += 1


def _dep_evidence(dep: Dependency) -> str:
    where = f" ({dep.evidence[0]})" if dep.evidence else ""
    return f"{dep.source} {_CODE_KINDS[dep.kind]} {dep.target} ×{dep.count}{where}"


def _relation(source: str, target: str, kind: str, link: _Link, ctx: _Ctx) -> Relation:
    mode = {"shared-kernel": "library", "open-host": "rest",
            "data-dependency": "events"}.get(kind) or comm.mode_of(link.natures)
    ranked = sorted(link.uses, key=lambda u: (-u[0], u[1]))
    evidence = [text for _, text in ranked[:MAX_EVIDENCE]]
    if len(ranked) > MAX_EVIDENCE:
        evidence.append(f"... and {len(ranked) - MAX_EVIDENCE} more")
    events = tuple(sorted(link.events)) if mode == "events" or kind == "conflict" else ()
    return Relation(
        source=source, target=target, kind=kind, communication=mode,
        evidence=tuple(evidence), calls=link.calls, reads=link.reads, writes=link.writes,
        events=events, why=_why(source, target, kind, mode, link, events),
    )


def _why(source: str, target: str, kind: str, mode: str, link: _Link,
         events: tuple[str, ...]) -> str:
    tables = ", ".join(sorted(link.tables))
    named = ", ".join(events) or "change events"
    used = Counter(link.examples).most_common(3)
    examples = ", ".join(name for name, _ in used)
    if kind == "open-host":
        return (f"{link.calls} HTTP route(s) reach {target} from outside: serve them as REST "
                f"at the edge (Gin behind the API gateway).")
    if kind == "shared-kernel":
        return (f"{source} uses shared-kernel code ({examples}): ship it as the shared "
                f"library module, not as a service.")
    if kind == "data-dependency":
        if not events:
            return (f"{source} reads {tables} owned by {target}, which no code writes: copy "
                    f"the reference data once, or replicate it by events if it starts changing.")
        return (f"{source} reads {tables} owned by {target}: replicate by events ({named}) "
                f"into a read model of {source}'s own instead of sharing the tables.")
    if kind == "conflict":
        return (f"{source} and {target} both write {tables}, owned by {target}: move the "
                f"writes of {source} behind the API of {target} ({mode}) or split the table.")
    if mode == "events":
        return (f"{source} only sends {target} fire-and-forget commands ({examples or tables}) "
                f"whose result it does not use: publish {named} through the broker.")
    if comm.CODE in link.natures and link.natures <= {comm.CODE}:
        return (f"{source} inherits from {target}'s classes ({examples}): replace the "
                f"inheritance by composition over a gRPC client, or move the base to the "
                f"shared kernel.")
    if comm.QUERY in link.natures:
        return (f"{source} queries {target} and uses the answer at once ({examples}): a "
                f"synchronous, strongly typed gRPC call.")
    return (f"{source} sends {target} commands whose effect it needs at once "
            f"({examples or tables}): gRPC calls to {target}, which owns the data.")
