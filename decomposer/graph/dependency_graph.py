"""A small, verb-first API over networkx, so that no other stage touches it directly."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape

import orjson

if TYPE_CHECKING:
    import networkx as nx

NODE_KINDS = ("module", "symbol", "table")
EDGE_KINDS = ("import", "call", "reference", "inherit", "reads", "writes", "fk", "cochange")


class DependencyGraph:
    """Nodes are modules, symbols and tables; edges are typed (one per kind and pair).

    What is added is kept as plain dicts, in order; the networkx graph that queries run on
    is made from them when a query first needs it. Writing the files needs no query, so
    `decomposer graph` never builds it (300,000 edges put into networkx one call at a time
    were a tenth of that command's run at 1 M lines)."""

    def __init__(self) -> None:
        self._nodes: dict[str, dict[str, Any]] = {}
        self._edges: dict[tuple[str, str, str], dict[str, Any]] = {}  # (source, target, kind)
        self._queried: nx.MultiDiGraph | None = None

    # ------------------------------------------------------------------ building
    def add_node(self, node_id: str, *, kind: str, **attrs: Any) -> None:
        if kind not in NODE_KINDS:
            raise ValueError(f"unknown node kind {kind!r}")
        self._nodes.setdefault(node_id, {}).update(kind=kind, **attrs)
        self._queried = None

    def add_edge(self, source: str, target: str, *, kind: str, count: int = 1,
                 evidence: tuple[str, ...] = ()) -> None:
        if kind not in EDGE_KINDS:
            raise ValueError(f"unknown edge kind {kind!r}")
        if source not in self._nodes or target not in self._nodes:
            return  # an edge to something outside the graph says nothing about the graph
        self._edges.setdefault((source, target, kind), {}).update(
            kind=kind, count=count, evidence=list(evidence))
        self._queried = None

    @property
    def _networkx(self) -> nx.MultiDiGraph:
        if self._queried is None:
            import networkx as nx  # deferred: writing the files needs none (0.1 s to import)

            graph = nx.MultiDiGraph()
            graph.add_nodes_from(self._nodes.items())
            graph.add_edges_from((s, t, k, data) for (s, t, k), data in self._edges.items())
            self._queried = graph
        return self._queried

    # ------------------------------------------------------------------ reading
    def has_node(self, node_id: str) -> bool:
        return node_id in self._nodes

    def node(self, node_id: str) -> dict[str, Any]:
        return dict(self._nodes[node_id])

    def find_nodes(self, *, kind: str | None = None) -> list[str]:
        return sorted(n for n, data in self._nodes.items()
                      if kind is None or data["kind"] == kind)

    def find_edges(self, *, kind: str | None = None) -> Iterator[tuple[str, str, dict]]:
        for source, target, data in self._networkx.edges(data=True):
            if kind is None or data["kind"] == kind:
                yield source, target, data

    def find_upstream(self, node_id: str, *, kind: str | None = None) -> list[str]:
        """Nodes with an edge into ``node_id`` (callers, importers, writers...)."""
        return sorted({s for s, _, k in self._networkx.in_edges(node_id, keys=True)
                       if kind is None or k == kind})

    def find_downstream(self, node_id: str, *, kind: str | None = None) -> list[str]:
        return sorted({t for _, t, k in self._networkx.out_edges(node_id, keys=True)
                       if kind is None or k == kind})

    def count_nodes(self) -> dict[str, int]:
        return dict(sorted(Counter(d["kind"] for d in self._nodes.values()).items()))

    def count_edges(self) -> dict[str, int]:
        return dict(sorted(Counter(kind for _, _, kind in self._edges).items()))

    # ------------------------------------------------------------------ export
    def to_node_link(self) -> dict[str, Any]:
        """networkx's node-link shape (``node_link_data`` of a MultiDiGraph), sorted."""
        nodes = [{**data, "id": node} for node, data in self._nodes.items()]
        links = [{**data, "source": s, "target": t, "key": k}
                 for (s, t, k), data in sorted(self._edges.items(), key=itemgetter(0))]
        return {"directed": True, "multigraph": True, "graph": {},
                "nodes": sorted(nodes, key=lambda n: (n["kind"], n["id"])), "links": links}

    def write_json(self, path: Path) -> None:
        # For what a graph holds (strings, small integers, lists) orjson writes the bytes of a
        # compact, key-sorted json.dumps six times faster (0.15 s against 0.94 s at 1 M lines).
        data = self.to_node_link()
        try:
            path.write_bytes(orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
        except orjson.JSONEncodeError:  # a lone surrogate from a string literal's escape:
            # escaped as json.dumps does, in ASCII
            path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")),
                            encoding="ascii")

    def write_graphml(self, path: Path) -> None:
        """GraphML for Gephi and yEd, streamed (networkx's writer builds a whole DOM first).
        GraphML holds scalars only: lists become "; "-joined text, None becomes ""."""
        nodes = sorted(self._nodes.items())
        edges = [(s, t, k, data) for (s, t, k), data in sorted(self._edges.items(),
                                                                key=itemgetter(0))]
        node_rows = _Rows([data for _, data in nodes], "n")
        edge_rows = _Rows([data for *_, data in edges], "e")
        with path.open("w", encoding="utf-8") as fh:
            fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns='
                     '"http://graphml.graphdrawing.org/xmlns">\n')
            for scope, rows in (("node", node_rows), ("edge", edge_rows)):
                for name, kind in rows.keys.items():
                    fh.write(f'<key id="{rows.ids[name]}" for="{scope}" '
                             f'attr.name="{_xml(name)}" attr.type="{kind}"/>\n')
            fh.write('<graph edgedefault="directed">\n')
            ids = _column_text([node for node, _ in nodes])
            fh.writelines(map('<node id="{}">{}</node>\n'.format, ids, node_rows.texts()))
            sources, targets, keys = (_column_text(list(map(itemgetter(i), edges)))
                                      for i in range(3))
            fh.writelines(map('<edge source="{0}" target="{1}" id="{0}|{1}|{2}">{3}</edge>\n'
                              .format, sources, targets, keys, edge_rows.texts()))
            fh.write("</graph>\n</graphml>\n")


_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double"}


class _Rows:
    """The ``<data>`` elements of many nodes (or edges), worked out a column at a time:
    rows with the same attributes (all nodes of a kind) share one template, and each
    attribute is converted by one call for its column (a loop over values was most of the
    writer's time)."""

    def __init__(self, rows: list[dict], prefix: str) -> None:
        self.rows = rows
        signatures = list(map(tuple, rows))  # attribute names, in insertion order
        self.groups = {signature: [i for i, s in enumerate(signatures) if s == signature]
                       for signature in dict.fromkeys(signatures)}
        kinds: dict[str, set[str]] = {}
        for names, members in self.groups.items():
            for name in names:
                classes = set(map(type, map(itemgetter(name), map(rows.__getitem__, members))))
                kinds.setdefault(name, set()).update(
                    _GRAPHML_TYPES.get(c, "string") for c in classes)
        # mixed types: text is the common ground
        self.keys = {name: found.pop() if len(found) == 1 else "string"
                     for name, found in sorted(kinds.items())}
        self.ids = {name: f"{prefix}{i}" for i, name in enumerate(self.keys)}

    def texts(self) -> list[str]:
        out = [""] * len(self.rows)
        for names, members in self.groups.items():
            ordered = sorted(names)
            template = "".join(f'<data key="{self.ids[name]}">{{}}</data>' for name in ordered)
            data = list(map(self.rows.__getitem__, members))
            columns = [_column_text(list(map(itemgetter(name), data))) for name in ordered]
            texts = list(map(template.format, *columns))
            if len(members) == len(out):
                return texts  # one kind of row: already in order
            for index, text in zip(members, texts):
                out[index] = text
        return out


def _column_text(values: list[Any]) -> list[str]:
    classes = set(map(type, values))
    if classes == {list} and all(type(v) is str for value in values for v in value):
        values, classes = ["; ".join(value) for value in values], {str}  # evidence, columns
    if classes == {str}:
        # one test for the whole column: most need no escaping
        return list(map(_xml, values)) if _needs_escape("".join(values)) else values
    if classes <= {int, float}:
        return list(map(str, values))
    return [_xml(_text(value)) for value in values]


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _xml(text: str) -> str:
    # Most names need no escaping; checking first is several times faster than escaping.
    return xml_escape(text, {'"': "&quot;"}) if _needs_escape(text) else text


def _needs_escape(text: str) -> bool:
    return "&" in text or "<" in text or ">" in text or '"' in text

