"""Leiden community detection (leidenalg on igraph), deterministic with a seed.

Traag, Waltman & van Eck (2019), "From Louvain to Leiden: guaranteeing well-connected
communities", Scientific Reports 9:5233. We optimise modularity with a resolution
parameter (RBConfigurationVertexPartition); nodes pinned by configuration keep their
community (``fixed``).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from decomposer.clustering.signals import SignalGraph

if TYPE_CHECKING:
    import igraph


def leiden(graph: SignalGraph, *, resolution: float = 1.0, seed: int = 42,
           fixed: dict[int, int] | None = None) -> list[int]:
    """Community id per node of ``graph`` (ids are small integers, not meaningful).

    >>> leiden(signal_graph, resolution=1.0, seed=42)  # doctest: +SKIP
    [0, 0, 1, 1, 2, ...]
    """
    import leidenalg  # deferred with igraph: importing them costs more than a small run

    g = _igraph(graph)
    fixed = fixed or {}
    # Pinned nodes start (and stay) in their pinned community, free nodes start alone;
    # leidenalg wants community ids below the number of nodes, so they are renumbered.
    pinned = {c: k for k, c in enumerate(sorted(set(fixed.values())))}
    free = iter(range(len(pinned), len(graph.nodes) + len(pinned)))
    initial = [pinned[fixed[i]] if i in fixed else next(free) for i in range(len(graph.nodes))]
    partition = leidenalg.RBConfigurationVertexPartition(
        g, weights="weight", resolution_parameter=resolution, initial_membership=initial)
    optimiser = leidenalg.Optimiser()
    optimiser.set_rng_seed(seed)
    is_fixed = [i in fixed for i in range(len(graph.nodes))]
    # Iterate to a fixed point on graphs of ordinary size; two passes on huge ones, where
    # the last iterations cost minutes and move almost nothing.
    passes = -1 if len(graph.nodes) <= 20_000 else 2
    optimiser.optimise_partition(partition, n_iterations=passes, is_membership_fixed=is_fixed)
    return list(partition.membership)


# Seeds per resolution, by graph size: nine make the typical partition stable; each run of
# a graph of thousands of nodes costs a second, so bigger graphs get fewer.
RUNS_BY_SIZE = ((1_000, 9), (5_000, 5))


def typical_leiden(graph: SignalGraph, *, resolution: float = 1.0, seed: int = 42,
                   fixed: dict[int, int] | None = None) -> list[int]:
    """The most typical of several Leiden runs (seeds ``seed``, ``seed + 1``...): the one
    with the highest mean adjusted Rand index to the others. One run's answer moves with
    its seed wherever two groupings are almost as good; the medoid does not, and it is
    still a real Leiden partition (no averaging invents a community)."""
    count = next((n for size, n in RUNS_BY_SIZE if len(graph.nodes) <= size), 1)
    runs = [leiden(graph, resolution=resolution, seed=seed + k, fixed=fixed)
            for k in range(count)]
    agreement = [sum(adjusted_rand(a, b) for b in runs if b is not a) for a in runs]
    return runs[max(range(count), key=lambda k: (agreement[k], -k))]


def adjusted_rand(a: list[int], b: list[int]) -> float:
    """Adjusted Rand index of two memberships (Hubert & Arabie 1985)."""
    n = len(a)
    if n < 2:
        return 1.0

    def pairs(count: int) -> float:
        return count * (count - 1) / 2

    together = sum(pairs(v) for v in Counter(zip(a, b)).values())
    left = sum(pairs(v) for v in Counter(a).values())
    right = sum(pairs(v) for v in Counter(b).values())
    expected = left * right / pairs(n)
    most = (left + right) / 2
    return 1.0 if math.isclose(most, expected) else (together - expected) / (most - expected)


def modularity(graph: SignalGraph, membership: list[int], *, skip: set[int] = frozenset(),
               ) -> float:
    """Newman modularity (resolution 1) of ``membership``; ``skip`` nodes are left out."""
    import igraph

    keep = [i for i in range(len(graph.nodes)) if i not in skip]
    where = {old: new for new, old in enumerate(keep)}
    g = igraph.Graph(n=len(keep))
    edges, weights = [], []
    for i, j, w in graph.edges():
        if i in where and j in where:
            edges.append((where[i], where[j]))
            weights.append(w)
    if not edges:
        return 0.0
    g.add_edges(edges)
    return g.modularity([membership[i] for i in keep], weights=weights)


def _igraph(graph: SignalGraph) -> igraph.Graph:
    import igraph

    g = igraph.Graph(n=len(graph.nodes))
    edges = graph.edges()
    g.add_edges([(i, j) for i, j, _ in edges])
    g.es["weight"] = [w for _, _, w in edges]
    return g
