"""Banner comments divide a god module into sections; each symbol knows its section."""

from __future__ import annotations

import textwrap

from decomposer.ingest.python_facts import extract_python_facts
from decomposer.ingest.sections import banners, section_at
from decomposer.ingest.source import parse_source

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
    found = banners(GOD_MODULE)
    assert [title for _, title in found] == ["users & accounts", "Payments", "reporting"]
    assert found[0][0] == 2  # the line of the block's first comment


def test_one_banner_is_a_header_not_sections_and_prose_is_not_a_title() -> None:
    assert banners("# ---------- helpers\ndef f():\n    pass\n") == ()
    licence = "# " + "-" * 20 + "\n# " + " ".join(["word"] * 20) + "\n"
    assert banners(licence * 3) == ()
    assert banners("# ----------\n# ----------\n") == ()  # rules without a title


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
