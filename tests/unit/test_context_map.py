"""Context map: table ownership, relations, communication modes and cycles, on tiny facts."""

from __future__ import annotations

import json
from dataclasses import replace

from decomposer.config import Config
from decomposer.context_map import GATEWAY, SHARED_KERNEL, build_context_map
from decomposer.context_map.communication import entity_name, event_names, write_event
from decomposer.context_map.cycles import find_cycles, shortest_cycle
from decomposer.model import (
    Clustering,
    Decomposition,
    Dependency,
    Facts,
    ForeignKey,
    History,
    Route,
    Scan,
    Schema,
    Signature,
    Symbol,
    Table,
    TableAccess,
)
from reports.decomposition_json import to_contract, write_decomposition


def _symbol(sid: str, kind: str = "function", returns: str | None = "str") -> Symbol:
    module, _, name = sid.partition(":")
    signatures = (Signature(name, (), returns, 1),) if kind == "function" else ()
    return Symbol(id=sid, module=module, name=name, kind=kind,
                  file=module.replace(".", "/") + ".py", line=1, end_line=9, loc=8,
                  complexity=1, signatures=signatures)


def _read(source: str, table: str, line: int = 5) -> TableAccess:
    return TableAccess(source, table, "read", line, "sql", f"SELECT * FROM {table}")


def _write(source: str, table: str, sql: str = "INSERT INTO", line: int = 6) -> TableAccess:
    return TableAccess(source, table, "write", line, "sql", f"{sql} {table} ...")


def _call(source: str, target: str, count: int = 1, kind: str = "call") -> Dependency:
    module = source.partition(":")[0].replace(".", "/")
    return Dependency(source, target, kind, count, (f"{module}.py:{10 + count}",))


def _facts(symbols, dependencies=(), accesses=(), tables=(), routes=()) -> Facts:
    return Facts(
        scan=Scan(root="/repo", source_root="", files=()), outcomes=(),
        symbols=tuple(symbols), modules=tuple(sorted({s.module for s in symbols})),
        dependencies=tuple(dependencies), routes=tuple(routes),
        schema=Schema(tables=tuple(tables)), accesses=tuple(accesses),
        history=History(available=False),
    )


def _clustering(assignment, kernel=(), **extra) -> Clustering:
    return Clustering(assignment=dict(assignment), shared_kernel=tuple(kernel),
                      explanations=extra.pop("explanations", {}),
                      runner_up=extra.pop("runner_up", {}), **extra)


def _build(facts: Facts, clustering: Clustering) -> Decomposition:
    return build_context_map(facts, None, clustering, Config())


def _relation(decomposition: Decomposition, source: str, target: str, kind: str):
    found = [r for r in decomposition.relations
             if (r.source, r.target, r.kind) == (source, target, kind)]
    assert len(found) == 1, [(r.source, r.target, r.kind) for r in decomposition.relations]
    return found[0]


def _owner(decomposition: Decomposition, table: str):
    return next(o for o in decomposition.ownership if o.table == table)


# ------------------------------------------------------------------ ownership


def test_the_model_that_defines_a_table_owns_it_even_when_others_write_more():
    facts = _facts(
        [_symbol("shop.models:Order", "class"), _symbol("shop.billing:charge")],
        accesses=[_write("shop.billing:charge", "orders", line=n) for n in (1, 2, 3)]
        + [_write("shop.models:Order", "orders")],
        tables=[Table("orders", defined_by="shop.models:Order")],
    )
    result = _build(facts, _clustering({"shop.models:Order": "orders",
                                        "shop.billing:charge": "billing"}))
    owner = _owner(result, "orders")
    assert owner.owner == "orders"
    assert owner.evidence[0] == "defined by shop.models:Order"
    assert "written by billing ×3 (shop.billing:charge)" in owner.evidence
    assert owner.conflict and owner.writers == ("billing", "orders")


def test_without_a_model_the_context_that_writes_most_owns_the_table():
    facts = _facts(
        [_symbol("a.x:f"), _symbol("b.y:g"), _symbol("k.util:save_row")],
        accesses=[_write("a.x:f", "items"), _write("b.y:g", "items", line=1),
                  _write("b.y:g", "items", line=2)]
        + [_write("k.util:save_row", "items", line=n) for n in range(9)],
    )
    result = _build(facts, _clustering({"a.x:f": "alpha", "b.y:g": "beta",
                                        "table:items": "alpha"}, kernel=["k.util:save_row"]))
    assert _owner(result, "items").owner == "beta"  # the kernel's nine writes count for nobody


def test_a_tie_between_writers_goes_to_the_context_clustering_chose():
    facts = _facts([_symbol("a.x:f"), _symbol("b.y:g")],
                   accesses=[_write("a.x:f", "items"), _write("b.y:g", "items")])
    chosen_b = _build(facts, _clustering({"a.x:f": "alpha", "b.y:g": "beta",
                                          "table:items": "beta"}))
    chosen_none = _build(facts, _clustering({"a.x:f": "alpha", "b.y:g": "beta"}))
    assert _owner(chosen_b, "items").owner == "beta"
    assert _owner(chosen_none, "items").owner == "alpha"


def test_read_only_table_goes_to_clustering_choice_then_to_the_main_reader():
    facts = _facts([_symbol("a.x:f"), _symbol("b.y:g")],
                   accesses=[_read("a.x:f", "rates"), _read("b.y:g", "rates", 1),
                             _read("b.y:g", "rates", 2)])
    placed = _build(facts, _clustering({"a.x:f": "alpha", "b.y:g": "beta",
                                        "table:rates": "alpha"}))
    unplaced = _build(facts, _clustering({"a.x:f": "alpha", "b.y:g": "beta"}))
    assert _owner(placed, "rates").owner == "alpha"
    assert _owner(unplaced, "rates").owner == "beta"


def test_untouched_tables_follow_foreign_keys_and_the_rest_stay_unowned():
    tables = [Table("orders", defined_by="shop.models:Order"),
              Table("order_items", foreign_keys=(ForeignKey(("order_id",), "orders"),)),
              Table("item_notes", foreign_keys=(ForeignKey(("item_id",), "order_items"),)),
              Table("orphans")]
    facts = _facts([_symbol("shop.models:Order", "class")], tables=tables)
    result = _build(facts, _clustering({"shop.models:Order": "orders"}))
    assert _owner(result, "order_items").owner == "orders"
    assert _owner(result, "item_notes").owner == "orders"  # through order_items
    assert _owner(result, "orphans").owner is None
    assert any("orphans has no owner" in w for w in result.warnings)
    assert result.context("orders").tables == ("item_notes", "order_items", "orders")


# ------------------------------------------------------------------ contexts


def test_contexts_list_whole_modules_shared_tables_and_copied_explanations():
    facts = _facts(
        [_symbol("shop.orders:place"), _symbol("shop.orders:total"),
         _symbol("shop.mixed:a"), _symbol("shop.mixed:b"), _symbol("shop.users:get_user")],
        accesses=[_write("shop.users:get_user", "users"), _read("shop.orders:place", "users"),
                  _write("shop.orders:place", "orders")],
    )
    clustering = _clustering(
        {"shop.orders:place": "orders", "shop.orders:total": "orders",
         "shop.mixed:a": "orders", "shop.mixed:b": "users", "shop.users:get_user": "users",
         "table:orders": "orders"},
        explanations={"shop.orders:place": ("writes orders",), "table:orders": ("fk",),
                      "shop.users:get_user": ("writes users",)},
        runner_up={"shop.orders:total": "users"}, vocabulary={"orders": ("order",)},
    )
    orders = _build(facts, clustering).context("orders")
    assert orders.symbols == ("shop.mixed:a", "shop.orders:place", "shop.orders:total")
    assert orders.modules == ("shop.orders",)
    assert orders.tables == ("orders",)
    assert orders.shared_tables == ("users",)
    assert orders.explanations == {"shop.orders:place": ("writes orders",),
                                   "table:orders": ("written most by orders", "fk")}
    assert orders.runner_up == {"shop.orders:total": "users"}
    assert orders.vocabulary == ("order",)


def test_symbols_in_no_context_and_not_in_the_kernel_are_reported():
    facts = _facts([_symbol("a.x:f"), _symbol("a.x:lost"), _symbol("k.u:fmt")])
    result = _build(facts, _clustering({"a.x:f": "alpha"}, kernel=["k.u:fmt"]))
    assert result.shared_kernel == ("k.u:fmt",)
    assert [w for w in result.warnings if "no context" in w] == [
        "symbol a.x:lost is in no context and not in the shared kernel"]


# ------------------------------------------------------------------ relations


def _shop() -> tuple[Facts, Clustering]:
    symbols = [_symbol("shop.orders:place_order"), _symbol("shop.users:get_user"),
               _symbol("shop.users:UserDAO", "class"),
               _symbol("shop.notify:send_receipt_email", returns="None"),
               _symbol("shop.utils:format_money")]
    dependencies = [_call("shop.orders:place_order", "shop.users:get_user", 3),
                    _call("shop.orders:place_order", "shop.notify:send_receipt_email"),
                    _call("shop.orders:place_order", "shop.utils:format_money", 2),
                    _call("shop.users:get_user", "shop.utils:format_money")]
    accesses = [_read("shop.users:get_user", "users"),
                _write("shop.users:UserDAO", "users", "INSERT INTO", 20),
                _write("shop.users:UserDAO", "users", "UPDATE", 21),
                _read("shop.orders:place_order", "users", 7),
                _write("shop.orders:place_order", "orders")]
    routes = [Route("shop.orders:place_order", "/orders", ("POST",), "flask",
                    "shop/orders.py", 3, "shop.orders")]
    facts = _facts(symbols, dependencies, accesses,
                   tables=[Table("users"), Table("orders")], routes=routes)
    clustering = _clustering(
        {"shop.orders:place_order": "orders", "shop.users:get_user": "users",
         "shop.users:UserDAO": "users", "shop.notify:send_receipt_email": "notifications"},
        kernel=["shop.utils:format_money"], chatty_pairs=(("orders", "users", 3),),
        metrics={"modularity": 0.5},
    )
    return facts, clustering


def test_a_call_to_a_function_that_reads_is_a_grpc_query_with_evidence():
    result = _build(*_shop())
    relation = _relation(result, "orders", "users", "customer-supplier")
    assert relation.communication == "grpc"
    assert relation.calls == 3
    assert relation.evidence == (
        "shop.orders:place_order calls shop.users:get_user ×3 (shop/orders.py:13) [query]",)
    assert "queries users" in relation.why


def test_a_fire_and_forget_notification_call_becomes_an_event():
    result = _build(*_shop())
    relation = _relation(result, "orders", "notifications", "customer-supplier")
    assert relation.communication == "events"
    assert relation.events == ("ReceiptEmailRequested",)
    assert "ReceiptEmailRequested" in relation.why



def test_a_call_to_a_function_that_writes_is_a_synchronous_command():
    facts = _facts([_symbol("a.x:f"), _symbol("b.y:reserve_stock")],
                   dependencies=[_call("a.x:f", "b.y:reserve_stock")],
                   accesses=[_write("b.y:reserve_stock", "stock", "UPDATE")])
    relation = _relation(_build(facts, _clustering({"a.x:f": "alpha",
                                                    "b.y:reserve_stock": "beta"})),
                         "alpha", "beta", "customer-supplier")
    assert relation.communication == "grpc"
    assert relation.evidence[0].endswith("[command]")
    assert "commands whose effect it needs at once" in relation.why


def test_a_notifier_that_reads_to_compose_its_message_is_still_fire_and_forget():
    facts = _facts([_symbol("a.x:ship"), _symbol("b.mailer:notify_shipped")],
                   dependencies=[_call("a.x:ship", "b.mailer:notify_shipped")],
                   accesses=[_read("b.mailer:notify_shipped", "users")])
    relation = _relation(_build(facts, _clustering({"a.x:ship": "alpha",
                                                    "b.mailer:notify_shipped": "beta"})),
                         "alpha", "beta", "customer-supplier")
    assert relation.communication == "events"
    assert relation.events == ("Shipped",)

def test_reading_another_contexts_table_is_a_data_dependency_replicated_by_events():
    result = _build(*_shop())
    relation = _relation(result, "orders", "users", "data-dependency")
    assert relation.communication == "events"
    assert relation.events == ("UserCreated", "UserUpdated")
    assert relation.reads == 1
    assert relation.evidence == ("shop.orders:place_order reads users of users "
                                 "(shop/orders.py:7)",)


def test_kernel_use_is_one_library_relation_per_context():
    result = _build(*_shop())
    kernel = [r for r in result.relations if r.kind == "shared-kernel"]
    assert [(r.source, r.target, r.communication, r.calls) for r in kernel] == [
        ("orders", SHARED_KERNEL, "library", 2), ("users", SHARED_KERNEL, "library", 1)]


def test_http_routes_make_an_open_host_relation_from_the_gateway():
    relation = _relation(_build(*_shop()), GATEWAY, "orders", "open-host")
    assert relation.communication == "rest"
    assert relation.evidence == ("POST /orders -> shop.orders:place_order (shop/orders.py:3)",)


def test_two_contexts_writing_one_table_make_a_conflict_relation_and_a_warning():
    facts = _facts([_symbol("shop.models:Order", "class"), _symbol("shop.billing:charge")],
                   accesses=[_write("shop.models:Order", "orders"),
                             _write("shop.billing:charge", "orders", "UPDATE")],
                   tables=[Table("orders", defined_by="shop.models:Order")])
    result = _build(facts, _clustering({"shop.models:Order": "orders",
                                        "shop.billing:charge": "billing"}))
    relation = _relation(result, "billing", "orders", "conflict")
    assert relation.communication == "grpc" and relation.writes == 1
    assert relation.events == ("OrderPlaced", "OrderUpdated")
    assert any("orders is written by billing, orders" in w for w in result.warnings)


def test_a_lone_write_into_another_contexts_log_table_is_an_event():
    facts = _facts([_symbol("a.x:f"), _symbol("b.y:Audit", "class")],
                   accesses=[_write("a.x:f", "audit_log")],
                   tables=[Table("audit_log", defined_by="b.y:Audit")])
    result = _build(facts, _clustering({"a.x:f": "alpha", "b.y:Audit": "beta"}))
    relation = _relation(result, "alpha", "beta", "customer-supplier")
    assert relation.communication == "events"
    assert relation.events == ("AuditCreated",)
    assert not _owner(result, "audit_log").conflict


def test_module_level_code_counts_for_the_context_of_its_whole_module():
    facts = _facts([_symbol("a.x:f"), _symbol("b.y:g")],
                   accesses=[_read("a.x", "things"), _write("b.y:g", "things")])
    result = _build(facts, _clustering({"a.x:f": "alpha", "b.y:g": "beta"}))
    assert _relation(result, "alpha", "beta", "data-dependency").reads == 1


def test_cycles_between_contexts_are_found_and_reported():
    facts = _facts([_symbol("a.x:f"), _symbol("b.y:g"), _symbol("c.z:h")],
                   dependencies=[_call("a.x:f", "b.y:g"), _call("b.y:g", "a.x:f"),
                                 _call("c.z:h", "a.x:f")])
    result = _build(facts, _clustering({"a.x:f": "alpha", "b.y:g": "beta",
                                        "c.z:h": "gamma"}))
    assert result.cycles == (("alpha", "beta"),)
    assert result.metrics["cycles"] == 1
    assert any(w.startswith("dependency cycle between alpha, beta (e.g. alpha -> beta -> alpha)")
               for w in result.warnings)


def test_a_data_dependency_back_does_not_close_a_cycle():
    # beta calls alpha; alpha only reads beta's table: events answer that, no cycle
    facts = _facts([_symbol("a.x:f"), _symbol("b.y:g")],
                   dependencies=[_call("b.y:g", "a.x:f")],
                   accesses=[_write("b.y:g", "beta_t"), _read("a.x:f", "beta_t")])
    result = _build(facts, _clustering({"a.x:f": "alpha", "b.y:g": "beta"}))
    assert result.cycles == ()


def test_metrics_copy_clustering_and_count_cross_context_accesses():
    result = _build(*_shop())
    assert result.metrics["modularity"] == 0.5
    assert result.metrics["cross_context_table_accesses"] == 1
    assert result.metrics["relations"] == len(result.relations)
    assert result.chatty_pairs == (("orders", "users", 3),)


def test_output_does_not_depend_on_input_order():
    facts, clustering = _shop()
    shuffled = replace(facts, dependencies=facts.dependencies[::-1],
                       accesses=facts.accesses[::-1], symbols=facts.symbols[::-1])
    reordered = replace(clustering, assignment=dict(reversed(clustering.assignment.items())))
    assert _build(facts, clustering) == _build(shuffled, reordered)


# ------------------------------------------------------------------ helpers


def test_tarjan_finds_each_component_and_survives_long_chains():
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "d"), ("f", "f")]
    assert find_cycles(edges) == (("a", "b", "c"), ("d", "e"))
    chain = [(f"n{i}", f"n{i + 1}") for i in range(5000)] + [("n5000", "n0")]
    assert len(find_cycles(chain)[0]) == 5001


def test_the_example_cycle_is_a_shortest_one():
    edges = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("b", "a"), ("c", "a")]
    assert shortest_cycle(edges, ("a", "b", "c", "d")) == ("a", "b", "a")
    assert shortest_cycle([("a", "b"), ("b", "c"), ("c", "a")], ("a", "b", "c")) == (
        "a", "b", "c", "a")


def test_write_kinds_are_read_from_sql_and_orm_evidence():
    def orm(text: str) -> TableAccess:
        return TableAccess("a:f", "t", "write", 1, "orm", text)

    assert write_event(_write("a:f", "t", "UPDATE")) == "Updated"
    assert write_event(_write("a:f", "t", "DELETE FROM")) == "Deleted"
    assert write_event(orm("Order.objects.create")) == "Created"
    assert write_event(orm("Order.objects.filter(...).update")) == "Updated"
    assert write_event(orm("Order(...).save()")) == "Created"
    assert write_event(orm("order.save()")) == "Updated"
    assert write_event(orm("session.delete(order)")) == "Deleted"


def test_event_names_use_the_model_or_the_singular_table_name():
    assert entity_name("order_items", None) == "OrderItem"
    assert entity_name("categories", None) == "Category"
    assert entity_name("shop_order", "shop.models:Order") == "Order"
    assert event_names("Order", {"Created", "Deleted"}) == ("OrderDeleted", "OrderPlaced")
    assert event_names("User", {"Created"}) == ("UserCreated",)



# ------------------------------------------------------------------ decomposition.json


def test_contract_has_the_design_keys_first_and_the_extras_after(tmp_path):
    facts, clustering = _shop()
    contract = to_contract(_build(facts, clustering), "samples/shop")
    assert list(contract)[:7] == ["schema_version", "repo", "contexts", "shared_kernel",
                                  "relations", "metrics", "kernel_explanations"]
    assert {"ownership", "cycles", "chatty_pairs", "warnings", "decisions"} <= set(contract)
    assert contract["schema_version"] == 1 and contract["repo"] == "samples/shop"
    orders = next(c for c in contract["contexts"] if c["name"] == "orders")
    assert list(orders)[:6] == ["name", "symbols", "modules", "tables", "shared_tables",
                                "explanations"]
    relation = contract["relations"][0]
    assert list(relation)[:5] == ["from", "to", "kind", "communication", "evidence"]
    assert contract["chatty_pairs"] == [{"a": "orders", "b": "users", "count": 3}]
    listed = {s for c in contract["contexts"] for s in c["symbols"]}
    assert listed | set(contract["shared_kernel"]) == {s.id for s in facts.symbols}


def test_written_contract_is_stable_json_and_nan_becomes_null(tmp_path):
    facts, clustering = _shop()
    clustering = replace(clustering, metrics={"modularity": float("nan"), "contexts": 3})
    first = write_decomposition(tmp_path / "a.json", _build(facts, clustering), "r")
    again = write_decomposition(tmp_path / "b.json", _build(facts, clustering), "r")
    assert first.read_bytes() == again.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["metrics"]["modularity"] is None and data["metrics"]["contexts"] == 3


def test_the_decisions_of_clustering_reach_the_contract_in_their_order():
    facts, clustering = _shop()
    notes = ("merged table refunds (4 symbols) into the context of table orders: below the "
             "minimum size of 5 symbols", "resolution 0.5 chosen")
    contract = to_contract(_build(facts, replace(clustering, notes=notes)), "samples/shop")
    assert contract["decisions"] == list(notes)
