"""Avoid over-splitting: fold away contexts too small or too chatty to stand alone.

=====================  ==============================================================
rule                   threshold
=====================  ==============================================================
too small              fewer than ``min_context_size`` symbols (default 3) or fewer than
                       ``MIN_SHARE`` (5%) of all symbols, capped at ``SERVICE_SIZE`` (20):
                       merged into the context it is most associated with (below)
no data of its own     holds no table while the system has tables, and is smaller than
                       ``STATELESS_SERVICE_SIZE`` (40) or ties to fewer than three
                       contexts' worth (inverse Simpson index): a service must own its
                       data (playbook: data autonomy), so it joins its closest tie
too chatty (merge)     the pair's cross calls outnumber the smaller side's own internal
                       calls, and there are at least 3: it is one service in two halves
chatty (report)        cross calls >= half the smaller side's internal calls, and >= 3
=====================  ==============================================================
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from decomposer.clustering.signals import SignalGraph

CHATTY_MIN_CALLS = 3
# A twentieth of the system: on seven monoliths, 3% left halves of one context apart.
MIN_SHARE = 0.05
# ...but never more than this many symbols: twenty classes and functions with tables of
# their own are a service's worth of code in a system of any size. A share alone kept a big
# system to twenty contexts (django-oscar: its apps of 20 to 40 symbols were merged).
SERVICE_SIZE = 20
# A context without tables is a fragment of the code that owns the data it works on, unless
# it is big and serves many: twice a service's worth of code with no table, its ties spread
# over three contexts' worth or more (the "many" of the shared kernel's rule), is a
# stateless capability of its own (calibre's format converters and device drivers,
# Saleor's GraphQL metadata API, Wagtail's edit panels). Tied to one or two contexts it is
# their code (flaskbb's forum views and account forms, whose models are elsewhere) and joins
# them. None of the ten monoliths with known contexts has a table-less cluster this big; on
# calibre, eight contexts named after stray tables became 22 named after subsystems.
STATELESS_SERVICE_SIZE = 2 * SERVICE_SIZE
STATELESS_NEIGHBOURS = 3


@dataclass(frozen=True)
class Merge:
    """A context folded into a neighbour, told once the contexts have names."""

    moved: str  # what moved, as a reader finds it: its tables, else its symbols
    size: int  # symbols
    member: str  # one of its members: where it went is where this one is in the end
    why: str

    def text(self, context_of: dict[str, str]) -> str:
        where = context_of.get(self.member, "a neighbour")
        return f"merged {self.moved} ({self.size} symbols) into {where}: {self.why}"


def merge_small(graph: SignalGraph, membership: list[int], *, min_size: int,
                notes: list) -> list[int]:
    """Fold contexts below the size floor, or small and owning no table, into their
    strongest tie, smallest first; then fold the big table-less ones that serve too few
    contexts. Incremental: each merge looks only at the victim's own edges."""
    membership = list(membership)
    adjacency = _adjacency(graph)
    members: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(membership):
        members[c].append(i)
    sizes = {c: sum(graph.counts(graph.nodes[i]) for i in nodes) for c, nodes in members.items()}
    tables = {c: any(graph.nodes[i].startswith("table:") for i in nodes)
              for c, nodes in members.items()}
    has_tables = any(tables.values())
    min_size = max(min_size, min(SERVICE_SIZE, math.ceil(MIN_SHARE * sum(sizes.values()))))
    real = {c for c, size in sizes.items() if size > 0}
    volume: dict[int, float] = defaultdict(float)  # a context's total weight
    for i, c in enumerate(membership):
        volume[c] += sum(w for _, w in adjacency[i])

    def small(c: int) -> bool:
        return sizes[c] < min_size or (
            has_tables and not tables[c] and sizes[c] < STATELESS_SERVICE_SIZE)

    def fold(victim: int, why: str) -> int:
        ties: dict[int, float] = defaultdict(float)
        for i in members[victim]:
            for j, w in adjacency[i]:
                if membership[j] != victim and membership[j] in real:
                    ties[membership[j]] += w
        if ties:
            # Association strength: the tie over the neighbour's total weight. The raw tie
            # favours the biggest neighbour, which touches everything (measured on ten
            # monoliths: two better, none worse; flaskbb's forum no longer joins its users).
            target = max(sorted(ties), key=lambda c: ties[c] / volume[c])
        else:  # nothing ties it: the biggest context takes it (reported below)
            target = max(sorted(real - {victim}), key=lambda c: sizes[c])
        if sizes[victim]:
            notes.append(Merge(_describe(graph, members[victim]), sizes[victim],
                               _anchor(graph, members[victim]), why))
        for i in members[victim]:
            membership[i] = target
        members[target] += members.pop(victim)
        sizes[target] += sizes.pop(victim)
        volume[target] += volume.pop(victim)
        tables[target] = tables[target] or tables.pop(victim)
        real.discard(victim)
        if sizes[target] > 0:
            real.add(target)
        return target

    queue = [(sizes[c], c) for c in sizes if small(c)]
    heapq.heapify(queue)
    while queue and len(real) > 1:
        size, victim = heapq.heappop(queue)
        if victim not in sizes or sizes[victim] != size or not small(victim):
            continue  # stale: merged away, or grown since it was queued
        target = fold(victim, f"below the minimum size of {min_size} symbols"
                      if size < min_size else
                      f"it owns no table and has fewer than {STATELESS_SERVICE_SIZE} symbols")
        if small(target):
            heapq.heappush(queue, (sizes[target], target))
    # Big table-less contexts: whether one serves many depends on all the others, so this
    # comes last, in rounds (a round's merges can concentrate another one's ties).
    while has_tables and len(real) > 1:
        standing = stateless_contexts(graph, membership)
        fragments = [c for c in real if not tables[c] and c not in standing]
        if not fragments:
            break
        for victim in sorted(fragments, key=lambda c: (sizes[c], c)):
            if victim in real and len(real) > 1:  # not merged away earlier in the round
                fold(victim, "it owns no table and its ties go to fewer than "
                     f"{STATELESS_NEIGHBOURS} contexts' worth")
    return membership


def stateless_contexts(graph: SignalGraph, membership: list[int]) -> set[int]:
    """Contexts that stand without tables: ``STATELESS_SERVICE_SIZE`` symbols or more, their
    ties spread over ``STATELESS_NEIGHBOURS`` contexts' worth or more (the inverse Simpson
    index of their ties): not the code of one or two contexts' data."""
    sizes: Counter[int] = Counter()
    with_tables: set[int] = set()
    for i, node in enumerate(graph.nodes):
        if node.startswith("table:"):
            with_tables.add(membership[i])
        elif graph.counts(node):
            sizes[membership[i]] += 1
    big = {c for c, n in sizes.items() if n >= STATELESS_SERVICE_SIZE and c not in with_tables}
    ties: dict[int, dict[int, float]] = {c: defaultdict(float) for c in big}
    for (i, j), parts in graph.parts.items():
        a, b = membership[i], membership[j]
        if a != b and (a in big or b in big):
            w = sum(parts.values())
            if a in big:
                ties[a][b] += w
            if b in big:
                ties[b][a] += w
    return {c for c in big if sum(ties[c].values()) > 0
            and sum(ties[c].values()) ** 2
            >= STATELESS_NEIGHBOURS * sum(w * w for w in ties[c].values())}


def merge_chatty(graph: SignalGraph, membership: list[int], calls: list[tuple[str, str]],
                 notes: list) -> list[int]:
    membership = list(membership)
    while True:
        pairs = chatty_pairs(graph, membership, calls)
        merge = [(c, d, n) for c, d, n, internal in pairs if n > internal]
        if not merge:
            return membership
        c, d, n = merge[0]
        moved = _members(membership, d)
        notes.append(Merge(
            f"the context of {_describe(graph, moved, 1)}",
            sum(graph.counts(graph.nodes[i]) for i in moved), _anchor(graph, moved),
            f"the two call each other {n} times, more than the smaller one calls itself "
            "(a chatty interface)"))
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


def _describe(graph: SignalGraph, nodes: list[int], most: int = 3) -> str:
    """A context as a reader finds it before it has a name: its tables, else its symbols."""
    tables = sorted(graph.nodes[i][len("table:"):] for i in nodes
                    if graph.nodes[i].startswith("table:"))
    kind, shown = ("table", tables) if tables else (
        "symbol", sorted(graph.nodes[i] for i in nodes if graph.counts(graph.nodes[i])))
    text = f"{kind}{'s' if len(shown) > 1 else ''} {', '.join(shown[:most])}"
    return text + (f" and {len(shown) - most} more" if len(shown) > most else "")


def _anchor(graph: SignalGraph, nodes: list[int]) -> str:
    """A member that will have a context (no module or package node)."""
    return next((graph.nodes[i] for i in nodes if not graph.is_auxiliary(graph.nodes[i])),
                graph.nodes[nodes[0]])


def _members(membership: list[int], c: int) -> list[int]:
    return [i for i, m in enumerate(membership) if m == c]


def _adjacency(graph: SignalGraph) -> list[list[tuple[int, float]]]:
    adjacency: list[list[tuple[int, float]]] = [[] for _ in graph.nodes]
    for (i, j), parts in graph.parts.items():
        w = sum(parts.values())
        adjacency[i].append((j, w))
        adjacency[j].append((i, w))
    return adjacency
