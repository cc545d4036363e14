"""Quality metrics of a decomposition, as used in the microservice-identification literature.

==========  ==========================================================================
metric      definition (contexts C, symbols only, shared kernel left out)
==========  ==========================================================================
modularity  Newman modularity of the partition on the combined signal graph (higher is
            better; > 0.3 is a clear structure)
SM          structural modularity (Jahanian et al.): mean over contexts of mu_i / m_i^2
            minus mean over pairs of sigma_ij / (2 m_i m_j); mu = internal dependency
            edges, sigma = edges between, m = symbols (higher is better, in [-1, 1])
ICP         inter-call percentage: calls between contexts / all calls, weighted by call
            counts (lower is better)
IFN         interface number: mean number of symbols per context that other contexts
            call (lower is better)
NED         non-extreme distribution: share of symbols in contexts that are neither tiny
            (< 5 symbols) nor huge (> half of all symbols) (higher is better)
==========  ==========================================================================
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from decomposer.model import Facts

STRUCTURAL = ("call", "reference", "inherit")


def quality_metrics(facts: Facts, assignment: dict[str, str], modularity: float,
                    ) -> dict[str, float]:
    members: dict[str, set[str]] = defaultdict(set)
    for node, ctx in assignment.items():
        if not node.startswith("table:"):
            members[ctx].add(node)
    sizes = {c: len(m) for c, m in members.items()}
    internal: Counter[str] = Counter()
    between: Counter[tuple[str, str]] = Counter()
    calls_in = calls_out = 0
    interfaces: dict[str, set[str]] = defaultdict(set)
    for dep in facts.dependencies:
        if dep.kind not in STRUCTURAL:
            continue
        a, b = assignment.get(dep.source), assignment.get(dep.target)
        if a is None or b is None:
            continue
        if a == b:
            internal[a] += 1
            calls_in += dep.count if dep.kind == "call" else 0
        else:
            between[tuple(sorted((a, b)))] += 1
            calls_out += dep.count if dep.kind == "call" else 0
            interfaces[b].add(dep.target)
    k = len(sizes)
    cohesion = sum(internal[c] / sizes[c] ** 2 for c in sizes if sizes[c]) / k if k else 0.0
    pairs = list(combinations(sorted(sizes), 2))
    coupling = (sum(between[(a, b)] / (2 * sizes[a] * sizes[b]) for a, b in pairs
                    if sizes[a] and sizes[b]) / len(pairs)) if pairs else 0.0
    total = sum(sizes.values())
    extreme = sum(s for s in sizes.values() if s < 5 or s > total / 2)
    return {
        "modularity": round(modularity, 4),
        "structural_modularity": round(cohesion - coupling, 4),
        "icp": round(calls_out / (calls_in + calls_out), 4) if calls_in + calls_out else 0.0,
        "ifn": round(sum(len(v) for v in interfaces.values()) / k, 2) if k else 0.0,
        "ned": round(1 - extreme / total, 4) if total else 0.0,
        "contexts": k,
    }
