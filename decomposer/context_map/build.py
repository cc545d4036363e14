"""From clustering's assignment to a context map: contexts, table owners, relations, cycles."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from decomposer.config import Config
from decomposer.context_map.cycles import find_cycles, shortest_cycle
from decomposer.context_map.ownership import assign_tables
from decomposer.context_map.relations import find_relations
from decomposer.model import Clustering, Context, Decomposition, Facts, Relation, TableOwnership

# Relations that make one context call another at run time: a cycle of them blocks a
# split. Data dependencies are not among them: the playbook answers those with events
# (a read model fed by the owner), which break the cycle by design.
_DEPENDING_KINDS = ("customer-supplier",)


def build_context_map(facts: Facts, graph: Any, clustering: Clustering,
                      config: Config) -> Decomposition:
    """The decomposition: ``graph`` and ``config`` are accepted for the pipeline's sake.

    Everything is read from ``facts`` (typed dependencies and table accesses) and from
    ``clustering`` (who goes where); the result is sorted and deterministic.
    """
    kernel = set(clustering.shared_kernel)
    context_of = _context_of(facts, clustering.assignment, kernel)
    ownership = assign_tables(facts, clustering.assignment, context_of)
    relations = find_relations(facts, context_of, kernel, ownership)
    cycles = find_cycles((r.source, r.target) for r in relations
                         if r.kind in _DEPENDING_KINDS)  # kernel and gateway never close one
    contexts = _contexts(facts, clustering, context_of, ownership)
    metrics = dict(clustering.metrics)
    metrics.update(
        cross_context_table_accesses=_cross_context_accesses(facts, context_of, kernel,
                                                             ownership),
        cycles=len(cycles),
        relations=len(relations),
    )
    return Decomposition(
        contexts=contexts,
        shared_kernel=tuple(sorted(kernel)),
        relations=relations,
        ownership=ownership,
        metrics=dict(sorted(metrics.items())),
        chatty_pairs=tuple(sorted(clustering.chatty_pairs)),
        cycles=cycles,
        kernel_explanations=dict(sorted(clustering.kernel_explanations.items())),
        warnings=_warnings(facts, context_of, kernel, ownership, relations, cycles),
        decisions=clustering.notes,
    )


def _context_of(facts: Facts, assignment: dict[str, str], kernel: set[str]) -> dict[str, str]:
    """Symbol id -> context, plus module -> context for modules wholly in one context.

    Module-level code (``source`` = a module name) belongs where all the module's symbols
    went; shared-kernel symbols belong to no context.
    """
    where = {member: name for member, name in assignment.items()
             if not member.startswith("table:") and member not in kernel}
    by_module: dict[str, set[str | None]] = defaultdict(set)
    for symbol in facts.symbols:
        by_module[symbol.module].add(where.get(symbol.id))
    for module, names in by_module.items():
        if len(names) == 1 and None not in names:
            where.setdefault(module, next(iter(names)))
    return where


def _contexts(facts: Facts, clustering: Clustering, context_of: dict[str, str],
              ownership: tuple[TableOwnership, ...]) -> tuple[Context, ...]:
    symbols: dict[str, list[str]] = defaultdict(list)
    for member, name in clustering.assignment.items():
        if not member.startswith("table:") and member in context_of:
            symbols[name].append(member)
    modules: dict[str, list[str]] = defaultdict(list)
    module_names = {s.module for s in facts.symbols}
    for module in module_names:
        if module in context_of:
            modules[context_of[module]].append(module)
    owned: dict[str, list[TableOwnership]] = defaultdict(list)
    for o in ownership:
        if o.owner is not None:
            owned[o.owner].append(o)
    shared: dict[str, set[str]] = defaultdict(set)
    owner = {o.table: o.owner for o in ownership}
    for access in facts.accesses:
        name = context_of.get(access.source)
        if access.known and name and owner.get(access.table) not in (None, name):
            shared[name].add(access.table)
    names = sorted(set(symbols) | set(owned))
    return tuple(_context(n, symbols[n], modules[n], owned[n], shared[n], clustering)
                 for n in names)


def _context(name: str, symbols: list[str], modules: list[str], owned: list[TableOwnership],
             shared: set[str], clustering: Clustering) -> Context:
    explanations: dict[str, tuple[str, ...]] = {}
    runner_up: dict[str, str] = {}
    for member in sorted(symbols) + [f"table:{o.table}" for o in owned]:
        if member in clustering.explanations:
            explanations[member] = tuple(clustering.explanations[member])
        if member in clustering.runner_up:
            runner_up[member] = clustering.runner_up[member]
    for o in owned:  # why the table is here comes first: ownership decided it
        member = f"table:{o.table}"
        earlier = [e for e in explanations.get(member, ()) if e not in o.evidence[:1]]
        explanations[member] = tuple(o.evidence[:1]) + tuple(earlier)
    return Context(
        name=name,
        symbols=tuple(sorted(symbols)),
        modules=tuple(sorted(modules)),
        tables=tuple(sorted(o.table for o in owned)),
        shared_tables=tuple(sorted(shared)),
        explanations=dict(sorted(explanations.items())),
        runner_up=dict(sorted(runner_up.items())),
        vocabulary=tuple(clustering.vocabulary.get(name, ())),
    )


def _cross_context_accesses(facts: Facts, context_of: dict[str, str], kernel: set[str],
                            ownership: tuple[TableOwnership, ...]) -> int:
    """Known accesses from a context (or the kernel) to a table another context owns."""
    owner = {o.table: o.owner for o in ownership}
    count = 0
    for access in facts.accesses:
        here = "shared-kernel" if access.source in kernel else context_of.get(access.source)
        there = owner.get(access.table)
        count += access.known and here is not None and there is not None and here != there
    return count


def _warnings(facts: Facts, context_of: dict[str, str], kernel: set[str],
              ownership: tuple[TableOwnership, ...], relations: tuple[Relation, ...],
              cycles: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    warnings = [f"symbol {s.id} is in no context and not in the shared kernel"
                for s in sorted(facts.symbols, key=lambda s: s.id)
                if s.id not in context_of and s.id not in kernel]
    for o in ownership:
        if o.owner is None:
            warnings.append(f"table {o.table} has no owner: no code touches it and no "
                            f"foreign key links it to an owned table")
        if o.conflict:
            warnings.append(f"table {o.table} is written by {', '.join(o.writers)} "
                            f"(owner {o.owner}): move writes behind the owner's API")
    edges = [(r.source, r.target) for r in relations if r.kind in _DEPENDING_KINDS]
    for cycle in cycles:
        path = " -> ".join(shortest_cycle(edges, cycle))
        warnings.append(f"dependency cycle between {', '.join(cycle)} (e.g. {path}): "
                        f"turn one of its dependencies into events before splitting")
    return tuple(warnings)
