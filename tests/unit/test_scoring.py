"""Criteria and composite on tiny, hand-built facts and decompositions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from decomposer.config import Config
from decomposer.model import (
    ChangeStats,
    Context,
    Decomposition,
    Dependency,
    Facts,
    ForeignKey,
    History,
    Relation,
    Route,
    Scan,
    Schema,
    Signature,
    Symbol,
    Table,
    TableAccess,
    TableOwnership,
)
from scoring import CRITERIA, score_contexts
from scoring.business_importance import business_importance, configured_importance
from scoring.change_frequency import change_frequency
from scoring.evidence import gather_evidence
from scoring.extraction_cost import extraction_cost
from scoring.ranks import percentile, points, quintile_rank
from scoring.technical_debt import technical_debt


def sym(sid: str, *, loc: int = 10, complexity: int = 2, kind: str = "function",
        worst: int = 0) -> Symbol:
    module, _, name = sid.partition(":")
    return Symbol(id=sid, module=module, name=name, kind=kind, file=f"{module}.py", line=1,
                  end_line=loc + 1, loc=loc, complexity=complexity, max_method_complexity=worst)


def change(sid: str, commits: int, recent: float | None = None, churn: int = 0) -> ChangeStats:
    return ChangeStats(key=sid, commits=commits, churn=churn or commits * 5, authors=("ann",),
                       recent_commits=commits if recent is None else recent)


def make_facts(symbols, *, changes=None, accesses=(), routes=(), deps=(), tested=(),
               tables=()) -> Facts:
    history = (History(available=True, commits=50, symbols=tuple(changes))
               if changes is not None else History(available=False))
    return Facts(scan=Scan(root="/repo", source_root="", files=()), outcomes=(),
                 symbols=tuple(symbols), modules=tuple(sorted({s.module for s in symbols})),
                 dependencies=tuple(deps), routes=tuple(routes),
                 schema=Schema(tables=tuple(tables)), accesses=tuple(accesses),
                 history=history, tested=tuple(tested))


def ctx(name: str, symbols, tables=(), shared=()) -> Context:
    return Context(name=name, symbols=tuple(sorted(s.id for s in symbols)), modules=(),
                   tables=tuple(tables), shared_tables=tuple(shared))


def make_decomposition(contexts, relations=(), ownership=(), cycles=()) -> Decomposition:
    return Decomposition(contexts=tuple(contexts), shared_kernel=(), relations=tuple(relations),
                         ownership=tuple(ownership), metrics={}, cycles=tuple(cycles))


def rel(source: str, target: str, kind: str = "customer-supplier") -> Relation:
    return Relation(source=source, target=target, kind=kind,
                    communication="events" if kind == "data-dependency" else "grpc",
                    evidence=("test",))


def evidence(facts, decomposition, config=None):
    return gather_evidence(facts, decomposition, config or Config())


def group(prefix: str, count: int, **kw) -> list[Symbol]:
    return [sym(f"{prefix}:f{i}", **kw) for i in range(count)]


# ---------------------------------------------------------------- ranks


def test_points_takes_the_first_row_the_figure_reaches():
    table = ((21, 2), (11, 1), (0, 0))
    assert [points(x, table) for x in (0, 10, 11, 20, 21, 99)] == [0, 0, 1, 1, 2, 2]


def test_quintile_rank_spreads_distinct_values_from_1_to_5():
    population = [10, 20, 30, 40, 50]
    assert [quintile_rank(v, population) for v in population] == [1, 2, 3, 4, 5]


def test_equal_values_sit_in_the_middle():
    assert percentile(7, [7, 7, 7]) == Fraction(1, 2)
    assert quintile_rank(7, [7, 7, 7]) == 3
    assert quintile_rank(7, [7]) == 3


# ---------------------------------------------------------------- change frequency


def test_hot_context_outranks_cold_one():
    hot, cold = group("hot", 3), group("cold", 3)
    changes = [change(s.id, 9, recent=8.0) for s in hot] + [change(cold[0].id, 1, recent=0.1)]
    facts = make_facts(hot + cold, changes=changes)
    dec = make_decomposition([ctx("hot", hot), ctx("cold", cold)])
    ev = evidence(facts, dec)
    scores = {c.name: change_frequency(c, ev) for c in dec.contexts}
    assert scores["hot"].value > scores["cold"].value
    assert scores["hot"].raw["commits"] == 27 and scores["cold"].raw["commits"] == 1


def test_big_hot_context_ranks_above_small_cold_one_but_size_alone_does_not_win():
    big_hot, small_cold = group("bighot", 40), group("smallcold", 2)
    big_lukewarm, small_hot = group("lukewarm", 40), group("smallhot", 2)
    changes = ([change(s.id, 3) for s in big_hot] + [change(s.id, 1) for s in small_cold]
               + [change(s.id, 1) for s in big_lukewarm[:10]]
               + [change(s.id, 12) for s in small_hot])
    facts = make_facts(big_hot + small_cold + big_lukewarm + small_hot, changes=changes)
    dec = make_decomposition([ctx("bighot", big_hot), ctx("smallcold", small_cold),
                              ctx("lukewarm", big_lukewarm), ctx("smallhot", small_hot)])
    ev = evidence(facts, dec)
    heat = {c.name: change_frequency(c, ev).raw["heat"] for c in dec.contexts}
    assert heat["bighot"] > heat["smallcold"]
    assert heat["smallhot"] > heat["lukewarm"]  # 10 commits over 40 symbols is lukewarm


def test_recent_commits_weigh_more_than_old_ones():
    recent, old = group("recent", 2), group("old", 2)
    changes = [change(s.id, 4, recent=3.5) for s in recent] + \
              [change(s.id, 4, recent=0.2) for s in old]
    facts = make_facts(recent + old, changes=changes)
    dec = make_decomposition([ctx("recent", recent), ctx("old", old)])
    ev = evidence(facts, dec)
    assert change_frequency(dec.contexts[0], ev).value > change_frequency(dec.contexts[1], ev).value


def test_context_without_changes_is_1_and_without_history_a_neutral_estimated_3():
    a, b = group("a", 2), group("b", 2)
    dec = make_decomposition([ctx("a", a), ctx("b", b)])
    with_history = evidence(make_facts(a + b, changes=[change(a[0].id, 3)]), dec)
    assert change_frequency(dec.contexts[1], with_history).value == 1
    without = evidence(make_facts(a + b), dec)
    score = change_frequency(dec.contexts[0], without)
    assert (score.value, score.estimated) == (3, True)


# ---------------------------------------------------------------- technical debt


def test_complex_untested_sql_heavy_context_carries_more_debt_than_a_clean_one():
    messy = [sym("messy:god", loc=40, complexity=30), sym("messy:tangle", complexity=14)]
    clean = [sym("clean:a"), sym("clean:b")]
    sql = [TableAccess("messy:god", t, "read", 3, "sql", "SELECT") for t in ("x", "y", "z")]
    facts = make_facts(messy + clean, accesses=sql, tested=[s.id for s in clean])
    dec = make_decomposition([ctx("messy", messy), ctx("clean", clean)])
    ev = evidence(facts, dec)
    messy_debt, clean_debt = (technical_debt(c, ev) for c in dec.contexts)
    assert messy_debt.value > clean_debt.value == 1
    assert messy_debt.raw["worst_complexity"] == 30
    assert messy_debt.raw["sql_per_symbol"] == 1.5
    assert (messy_debt.raw["untested_share"], clean_debt.raw["untested_share"]) == (1.0, 0.0)


def test_class_debt_uses_its_worst_method_and_god_classes_are_outliers():
    big = Symbol(id="m:Big", module="m", name="Big", kind="class", file="m.py", line=1,
                 end_line=90, loc=80, complexity=60, max_method_complexity=8,
                 signatures=tuple(_sig(f"m{i}") for i in range(20)))
    dec = make_decomposition([ctx("m", [big])])
    debt = technical_debt(dec.contexts[0], evidence(make_facts([big]), dec))
    assert debt.raw["worst_complexity"] == 8
    assert debt.raw["outliers"] == 1


def _sig(name: str) -> Signature:
    return Signature(name=name, params=(), returns=None, line=1)


def test_same_name_in_several_modules_counts_as_duplication():
    a = [sym("a:parse_date"), sym("a:other")]
    b = [sym("b:parse_date")]
    dec = make_decomposition([ctx("a", a), ctx("b", b)])
    debt = technical_debt(dec.contexts[0], evidence(make_facts(a + b), dec))
    assert debt.raw["duplicated_share"] == 0.5


def test_size_outliers_follow_the_repositorys_distribution():
    normal = [sym(f"n:f{i}", loc=10 + i) for i in range(12)]
    huge = sym("h:huge", loc=400)
    dec = make_decomposition([ctx("n", normal), ctx("h", [huge])])
    ev = evidence(make_facts(normal + [huge]), dec)
    assert technical_debt(dec.contexts[1], ev).raw["outliers"] == 1
    assert technical_debt(dec.contexts[0], ev).raw["outliers"] == 0


# ---------------------------------------------------------------- business importance


def test_configured_importance_wins_by_exact_name_then_most_specific_glob():
    importance = {"orders": 5, "*": 1, "pay*": 4, "payment*": 3}
    assert configured_importance("orders", importance) == ("orders", 5)
    assert configured_importance("payments", importance) == ("payment*", 3)
    assert configured_importance("reports", importance) == ("*", 1)
    assert configured_importance("reports", {"orders": 5}) is None


def test_configured_importance_is_not_estimated():
    s = [sym("orders:place")]
    dec = make_decomposition([ctx("orders", s)])
    config = Config(importance={"ord*": 4})
    score = business_importance(dec.contexts[0], evidence(make_facts(s), dec, config))
    assert (score.value, score.estimated) == (4, False)
    assert "ord*" in score.reason


def test_estimated_importance_grows_with_routes_core_tables_and_fan_in():
    core = [sym(f"core:view{i}") for i in range(6)]
    side = [sym("side:helper")]
    users = [sym("users:u"), sym("users:v")]
    routes = [Route(handler=s.id, path=f"/c{i}", methods=("GET",), framework="flask",
                    file="core.py", line=i, module="core") for i, s in enumerate(core)]
    writes = [TableAccess("core:view0", "orders", "write", 1, "sql", "INSERT INTO orders")]
    tables = [Table("orders"), Table("lines", foreign_keys=(ForeignKey(("o",), "orders"),)),
              Table("refunds", foreign_keys=(ForeignKey(("o",), "orders"),))]
    facts = make_facts(core + side + users, routes=routes, accesses=writes, tables=tables)
    dec = make_decomposition(
        [ctx("core", core, tables=["orders"]), ctx("side", side), ctx("users", users)],
        relations=[rel("side", "core"), rel("users", "core", "data-dependency")])
    ev = evidence(facts, dec)
    core_score, side_score = (business_importance(c, ev) for c in dec.contexts[:2])
    assert core_score.estimated and side_score.estimated
    assert core_score.raw == {"routes": 6.0, "core_tables_written": 1.0, "fan_in": 2.0,
                              "points": 5.0}
    assert core_score.value > side_score.value == 1


# ---------------------------------------------------------------- extraction cost


def test_independent_context_is_cheap_and_an_entangled_one_costly():
    free, tangled, other = [sym("free:f")], [sym("tangled:t")], [sym("other:o")]
    dec = make_decomposition(
        [ctx("free", free), ctx("tangled", tangled, shared=["a", "b", "c"]),
         ctx("other", other, tables=["a"])],
        relations=[rel("tangled", "other"), rel("other", "tangled", "data-dependency")],
        ownership=[TableOwnership("a", "other", writers=("other", "tangled"), conflict=True)],
        cycles=[("other", "tangled")])
    ev = evidence(make_facts(free + tangled + other), dec)
    free_cost, tangled_cost = (extraction_cost(c, ev) for c in dec.contexts[:2])
    assert free_cost.value == 1
    assert tangled_cost.raw["mutual_dependencies"] == 1
    assert tangled_cost.raw["conflicting_tables"] == 1
    assert tangled_cost.value >= 3


# ---------------------------------------------------------------- composite


def _playbook_like():
    orders = [sym(f"orders:f{i}", complexity=25) for i in range(4)]
    users = [sym(f"users:f{i}") for i in range(4)]
    changes = [change(s.id, 8) for s in orders] + [change(users[0].id, 1)]
    facts = make_facts(orders + users, changes=changes)
    dec = make_decomposition([ctx("orders", orders), ctx("users", users)])
    return facts, dec


def test_composite_is_the_plain_sum_by_default_and_extraction_cost_stays_apart():
    facts, dec = _playbook_like()
    scores = score_contexts(facts, dec, Config(importance={"orders": 5, "users": 5}))
    for s in scores.matrix:
        assert s.composite == sum(s.value(c) for c in
                                  ("business_importance", "change_frequency", "technical_debt"))
        assert s.extraction_cost == s.value("extraction_cost")


def test_weights_scale_the_composite():
    facts, dec = _playbook_like()
    weights = {"business_importance": 2.0, "change_frequency": 0.5, "technical_debt": 1.0}
    scores = score_contexts(facts, dec, Config(importance={"orders": 5, "users": 5},
                                               score_weights=weights))
    s = next(m for m in scores.matrix if m.context == "orders")
    assert s.composite == pytest.approx(2 * 5 + 0.5 * s.value("change_frequency")
                                        + s.value("technical_debt"))


def test_every_registered_criterion_scores_every_context_from_1_to_5():
    facts, dec = _playbook_like()
    scores = score_contexts(facts, dec, Config())
    assert set(CRITERIA) >= {"business_importance", "change_frequency", "technical_debt",
                             "extraction_cost"}
    for s in scores.matrix:
        assert [c.criterion for c in s.criteria] == list(CRITERIA)
        assert all(1 <= c.value <= 5 and c.reason for c in s.criteria)


def test_scores_are_reproducible():
    facts, dec = _playbook_like()
    assert score_contexts(facts, dec, Config()) == score_contexts(facts, dec, Config())


def test_relations_make_customers_need_their_suppliers():
    a, b = [sym("a:f")], [sym("b:g")]
    deps = [Dependency("a:f", "b:g", "call", 3)]
    dec = make_decomposition([ctx("a", a), ctx("b", b)], relations=[rel("a", "b")])
    ev = evidence(make_facts(a + b, deps=deps), dec)
    assert ev.needs == {"a": ("b",), "b": ()}
    assert ev.needed_by == {"a": (), "b": ("a",)}
