"""Avoid over-splitting: fold away contexts too small or too chatty to stand alone.

=====================  ==============================================================
rule                   threshold
=====================  ==============================================================
too small              fewer than ``min_context_size`` symbols (default 3) or fewer than
                       ``MIN_SHARE`` (3%) of all symbols: merged into the context it is
                       most strongly tied to (all signals)
no data of its own     holds no table while the system has tables: a service must own
                       its data (playbook: data autonomy), so it joins its strongest tie
too chatty (merge)     the pair's cross calls outnumber the smaller side's own internal
                       calls, and there are at least 3: it is one service in two halves
chatty (report)        cross calls >= half the smaller side's internal calls, and >= 3
=====================  ==============================================================
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from decomposer.clustering.signals import SignalGraph

CHATTY_MIN_CALLS = 3
MIN_SHARE = 0.03


def merge_small(graph: SignalGraph, membership: list[int], *, min_size: int,
                notes: list[str]) -> list[int]:
    membership = list(membership)
    total = sum(_sizes(graph, membership).values())
    min_size = max(min_size, math.ceil(MIN_SHARE * total))
    has_tables = any(n.startswith("table:") for n in graph.nodes)
    while True:
        sizes = _sizes(graph, membership)
        owning = _with_tables(graph, membership) if has_tables else set(sizes)
        small = sorted((size, c) for c, size in sizes.items()
                       if size < min_size or c not in owning)
        if not small or len([c for c in sizes if sizes[c] > 0]) <= 1:
            return membership
        _, victim = small[0]
        ties = _ties(graph, membership)[victim]
        targets = {c: w for c, w in ties.items() if c != victim and sizes.get(c, 0) > 0}
        if targets:
            target = max(sorted(targets), key=lambda c: targets[c])
        else:  # nothing ties it: the biggest context takes it (reported below)
            target = max(sorted(c for c in sizes if c != victim and sizes[c] > 0),
                         key=lambda c: sizes[c])
        if sizes[victim]:
            why = (f"below the minimum size {min_size}" if sizes[victim] < min_size
                   else "it owns no table")
            notes.append(f"merged a context of {sizes[victim]} symbol(s) into a neighbour "
                         f"({why})")
        membership = [target if m == victim else m for m in membership]


def merge_chatty(graph: SignalGraph, membership: list[int], calls: list[tuple[str, str]],
                 notes: list[str]) -> list[int]:
    membership = list(membership)
    while True:
        pairs = chatty_pairs(graph, membership, calls)
        merge = [(c, d, n) for c, d, n, internal in pairs if n > internal]
        if not merge:
            return membership
        c, d, n = merge[0]
        notes.append(f"merged two contexts that call each other {n} times, more than the "
                     "smaller one calls itself (a chatty interface)")
        membership = [c if m == d else m for m in membership]


def chatty_pairs(graph: SignalGraph, membership: list[int], calls: list[tuple[str, str]],
                 ) -> list[tuple[int, int, int, int]]:
    """(c, d, cross calls, smaller side's internal calls) for every chatty pair, worst first."""
    where = {graph.nodes[i]: membership[i] for i in range(len(graph.nodes))}
    internal: Counter[int] = Counter()
    cross: Counter[tuple[int, int]] = Counter()
    for a, b in calls:
        if a in where and b in where:
            ca, cb = where[a], where[b]
            if ca == cb:
                internal[ca] += 1
            else:
                cross[tuple(sorted((ca, cb)))] += 1
    out = []
    for (c, d), n in cross.items():
        smaller = min(internal[c], internal[d])
        if n >= CHATTY_MIN_CALLS and n * 2 >= smaller:
            out.append((c, d, n, smaller))
    return sorted(out, key=lambda t: (-t[2] / max(1, t[3]), t[0], t[1]))


def _sizes(graph: SignalGraph, membership: list[int]) -> dict[int, int]:
    sizes: dict[int, int] = defaultdict(int)
    for i, node in enumerate(graph.nodes):
        sizes[membership[i]] += graph.counts(node)
    return sizes


def _with_tables(graph: SignalGraph, membership: list[int]) -> set[int]:
    return {membership[i] for i, n in enumerate(graph.nodes) if n.startswith("table:")}


def _ties(graph: SignalGraph, membership: list[int]) -> dict[int, dict[int, float]]:
    ties: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for (i, j), parts in graph.parts.items():
        ci, cj = membership[i], membership[j]
        if ci != cj:
            w = sum(parts.values())
            ties[ci][cj] += w
            ties[cj][ci] += w
    return ties
