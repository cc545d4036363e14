"""Bounded contexts on tiny facts: signals, shared kernel, granularity, pins, names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from decomposer.clustering import cluster
from decomposer.clustering.granularity import merge_small
from decomposer.clustering.kernel import find_kernel
from decomposer.clustering.leiden import adjusted_rand, leiden, typical_leiden
from decomposer.clustering.naming import name_contexts, plural, singular
from decomposer.clustering.signals import build_signal_graph
from decomposer.clustering.vocabulary import table_words, words
from decomposer.config import DEFAULT_WEIGHTS, Config
from decomposer.errors import ConfigError
from decomposer.model import (
    ChangeStats,
    CoChange,
    Dependency,
    Facts,
    ForeignKey,
    History,
    Param,
    Route,
    Scan,
    Schema,
    Signature,
    Symbol,
    Table,
)


def _symbol(sid: str, **extra) -> Symbol:
    module, _, name = sid.partition(":")
    return Symbol(id=sid, module=module, name=name, kind=extra.pop("kind", "function"),
                  file=module.replace(".", "/") + ".py", line=1, end_line=5, loc=4,
                  complexity=1, **extra)


def _dep(source: str, target: str, kind: str = "call", count: int = 1) -> Dependency:
    return Dependency(source, target, kind, count, ("x.py:1",))


def _facts(symbols, deps=(), tables=(), history=None, routes=()) -> Facts:
    return Facts(
        scan=Scan(root="/repo", source_root="", files=()), outcomes=(),
        symbols=tuple(_symbol(s) if isinstance(s, str) else s for s in symbols),
        modules=(), dependencies=tuple(deps), routes=tuple(routes),
        schema=Schema(tables=tuple(Table(t) if isinstance(t, str) else t for t in tables)),
        accesses=(), history=history or History(available=False),
    )


def _shop() -> Facts:
    """Orders and billing, each with a DAO, services and a table; one shared helper."""
    symbols = []
    deps = []
    for ctx, table in (("order", "orders"), ("invoice", "invoices"), ("product", "products")):
        dao = f"shop.dao:{ctx.title()}DAO"
        symbols.append(_symbol(dao, kind="class"))
        deps += [_dep(dao, f"table:{table}", "writes", 3), _dep(dao, f"table:{table}", "reads")]
        for verb in ("create", "cancel", "list", "show"):
            fn = f"shop.views:{verb}_{ctx}"
            symbols.append(_symbol(fn))
            deps += [_dep(fn, dao, "call", 2), _dep(fn, "shop.utils:format_money")]
            deps.append(_dep(fn, f"table:{table}", "reads"))
    symbols.append(_symbol("shop.utils:format_money"))
    return _facts(symbols, deps, ["orders", "invoices", "products"])


def test_each_capability_becomes_one_context_with_its_table() -> None:
    result = cluster(_shop(), None, Config(min_context_size=2))
    a = result.assignment
    for ctx, table in (("order", "orders"), ("invoice", "invoices"), ("product", "products")):
        members = [f"shop.dao:{ctx.title()}DAO", f"table:{table}",
                   *(f"shop.views:{v}_{ctx}" for v in ("create", "cancel", "list", "show"))]
        assert len({a[m] for m in members}) == 1, (ctx, {m: a[m] for m in members})
    assert len(set(a.values())) == 3
    assert sorted(set(a.values())) == ["invoices", "orders", "products"]


def test_a_helper_used_by_every_context_is_shared_kernel_not_glue() -> None:
    result = cluster(_shop(), None, Config(min_context_size=2))
    assert result.shared_kernel == ("shop.utils:format_money",)
    assert "shop.utils:format_money" not in result.assignment
    assert "used from 3 contexts" in result.kernel_explanations["shop.utils:format_money"][0]


def test_code_that_writes_a_table_is_never_kernel() -> None:
    facts = _shop()
    deps = facts.dependencies + (_dep("shop.utils:format_money", "table:orders", "writes"),)
    facts = _facts(facts.symbols, deps, ["orders", "invoices", "products"])
    preliminary = {s.id: i % 3 for i, s in enumerate(facts.symbols)}
    assert "shop.utils:format_money" not in find_kernel(facts, preliminary)


def test_a_generic_helper_in_a_utility_module_is_kernel_even_with_one_user() -> None:
    facts = _shop()
    symbols = facts.symbols + (_symbol("shop.utils:slugify"),)
    deps = facts.dependencies + (_dep("shop.views:create_order", "shop.utils:slugify"),)
    facts = _facts(symbols, deps, ["orders", "invoices", "products"])
    kernel = find_kernel(facts, {s.id: 0 for s in facts.symbols})
    assert "shop.utils:slugify" in kernel


def test_a_pure_helper_named_after_the_domain_stays_with_its_domain() -> None:
    facts = _shop()
    symbols = facts.symbols + (_symbol("shop.utils:order_number"),)
    deps = facts.dependencies + (_dep("shop.views:create_order", "shop.utils:order_number"),)
    facts = _facts(symbols, deps, ["orders", "invoices", "products"])
    assert "shop.utils:order_number" not in find_kernel(facts, {s.id: 0 for s in facts.symbols})


def test_a_route_handler_other_code_uses_is_never_kernel() -> None:
    facts = _shop()
    routes = (Route("shop.utils:format_money", "/money", ("GET",), "flask", "x.py", 1,
                    "shop.utils"),)
    facts = _facts(facts.symbols, facts.dependencies, ["orders", "invoices", "products"],
                   routes=routes)
    assert "shop.utils:format_money" not in find_kernel(facts, {s.id: i % 3 for i, s in
                                                                enumerate(facts.symbols)})


def test_a_view_and_its_tables_are_explained_as_a_view_not_a_model() -> None:
    # before: "defined by model table:order_totals" for a table a view reads
    facts = _shop()
    view = Table("order_totals", kind="view", reads=("orders",))
    facts = _facts(facts.symbols, facts.dependencies, ["orders", "invoices", "products", view])
    result = cluster(facts, None, Config(min_context_size=2))
    assert result.assignment["table:order_totals"] == result.assignment["table:orders"]
    assert "read by view order_totals" in result.explanations["table:orders"]
    assert "a view over table orders" in result.explanations["table:order_totals"]


def test_every_member_has_evidence_and_close_calls_name_a_runner_up() -> None:
    result = cluster(_shop(), None, Config(min_context_size=2))
    assert set(result.explanations) == set(result.assignment)
    assert any("writes orders" in line for line in result.explanations["shop.dao:OrderDAO"])
    assert all(result.explanations[m] for m in result.assignment)


def test_code_that_reads_and_writes_a_table_is_explained_as_its_writer() -> None:
    # resolution lists a symbol's reads before its writes (sorted by kind): the evidence
    # still says it writes the table, and that it reads it too
    facts = _shop()
    deps = sorted(facts.dependencies, key=lambda d: (d.source, d.target, d.kind))
    result = cluster(_facts([s.id for s in facts.symbols], deps,
                            ["orders", "invoices", "products"]), None, Config(min_context_size=2))
    assert "writes orders ×3, reads orders ×1" in result.explanations["shop.dao:OrderDAO"]
    assert "written by shop.dao:OrderDAO ×3, read by shop.dao:OrderDAO ×1" in \
        result.explanations["table:orders"]


def test_contexts_too_small_to_stand_alone_are_merged() -> None:
    facts = _shop()
    symbols = facts.symbols + (_symbol("shop.views:lonely"),)
    deps = facts.dependencies + (_dep("shop.views:lonely", "shop.dao:OrderDAO"),)
    result = cluster(_facts(symbols, deps, ["orders", "invoices", "products"]), None,
                     Config(min_context_size=3))
    assert result.assignment["shop.views:lonely"] == result.assignment["shop.dao:OrderDAO"]


def _chain(name: str, n: int, count: int = 1) -> tuple[list[str], list[Dependency]]:
    """A context of ``n`` functions calling each other in a row; the first writes ``name``."""
    ids = [f"{name}.m:f{i}" for i in range(n)]
    deps = [_dep(a, b, count=count) for a, b in zip(ids, ids[1:])]
    return ids, deps + [_dep(ids[0], f"table:{name}", "writes")]


def _merged_by_package(facts: Facts, min_size: int,
                       notes: list[str] | None = None) -> dict[str, str]:
    """merge_small over contexts that are the top packages (table ``x`` with package ``x``)."""
    graph = build_signal_graph(facts, DEFAULT_WEIGHTS)

    def package(node: str) -> str:
        kind, _, rest = node.partition(":")
        return (rest if kind in ("table", "module", "package") else kind).split(".")[0]

    names = sorted({package(n) for n in graph.nodes})
    merged = merge_small(graph, [names.index(package(n)) for n in graph.nodes],
                         min_size=min_size, notes=[] if notes is None else notes)
    return {node: names[c] for node, c in zip(graph.nodes, merged)}


def test_in_a_big_system_a_service_sized_context_is_not_too_small() -> None:
    # 1,000 symbols: 5% would be 50, but 25 symbols with a table of their own are a service
    big, big_deps = _chain("big", 1000)
    small, small_deps = _chain("small", 25)
    tiny, tiny_deps = _chain("tiny", 10)
    links = [_dep(small[0], big[0]), _dep(tiny[0], big[0])]
    context = _merged_by_package(_facts(big + small + tiny,
                                        big_deps + small_deps + tiny_deps + links,
                                        ["big", "small", "tiny"]), min_size=3)
    assert context[small[0]] != context[big[0]]
    assert context[tiny[0]] == context[big[0]]  # 10 symbols: below twenty


def test_a_context_without_tables_stands_only_when_it_is_big_and_serves_many() -> None:
    # 45 functions with no table used by three contexts are a stateless capability (a
    # converter); 30 are a fragment, whatever the size floor says; 45 tied to two contexts
    # only are their code (their views), whose data lives there
    orders, order_deps = _chain("orders", 200)
    billing, billing_deps = _chain("billing", 60)
    stock, stock_deps = _chain("stock", 60)
    engine, engine_deps = _chain("engine", 45)
    bits, bits_deps = _chain("bits", 30)
    views, view_deps = _chain("views", 45)
    lonely, lonely_deps = _chain("lonely", 45)  # tied to nothing: serves nobody
    tables = {f"table:{name}" for name in ("engine", "bits", "views", "lonely")}
    deps = [d for d in order_deps + billing_deps + stock_deps + engine_deps + bits_deps
            + view_deps + lonely_deps if d.target not in tables]
    links = [_dep(orders[0], engine[5]), _dep(billing[0], engine[10]),
             _dep(stock[0], engine[15]), _dep(bits[0], orders[0]),
             _dep(views[0], orders[0]), _dep(views[5], billing[0])]
    context = _merged_by_package(_facts(orders + billing + stock + engine + bits + views
                                        + lonely, deps + links, ["orders", "billing", "stock"]),
                                 min_size=3)
    assert context[lonely[0]] == context[orders[0]]
    assert context[engine[0]] == "engine"
    assert context[bits[0]] == context[orders[0]]
    assert context[views[0]] in (context[orders[0]], context[billing[0]])


def test_a_small_context_joins_the_neighbour_it_is_most_associated_with() -> None:
    # "refunds" (4 symbols) is tied twice as strongly to the big "orders" context as to the
    # small "payments" one, but that tie is a sliver of what orders holds: payments takes it
    orders, order_deps = _chain("orders", 60, count=3)
    payments, payment_deps = _chain("payments", 12, count=3)
    refunds, refund_deps = _chain("refunds", 4, count=3)
    links = [_dep(refunds[0], orders[1]), _dep(refunds[1], orders[2]),
             _dep(refunds[2], payments[1])]
    facts = _facts(orders + payments + refunds, order_deps + payment_deps + refund_deps + links,
                   ["orders", "payments", "refunds"])
    notes: list[str] = []
    context = _merged_by_package(facts, min_size=5, notes=notes)
    assert context[refunds[0]] == context[payments[0]] != context[orders[0]]
    # ...and the decision names what moved, where to and why
    (merge,) = notes
    assert merge.text(context) == ("merged table refunds (4 symbols) into payments: below the "
                                   "minimum size of 5 symbols")


def test_pins_win_and_apart_keeps_things_apart() -> None:
    config = Config(min_context_size=2, pins={"billing": ("shop.views:*_order",)})
    pinned = cluster(_shop(), None, config)
    assert {pinned.assignment[f"shop.views:{v}_order"] for v in
            ("create", "cancel", "list", "show")} == {"billing"}
    assert pinned.explanations["shop.views:create_order"][0] == (
        "pinned to billing by configuration")

    apart = Config(min_context_size=1, apart=(("shop.views:create_order", "shop.dao:OrderDAO"),))
    result = cluster(_shop(), None, apart)
    assert result.assignment["shop.views:create_order"] != result.assignment["shop.dao:OrderDAO"]


def test_a_pin_that_matches_nothing_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="matches no symbol"):
        cluster(_shop(), None, Config(pins={"x": ("nothing.here:*",)}))


def test_rename_and_asking_for_a_number_of_contexts() -> None:
    renamed = cluster(_shop(), None, Config(min_context_size=2, rename={"orders": "sales"}))
    assert "sales" in set(renamed.assignment.values())
    two = cluster(_shop(), None, Config(min_context_size=2, contexts=2))
    assert len(set(two.assignment.values())) == 2


def test_asking_for_more_contexts_than_the_code_holds_says_why_there_are_fewer() -> None:
    many = cluster(_shop(), None, Config(min_context_size=2, contexts=40))
    found = len(set(many.assignment.values()))
    assert found < 40
    assert any("asked for 40 contexts" in n and "no resolution up to" in n
               for n in many.notes)


def test_the_kernel_is_found_against_the_typical_of_several_runs(monkeypatch) -> None:
    # One Leiden run's preliminary contexts move with its seed, and the kernel with them.
    import decomposer.clustering.contexts as contexts

    resolutions = []

    def recording(graph, *, resolution, **options):
        resolutions.append((resolution, "shop.utils:format_money" in graph.index))
        return typical_leiden(graph, resolution=resolution, **options)

    monkeypatch.setattr(contexts, "typical_leiden", recording)
    result = cluster(_shop(), None, Config(min_context_size=2))
    assert resolutions[0] == (1.0, True)  # the full graph, kernel candidates included
    assert "shop.utils:format_money" in result.shared_kernel


def test_same_input_same_output() -> None:
    first = cluster(_shop(), None, Config(min_context_size=2))
    second = cluster(_shop(), None, Config(min_context_size=2))
    assert first == second


def test_cochange_links_symbols_that_change_together() -> None:
    history = History(available=True, commits=5,
                      symbols=(ChangeStats("a.m:f", 4, 10, ("x",)),
                               ChangeStats("b.m:g", 4, 10, ("x",))),
                      symbol_cochange=(CoChange("a.m:f", "b.m:g", 4),))
    facts = _facts(["a.m:f", "b.m:g"], history=history)
    graph = build_signal_graph(facts, DEFAULT_WEIGHTS)
    i, j = sorted((graph.index["a.m:f"], graph.index["b.m:g"]))
    assert graph.parts[(i, j)]["cochange"] == pytest.approx(DEFAULT_WEIGHTS["cochange"])


def test_a_god_module_weighs_less_per_symbol_than_a_small_one() -> None:
    symbols = [f"god:f{i}" for i in range(16)] + ["small:a", "small:b", "small:c", "small:d"]
    graph = build_signal_graph(_facts(symbols), DEFAULT_WEIGHTS)

    def layout(sid: str, module: str) -> float:
        i, j = sorted((graph.index[sid], graph.index[f"module::{module}"]))
        return graph.parts[(i, j)]["layout"]

    assert layout("god:f0", "god") == pytest.approx(layout("small:a", "small") / 2)


def test_words_two_pieces_of_code_share_tie_them_less_than_words_shared_with_a_table(
        monkeypatch) -> None:
    from decomposer.clustering import signals

    words_ = ("payment", "order", "shipment", "customer")
    symbols = [f"m{i}.{w}s:{verb}_{w}" for w in words_ for i, verb in enumerate(("add", "undo"))]

    def lexical(tables, share: float) -> dict[tuple[str, str], float]:
        monkeypatch.setattr(signals, "CODE_LEXICAL_SHARE", share)
        graph = build_signal_graph(_facts(symbols, tables=tables), DEFAULT_WEIGHTS)
        return {(graph.nodes[i], graph.nodes[j]): p["lexical"]
                for (i, j), p in graph.parts.items() if "lexical" in p}

    tables = [f"{w}s" for w in words_]
    full, shared = lexical(tables, 1.0), lexical(tables, 0.4)
    code = [pair for pair in full if not any(n.startswith("table:") for n in pair)]
    with_table = [pair for pair in full if pair not in code]
    assert code and with_table
    assert all(shared[pair] == pytest.approx(0.4 * full[pair]) for pair in code)
    assert all(shared[pair] == pytest.approx(full[pair]) for pair in with_table)
    # without tables, code vocabulary is all the lexical evidence there is: full weight
    assert lexical((), 0.4) == lexical((), 1.0) != {}


def test_views_and_foreign_keys_tie_tables_of_a_bare_schema() -> None:
    tables = [Table("orders"), Table("order_lines", foreign_keys=(ForeignKey(("order_id",),
                                                                              "orders"),)),
              Table("order_totals", kind="view", reads=("orders", "order_lines"))]
    deps = [_dep("table:order_lines", "table:orders", "fk")]
    graph = build_signal_graph(_facts([], deps, tables), DEFAULT_WEIGHTS)
    assert graph.member_kind == "table"
    pair = tuple(sorted((graph.index["table:order_totals"], graph.index["table:orders"])))
    assert graph.parts[pair]["data"] > 0


def test_a_key_that_only_records_who_edited_a_row_ties_nothing() -> None:
    # WideWorldImporters: every table has LastEditedBy -> People; a salesperson is a real tie
    def edited_by(*columns: str) -> tuple[ForeignKey, ...]:
        return tuple(ForeignKey((c,), "people") for c in columns)

    tables = [Table("people"), Table("colors", foreign_keys=edited_by("LastEditedBy")),
              Table("orders", foreign_keys=edited_by("last_edited_by", "salesperson_id")),
              Table("notes", foreign_keys=edited_by("created_by_id"))]
    deps = [_dep(f"table:{t}", "table:people", "fk") for t in ("colors", "orders", "notes")]
    graph = build_signal_graph(_facts([], deps, tables), DEFAULT_WEIGHTS)

    def tied(table: str) -> bool:
        return tuple(sorted((graph.index[f"table:{table}"], graph.index["table:people"]))) \
            in graph.parts

    assert not tied("colors") and not tied("notes")
    assert tied("orders")


def test_a_context_without_tables_that_is_one_package_is_named_after_it() -> None:
    groups = {0: ["table:books", "lib.db:Store", "lib.db:query"],
              1: [f"odf.text:T{i}" for i in range(8)] + ["lib.util:odf_helper"],
              2: ["lib.gui.dialog:Open", "lib.gui.dialog:Save", "lib.view:Para",
                  "lib.view:Line"],
              3: [f"lib.modules.sfp_{i}:Plugin{i}" for i in range(5)]}
    names, _ = name_contexts(groups, reserved={}, roots={0: ["books"]})
    assert names[0] == "books"  # tables name a context first
    assert names[1] == "odf"  # 8 of its 9 symbols, and all of odf but one
    assert names[2] not in ("gui", "dialog", "view")  # half of it is no package's
    assert names[3] != "modules"  # a folder name says how code is laid out


def test_names_come_from_the_aggregate_root_and_stay_unique() -> None:
    groups = {0: ["table:orders", "a:f"], 1: ["table:stock_levels", "b:g"], 2: ["c:h"]}
    roots = {0: ["OrderLine", "orders"], 1: ["stock_levels"], 2: []}
    names, _ = name_contexts(groups, reserved={}, roots=roots)
    assert names[0] == "order-lines"
    assert names[1] == "stock-levels"
    assert len(set(names.values())) == 3


def test_a_lookup_table_is_no_aggregate_root() -> None:
    # a permits system's inspections context was named "inspection-types": every request,
    # inspection and checklist keys to the type they pick from
    from decomposer.clustering.contexts import _roots

    tables = ["inspection_types", "inspections", "inspection_requests", "checklist_results"]
    deps = [_dep(f"table:{t}", "table:inspection_types", "fk") for t in tables[1:]]
    deps += [_dep("table:checklist_results", "table:inspections", "fk"),
             _dep("table:inspection_requests", "table:inspections", "fk")]
    group = [f"table:{t}" for t in tables]
    ranked = _roots(_facts([], deps, tables), {0: group})[0]
    assert (ranked[0], ranked[-1]) == ("inspections", "inspection_types")
    # a table that is only a type is still itself
    assert _roots(_facts([], [], ["types"]), {0: ["table:types"]})[0] == ["types"]


def test_many_to_many_links_do_not_make_a_table_the_root() -> None:
    # paperless-ngx: WorkflowAction's 14 many-to-many links named the context
    # "workflow-actions", though the workflow is what its actions and runs hang off
    from decomposer.clustering.contexts import _roots
    from decomposer.model import Column

    def link(name: str, *targets: str) -> Table:
        columns = (Column("id", primary_key=True), *(Column(f"{t}_id") for t in targets))
        keys = tuple(ForeignKey((f"{t}_id",), t) for t in targets)
        return Table(name, columns=columns, primary_key=("id",), foreign_keys=keys)

    def owned(name: str, *targets: str) -> Table:
        table = link(name, *targets)
        return replace(table, columns=(*table.columns, Column("status")))

    tables = [Table("workflow"), Table("workflowaction"), Table("workflowtrigger"),
              link("workflow_actions", "workflow", "workflowaction"),
              link("workflow_triggers", "workflow", "workflowtrigger"),
              *(link(f"workflowaction_{n}", "workflowaction", n) for n in ("tag", "user", "group")),
              owned("workflowrun", "workflow")]
    deps = [_dep(f"table:{t.name}", f"table:{fk.ref_table}", "fk")
            for t in tables for fk in t.foreign_keys]
    group = [f"table:{t.name}" for t in tables]
    assert _roots(_facts([], deps, tables), {0: group})[0][0] == "workflow"


def test_no_two_contexts_are_named_one_word_in_singular_and_plural() -> None:
    # healthchecks: the channels table's context and the channel-editing views' context
    groups = {0: ["table:channels", "api.models:Channel", "api.models:ChannelQuerySet"],
              1: ["front.views:channel_checks", "front.views:channel_events",
                  "front.views:edit_channel", "front.forms:ChannelEventsForm"]}
    names, _ = name_contexts(groups, reserved={}, roots={0: ["channels"], 1: []})
    assert names[0] == "channels"
    assert names[1] not in ("channel", "channels")


def test_words_fold_plurals_and_drop_technical_words() -> None:
    assert words("OrderItemDAO") == ["order"]
    assert words("get_categories") == ["category"]
    assert plural("category") == "categories"
    assert plural("staff") == "staff"
    assert (plural("based"), plural("breed")) == ("based", "breeds")


def test_irregular_plurals_name_contexts_as_people_would() -> None:
    # babybuddy's core_child table named its context "childs", WideWorldImporters'
    # People table "peoples"
    assert words("ChildSerializer") == ["child"] and words("people") == ["person"]
    assert (plural("child"), plural("person"), plural("analysis")) == (
        "children", "people", "analyses")
    # bookwyrm had a context "status" and another "statuses"
    assert [singular(w) for w in ("statuses", "bonuses", "warehouses", "houses")] == [
        "status", "bonus", "warehouse", "house"]
    # an HR system's leaves are leaves of absence; bookings are counted, billing is not
    assert (singular("leaves"), words("LeaveRequest")) == ("leave", ["leave"])
    assert [plural(w) for w in ("booking", "setting", "billing")] == [
        "bookings", "settings", "billing"]
    # an LMS had a context "quizs", a school system one "attendances"
    assert [plural(w) for w in ("quiz", "waltz", "attendance", "payroll")] == [
        "quizzes", "waltzes", "attendance", "payroll"]
    assert singular("quizzes") == "quiz"
    groups = {0: ["table:core_child", "core.models:Child"]}
    names, _ = name_contexts(groups, reserved={}, roots={0: ["Child"]})
    assert names[0] == "children"


def test_a_root_name_keeps_its_head_noun_and_drops_the_system_name() -> None:
    # bookwyrm: every table is bookwyrm_*, ReadThrough's only domain word is a preposition;
    # ralph: CustomField was named "customs"
    groups = {0: ["table:bookwyrm_bookwyrmimportjob", "table:bookwyrm_user"],
              1: ["table:bookwyrm_readthrough", "table:bookwyrm_shelf"],
              2: ["table:bookwyrm_customfield", "table:bookwyrm_status"]}
    roots = {0: ["BookwyrmImportJob"], 1: ["ReadThrough", "Shelf"], 2: ["CustomField"]}
    names, _ = name_contexts(groups, reserved={}, roots=roots)
    assert names == {0: "import-jobs", 1: "shelves", 2: "custom-fields"}
    assert name_contexts({0: ["table:custom_fields_customfieldvalue"]}, reserved={},
                         roots={0: ["CustomFieldValue"]})[0] == {0: "custom-field-values"}
    # paperless-ngx: SavedView named its context "saved"
    assert name_contexts({0: ["table:documents_savedview"]}, reserved={},
                         roots={0: ["SavedView"]})[0] == {0: "saved-views"}


def test_a_plural_modifier_keeps_its_s() -> None:
    # SQL Server AdventureWorks: SalesTerritory named its context "sale-territories"
    groups = {0: ["table:salesterritory"], 1: ["table:productscategories"]}
    names, _ = name_contexts(groups, reserved={},
                             roots={0: ["SalesTerritory"], 1: ["ProductsCategories"]})
    assert names == {0: "sales-territories", 1: "product-categories"}


def test_the_best_root_names_its_context_though_its_one_word_is_technical() -> None:
    # Saleor: its third-party App (tokens, extensions, installations) named the context
    # "export-events"; a second root, or two technical words, still make no name
    groups = {0: ["table:app_app", "table:csv_exportevent"], 1: ["table:search_indexmeta",
                                                                 "table:search_chunk"]}
    names, _ = name_contexts(groups, reserved={}, roots={0: ["App", "ExportEvent"],
                                                         1: ["IndexMeta", "Chunk"]})
    assert names == {0: "apps", 1: "chunks"}
    assert name_contexts({0: ["table:csv_exportevent"]}, reserved={},
                         roots={0: ["ExportEvent", "App"]})[0] == {0: "export-events"}


def test_a_plural_too_short_to_fold_is_kept_as_written() -> None:
    # a newspaper's classified_ads named its context "classified-adses"
    names, _ = name_contexts({0: ["table:classified_ads"], 1: ["table:bus"]}, reserved={},
                             roots={0: ["classified_ads"], 1: ["Bus"]})
    assert names == {0: "classified-ads", 1: "buses"}


def test_tables_sharing_a_compound_term_are_closer_than_tables_sharing_one_word() -> None:
    from decomposer.clustering import signals

    # SQL Server AdventureWorks: WorkOrder and WorkOrderRouting are about work orders, and
    # went with SalesOrderHeader and SalesOrderDetail through the word "order"
    names = ["WorkOrder", "WorkOrderRouting", "SalesOrderHeader", "SalesOrderDetail",
             "PurchaseOrderHeader", "Product", "Customer", "Vendor", "Employee", "Shift",
             "Department", "Person", "Address", "Store", "Currency", "Culture"]
    graph = build_signal_graph(_facts([], [], [Table(n.lower(), label=n) for n in names]),
                               DEFAULT_WEIGHTS)

    def lexical(a: str, b: str) -> float:
        pair = tuple(sorted((graph.index[f"table:{a}"], graph.index[f"table:{b}"])))
        return graph.parts.get(pair, {}).get("lexical", 0.0)

    assert "work order" in graph.documents["table:workorderrouting"]
    assert signals._with_compounds(["discount", "discount"]) == ["discount", "discount"]
    assert lexical("workorder", "workorderrouting") > 2 * lexical("workorder",
                                                                  "salesorderheader")


def test_a_tables_compound_terms_do_not_dilute_what_it_shares_with_code(monkeypatch) -> None:
    # py2_wholesale: compared with code, a table's compounds lowered its cosine with the
    # code that uses it, and credit notes went with the customers
    from decomposer.clustering import signals

    names = ["CreditNote", "CreditNoteLine", "CreditHold", "CustomerNote", "Customer",
             "Invoice", "InvoiceLine", "Shipment", "Carrier", "Product"]
    tables = [Table(n.lower(), label=n) for n in names]
    symbols = ["billing:create_credit_note", "billing:credit_note_lines",
               "customers:place_credit_hold", "customers:add_customer_note"]

    def code_ties() -> dict[tuple[str, str], float]:
        graph = build_signal_graph(_facts(symbols, [], tables), DEFAULT_WEIGHTS)
        return {(graph.nodes[i], graph.nodes[j]): p["lexical"]
                for (i, j), p in graph.parts.items() if "lexical" in p
                and not all(graph.nodes[k].startswith("table:") for k in (i, j))}

    with_compounds = code_ties()
    monkeypatch.setattr(signals, "_with_compounds", list)
    assert with_compounds and with_compounds == code_ties()


def test_an_unused_page_with_no_domain_word_or_data_is_plumbing_in_the_kernel() -> None:
    facts = _shop()
    symbols = facts.symbols + (_symbol("shop.views:login"), _symbol("shop.views:order_history"))
    deps = facts.dependencies + (
        _dep("shop.views:login", "shop.utils:format_money"),
        _dep("shop.views:order_history", "shop.dao:OrderDAO"))
    routes = tuple(Route(h, "/" + h, ("GET",), "flask", "x.py", 1, "shop.views")
                   for h in ("shop.views:login", "shop.views:order_history"))
    facts = _facts(symbols, deps, ["orders", "invoices", "products"], routes=routes)
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert "plumbing" in kernel["shop.views:login"][0]
    assert "shop.views:order_history" not in kernel  # names the domain and uses its DAO


def test_dead_code_left_as_an_old_version_stays_with_its_domain() -> None:
    # Nothing calls legacy_round_total() nor uses healthcheck(), and neither names a table;
    # but one is a former version of a pricing rule, the other plumbing. Old code in a
    # utility module (old_slugify) is generic code like the rest of its module.
    facts = _shop()
    extra = ("shop.pricing:legacy_round_total", "shop.pricing:discount_for",
             "shop.views:healthcheck", "shop.utils:old_slugify")
    deps = (*facts.dependencies, _dep("shop.pricing:discount_for", "table:orders", "reads"))
    facts = _facts(facts.symbols + tuple(_symbol(s) for s in extra), deps,
                   ["orders", "invoices", "products"])
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert "shop.pricing:legacy_round_total" not in kernel
    assert "plumbing" in kernel["shop.views:healthcheck"][0]
    assert "shop.utils:old_slugify" in kernel


def test_a_private_helper_serving_two_contexts_is_its_modules_plumbing() -> None:
    # reports.py mixes the order and invoice reports; its _csv() serves both and names no
    # domain thing: kernel. A private helper serving one context, or named after the
    # domain (_order_total), or a public one, stays with the domain.
    facts = _shop()
    helpers = ("shop.reports:_csv", "shop.reports:_order_total", "shop.reports:_pad",
               "shop.reports:to_rows")
    symbols = facts.symbols + tuple(_symbol(s) for s in helpers)
    deps = list(facts.dependencies)
    for helper in helpers:
        deps.append(_dep("shop.views:list_order", helper))
        if helper != "shop.reports:_pad":
            deps.append(_dep("shop.views:list_invoice", helper))
    facts = _facts(symbols, tuple(deps), ["orders", "invoices", "products"])
    preliminary = {s.id: 0 if "order" in s.id.lower() else 1 for s in facts.symbols}
    kernel = find_kernel(facts, preliminary)
    assert "private helper" in kernel["shop.reports:_csv"][0]
    assert "serving 2 contexts" in kernel["shop.reports:_csv"][0]
    for stays in ("shop.reports:_order_total", "shop.reports:_pad", "shop.reports:to_rows"):
        assert stays not in kernel


def test_a_django_default_table_name_speaks_in_its_models_words() -> None:
    # staff_accessfob: app "staff", model AccessFob; its words are access and fob, so a
    # helper named after fobs is domain code, not a generic helper of a utility module
    fobs = Table("staff_accessfob", defined_by="staff.models:AccessFob")
    assert table_words(fobs) == ["staff", "access", "fob"]
    assert table_words(Table("orders")) == ["order"]
    assert table_words(Table("billing_invoice", defined_by="billing.models:Invoice")) == [
        "billing", "invoice"]
    facts = _shop()
    symbols = facts.symbols + (_symbol("shop.utils:fob_label"),)
    deps = (*facts.dependencies, _dep("shop.views:show_order", "shop.utils:fob_label"))
    facts = _facts(symbols, deps, ["orders", "invoices", "products", fobs])
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert "shop.utils:fob_label" not in kernel
    assert "shop.utils:format_money" in kernel


def test_a_django_tables_lexical_words_are_its_models_without_the_apps_label() -> None:
    # The app's label is a folder: payments kept in an "accounts" app with the staff share
    # no word with the staff tables for it, and do share "payment" with the payment code.
    payments = Table("accounts_paymentplan", defined_by="accounts.models:PaymentPlan")
    staff = Table("accounts_staffmember", defined_by="accounts.models:StaffMember")
    assert table_words(payments, app=False) == ["payment", "plan"]
    assert table_words(Table("orders"), app=False) == ["order"]
    facts = _facts(["accounts.models:PaymentPlan", "accounts.models:StaffMember",
                    "billing.payments:take_payment"], (), [payments, staff, "invoices"])
    graph = build_signal_graph(facts, DEFAULT_WEIGHTS)
    assert graph.documents["table:accounts_paymentplan"].count("account") == 0
    assert "payment" in graph.documents["billing.payments:take_payment"]
    assert "account" not in graph.documents.get("accounts.models:StaffMember", [])


def test_a_module_named_after_a_domain_thing_in_a_lib_package_is_no_utility_module() -> None:
    # lib/ holds everything in some code bases: lib/validators.py is a utility module,
    # lib/cdr_parser.py is the rating context's parser (cdr is a word of raw_cdrs).
    facts = _shop()
    parser = ("lib.cdr_parser:iter_records", "lib.cdr_parser:_open")
    symbols = facts.symbols + tuple(_symbol(s) for s in (*parser, "lib.validators:luhn_ok"))
    deps = (*facts.dependencies, _dep("shop.views:create_order", parser[0]),
            _dep(parser[0], parser[1]), _dep("shop.views:create_order", "lib.validators:luhn_ok"))
    facts = _facts(symbols, deps, ["orders", "invoices", "products", "raw_cdrs"])
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert "lib.validators:luhn_ok" in kernel
    for stays in parser:
        assert stays not in kernel, stays


def test_a_module_of_generic_code_used_across_contexts_is_a_utility_module_by_any_name(
        ) -> None:
    # sms.py is generic code the whole system uses: normalise_mobile() is kernel though
    # only orders call it. A payment gateway's client, as generic by its names, is used
    # by invoices alone: it stays with them. A module with a domain name (order_mail) or
    # a symbol that touches a table is no utility module either.
    facts = _shop()
    views = {ctx: f"shop.views:create_{ctx}" for ctx in ("order", "invoice", "product")}
    sms = ("sms:send_sms", "sms:normalise_mobile")
    gateway = ("gateway:charge", "gateway:refund")
    mail = ("order_mail:send", "order_mail:render")
    symbols = facts.symbols + tuple(_symbol(s) for s in (*sms, *gateway, *mail))
    deps = (*facts.dependencies, *(_dep(view, sms[0]) for view in views.values()),
            _dep(views["order"], sms[1]),
            *(_dep(views["invoice"], g) for g in gateway),
            *(_dep(view, mail[0]) for view in views.values()), _dep(views["order"], mail[1]))
    facts = _facts(symbols, deps, ["orders", "invoices", "products"])
    preliminary = {s.id: next((i for i, ctx in enumerate(views) if ctx in s.id.lower()), 3)
                   for s in facts.symbols}
    kernel = find_kernel(facts, preliminary)
    assert "sms:normalise_mobile" in kernel
    assert "generic helper" in kernel["sms:normalise_mobile"][0]
    for stays in (*gateway, mail[1]):
        assert stays not in kernel, stays


def test_a_helper_whose_parameters_name_two_domain_things_is_a_business_rule() -> None:
    # helpers.py is a utility module, but period_charge(plan, start, end, promo) prices a
    # subscription: a business rule kept among the helpers. format_money(amount, currency)
    # names one domain thing, as a generic helper's argument may.
    def helper(name: str, *params: str) -> Symbol:
        signature = Signature(name, tuple(Param(p) for p in params), None, 1)
        return _symbol(f"helpers:{name}", signatures=(signature,))

    facts = _shop()
    rule = helper("period_charge", "plan", "start", "end", "promo")
    money = helper("format_money", "amount", "currency")
    symbols = facts.symbols + (rule, money)
    deps = (*facts.dependencies, _dep("shop.views:create_order", rule.id),
            _dep("shop.views:create_order", money.id))
    facts = _facts(symbols, deps, ["orders", "invoices", "products", "rate_plans",
                                   "promo_codes", "currencies"])
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert money.id in kernel
    assert rule.id not in kernel


def test_wiring_that_starts_several_contexts_is_kernel_not_glue() -> None:
    # create_app() (an entry point) calls register_jobs(), which schedules a job of each
    # context: both are the composition root. A job runner that starts two contexts, a
    # class that reaches three, and a route do stay with the domain.
    facts = _shop()
    jobs = ("shop.views:create_order", "shop.views:cancel_invoice", "shop.views:list_product")
    symbols = facts.symbols + tuple(_symbol(s) for s in (
        "shop.main:create_app", "shop.tasks:register_jobs", "shop.tasks:nightly_two",
        "shop.tasks:run_all_route", "shop.tasks:expire_stale")) + (
        _symbol("shop.tasks:Scheduler", kind="class"),)
    deps = (*facts.dependencies, _dep("shop.main:create_app", "shop.tasks:register_jobs"),
            _dep("shop.tasks:register_jobs", "shop.tasks:expire_stale", "reference"),
            *(_dep("shop.tasks:register_jobs", j, "reference") for j in jobs),
            *(_dep("shop.tasks:Scheduler", j) for j in jobs),
            *(_dep("shop.tasks:run_all_route", j) for j in jobs),
            *(_dep("shop.tasks:nightly_two", j) for j in jobs[:2]))
    routes = (Route("shop.tasks:run_all_route", "/run", ("POST",), "flask", "x.py", 1,
                    "shop.tasks"),)
    facts = _facts(symbols, deps, ["orders", "invoices", "products"], routes=routes)
    preliminary = {s.id: ("order" in s.id or "Order" in s.id, "invoice" in s.id.lower())
                   for s in facts.symbols}
    kernel = find_kernel(facts, {s: hash(k) for s, k in preliminary.items()})
    assert "wiring" in kernel["shop.tasks:register_jobs"][0]
    assert "3 contexts" in kernel["shop.tasks:register_jobs"][0]
    assert "shop.main:create_app" in kernel  # uses only the wiring
    # a job that wiring starts is domain code, though it uses nothing of ours itself
    for stays in ("shop.tasks:nightly_two", "shop.tasks:Scheduler", "shop.tasks:run_all_route",
                  "shop.tasks:expire_stale", *jobs):
        assert stays not in kernel, stays


def test_an_app_factory_and_the_helpers_only_it_calls_are_one_composition_root() -> None:
    # create_app() calls three helpers; each registers the commands, views or jobs of one
    # context only, so no helper reaches three contexts alone, but the factory with its
    # helpers does. A page that calls domain services, itself and through its own helper,
    # does domain work, however many contexts it reaches; so does what is registered.
    facts = _shop()
    registered = ("shop.views:create_order", "shop.views:cancel_invoice",
                  "shop.views:list_product")
    factory = ("shop.app:create_app", "shop.app:register_commands",
               "shop.app:register_views", "shop.app:init_jobs", "shop.app:init_logging")
    page = ("shop.pages:lost_page", "shop.pages:_mark")
    symbols = facts.symbols + tuple(_symbol(s) for s in (*factory, *page))
    deps = (*facts.dependencies,
            *(_dep("shop.app:create_app", helper) for helper in factory[1:]),
            *(_dep(helper, target, "reference")
              for helper, target in zip(factory[1:4], registered, strict=True)),
            _dep("shop.pages:lost_page", "shop.pages:_mark"),
            _dep("shop.pages:lost_page", registered[2]),
            *(_dep("shop.pages:_mark", target) for target in registered[:2]))
    facts = _facts(symbols, deps, ["orders", "invoices", "products"])
    preliminary = {s.id: ("order" in s.id.lower(), "invoice" in s.id.lower())
                   for s in facts.symbols}
    kernel = find_kernel(facts, {s: hash(k) for s, k in preliminary.items()})
    assert "calls into 3 contexts" in kernel["shop.app:create_app"][0]
    for helper in factory[1:]:
        assert "a helper only shop.app:create_app calls" in kernel[helper][0], helper
    for stays in (*page, *registered):
        assert stays not in kernel, stays


def test_an_app_factory_that_uses_no_domain_code_is_kernel_with_its_helpers() -> None:
    # create_app() registers blueprints held in module variables: it and its helpers use no
    # domain code at all, and only a script's main() (an entry point) calls it. A parser
    # with one helper, or an old version kept (legacy_*), is domain code nonetheless.
    facts = _shop()
    factory = ("shop.app:create_app", "shop.app:register_blueprints", "shop.app:init_db")
    parser = ("shop.edi:parse_message", "shop.edi:_split")
    old = ("shop.prices:legacy_band", "shop.prices:_band_table", "shop.prices:_round")
    script = "shop.scripts:main"
    symbols = facts.symbols + tuple(_symbol(s) for s in (*factory, *parser, *old, script))
    deps = (*facts.dependencies, _dep(script, factory[0]), _dep(script, parser[0]),
            _dep(script, old[0]), _dep(script, "shop.views:create_order"),
            *(_dep(factory[0], helper) for helper in factory[1:]),
            _dep(parser[0], parser[1]), *(_dep(old[0], helper) for helper in old[1:]))
    facts = _facts(symbols, deps, ["orders", "invoices", "products"])
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert "builds the application" in kernel["shop.app:create_app"][0]
    for helper in factory[1:]:
        assert "a helper only shop.app:create_app calls" in kernel[helper][0], helper
    for stays in (*parser, *old, script):
        assert stays not in kernel, stays


def test_a_decorator_applied_across_contexts_is_kernel_though_it_reads_users() -> None:
    # @login_required asks current_user(), which reads the users table: a concern that cuts
    # across the contexts whose views it guards. current_user() itself touches a table and
    # stays in a context, and so does a decorator only one context applies.
    facts = _shop()
    views = ("shop.views:create_order", "shop.views:cancel_invoice", "shop.views:list_product")
    symbols = tuple(
        replace(s, decorators=("auth.login_required",) + (
            ("orders_only",) if s.id == "shop.views:create_order" else ()))
        if s.id in views else s for s in facts.symbols) + tuple(_symbol(s) for s in (
            "shop.auth:login_required", "shop.auth:current_user", "shop.auth:orders_only"))
    deps = (*facts.dependencies,
            *(_dep(v, "shop.auth:login_required", "reference") for v in views),
            _dep("shop.views:create_order", "shop.auth:orders_only", "reference"),
            _dep("shop.auth:login_required", "shop.auth:current_user"),
            _dep("shop.auth:orders_only", "table:orders", "reads"),
            _dep("shop.auth:current_user", "table:users", "reads"))
    facts = _facts(symbols, deps, ["orders", "invoices", "products", "users"])
    preliminary = {s.id: ("order" in s.id.lower(), "invoice" in s.id.lower())
                   for s in facts.symbols}
    kernel = find_kernel(facts, {s: hash(k) for s, k in preliminary.items()})
    assert "decorator" in kernel["shop.auth:login_required"][0]
    assert "shop.auth:current_user" not in kernel
    assert "shop.auth:orders_only" not in kernel


def test_a_framework_hook_is_plumbing_whatever_it_calls() -> None:
    # Flask's @app.context_processor inject_user() puts current_user() in every template
    facts = _shop()
    symbols = facts.symbols + (
        _symbol("shop.app:inject_user", decorators=("app.context_processor",)),
        _symbol("shop.auth:current_user"))
    deps = (*facts.dependencies, _dep("shop.app:inject_user", "shop.auth:current_user"),
            _dep("shop.auth:current_user", "table:users", "reads"))
    facts = _facts(symbols, deps, ["orders", "invoices", "products", "users"])
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert "plumbing" in kernel["shop.app:inject_user"][0]
    assert "shop.auth:current_user" not in kernel


def test_a_rest_framework_permission_class_is_plumbing_like_a_decorator() -> None:
    # permission_classes = [IsOrderOwner] guards views as @login_required does; one that
    # writes a table (an audit of refusals) is no utility
    facts = _shop()
    symbols = facts.symbols + (
        _symbol("shop.api:IsOrderOwner", kind="class", bases=("permissions.BasePermission",)),
        _symbol("shop.api:AuditedPermission", kind="class", bases=("BasePermission",)))
    deps = (*facts.dependencies, _dep("shop.views:show_order", "shop.api:IsOrderOwner",
                                      "reference"),
            _dep("shop.api:AuditedPermission", "table:orders", "writes"))
    facts = _facts(symbols, deps, ["orders", "invoices", "products"])
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert "plumbing" in kernel["shop.api:IsOrderOwner"][0]
    assert "shop.api:AuditedPermission" not in kernel


def test_a_system_without_tables_is_not_swallowed_by_its_kernel() -> None:
    # No tables, so no domain vocabulary: an unused entry point or a helper in utils.py
    # cannot be told generic by its name, and the kernel keeps only what many contexts use.
    symbols, deps = [], []
    for area in ("wiki", "search", "auth"):
        entry, worker = f"app.{area}:main_{area}", f"app.{area}:work_{area}"
        symbols += [entry, worker]
        deps += [_dep(entry, worker, count=3), _dep(worker, "app.utils:log")]
    facts = _facts([*symbols, "app.utils:log"], deps)
    kernel = find_kernel(facts, {s: i // 2 for i, s in enumerate(symbols)})
    assert set(kernel) == {"app.utils:log"}


def test_a_route_that_uses_the_domain_keeps_its_request_schema_out_of_the_kernel() -> None:
    # "create" is unused and names no domain thing, so it starts as a candidate; it uses a
    # DAO and leaves. Its schema, used by it alone, must leave with it; a job runner used
    # only by a kernel entry point stays, whatever order the rules run in.
    facts = _shop()
    extra = ("shop.api:create", "shop.api:OrderIn", "shop.cli:main", "shop.cli:run")
    deps = facts.dependencies + (
        _dep("shop.api:create", "shop.api:OrderIn"), _dep("shop.api:create", "shop.dao:OrderDAO"),
        _dep("shop.cli:main", "shop.cli:run"), _dep("shop.cli:run", "shop.utils:format_money"))
    routes = (Route("shop.api:create", "/orders", ("POST",), "fastapi", "x.py", 1, "shop.api"),)
    facts = _facts(facts.symbols + tuple(_symbol(s) for s in extra), deps,
                   ["orders", "invoices", "products"], routes=routes)
    kernel = find_kernel(facts, {s.id: i % 3 for i, s in enumerate(facts.symbols)})
    assert "shop.api:create" not in kernel and "shop.api:OrderIn" not in kernel
    assert {"shop.cli:main", "shop.cli:run"} <= kernel.keys()


def test_calls_into_a_class_of_many_methods_weigh_more_than_calls_to_a_popular_helper():
    methods = tuple(Signature(f"m{i}", (), None, i, False, None) for i in range(10))
    callers = [f"app.views:v{i}" for i in range(10)]
    symbols = [_symbol("app.dao:OrderDAO", kind="class", signatures=methods),
               _symbol("app.utils:helper"), *callers]
    deps = [d for c in callers for d in (_dep(c, "app.dao:OrderDAO"), _dep(c, "app.utils:helper"))]
    graph = build_signal_graph(_facts(symbols, deps), DEFAULT_WEIGHTS)

    def call(a: str, b: str) -> float:
        return graph.parts[tuple(sorted((graph.index[a], graph.index[b])))]["call"]

    assert call("app.views:v0", "app.dao:OrderDAO") > 2 * call("app.views:v0", "app.utils:helper")


def test_the_typical_run_is_a_real_run_and_does_not_move_with_the_seed() -> None:
    graph = build_signal_graph(_shop(), DEFAULT_WEIGHTS)
    typical = typical_leiden(graph, seed=3)
    runs = [leiden(graph, seed=3 + k) for k in range(9)]
    assert any(adjusted_rand(typical, run) == 1.0 for run in runs)
    assert adjusted_rand(typical, typical_leiden(graph, seed=11)) == 1.0


def _ring_of_cliques(cliques: int, size: int):
    """A graph of ``cliques`` dense groups in a ring, big enough for shared runs."""
    symbols = [f"m{c}:f{i}" for c in range(cliques) for i in range(size)]
    deps = [_dep(f"m{c}:f{i}", f"m{c}:f{(i + k) % size}") for c in range(cliques)
            for i in range(size) for k in (1, 2, 3)]
    deps += [_dep(f"m{c}:f0", f"m{(c + 1) % cliques}:f1") for c in range(cliques)]
    return build_signal_graph(_facts(symbols, deps), DEFAULT_WEIGHTS)


def test_runs_shared_with_forked_helpers_give_what_one_process_gives(monkeypatch) -> None:
    from decomposer.clustering import leiden as engine

    graph = _ring_of_cliques(60, 20)
    assert len(graph.nodes) > engine.PARALLEL_FROM
    g = engine._igraph(graph)
    seeds = list(range(5, 14))
    alone = engine._runs(g, 1.0, seeds, {}, jobs=1)
    assert len({tuple(run) for run in alone}) > 1  # seeds label alike partitions differently
    here = []  # runs made in this process: a helper's runs are counted in its own memory
    run = engine._leiden
    monkeypatch.setattr(engine, "_leiden", lambda *args: here.append(1) or run(*args))
    assert engine._runs(g, 1.0, seeds, {}, jobs=3) == alone
    assert len(here) == 3  # of nine: two helpers made the other six
    # a helper that cannot start has its share run in the main process
    monkeypatch.setattr(engine, "_fork_runs", lambda *args: None)
    assert engine._runs(g, 1.0, seeds, {}, jobs=3) == alone
    assert typical_leiden(graph, seed=5, jobs=2) == typical_leiden(graph, seed=5, jobs=1)


def test_a_helper_that_hangs_is_killed_and_its_share_run_here(monkeypatch) -> None:
    import os
    import time

    from decomposer.clustering import leiden as engine

    g = engine._igraph(_ring_of_cliques(60, 20))
    hung = []

    def fork_a_sleeper(*args):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        os.close(write)
        hung.append(pid)
        return pid, read

    monkeypatch.setattr(engine, "_fork_runs", fork_a_sleeper)
    monkeypatch.setattr(engine, "MIN_PATIENCE", 0.5)
    monkeypatch.setattr(engine, "PATIENCE", 0)
    seeds = list(range(4))
    assert engine._runs(g, 1.0, seeds, {}, jobs=2) == engine._runs(g, 1.0, seeds, {}, jobs=1)
    with pytest.raises(ChildProcessError):
        os.waitpid(hung[0], os.WNOHANG)  # killed and reaped


def test_an_interrupted_main_process_leaves_no_helper_running(monkeypatch) -> None:
    import os

    from decomposer.clustering import leiden as engine

    g = engine._igraph(_ring_of_cliques(60, 20))
    started = []
    fork = engine._fork_runs
    monkeypatch.setattr(engine, "_fork_runs", lambda *a: started.append(fork(*a)) or started[-1])

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "_leiden", interrupted)
    with pytest.raises(KeyboardInterrupt):
        engine._runs(g, 1.0, list(range(4)), {}, jobs=2)
    (pid, read), = started
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped
    with pytest.raises(OSError):
        os.fstat(read)  # closed


def test_adjusted_rand_ignores_labels_and_punishes_disagreement() -> None:
    assert adjusted_rand([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    assert adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1]) < 0


def test_a_banner_section_is_a_small_file_within_a_god_module_and_its_title_a_word() -> None:
    payout = _symbol("dao:PayoutDAO", kind="class", section="payments & payouts")
    refund = _symbol("dao:RefundDAO", kind="class", section="payments & payouts")
    view = _symbol("views:pay_out", section="payments & payouts")
    other = _symbol("dao:CartDAO", kind="class", section="carts")
    facts = _facts([payout, refund, view, other, "dao:plain"],
                   tables=["payments", "payouts", "carts"])
    graph = build_signal_graph(facts, DEFAULT_WEIGHTS)

    def layout(sid: str, node: str) -> float:
        i, j = sorted((graph.index[sid], graph.index[node]))
        return graph.parts[(i, j)]["layout"]

    section = "section::dao:payments & payouts"
    assert graph.is_auxiliary(section) and not graph.counts(section)
    assert layout("dao:PayoutDAO", section) == layout("dao:RefundDAO", section)
    assert layout("dao:CartDAO", "section::dao:carts") > layout("dao:PayoutDAO", section)
    assert "section::dao:" not in " ".join(n for n in graph.nodes if "plain" in n)
    # the title's domain words join the documents: RefundDAO now speaks of payouts
    assert {"payment", "payout"} <= set(graph.documents["dao:RefundDAO"])
    assert {"payment", "payout"} <= set(graph.documents["views:pay_out"])


def test_the_evidence_names_the_banner_a_symbol_sits_under() -> None:
    symbols = [_symbol(f"dao:f{i}", section="billing") for i in range(3)]
    deps = [_dep("dao:f0", "dao:f1"), _dep("dao:f1", "dao:f2")]
    result = cluster(_facts(symbols, deps), None, Config(min_context_size=1))
    assert any('under the banner "billing" of module dao, with 2 of its 2 other symbols'
               in line for line in result.explanations["dao:f0"])


def test_symbols_of_top_level_modules_named_like_auxiliary_nodes_are_symbols() -> None:
    symbols = ["module:f", "package:g", "routine:h", "section:k"]
    graph = build_signal_graph(_facts(symbols), DEFAULT_WEIGHTS)
    assert all(graph.counts(s) and not graph.is_auxiliary(s) for s in symbols)
    assert graph.is_auxiliary("module::module") and not graph.counts("module::section")
