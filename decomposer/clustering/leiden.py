"""Leiden community detection (leidenalg on igraph), deterministic with a seed.

Traag, Waltman & van Eck (2019), "From Louvain to Leiden: guaranteeing well-connected
communities", Scientific Reports 9:5233. We optimise modularity with a resolution
parameter (RBConfigurationVertexPartition); nodes pinned by configuration keep their
community (``fixed``).
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import select
import signal
import time
from collections import Counter
from typing import TYPE_CHECKING

from decomposer.clustering.signals import SignalGraph
from decomposer.forked import fork_child, processes

if TYPE_CHECKING:
    import igraph


def leiden(graph: SignalGraph, *, resolution: float = 1.0, seed: int = 42,
           fixed: dict[int, int] | None = None) -> list[int]:
    """Community id per node of ``graph`` (ids are small integers, not meaningful).

    >>> leiden(signal_graph, resolution=1.0, seed=42)  # doctest: +SKIP
    [0, 0, 1, 1, 2, ...]
    """
    return _leiden(_igraph(graph), resolution, seed, fixed or {})


def _leiden(g: igraph.Graph, resolution: float, seed: int, fixed: dict[int, int]) -> list[int]:
    import leidenalg  # deferred with igraph: importing them costs more than a small run

    n = g.vcount()
    # Pinned nodes start (and stay) in their pinned community, free nodes start alone;
    # leidenalg wants community ids below the number of nodes, so they are renumbered.
    pinned = {c: k for k, c in enumerate(sorted(set(fixed.values())))}
    free = iter(range(len(pinned), n + len(pinned)))
    initial = [pinned[fixed[i]] if i in fixed else next(free) for i in range(n)]
    partition = leidenalg.RBConfigurationVertexPartition(
        g, weights="weight", resolution_parameter=resolution, initial_membership=initial)
    optimiser = leidenalg.Optimiser()
    optimiser.set_rng_seed(seed)
    is_fixed = [i in fixed for i in range(n)]
    # Iterate to a fixed point on graphs of ordinary size; two passes on huge ones, where
    # the last iterations cost minutes and move almost nothing.
    passes = -1 if n <= 20_000 else 2
    optimiser.optimise_partition(partition, n_iterations=passes, is_membership_fixed=is_fixed)
    return list(partition.membership)


# Seeds per resolution, by graph size: nine make the typical partition stable (on
# django-oscar, five left its table ARI against its apps at 0.65 to 0.80 from seed to seed,
# 0.72 on average; nine 0.75 on average). A run of a graph of thousands of nodes costs a
# fifth of a second, shared between the cores; bigger graphs get one.
RUNS_BY_SIZE = ((5_000, 9),)
# Up to this many nodes a run costs less than forking a helper to share the runs.
PARALLEL_FROM = 1_000
# A helper silent for this many times the main process's own share (and at least a
# minute) has hung.
PATIENCE = 20
MIN_PATIENCE = 60.0


def typical_leiden(graph: SignalGraph, *, resolution: float = 1.0, seed: int = 42,
                   fixed: dict[int, int] | None = None, jobs: int = 0) -> list[int]:
    """The most typical of several Leiden runs (seeds ``seed``, ``seed + 1``...): the one
    with the highest mean adjusted Rand index to the others. One run's answer moves with
    its seed wherever two groupings are almost as good; the medoid does not, and it is
    still a real Leiden partition (no averaging invents a community). ``jobs``: processes
    that share the runs (0: one per core)."""
    count = next((n for size, n in RUNS_BY_SIZE if len(graph.nodes) <= size), 1)
    seeds = [seed + k for k in range(count)]
    runs = _runs(_igraph(graph), resolution, seeds, fixed or {}, processes(jobs))
    agreement = [sum(adjusted_rand(a, b) for b in runs if b is not a) for a in runs]
    return runs[max(range(count), key=lambda k: (agreement[k], -k))]


def _runs(g: igraph.Graph, resolution: float, seeds: list[int], fixed: dict[int, int],
          jobs: int) -> list[list[int]]:
    """One run per seed, in seed order. With several processes, forked helpers take a share
    of the seeds each (the graph reaches them copy-on-write) and send back their
    memberships; a helper that fails has its share run here, so the answer never depends
    on the processes."""
    workers = min(len(seeds), jobs)
    if workers < 2 or g.vcount() <= PARALLEL_FROM or not hasattr(os, "fork"):
        return [_leiden(g, resolution, seed, fixed) for seed in seeds]
    import leidenalg  # noqa: F401  imported before forking, so that no helper pays for it

    shares = [seeds[k::workers] for k in range(workers)]
    helpers: list[tuple[int, int] | None] = []
    try:
        for share in shares[1:]:
            helpers.append(_fork_runs(g, resolution, share, fixed))
        started = time.monotonic()
        done = {seed: _leiden(g, resolution, seed, fixed) for seed in shares[0]}
        # A helper's share is no bigger than this one: one that takes many times as long
        # has hung, and its share is run here instead.
        patience = max(MIN_PATIENCE, PATIENCE * (time.monotonic() - started))
        for k, share in enumerate(shares[1:]):
            memberships = _collect(helpers[k], patience)
            helpers[k] = None  # collected or abandoned: nothing left to clean up
            if memberships is None or len(memberships) != len(share):
                memberships = [_leiden(g, resolution, seed, fixed) for seed in share]
            done.update(zip(share, memberships, strict=True))
    finally:  # interrupted: no helper is left running, no pipe left open
        for helper in helpers:
            _abandon(helper)
    return [done[seed] for seed in seeds]


def _fork_runs(g: igraph.Graph, resolution: float, seeds: list[int],
               fixed: dict[int, int]) -> tuple[int, int] | None:
    """(pid, read end of its pipe) of a forked helper running ``seeds``; None if no fork."""
    read, write = os.pipe()
    try:
        pid = fork_child(_send_runs, g, resolution, seeds, fixed, read, write)
    except OSError:
        os.close(read)
        os.close(write)
        return None
    os.close(write)
    return pid, read


def _send_runs(g: igraph.Graph, resolution: float, seeds: list[int], fixed: dict[int, int],
               read: int, write: int) -> None:
    """In the helper: run the share and send the memberships down the pipe."""
    os.close(read)
    data = pickle.dumps([_leiden(g, resolution, seed, fixed) for seed in seeds])
    with os.fdopen(write, "wb") as out:
        out.write(data)


def _collect(helper: tuple[int, int] | None, patience: float) -> list[list[int]] | None:
    """The helper's memberships, or None if it failed or sent nothing for ``patience``
    seconds (then it is killed)."""
    if helper is None:
        return None
    pid, read = helper
    chunks = []
    while True:
        if not select.select([read], [], [], patience)[0]:
            _abandon(helper)
            return None
        chunk = os.read(read, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read)
    data = b"".join(chunks)
    try:
        _, status = os.waitpid(pid, 0)
        failed = os.waitstatus_to_exitcode(status) != 0
    except ChildProcessError:  # reaped already (a host that ignores SIGCHLD): trust the data
        failed = False
    if failed:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # a helper killed halfway: its share is run again here
        return None


def _abandon(helper: tuple[int, int] | None) -> None:
    if helper is None:
        return
    pid, read = helper
    for step in (lambda: os.close(read), lambda: os.kill(pid, signal.SIGKILL),
                 lambda: os.waitpid(pid, 0)):
        with contextlib.suppress(OSError):  # closed, gone or reaped already
            step()


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
