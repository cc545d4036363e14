"""A small, verb-first API over networkx, so that no other stage touches it directly."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

NODE_KINDS = ("module", "symbol", "table")
EDGE_KINDS = ("import", "call", "reference", "inherit", "reads", "writes", "fk", "cochange")


class DependencyGraph:
    """Nodes are modules, symbols and tables; edges are typed (one per kind and pair)."""

    def __init__(self) -> None:
        self._g = nx.MultiDiGraph()

    # ------------------------------------------------------------------ building
    def add_node(self, node_id: str, *, kind: str, **attrs: Any) -> None:
        if kind not in NODE_KINDS:
            raise ValueError(f"unknown node kind {kind!r}")
        self._g.add_node(node_id, kind=kind, **attrs)

    def add_edge(self, source: str, target: str, *, kind: str, count: int = 1,
                 evidence: tuple[str, ...] = ()) -> None:
        if kind not in EDGE_KINDS:
            raise ValueError(f"unknown edge kind {kind!r}")
        if not (self._g.has_node(source) and self._g.has_node(target)):
            return  # an edge to something outside the graph says nothing about the graph
        self._g.add_edge(source, target, key=kind, kind=kind, count=count,
                         evidence=list(evidence))

    # ------------------------------------------------------------------ reading
    def has_node(self, node_id: str) -> bool:
        return self._g.has_node(node_id)

    def node(self, node_id: str) -> dict[str, Any]:
        return dict(self._g.nodes[node_id])

    def find_nodes(self, *, kind: str | None = None) -> list[str]:
        return sorted(n for n, data in self._g.nodes(data=True)
                      if kind is None or data["kind"] == kind)

    def find_edges(self, *, kind: str | None = None) -> Iterator[tuple[str, str, dict]]:
        for source, target, data in self._g.edges(data=True):
            if kind is None or data["kind"] == kind:
                yield source, target, data

    def find_upstream(self, node_id: str, *, kind: str | None = None) -> list[str]:
        """Nodes with an edge into ``node_id`` (callers, importers, writers...)."""
        return sorted({s for s, _, k in self._g.in_edges(node_id, keys=True)
                       if kind is None or k == kind})

    def find_downstream(self, node_id: str, *, kind: str | None = None) -> list[str]:
        return sorted({t for _, t, k in self._g.out_edges(node_id, keys=True)
                       if kind is None or k == kind})

    def count_nodes(self) -> dict[str, int]:
        return dict(sorted(Counter(d["kind"] for _, d in self._g.nodes(data=True)).items()))

    def count_edges(self) -> dict[str, int]:
        return dict(sorted(Counter(d["kind"] for *_, d in self._g.edges(data=True)).items()))

    # ------------------------------------------------------------------ export
    def to_node_link(self) -> dict[str, Any]:
        data = nx.node_link_data(self._g, edges="links")
        data["nodes"] = sorted(data["nodes"], key=lambda n: (n["kind"], n["id"]))
        data["links"] = sorted(data["links"], key=lambda e: (e["source"], e["target"], e["kind"]))
        return data

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_node_link(), indent=1, sort_keys=True,
                                   ensure_ascii=False), encoding="utf-8")

    def write_graphml(self, path: Path) -> None:
        # GraphML holds scalars only: lists become "; "-joined text, None becomes "".
        flat = nx.MultiDiGraph()
        for node, data in sorted(self._g.nodes(data=True)):
            flat.add_node(node, **{k: _scalar(v) for k, v in data.items()})
        for source, target, key, data in sorted(self._g.edges(keys=True, data=True)):
            flat.add_edge(source, target, key=key, **{k: _scalar(v) for k, v in data.items()})
        nx.write_graphml(flat, path)


def _scalar(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
