"""Mermaid output: golden files, escaping of hostile names, caps, and the real Mermaid parser.

Regenerate the golden files with ``DECOMPOSER_UPDATE_GOLDEN=1 pytest tests/unit/test_mermaid.py``
and review the diff.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

import pytest

from decomposer.config import Config
from decomposer.context_map import build_context_map
from decomposer.model import (
    Clustering,
    Column,
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
from reports.mermaid import (
    MAX_MEMBERS,
    context_er_mermaid,
    context_files,
    context_map_mermaid,
    context_mermaid,
    escape,
    write_mermaid,
)

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "mermaid"
CHECKER = Path(__file__).resolve().parents[1] / "browser" / "mermaid_check.py"
HOSTILE = 'a"b<script>alert(1)</script>'
HOSTILE_TABLE = 'order items"]; DROP {x}'
UNICODE = "订单 ]]; end %%{init}%% #quot;"


def _symbol(sid: str, kind: str = "function", returns: str | None = "str") -> Symbol:
    module, _, name = sid.partition(":")
    return Symbol(id=sid, module=module, name=name, kind=kind,
                  file=module.replace(".", "/") + ".py", line=1, end_line=9, loc=8,
                  complexity=1, signatures=(Signature(name, (), returns, 1),))


def _facts(symbols, dependencies=(), accesses=(), tables=(), routes=()) -> Facts:
    return Facts(scan=Scan(root="/repo", source_root="", files=()), outcomes=(),
                 symbols=tuple(symbols), modules=tuple(sorted({s.module for s in symbols})),
                 dependencies=tuple(dependencies), routes=tuple(routes),
                 schema=Schema(tables=tuple(tables)), accesses=tuple(accesses),
                 history=History(available=False))


def _access(source: str, table: str, mode: str, text: str, line: int = 5) -> TableAccess:
    return TableAccess(source, table, mode, line, "sql", text)


def _edges(facts: Facts) -> Facts:
    """Reads/writes edges as the resolver derives them from the accesses."""
    extra = tuple(Dependency(a.source, f"table:{a.table}", a.mode + "s", 1,
                             (f"{a.source.partition(':')[0]}.py:{a.line}",))
                  for a in facts.accesses)
    return Facts(**{**facts.__dict__, "dependencies": facts.dependencies + extra})


def _decompose(facts: Facts, assignment: dict[str, str], kernel=()) -> Decomposition:
    clustering = Clustering(assignment=assignment, shared_kernel=tuple(kernel),
                            explanations={}, runner_up={})
    return build_context_map(facts, None, clustering, Config())


def _shop() -> tuple[Decomposition, Facts]:
    tables = [
        Table("orders", columns=(Column("id", "BIGINT", primary_key=True),
                                 Column("user_id", "INT"), Column("total", "DECIMAL(10,2)")),
              primary_key=("id",), foreign_keys=(ForeignKey(("user_id",), "users", ("id",)),),
              defined_by="shop.models:Order"),
        Table("order_items", columns=(Column("order_id", "BIGINT"), Column("qty", "")),
              foreign_keys=(ForeignKey(("order_id",), "orders"),)),
        Table("users", columns=(Column("id", "INT", primary_key=True),)),
    ]
    facts = _edges(_facts(
        [_symbol("shop.models:Order", "class"), _symbol("shop.orders:place_order"),
         _symbol("shop.users:get_user"), _symbol("shop.users:save_user"),
         _symbol("shop.notify:send_mail", returns="None"), _symbol("shop.utils:money")],
        dependencies=[Dependency("shop.orders:place_order", "shop.users:get_user", "call", 2,
                                 ("shop/orders.py:12",)),
                      Dependency("shop.orders:place_order", "shop.models:Order", "call", 1,
                                 ("shop/orders.py:13",)),
                      Dependency("shop.orders:place_order", "shop.notify:send_mail", "call", 1,
                                 ("shop/orders.py:14",)),
                      Dependency("shop.users:get_user", "shop.utils:money", "reference", 1,
                                 ("shop/users.py:3",)),
                      Dependency("shop.users:save_user", "shop.orders:place_order", "call", 1,
                                 ("shop/users.py:9",))],
        accesses=[_access("shop.models:Order", "orders", "write", "INSERT INTO orders"),
                  _access("shop.orders:place_order", "users", "read", "SELECT * FROM users"),
                  _access("shop.users:get_user", "users", "read", "SELECT * FROM users"),
                  _access("shop.users:save_user", "users", "write", "UPDATE users SET x=1"),
                  _access("shop.users:save_user", "orders", "write", "DELETE FROM orders")],
        tables=tables,
        routes=[Route("shop.orders:place_order", "/orders", ("POST",), "flask",
                      "shop/orders.py", 3, "shop.orders")],
    ))
    assignment = {"shop.models:Order": "orders", "shop.orders:place_order": "orders",
                  "shop.users:get_user": "users", "shop.users:save_user": "users",
                  "shop.notify:send_mail": "notifications"}
    return _decompose(facts, assignment, kernel=["shop.utils:money"]), facts


def _hostile() -> tuple[Decomposition, Facts]:
    evil = f"evil.mod:{HOSTILE}"
    tables = [Table(HOSTILE_TABLE, columns=(Column('first "name"', 'VARCHAR(255) "x"'),
                                            Column("2nd col", "int[]", primary_key=True)),
                    foreign_keys=(ForeignKey(("ref id",), UNICODE),)),
              Table(UNICODE, columns=(Column("id", "int"),))]
    facts = _edges(_facts(
        [_symbol(evil, "class"), _symbol("x.y:订单服务"), _symbol("x.y:f`md`")],
        dependencies=[Dependency(evil, "x.y:订单服务", "call", 1, ("evil/mod.py:1",)),
                      Dependency("x.y:订单服务", evil, "inherit", 1, ("x/y.py:1",))],
        accesses=[_access(evil, HOSTILE_TABLE, "write", "INSERT INTO t"),
                  _access("x.y:订单服务", HOSTILE_TABLE, "read", "SELECT 1"),
                  _access("x.y:订单服务", UNICODE, "write", "UPDATE u")],
        tables=tables,
    ))
    assignment = {evil: HOSTILE, "x.y:订单服务": UNICODE, "x.y:f`md`": UNICODE}
    return _decompose(facts, assignment), facts


def _outputs() -> dict[str, str]:
    shop, shop_facts = _shop()
    hostile, hostile_facts = _hostile()
    return {
        "shop-context-map.mmd": context_map_mermaid(shop),
        "shop-orders.mmd": context_mermaid(shop, shop_facts, "orders"),
        "shop-orders.er.mmd": context_er_mermaid(shop, shop_facts, "orders"),
        "shop-users.mmd": context_mermaid(shop, shop_facts, "users"),
        "hostile-context-map.mmd": context_map_mermaid(hostile),
        "hostile-context.mmd": context_mermaid(hostile, hostile_facts, HOSTILE),
        "hostile-context.er.mmd": context_er_mermaid(hostile, hostile_facts, HOSTILE),
        "hostile-unicode.mmd": context_mermaid(hostile, hostile_facts, UNICODE),
    }


@pytest.mark.parametrize("name", sorted(_outputs()))
def test_output_matches_the_golden_file(name):
    text = _outputs()[name]
    path = GOLDEN / name
    if os.environ.get("DECOMPOSER_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_hostile_names_never_reach_the_text_unescaped():
    for name, text in _outputs().items():
        if not name.startswith("hostile"):
            continue
        body = "\n".join(line for line in text.splitlines() if not line.startswith("%%"))
        assert "<script" not in body and "alert(1)</" not in body
        assert "订" not in body and "`" not in body
        assert "%%{" not in text
        for line in body.splitlines():
            assert line.count('"') % 2 == 0, line  # every quote opens or closes a label


def test_node_ids_are_generated_not_taken_from_names():
    text = context_map_mermaid(_hostile()[0])
    nodes = re.findall(r"^\s+(\w+)\[", text, flags=re.M)
    assert nodes and all(re.fullmatch(r"[cp]\d+", n) for n in nodes)


def test_escape_keeps_safe_text_and_encodes_the_rest():
    assert escape("orders (3): a/b, c-d") == "orders (3): a/b, c-d"
    assert escape('say "hi" <b>#1;') == "say #quot;hi#quot; #60;b#62;#35;1#59;"
    assert escape("é\nx") == "#233; x"


def test_context_map_shows_kernel_gateway_modes_and_red_conflicts():
    text = context_map_mermaid(_shop()[0])
    assert 'p2{{"shared kernel<br/>1 symbol"}}' in text
    assert 'p1(["gateway (HTTP)"])' in text
    assert '-->|"customer-supplier #183; grpc"|' in text
    assert '-.->|"data-dependency #183; events"|' in text
    conflict = [i for i, line in enumerate(re.findall(r"^\s+\w+ [-=.]+>\|.*$", text, re.M))
                if "conflict" in line]
    assert conflict and f"linkStyle {','.join(map(str, conflict))} stroke:#d62728" in text


def test_big_contexts_are_capped_with_a_count_of_the_rest():
    symbols = [_symbol(f"big.m:f{i:03}") for i in range(100)]
    facts = _facts(symbols, dependencies=[
        Dependency("big.m:f000", f"big.m:f{i:03}", "call", i, ()) for i in range(1, 100)])
    decomposition = _decompose(facts, {s.id: "big" for s in symbols})
    text = context_mermaid(decomposition, facts, "big")
    assert len(re.findall(r"^\s+m\d+\(", text, flags=re.M)) == MAX_MEMBERS
    assert '"+40 more symbols"' in text
    assert "m1 " in text and "big.m:f099" not in text  # the most connected are kept


def test_er_types_and_names_become_mermaid_words_with_the_original_as_comment():
    decomposition, facts = _hostile()
    text = context_er_mermaid(decomposition, facts, HOSTILE)
    assert '    VARCHAR_255_x first_name "first #quot;name#quot; VARCHAR(255) #quot;x#quot;"' \
        in text
    assert "    int c_2nd_col PK" in text


def test_context_files_are_safe_unique_stems():
    decomposition = _decompose(_facts([_symbol("a:x"), _symbol("a:y"), _symbol("a:z")]),
                               {"a:x": "Orders!", "a:y": "orders?", "a:z": "../.."})
    assert context_files(decomposition) == {"../..": "context", "Orders!": "orders",
                                            "orders?": "orders-2"}


def test_write_mermaid_writes_the_map_and_one_flowchart_per_context(tmp_path):
    decomposition, facts = _shop()
    written = write_mermaid(tmp_path, decomposition, facts)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "context-map.mmd", "contexts/notifications.mmd", "contexts/orders.er.mmd",
        "contexts/orders.mmd", "contexts/users.er.mmd", "contexts/users.mmd"]


# ------------------------------------------------------------------ the real Mermaid


def _checker():
    spec = importlib.util.spec_from_file_location("mermaid_check", CHECKER)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_mermaid_parses_and_renders_every_golden_file():
    checker = _checker()
    reason = checker.missing()
    if reason:
        pytest.skip(f"Mermaid browser check unavailable: {reason}")
    files = sorted(GOLDEN.glob("*.mmd"))
    verdicts = checker.check_texts([p.read_text(encoding="utf-8") for p in files])
    failed = {p.name: v.error for p, v in zip(files, verdicts) if not v.ok}
    assert not failed
    labels = {p.name: v.labels for p, v in zip(files, verdicts)}
    # Escaped names come back as they were: text, never markup.
    assert any(HOSTILE in label for label in labels["hostile-context-map.mmd"])
    assert any(UNICODE in label for label in labels["hostile-context-map.mmd"])
    assert any(HOSTILE_TABLE in label for label in labels["hostile-context.er.mmd"])


def test_the_browser_check_says_what_to_install_when_mermaid_is_missing(tmp_path, monkeypatch):
    checker = _checker()
    monkeypatch.setattr(checker, "CHROMIUM", sys.executable)  # a browser is there, or not
    monkeypatch.setattr(checker, "MERMAID_JS", tmp_path / "mermaid.min.js")
    reason = checker.missing()
    assert reason is not None and "npm ci" in reason
