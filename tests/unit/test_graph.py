"""The dependency graph: typed nodes and edges, node-link JSON and GraphML that re-read."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from decomposer.graph.build import build_graph
from decomposer.graph.dependency_graph import DependencyGraph
from decomposer.model import (
    ChangeStats,
    Column,
    Dependency,
    Facts,
    ForeignKey,
    History,
    Scan,
    Schema,
    Symbol,
    Table,
)


def _symbol(sid: str, kind: str = "function", line: int = 1) -> Symbol:
    module, _, name = sid.partition(":")
    return Symbol(id=sid, module=module, name=name, kind=kind, file=module + ".py",
                  line=line, end_line=line + 4, loc=4, complexity=2)


@pytest.fixture
def graph() -> DependencyGraph:
    facts = Facts(
        scan=Scan(root="/r", source_root="", files=()), outcomes=(),
        symbols=(_symbol("shop.models:Order", "class"), _symbol("shop.views:create", line=7),
                 _symbol("shop.models:Base", "class")),
        modules=("shop.models", "shop.views"),
        dependencies=(
            Dependency("shop.views", "shop.models", "import", 1, ("shop/views.py:1",)),
            Dependency("shop.views:create", "shop.models:Order", "call", 3,
                       ("shop/views.py:8", "shop/views.py:9")),
            Dependency("shop.models:Order", "shop.models:Base", "inherit", 1, ("m.py:3",)),
            Dependency("shop.views:create", "table:orders", "writes", 2, ("shop/views.py:9",)),
            Dependency("shop.views:create", "table:orders", "reads", 1, ("shop/views.py:8",)),
            Dependency("table:orders", "table:customers", "fk", 1, ("schema.sql:4",)),
            Dependency("shop.views:create", "elsewhere:thing", "call", 1, ("x:1",)),
        ),
        routes=(),
        schema=Schema(tables=(
            Table("customers", columns=(Column("id"),), primary_key=("id",)),
            Table("orders", schema="sales", columns=(Column("id"), Column("customer_id")),
                  foreign_keys=(ForeignKey(("customer_id",), "customers"),),
                  defined_by="shop.models:Order", source="schema.sql:2"),
        )),
        accesses=(),
        history=History(available=True, symbols=(
            ChangeStats("shop.views:create", commits=5, churn=40, authors=("ann", "bob")),)),
    )
    return build_graph(facts)


def test_nodes_are_modules_symbols_and_tables_with_their_ids(graph):
    assert graph.count_nodes() == {"module": 2, "symbol": 3, "table": 2}
    assert graph.find_nodes(kind="table") == ["table:customers", "table:orders"]
    assert graph.find_nodes(kind="module") == ["shop.models", "shop.views"]
    create = graph.node("shop.views:create")
    assert {k: create[k] for k in ("kind", "symbol_kind", "module", "file", "line", "loc",
                                   "complexity", "commits", "churn", "authors")} == {
        "kind": "symbol", "symbol_kind": "function", "module": "shop.views",
        "file": "shop.views.py", "line": 7, "loc": 4, "complexity": 2, "commits": 5,
        "churn": 40, "authors": ["ann", "bob"]}
    assert graph.node("shop.models:Order")["commits"] == 0
    orders = graph.node("table:orders")
    assert (orders["name"], orders["schema"], orders["columns"], orders["defined_by"]) == (
        "orders", "sales", ["id", "customer_id"], "shop.models:Order")


def test_edges_are_typed_with_count_and_evidence_and_dangling_ones_are_dropped(graph):
    assert graph.count_edges() == {"call": 1, "fk": 1, "import": 1, "inherit": 1, "reads": 1,
                                   "writes": 1}
    calls = list(graph.find_edges(kind="call"))
    assert [(s, t, d["count"], d["evidence"]) for s, t, d in calls] == [
        ("shop.views:create", "shop.models:Order", 3, ["shop/views.py:8", "shop/views.py:9"])]


def test_one_pair_can_hold_one_edge_per_kind(graph):
    assert graph.find_downstream("shop.views:create") == ["shop.models:Order", "table:orders"]
    assert graph.find_downstream("shop.views:create", kind="writes") == ["table:orders"]
    assert graph.find_upstream("table:orders", kind="reads") == ["shop.views:create"]
    assert graph.find_upstream("shop.models:Base") == ["shop.models:Order"]


def test_unknown_kinds_are_refused():
    graph = DependencyGraph()
    with pytest.raises(ValueError, match="unknown node kind"):
        graph.add_node("x", kind="file")
    graph.add_node("a", kind="module")
    graph.add_node("b", kind="module")
    with pytest.raises(ValueError, match="unknown edge kind"):
        graph.add_edge("a", "b", kind="likes")


def test_node_link_json_is_sorted_and_rereadable(graph, tmp_path):
    path = tmp_path / "graph.json"
    graph.write_json(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [n["id"] for n in data["nodes"]] == [
        "shop.models", "shop.views", "shop.models:Base", "shop.models:Order",
        "shop.views:create", "table:customers", "table:orders"]
    assert all({"id", "kind"} <= set(n) for n in data["nodes"])
    assert all({"kind", "count", "evidence"} <= set(e) for e in data["links"])
    again = nx.node_link_graph(data, edges="links")
    assert again.number_of_nodes() == 7 and again.number_of_edges() == 6
    assert again.nodes["table:orders"]["kind"] == "table"
    assert again.edges["shop.views:create", "table:orders", "writes"]["count"] == 2


def test_json_is_byte_identical_for_the_same_graph(graph, tmp_path):
    graph.write_json(tmp_path / "a.json")
    graph.write_json(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_json_matches_the_standard_encoder_and_survives_a_lone_surrogate(graph, tmp_path):
    graph.write_json(tmp_path / "a.json")
    expected = json.dumps(graph.to_node_link(), sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"))
    assert (tmp_path / "a.json").read_bytes() == expected.encode("utf-8")
    odd = DependencyGraph()  # a docstring's "\ud800" escape gives such a string
    odd.add_node("m:f", kind="symbol", docstring="half a pair: \ud800")
    odd.write_json(tmp_path / "odd.json")
    assert json.loads((tmp_path / "odd.json").read_text())["nodes"][0]["docstring"] == \
        "half a pair: \ud800"


def test_graphml_is_written_with_scalars_and_rereadable(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    graph.write_graphml(path)
    again = nx.read_graphml(path, force_multigraph=True)
    assert again.number_of_nodes() == 7 and again.number_of_edges() == 6
    create = again.nodes["shop.views:create"]
    assert (create["kind"], create["authors"], create["line"]) == ("symbol", "ann; bob", 7)
    assert again.nodes["table:customers"]["schema"] == ""  # None has no GraphML type
    evidence = [d["evidence"] for s, t, d in again.edges(data=True) if d["kind"] == "call"]
    assert evidence == ["shop/views.py:8; shop/views.py:9"]


def test_graphml_escapes_names_and_types_mixed_columns_as_text(tmp_path):
    odd = DependencyGraph()
    odd.add_node('m:f<&"x">', kind="symbol", loc=3, size="big", flags=[1, 2], ok=True)
    odd.add_node("m:g", kind="symbol", loc=4, size=5, flags=["a&b"], ok=False)
    odd.add_node("table:t", kind="table", columns=["id", "<note>"])
    odd.add_edge('m:f<&"x">', "m:g", kind="call", evidence=("a.py:1", "b.py:<2>"))
    path = tmp_path / "odd.graphml"
    odd.write_graphml(path)
    again = nx.read_graphml(path, force_multigraph=True)
    f, g = again.nodes['m:f<&"x">'], again.nodes["m:g"]
    assert (f["loc"], f["size"], f["flags"], f["ok"]) == (3, "big", "1; 2", True)
    assert (g["size"], g["flags"], g["ok"]) == ("5", "a&b", False)  # int and str: text
    assert again.nodes["table:t"]["columns"] == "id; <note>"
    [(_, _, data)] = again.edges(data=True)
    assert data["evidence"] == "a.py:1; b.py:<2>"
