"""roadmap.md, roadmap.json and priority-matrix.csv of a small playbook-like monolith.

The expected files live in tests/golden/roadmap/; regenerate them after an intended change
with ``UPDATE_GOLDEN=1 python -m pytest tests/unit/test_roadmap_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

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
    Scores,
    Symbol,
    Table,
    TableAccess,
    TableOwnership,
)
from reports.matrix import matrix_frame, write_priority_matrix
from reports.roadmap import roadmap_json, roadmap_markdown, write_roadmap_json
from scoring import score_contexts

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "roadmap"


def _symbol(sid: str, loc: int = 12, complexity: int = 3, kind: str = "function") -> Symbol:
    module, _, name = sid.partition(":")
    return Symbol(id=sid, module=module, name=name, kind=kind, file=module.replace(".", "/")
                  + ".py", line=1, end_line=loc + 1, loc=loc, complexity=complexity,
                  max_method_complexity=complexity if kind == "class" else 0)


def _stats(sid: str, commits: int, recent: float) -> ChangeStats:
    return ChangeStats(key=sid, commits=commits, churn=commits * 6, authors=("ann", "bob"),
                       last_change="2024-06-01", first_change="2023-01-02",
                       recent_commits=recent)


def shop() -> tuple[Facts, Decomposition, Config]:
    """orders (hot, tangled), users (auth, medium), payments (cold, clean), one kernel helper."""
    symbols = [
        _symbol("shop.orders:place_order", loc=60, complexity=18),
        _symbol("shop.orders:order_total", complexity=6),
        _symbol("shop.orders:OrderDAO", loc=40, complexity=12, kind="class"),
        _symbol("shop.users:login", complexity=4),
        _symbol("shop.users:UserDAO", loc=30, complexity=5, kind="class"),
        _symbol("shop.payments:charge", complexity=3),
        _symbol("shop.utils:format_money", complexity=1),
    ]
    changes = [_stats("shop.orders:place_order", 14, 9.5),
               _stats("shop.orders:order_total", 6, 4.0), _stats("shop.orders:OrderDAO", 5, 2.5),
               _stats("shop.users:login", 4, 1.5), _stats("shop.users:UserDAO", 3, 0.8),
               _stats("shop.payments:charge", 1, 0.1)]
    accesses = [
        TableAccess("shop.orders:OrderDAO", "orders", "write", 9, "sql", "INSERT INTO orders"),
        TableAccess("shop.orders:OrderDAO", "orders", "read", 12, "sql", "SELECT FROM orders"),
        TableAccess("shop.orders:place_order", "users", "read", 20, "sql", "SELECT FROM users"),
        TableAccess("shop.users:UserDAO", "users", "write", 5, "orm", "User.save"),
        TableAccess("shop.users:login", "sessions", "write", 7, "sql", "INSERT INTO sessions"),
        TableAccess("shop.payments:charge", "payments", "write", 3, "orm", "Payment.create"),
    ]
    routes = [Route("shop.orders:place_order", "/orders", ("POST",), "flask", "shop/orders.py",
                    1, "shop.orders"),
              Route("shop.users:login", "/login", ("POST",), "flask", "shop/users.py", 1,
                    "shop.users")]
    deps = [Dependency("shop.orders:place_order", "shop.payments:charge", "call", 2),
            Dependency("shop.orders:place_order", "shop.utils:format_money", "call", 1)]
    tables = [Table("orders", foreign_keys=(ForeignKey(("user_id",), "users"),)),
              Table("users"), Table("sessions", foreign_keys=(ForeignKey(("user_id",), "users"),)),
              Table("payments", foreign_keys=(ForeignKey(("order_id",), "orders"),))]
    facts = Facts(scan=Scan(root="/shop", source_root="", files=()), outcomes=(),
                  symbols=tuple(symbols), modules=("shop.orders", "shop.payments", "shop.users",
                                                   "shop.utils"),
                  dependencies=tuple(deps), routes=tuple(routes), schema=Schema(tuple(tables)),
                  accesses=tuple(accesses),
                  history=History(available=True, commits=40, symbols=tuple(changes),
                                  first_date="2023-01-02", last_date="2024-06-01"),
                  tested=("shop.payments:charge",))
    contexts = (
        Context("orders", ("shop.orders:OrderDAO", "shop.orders:order_total",
                           "shop.orders:place_order"), ("shop.orders",), ("orders",), ("users",),
                vocabulary=("order", "total")),
        Context("payments", ("shop.payments:charge",), ("shop.payments",), ("payments",), (),
                vocabulary=("payment", "charge")),
        Context("users", ("shop.users:UserDAO", "shop.users:login"), ("shop.users",),
                ("sessions", "users"), (), vocabulary=("user", "login", "session")),
    )
    relations = (
        Relation("orders", "payments", "customer-supplier", "grpc",
                 ("shop.orders:place_order calls shop.payments:charge ×2",), calls=2),
        Relation("orders", "shared-kernel", "shared-kernel", "library",
                 ("shop.orders:place_order calls shop.utils:format_money ×1",), calls=1),
        Relation("orders", "users", "data-dependency", "events",
                 ("shop.orders:place_order reads users of users",), reads=1,
                 events=("UserCreated", "UserUpdated")),
        Relation("gateway", "orders", "open-host", "rest", ("POST /orders",), calls=1),
        Relation("gateway", "users", "open-host", "rest", ("POST /login",), calls=1),
    )
    ownership = (
        TableOwnership("orders", "orders", readers=("orders",), writers=("orders",)),
        TableOwnership("payments", "payments", writers=("payments",)),
        TableOwnership("sessions", "users", writers=("users",)),
        TableOwnership("users", "users", readers=("orders",), writers=("users",)),
    )
    decomposition = Decomposition(contexts=contexts, shared_kernel=("shop.utils:format_money",),
                                  relations=relations, ownership=ownership, metrics={})
    config = Config(importance={"orders": 5, "users": 5, "pay*": 4})
    return facts, decomposition, config


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} missing: run with UPDATE_GOLDEN=1 once"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def scored():
    facts, decomposition, config = shop()
    return score_contexts(facts, decomposition, config), decomposition


def test_roadmap_markdown_matches_golden(scored):
    scores, decomposition = scored
    _check("shop.roadmap.md", roadmap_markdown(scores, decomposition))


def test_roadmap_json_matches_golden(scored, tmp_path):
    scores, _ = scored
    written = write_roadmap_json(tmp_path / "roadmap.json", scores)
    _check("shop.roadmap.json", written.read_text(encoding="utf-8"))


def test_priority_matrix_csv_matches_golden(scored, tmp_path):
    scores, _ = scored
    written = write_priority_matrix(tmp_path / "priority-matrix.csv", scores)
    _check("shop.priority-matrix.csv", written.read_text(encoding="utf-8"))


def test_small_shop_follows_the_playbook(scored):
    scores, _ = scored
    order = [p.contexts for p in scores.roadmap.phases]
    assert order == [(), ("orders",), ("users",), ("payments",)]
    orders = next(s for s in scores.matrix if s.context == "orders")
    assert orders.value("business_importance") == 5 and orders.value("change_frequency") == 5


def test_roadmap_json_has_every_phase_with_its_fields(scored):
    scores, _ = scored
    data = json.loads(json.dumps(roadmap_json(scores)))
    assert [p["number"] for p in data["phases"]] == [0, 1, 2, 3]
    for phase in data["phases"]:
        assert set(phase) == {"number", "contexts", "steps", "risks", "rationale"}
    assert data["notes"]


def test_the_matrix_lists_contexts_as_the_roadmap_does_even_within_a_phase(scored):
    # pretalx's phase 12 was "user-tokens, tracks" (user-tokens costs less to extract)
    # while the matrix said tracks, user-tokens (by name)
    scores, _ = scored
    assert [s.context for s in scores.matrix] == [
        name for phase in scores.roadmap.phases for name in phase.contexts]
    shared = Scores(matrix=tuple(replace(s, context=name, phase=4) for s, name in zip(
        scores.matrix, ("user-tokens", "tracks"))), roadmap=scores.roadmap)
    assert list(matrix_frame(shared)["context"]) == ["user-tokens", "tracks"]


def test_matrix_frame_leads_with_the_playbook_columns_sorted_by_phase(scored):
    scores, _ = scored
    frame = matrix_frame(scores)
    assert list(frame.columns[:7]) == ["context", "business_importance", "change_frequency",
                                       "technical_debt", "composite", "extraction_cost", "phase"]
    assert list(frame["context"]) == ["orders", "users", "payments"]
    assert "change_frequency.heat" in frame.columns
    assert "business_importance.estimated" in frame.columns
