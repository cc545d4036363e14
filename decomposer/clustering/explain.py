"""Why each member sits where it sits: its strongest ties inside its context, and the
runner-up context when the choice was close."""

from __future__ import annotations

from collections import Counter, defaultdict

from decomposer.clustering.signals import SignalGraph
from decomposer.model import Dependency, Facts

MAX_REASONS = 5
CLOSE = 0.5  # a runner-up holding at least half the winner's weight is worth naming
ACCESS_VERBS = (("writes", "written"), ("reads", "read"))


def explain(graph: SignalGraph, assignment: dict[str, str], facts: Facts,
            ) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    deps: dict[tuple[str, str], list[Dependency]] = defaultdict(list)
    for dep in facts.dependencies:
        deps[(dep.source, dep.target)].append(dep)
    cochange = {(c.a, c.b): c.count for c in facts.history.symbol_cochange}
    views = {f"table:{t.name}" for t in facts.schema.tables if t.kind == "view"}
    neighbours: dict[str, list[tuple[str, dict[str, float]]]] = defaultdict(list)
    for (i, j), parts in graph.parts.items():
        a, b = graph.nodes[i], graph.nodes[j]
        neighbours[a].append((b, parts))
        neighbours[b].append((a, parts))
    # Section -> how many of its members each context holds: counted once per section, not
    # once per member (a god module's section of hundreds of symbols).
    placed = {node: Counter(assignment.get(m) for m, _ in members)
              for node, members in neighbours.items() if node.startswith("section::")}
    explanations: dict[str, tuple[str, ...]] = {}
    runner_up: dict[str, str] = {}
    for member, own in sorted(assignment.items()):
        by_context: dict[str, float] = defaultdict(float)
        reasons: list[tuple[float, str]] = []
        for other, parts in neighbours.get(member, ()):
            ctx = assignment.get(other)
            weight = sum(parts.values())
            if ctx:
                by_context[ctx] += weight
            if other in placed:
                reason = _section_reason(other, placed[other], own)
                if reason:
                    reasons.append((weight, reason))
            if ctx == own:
                for signal, w in parts.items():
                    text = _reason(member, other, signal, deps, cochange, graph, views)
                    if text:
                        reasons.append((w, text))
        reasons.sort(key=lambda r: (-r[0], r[1]))
        lines = [text for _, text in reasons[:MAX_REASONS]]
        rivals = sorted(((w, c) for c, w in by_context.items() if c != own), reverse=True)
        if rivals and rivals[0][0] >= CLOSE * by_context.get(own, 0.0) and rivals[0][0] > 0:
            runner_up[member] = rivals[0][1]
            lines.append(f"close: also tied to {rivals[0][1]} "
                         f"({rivals[0][0]:.1f} vs {by_context.get(own, 0.0):.1f})")
        if not reasons and ":" in member:
            lines.insert(0, f"placed with the rest of module {member.partition(':')[0]}")
        explanations[member] = tuple(lines) or ("no tie to any code: placed by its neighbours",)
    return explanations, runner_up


def _section_reason(section: str, placed: Counter[str | None], own: str) -> str | None:
    """Evidence for the placement only when others of the section are placed alike (the
    member itself is one of those ``placed`` in ``own``)."""
    module, _, title = section.removeprefix("section::").partition(":")
    here, others = placed[own] - 1, placed.total() - 1
    if not here:
        return None
    return (f"under the banner \"{title}\" of module {module}, with {here} of its "
            f"{others} other symbols")


def _reason(member: str, other: str, signal: str, deps: dict, cochange: dict,
            graph: SignalGraph, views: set[str]) -> str | None:
    short = other.replace("table:", "table ")
    if signal in ("call", "inherit"):
        out = [d for d in deps.get((member, other), ()) if d.kind in ("call", "reference",
                                                                      "inherit")]
        inn = [d for d in deps.get((other, member), ()) if d.kind in ("call", "reference",
                                                                      "inherit")]
        for dep in out:
            verb = {"call": "calls", "reference": "uses", "inherit": "inherits from"}[dep.kind]
            return f"{verb} {other} ×{dep.count}"
        for dep in inn:
            verb = {"call": "called by", "reference": "used by", "inherit": "base of"}[dep.kind]
            return f"{verb} {other} ×{dep.count}"
        return None
    if signal == "data":
        # both when code reads and writes the table, the write first: it makes a writer
        mine = {d.kind: d.count for d in deps.get((member, other), ())}
        theirs = {d.kind: d.count for d in deps.get((other, member), ())}
        accesses = [f"{kind} {other.removeprefix('table:')} ×{mine[kind]}"
                    for kind, _ in ACCESS_VERBS if kind in mine] or [
            f"{verb} by {other} ×{theirs[kind]}" for kind, verb in ACCESS_VERBS
            if kind in theirs]
        if accesses:
            return ", ".join(accesses)
        # no access: a view over its tables, a routine's tables, or a model and its table
        if other in views:
            return f"read by view {other.removeprefix('table:')}"
        if member in views:
            return f"a view over table {other.removeprefix('table:')}"
        if other.startswith("routine::"):
            return f"used by routine {other.removeprefix('routine::')}"
        return f"defined by model {other}" if member.startswith("table:") else f"defines {short}"
    if signal == "fk":
        return f"foreign key with {short}"
    if signal == "cochange":
        n = cochange.get((member, other)) or cochange.get((other, member)) or 0
        return f"changes with {other} in {n} commits"
    if signal == "lexical":
        shared = sorted(set(graph.documents.get(member, ())) & set(graph.documents.get(other,
                                                                                       ())))
        return f"shares vocabulary with {short} ({', '.join(shared[:3])})"
    return None
