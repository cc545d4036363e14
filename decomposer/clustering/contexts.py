"""Bounded contexts: who belongs together, the shared kernel, names and reasons.

1. Cluster the combined signal graph at resolution 1 to get preliminary contexts (the
   typical of several Leiden runs, as below: with one run, what is kernel moved with its
   seed); find the shared kernel against them (kernel.py) and take it out.
2. Cluster again with Leiden over a grid of resolutions; fold away contexts that are too
   small, too chatty or own no data (granularity.py); the stated quality objective is
   modularity (resolution 1) with parsimony: the coarsest partition whose modularity is
   within 1.5% of the best one found, since modularity is flat near its peak and every
   extra context is one more service to build and run. ``--contexts N`` instead keeps the
   resolution whose result is nearest N and merges the closest pair until N remain.
3. Pins from configuration are fixed memberships; "apart" pairs are re-clustered with both
   sides fixed in different contexts.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict

from decomposer.clustering.explain import explain
from decomposer.clustering.granularity import (
    STATELESS_NEIGHBOURS,
    STATELESS_SERVICE_SIZE,
    Merge,
    chatty_pairs,
    merge_chatty,
    merge_small,
    stateless_contexts,
)
from decomposer.clustering.kernel import find_kernel
from decomposer.clustering.leiden import leiden, modularity, typical_leiden
from decomposer.clustering.naming import name_contexts
from decomposer.clustering.quality import quality_metrics
from decomposer.clustering.signals import SignalGraph, build_signal_graph
from decomposer.config import Config
from decomposer.errors import ConfigError
from decomposer.model import Clustering, Facts, Table
from decomposer.words import IDENTIFIER_PARTS, singular

RESOLUTIONS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1.0, 1.2, 1.5)
PARSIMONY = 0.015
# A bare schema's graph holds only foreign keys, views and table names: sparse, so its
# modularity keeps creeping up as it splits off ever smaller key clusters. Measured on
# AdventureWorks (schema names removed): 1.5% splits its five schemas into seven.
SCHEMA_PARSIMONY = 0.05
LARGE = 20_000  # nodes: above it every other resolution of the grid is tried (time)
TARGET_RESOLUTIONS = tuple(round(0.1 * 1.25 ** i, 3) for i in range(24))  # 0.1 .. ~17


def cluster(facts: Facts, graph: object, config: Config) -> Clustering:
    """Partition symbols and tables into bounded contexts (``graph`` is not needed here:
    the signal graph is built from the facts)."""
    notes: list = []  # text, and merges told once the contexts have names
    pinned = _pinned(facts, config)
    full = build_signal_graph(facts, config.weights)
    preliminary = typical_leiden(full, resolution=1.0, seed=config.seed, jobs=config.jobs)
    kernel = find_kernel(facts, {n: preliminary[i] for i, n in enumerate(full.nodes)})
    kernel = {k: v for k, v in kernel.items() if k not in pinned}
    signal = build_signal_graph(facts, config.weights, exclude=set(kernel))
    calls = [(d.source, d.target) for d in facts.dependencies if d.kind == "call"]

    pin_ids = {name: i for i, name in enumerate(sorted(set(pinned.values())))}
    fixed = {signal.index[m]: pin_ids[c] for m, c in pinned.items() if m in signal.index}
    membership, quality = _partition(signal, fixed, calls, config, notes)
    membership, quality = _keep_apart(signal, membership, fixed, calls, config, notes, quality)

    groups: dict[int, list[str]] = defaultdict(list)
    isolated = _isolated(signal)
    for i, node in enumerate(signal.nodes):
        if not signal.is_auxiliary(node) and i not in isolated:
            groups[membership[i]].append(node)
    reserved = {pin_ids[name]: name for name in pin_ids if pin_ids[name] in groups}
    names, vocabulary = name_contexts(groups, reserved=reserved, roots=_roots(facts, groups),
                                      labels={f"table:{t.name}": t.label
                                              for t in facts.schema.tables if t.label})
    names = {c: config.rename.get(n, n) for c, n in names.items()}
    if facts.schema.tables:
        notes += _stateless(groups, names, stateless_contexts(signal, membership))
    assignment = {m: names[c] for c, members in groups.items() for m in members}
    notes = [n.text(assignment) if isinstance(n, Merge) else n for n in notes]
    explanations, runner_up = explain(signal, assignment, facts)
    for member, ctx in pinned.items():
        if member in explanations:
            explanations[member] = (f"pinned to {ctx} by configuration",
                                    *explanations[member])
    pairs = [(names[c], names[d], n) for c, d, n, _ in chatty_pairs(signal, membership, calls)
             if c in names and d in names]
    metrics = quality_metrics(facts, assignment, quality)
    return Clustering(
        assignment=assignment, shared_kernel=tuple(sorted(kernel)),
        explanations=explanations, runner_up=runner_up, kernel_explanations=kernel,
        vocabulary={names[c]: v for c, v in vocabulary.items()},
        chatty_pairs=tuple(sorted(pairs)), metrics=metrics, notes=tuple(notes),
    )


def _partition(signal: SignalGraph, fixed: dict[int, int], calls: list[tuple[str, str]],
               config: Config, notes: list) -> tuple[list[int], float]:
    if config.resolution is not None:
        grid: tuple[float, ...] = (config.resolution,)
    elif config.contexts:
        grid = TARGET_RESOLUTIONS
    else:
        grid = RESOLUTIONS if len(signal.nodes) <= LARGE else RESOLUTIONS[1::2]
    candidates = []
    for resolution in grid:
        raw = typical_leiden(signal, resolution=resolution, seed=config.seed, fixed=fixed,
                             jobs=config.jobs)
        tidy = _tidy(signal, raw, calls, config, [])
        q = modularity(signal, tidy)
        candidates.append((resolution, tidy, q, _count(signal, tidy), raw))
    if config.contexts:
        target = config.contexts
        resolution, membership, q, k, raw = min(
            candidates, key=lambda c: (abs(c[3] - target), -c[2], c[0]))
        _tidy(signal, raw, calls, config, notes)  # record the decisions of the winner
        membership = _merge_down(signal, membership, target)
        k2 = _count(signal, membership)
        notes.append(f"asked for {target} contexts: resolution {resolution} gave {k}"
                     + (f", merged to {k2}" if k2 != k else "")
                     + (f"; no resolution up to {grid[-1]} gave more once contexts too small "
                        "or too chatty to stand alone were folded (pins or apart split "
                        "further)" if k2 < target else ""))
        return membership, modularity(signal, membership)
    # Parsimony: modularity is flat near its peak, and every extra context is a service to
    # run; take the lowest resolution whose modularity is within PARSIMONY of the best.
    best = max(c[2] for c in candidates)
    tolerance = SCHEMA_PARSIMONY if signal.member_kind == "table" else PARSIMONY
    resolution, membership, q, k, raw = min(
        (c for c in candidates if c[2] >= best * (1 - tolerance)), key=lambda c: c[0])
    _tidy(signal, raw, calls, config, notes)  # record the decisions of the winner
    notes.append(f"resolution {resolution} chosen: the lowest whose modularity ({q:.3f}) is "
                 f"within {tolerance:.1%} of the best ({best:.3f}); "
                 + (f"{k} contexts" if k != 1 else "1 context"))
    return membership, q


def _tidy(signal: SignalGraph, membership: list[int], calls: list[tuple[str, str]],
          config: Config, notes: list) -> list[int]:
    membership = merge_small(signal, membership, min_size=config.min_context_size, notes=notes)
    membership = merge_chatty(signal, membership, calls, notes)
    return merge_small(signal, membership, min_size=config.min_context_size, notes=notes)


def _merge_down(signal: SignalGraph, membership: list[int], target: int) -> list[int]:
    """Merge the most strongly tied pair (normalised by size) until ``target`` remain."""
    membership = list(membership)
    while _count(signal, membership) > target:
        volume: dict[int, float] = defaultdict(float)
        ties: dict[tuple[int, int], float] = defaultdict(float)
        for (i, j), parts in signal.parts.items():
            w = sum(parts.values())
            volume[membership[i]] += w
            volume[membership[j]] += w
            if membership[i] != membership[j]:
                ties[tuple(sorted((membership[i], membership[j])))] += w
        real = _real(signal, membership)
        scored = [(w / (volume[a] * volume[b]), a, b) for (a, b), w in ties.items()
                  if a in real and b in real and volume[a] and volume[b]]
        if not scored:
            break
        _, keep, drop = max(scored)
        membership = [keep if m == drop else m for m in membership]
    return membership


def _keep_apart(signal: SignalGraph, membership: list[int], fixed: dict[int, int],
                calls: list[tuple[str, str]], config: Config, notes: list,
                quality: float) -> tuple[list[int], float]:
    for a_pattern, b_pattern in config.apart:
        a_nodes = [i for i, n in enumerate(signal.nodes) if _matches(n, a_pattern)]
        b_nodes = [i for i, n in enumerate(signal.nodes) if _matches(n, b_pattern)]
        if not a_nodes or not b_nodes:
            raise ConfigError(f"apart: {a_pattern!r} or {b_pattern!r} matches nothing")
        if not {membership[i] for i in a_nodes} & {membership[i] for i in b_nodes}:
            continue
        base = max([*membership, *fixed.values()]) + 1
        fixed = {**fixed, **{i: base for i in a_nodes}, **{i: base + 1 for i in b_nodes}}
        raw = leiden(signal, resolution=1.0, seed=config.seed, fixed=fixed)
        membership = _tidy_apart(signal, raw, calls, config, notes, a_nodes, b_nodes)
        quality = modularity(signal, membership)
        notes.append(f"kept {a_pattern!r} and {b_pattern!r} apart as configured")
    return membership, quality


def _tidy_apart(signal: SignalGraph, raw: list[int], calls: list[tuple[str, str]],
                config: Config, notes: list, a_nodes: list[int],
                b_nodes: list[int]) -> list[int]:
    tidy = merge_small(signal, raw, min_size=config.min_context_size, notes=notes)
    a_ids = {tidy[i] for i in a_nodes}
    if a_ids & {tidy[i] for i in b_nodes}:  # granularity must not undo what was asked
        return raw
    return tidy


def _pinned(facts: Facts, config: Config) -> dict[str, str]:
    """Member -> pinned context name. Tables are pinned with ``table:<glob>``."""
    out: dict[str, str] = {}
    members = [s.id for s in facts.symbols] + [f"table:{t.name}" for t in facts.schema.tables]
    modules = {s.id: s.module for s in facts.symbols}
    for ctx, patterns in sorted(config.pins.items()):
        for pattern in patterns:
            hits = [m for m in members if _matches(m, pattern)
                    or (m in modules and fnmatch.fnmatchcase(modules[m], pattern))]
            if not hits:
                raise ConfigError(f"pins.{ctx}: pattern {pattern!r} matches no symbol, module "
                                  "or table (tables are written table:<name>)")
            for member in hits:
                out.setdefault(member, ctx)
    return out


def _matches(member: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(member, pattern) or fnmatch.fnmatchcase(
        member.partition(":")[0], pattern) if not member.startswith("table:") else \
        fnmatch.fnmatchcase(member, pattern)


def _roots(facts: Facts, groups: dict[int, list[str]]) -> dict[int, list[str]]:
    """Each context's tables as candidate aggregate roots, best first, by display name.

    A root is referenced by the context's other tables (foreign keys count double) and
    used by its code; it is shown as its model's class name when a model defines it
    (``Course`` rather than ``core_course``), else as written."""
    where = {m: c for c, members in groups.items() for m in members}
    links = {f"table:{t.name}" for t in facts.schema.tables if _is_link(t)}
    score: dict[str, float] = defaultdict(float)
    users: dict[str, set[str]] = defaultdict(set)
    for dep in facts.dependencies:
        if where.get(dep.source) != where.get(dep.target):
            continue
        if dep.kind == "fk" and dep.source not in links:
            score[dep.target] += 2.0
        elif dep.kind in ("reads", "writes"):
            users[dep.target].add(dep.source)
    display = {f"table:{t.name}": (t.defined_by.rpartition(":")[2] if t.defined_by
                                   else t.label or t.name) for t in facts.schema.tables}
    out = {}
    for c, members in groups.items():
        tables = [m for m in members if m.startswith("table:")]
        ranked = sorted(tables, key=lambda t: (_is_lookup(display.get(t, t)),
                                               -(score[t] + len(users[t])), t))
        out[c] = [display.get(t, t[len("table:"):]) for t in ranked]
    return out


# Reference lists other tables key to (InspectionType, ComplaintCategory): much referenced,
# but values the aggregates pick from, not what the others hang off.
LOOKUP_NOUNS = frozenset("type kind category status code reason priority".split())


def _is_lookup(name: str) -> bool:
    parts = IDENTIFIER_PARTS.findall(name)
    return len(parts) > 1 and singular(parts[-1].lower()) in LOOKUP_NOUNS


def _is_link(table: Table) -> bool:
    """A many-to-many link (``documents_workflowaction_assign_tags``): keys to two tables
    or more and nothing else but its own id. It says two things relate, not which one the
    others hang off: paperless-ngx's 14 links of WorkflowAction made it the root of the
    workflows' context."""
    keyed = {c for fk in table.foreign_keys for c in fk.columns}
    own = {c.name for c in table.columns} - keyed - set(table.primary_key)
    return len(table.foreign_keys) >= 2 and not own


def _stateless(groups: dict[int, list[str]], names: dict[int, str],
               standing: set[int]) -> list[str]:
    """Why a context that owns no table still stands (granularity.py)."""
    return [f"{names[c]} owns no table but stands as a stateless capability: "
            f"{sum(not m.startswith('table:') for m in groups[c])} symbols (at least "
            f"{STATELESS_SERVICE_SIZE}), tied to {STATELESS_NEIGHBOURS} contexts' worth or more"
            for c in sorted(standing & set(groups), key=lambda c: names[c])]


def _isolated(signal: SignalGraph) -> set[int]:
    """Tables nothing touches: clustering knows nothing about them (ownership decides)."""
    touched = {i for pair in signal.parts for i in pair}
    return {i for i, n in enumerate(signal.nodes) if n.startswith("table:") and i not in touched}


def _real(signal: SignalGraph, membership: list[int]) -> set[int]:
    return {membership[i] for i, n in enumerate(signal.nodes) if signal.counts(n)}


def _count(signal: SignalGraph, membership: list[int]) -> int:
    return len(_real(signal, membership))
