"""Banner comments divide a god module into sections; each symbol knows its section."""

from __future__ import annotations

import ast
import textwrap
import time

from decomposer.ingest.python_facts import extract_python_facts
from decomposer.ingest.sections import banners, section_at
from decomposer.ingest.sections import module_sections as _module_sections
from decomposer.ingest.source import parse_source


def module_sections(text: str) -> tuple[tuple[int, str], ...]:
    return _module_sections(text, ast.parse(text).body)

GOD_MODULE = textwrap.dedent('''
    """Every DAO of the shop."""
    # ------------------------------------------------------------ users & accounts

    def find_user(uid):
        # ---- a rule inside a function is not a banner
        return uid


    # ============================================================
    # Payments
    # ============================================================

    @cached
    def charge(order):
        return order

    class RefundDAO:
        pass
    #### reporting ####
    def nightly():
        pass
''').lstrip("\n")


def test_a_title_on_the_rule_line_or_between_rules_is_a_banner() -> None:
    found = module_sections(GOD_MODULE)
    assert [title for _, title in found] == ["users & accounts", "Payments", "reporting"]
    assert found[0][0] == 2  # the line of the block's first comment


def test_one_banner_is_a_header_not_sections_and_prose_is_not_a_title() -> None:
    assert module_sections("# ---------- helpers\ndef f():\n    pass\n") == ()
    prose = "# " + "-" * 20 + "\n# " + " ".join(["word"] * 20) + "\n"
    assert banners(prose * 3) == ()
    assert banners("# ----------\n# ----------\n") == ()  # rules without a title
    licence = "# ----------\n# Copyright (c) 2015 Foo Inc.\n# ----------\n"
    assert banners(licence + "import os\n# ---- users\n") == ((5, "users"),)


def test_code_commented_out_in_a_function_or_a_string_is_no_banner() -> None:
    text = textwrap.dedent('''
        def f():
        #    print("----------")
            return 1
        NOTE = """
        # ---- not a banner
        """
        # ---- orders
        def g():
        #    print("==========")
            return 2
        # ---- payments
        def h():
            pass
    ''').lstrip("\n")
    assert [title for _, title in module_sections(text)] == ["orders", "payments"]


def test_a_line_above_the_first_banner_has_no_section() -> None:
    found = ((10, "users"), (40, "payments"))
    assert [section_at(found, line) for line in (1, 11, 40, 41, 99)] == [
        "", "users", "users", "payments", "payments"]


def test_each_top_level_symbol_carries_the_title_of_its_section() -> None:
    parsed = parse_source(GOD_MODULE.encode(), "dao.py")
    facts = extract_python_facts(parsed.tree, parsed.text, module="shop.dao", path="shop/dao.py")
    sections = {s.name: s.section for s in facts.symbols}
    assert sections == {"find_user": "users & accounts", "charge": "Payments",
                        "RefundDAO": "Payments", "nightly": "reporting"}


def test_short_rules_regions_and_titles_above_prose_are_banners_but_mode_lines_are_not() -> None:
    text = textwrap.dedent('''
        #!/usr/bin/env python
        # -*- coding: utf-8 -*-
        import os

        # --- carts ---
        def f():
            pass

        # region Payments and refunds
        def g():
            pass
        # endregion

        #########################################
        # Shipping
        # Everything about carriers, labels, rates and the tracking of parcels.
        #########################################
        def h():
            pass
    ''').lstrip("\n")
    assert [title for _, title in banners(text)] == ["carts", "Payments and refunds",
                                                     "Shipping"]


def test_regions_are_lower_case_markers_and_one_may_follow_an_endregion() -> None:
    text = "# region orders\nx = 1\n# endregion\n# region payments\ny = 2\n# endregion\n"
    assert [title for _, title in banners(text)] == ["orders", "payments"]
    assert banners("# Region codes of the tax tables\n# region-specific prices\n") == ()


def test_huge_comment_blocks_and_many_banners_take_linear_time() -> None:
    one_block = "".join(f"# ---- t{i}\n" for i in range(40_000))
    many = "".join(f"# ---- t{i}\nx{i} = 1\n" for i in range(40_000))
    started = time.perf_counter()
    assert banners(one_block) == ((1, "t0"),)
    assert len(banners(many)) == 40_000
    assert time.perf_counter() - started < 5  # quadratic scans took minutes
