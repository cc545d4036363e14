"""Dependency cycles between contexts: strongly connected components (Tarjan, 1972).

Tarjan, R. E. (1972), "Depth-first search and linear graph algorithms", SIAM Journal on
Computing 1(2):146-160. Iterative, so a long chain of contexts cannot exhaust the stack.
"""

from __future__ import annotations

from collections.abc import Iterable


def find_cycles(edges: Iterable[tuple[str, str]]) -> tuple[tuple[str, ...], ...]:
    """Components of two or more nodes, each sorted, sorted among themselves.

    >>> find_cycles([("a", "b"), ("b", "a"), ("b", "c")])
    (('a', 'b'),)
    """
    successors: dict[str, list[str]] = {}
    for source, target in edges:
        if source != target:
            successors.setdefault(source, []).append(target)
            successors.setdefault(target, [])
    for targets in successors.values():
        targets.sort()
    components = _tarjan(successors)
    return tuple(sorted(tuple(sorted(c)) for c in components if len(c) > 1))


def _tarjan(successors: dict[str, list[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(successors):
        if root in index:
            continue
        work = [(root, 0)]  # (node, position in its successor list)
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = successors[node]
            if position < len(targets):
                work.append((node, position + 1))
                nxt = targets[position]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components


def shortest_cycle(edges: Iterable[tuple[str, str]], component: tuple[str, ...]
                   ) -> tuple[str, ...]:
    """A shortest closed path through the component's first node, first node repeated last.

    >>> shortest_cycle([("a", "b"), ("b", "c"), ("c", "a"), ("b", "a")], ("a", "b", "c"))
    ('a', 'b', 'a')
    """
    inside = set(component)
    successors: dict[str, set[str]] = {}
    for source, target in edges:
        if source in inside and target in inside and source != target:
            successors.setdefault(source, set()).add(target)
    start = min(component)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(successors.get(node, ())):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return (*reversed(path), start)
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    return ()
