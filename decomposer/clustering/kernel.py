"""The shared kernel: code every context leans on, and which leans on no context.

A symbol is in the shared kernel when

==========================  =====================================================
used from                   at least ``KERNEL_MIN_CONTEXTS`` (3) preliminary contexts
                            other than its own
uses                        no domain symbol and writes no table (only other kernel
                            code, external libraries, or reads)
is not                      an ORM model that defines a table (that is an aggregate)
==========================  =====================================================

"Uses nothing domain-specific" is what tells a utility (``format_money``, a ``query()``
helper, a ``@login_required`` decorator, a base DAO) from a popular domain service such as
``send_order_confirmation``, which is called from everywhere too but writes its own data.
Preliminary contexts come from a first clustering in which hubs are already damped.
"""

from __future__ import annotations

from collections import defaultdict

from decomposer.model import Facts

KERNEL_MIN_CONTEXTS = 3
STRUCTURAL = ("call", "reference", "inherit")


def find_kernel(facts: Facts, preliminary: dict[str, int]) -> dict[str, tuple[str, ...]]:
    """Kernel symbol -> why, given a preliminary community per symbol."""
    users: dict[str, set[str]] = defaultdict(set)
    uses: dict[str, set[str]] = defaultdict(set)
    writes: set[str] = set()
    for dep in facts.dependencies:
        if dep.kind in STRUCTURAL and ":" in dep.source:
            users[dep.target].add(dep.source)
            uses[dep.source].add(dep.target)
        elif dep.kind == "writes":
            writes.add(dep.source)
    aggregates = {t.defined_by for t in facts.schema.tables if t.defined_by}
    candidates: dict[str, set[int]] = {}
    for symbol in facts.symbols:
        own = preliminary.get(symbol.id)
        spread = {preliminary[u] for u in users[symbol.id] if u in preliminary} - {own}
        if (len(spread) >= KERNEL_MIN_CONTEXTS and symbol.id not in writes
                and symbol.id not in aggregates):
            candidates[symbol.id] = spread
    # Grow by private helpers (every user is kernel), shrink by members that use domain
    # code, until nothing changes; a symbol shrunk away never comes back.
    banned: set[str] = set()
    changed = True
    while changed:
        changed = False
        for symbol in facts.symbols:
            sid = symbol.id
            if (sid not in candidates and sid not in banned and users[sid]
                    and users[sid] <= candidates.keys() and sid not in writes
                    and sid not in aggregates):
                candidates[sid] = set()
                changed = True
        for sid in sorted(candidates):
            if any(target not in candidates for target in uses[sid]):
                del candidates[sid]
                banned.add(sid)
                changed = True
    return {
        sid: (f"used from {len(spread) + 1} contexts by {len(users[sid])} symbols"
              if spread else "a helper used only by shared-kernel code",
              "depends on no domain code and writes no table")
        for sid, spread in sorted(candidates.items())
    }
