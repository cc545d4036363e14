"""The roadmap: order from the scores, dependencies bridged, every context once, phase 0."""

from __future__ import annotations

import random

from decomposer.config import Config
from decomposer.model import (
    Context,
    ContextScore,
    CriterionScore,
    Decomposition,
    Facts,
    History,
    Relation,
    Scan,
    Schema,
    Symbol,
    TableOwnership,
)
from scoring.evidence import DEPENDING_KINDS, gather_evidence
from scoring.roadmap import extraction_order, plan_roadmap


def score(name: str, importance: int, change: int, debt: int, cost: int = 1) -> ContextScore:
    values = {"business_importance": importance, "change_frequency": change,
              "technical_debt": debt, "extraction_cost": cost}
    return ContextScore(context=name,
                        criteria=tuple(CriterionScore(k, v, {}) for k, v in values.items()),
                        composite=float(importance + change + debt), extraction_cost=float(cost))


def context(name: str, tables=(), vocabulary=(), shared=()) -> Context:
    return Context(name=name, symbols=(f"{name}:main",), modules=(name,), tables=tuple(tables),
                   shared_tables=tuple(shared), vocabulary=tuple(vocabulary))


def relation(source: str, target: str, kind: str = "customer-supplier",
             events: tuple[str, ...] = ()) -> Relation:
    return Relation(source=source, target=target, kind=kind,
                    communication="events" if kind == "data-dependency" else "grpc",
                    evidence=("test",), events=events)


def plan(matrix, contexts, relations=(), kernel=(), ownership=(), cycles=()):
    symbols = tuple(Symbol(id=f"{c.name}:main", module=c.name, name="main", kind="function",
                           file=f"{c.name}.py", line=1, end_line=3, loc=2, complexity=1)
                    for c in contexts)
    facts = Facts(scan=Scan(root="/repo", source_root="", files=()), outcomes=(),
                  symbols=symbols, modules=tuple(c.name for c in contexts), dependencies=(),
                  routes=(), schema=Schema(tables=()), accesses=(),
                  history=History(available=False))
    decomposition = Decomposition(contexts=tuple(contexts), shared_kernel=tuple(kernel),
                                  relations=tuple(relations), ownership=tuple(ownership),
                                  metrics={}, cycles=tuple(cycles))
    evidence = gather_evidence(facts, decomposition, Config())
    return plan_roadmap(tuple(matrix), evidence), evidence


def phase_of(roadmap) -> dict[str, int]:
    return {name: p.number for p in roadmap.phases for name in p.contexts}


def steps_of(roadmap, name: str) -> list[str]:
    phase = next(p for p in roadmap.phases if name in p.contexts)
    prefix = f"[{name}] " if len(phase.contexts) > 1 else ""
    return [s.removeprefix(prefix) for s in phase.steps if s.startswith(prefix)]


def test_playbook_order_follows_the_composite():
    matrix = [score("orders", 5, 4, 4), score("users", 5, 3, 2), score("payments", 4, 2, 1)]
    roadmap, _ = plan(matrix, [context(n.context) for n in matrix])
    assert [p.contexts for p in roadmap.phases] == [(), ("orders",), ("users",), ("payments",)]
    assert "5+4+4 = 13" in roadmap.phases[1].rationale


def test_customer_before_its_supplier_gets_a_bridging_step():
    matrix = [score("orders", 5, 4, 4), score("users", 5, 3, 2), score("catalog", 3, 2, 1)]
    contexts = [context("orders"), context("users", tables=["users"]),
                context("catalog", tables=["products"])]
    relations = [relation("orders", "users"),
                 relation("orders", "catalog", "data-dependency", ("ProductUpdated",))]
    roadmap, _ = plan(matrix, contexts, relations)
    assert phase_of(roadmap)["orders"] < phase_of(roadmap)["users"]
    steps = steps_of(roadmap, "orders")
    acl = next(s for s in steps if s.startswith("Bridge to users"))
    replica = next(s for s in steps if s.startswith("Bridge to catalog"))
    assert "anti-corruption layer" in acl
    assert "read replica" in replica and "ProductUpdated" in replica
    assert "users" in roadmap.phases[1].rationale  # says what it bridges


def test_supplier_already_extracted_is_used_not_bridged():
    matrix = [score("users", 5, 5, 5), score("orders", 3, 3, 3)]
    roadmap, _ = plan(matrix, [context("users"), context("orders")],
                      [relation("orders", "users")])
    steps = steps_of(roadmap, "orders")
    assert not any(s.startswith("Bridge") for s in steps)
    assert any(s.startswith("Use users (a service since phase 1)") for s in steps)


def test_among_equal_composites_the_supplier_goes_first():
    matrix = [score("alpha", 4, 4, 4, cost=1), score("beta", 4, 4, 4, cost=3)]
    roadmap, _ = plan(matrix, [context("alpha"), context("beta")],
                      [relation("alpha", "beta")])
    assert phase_of(roadmap)["beta"] < phase_of(roadmap)["alpha"]
    assert "waits for beta" in roadmap.phases[1].rationale


def test_equal_composites_prefer_the_cheaper_then_the_livelier_context():
    matrix = [score("a", 3, 3, 3, cost=4), score("b", 3, 3, 3, cost=2),
              score("c", 3, 4, 2, cost=2)]
    assert extraction_order(tuple(matrix), {"a": (), "b": (), "c": ()}) == ["c", "b", "a"]


def test_independent_equal_contexts_share_a_phase_dependent_ones_do_not():
    matrix = [score("a", 3, 3, 3), score("b", 3, 3, 3), score("c", 3, 3, 3)]
    roadmap, _ = plan(matrix, [context(m.context) for m in matrix], [relation("c", "a")])
    phases = phase_of(roadmap)
    assert phases["a"] == phases["b"] < phases["c"]


def test_shared_kernel_and_identity_come_first_in_phase_0():
    matrix = [score("orders", 5, 4, 4), score("accounts", 5, 3, 2)]
    contexts = [context("orders"),
                context("accounts", tables=["auth_user", "sessions"], vocabulary=["login"])]
    roadmap, _ = plan(matrix, contexts, [relation("orders", "accounts")],
                      kernel=["utils:format_money"])
    zero = roadmap.phases[0]
    assert zero.number == 0 and zero.contexts == ()
    assert any("shared-utils" in s for s in zero.steps)
    identity = next(s for s in zero.steps if "identity/auth" in s)
    assert "accounts" in identity and "sessions" in identity
    assert any(s.startswith("Make accounts the central identity/auth service")
               for s in steps_of(roadmap, "accounts"))


def test_no_identity_step_without_a_users_like_context():
    matrix = [score("orders", 5, 4, 4), score("catalog", 3, 3, 3)]
    roadmap, _ = plan(matrix, [context("orders"), context("catalog")])
    assert not any("identity" in s for s in roadmap.phases[0].steps)


def test_risks_name_shared_tables_conflicts_cycles_and_what_to_do():
    matrix = [score("orders", 5, 4, 4), score("stock", 4, 3, 3)]
    contexts = [context("orders", tables=["orders"], shared=["stock_levels"]),
                context("stock", tables=["stock_levels"])]
    relations = [relation("orders", "stock", "data-dependency", ("StockLevelUpdated",)),
                 relation("stock", "orders"), relation("orders", "stock", "conflict")]
    ownership = [TableOwnership("stock_levels", "stock", readers=("orders",),
                                writers=("orders", "stock"), conflict=True)]
    roadmap, _ = plan(matrix, contexts, relations, ownership=ownership,
                      cycles=[("orders", "stock")])
    risks = " ".join(roadmap.phases[1].risks)
    assert "stock_levels is written by orders, stock (owner stock)" in risks
    assert "behind stock's API" in risks
    assert "depend on each other" in risks and "read model" in risks


def _random_case(seed: int):
    rng = random.Random(seed)
    names = [f"c{i}" for i in range(8)]
    matrix = [score(n, rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5),
                    rng.randint(1, 5)) for n in names]
    relations = [relation(a, b, rng.choice(DEPENDING_KINDS))
                 for a in names for b in names if a != b and rng.random() < 0.25]
    return matrix, [context(n, tables=[f"t_{n}"]) for n in names], relations


def test_every_context_appears_exactly_once_and_forward_dependencies_are_bridged():
    for seed in range(25):
        matrix, contexts, relations = _random_case(seed)
        roadmap, evidence = plan(matrix, contexts, relations)
        listed = [name for p in roadmap.phases for name in p.contexts]
        assert sorted(listed) == sorted(c.name for c in contexts)
        phases = phase_of(roadmap)
        for customer, suppliers in evidence.needs.items():
            steps = steps_of(roadmap, customer)
            for supplier in suppliers:
                if phases[supplier] > phases[customer]:
                    assert any(s.startswith(f"Bridge to {supplier} ") for s in steps), \
                        (seed, customer, supplier)


def test_phases_never_go_up_in_composite():
    for seed in range(25):
        matrix, contexts, relations = _random_case(seed)
        roadmap, _ = plan(matrix, contexts, relations)
        composite = {m.context: m.composite for m in matrix}
        sequence = [composite[n] for p in roadmap.phases for n in p.contexts]
        assert sequence == sorted(sequence, reverse=True)
        assert [p.number for p in roadmap.phases] == list(range(len(roadmap.phases)))


def test_roadmap_is_deterministic():
    matrix, contexts, relations = _random_case(3)
    first, _ = plan(matrix, contexts, relations)
    again, _ = plan(list(reversed(matrix)), list(reversed(contexts)), list(reversed(relations)))
    assert first == again
