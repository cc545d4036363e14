"""One owner per table: the aggregate that defines it, else the context that writes it.

The rules, first match wins (DESIGN.md: "a table belongs, first of all, with the model or
DAO that defines it; who writes it comes next"):

====  ==================================================================================
rule  owner
====  ==================================================================================
1     the context of the ORM model that defines the table (``Table.defined_by``)
2     the context that writes it most (writes of shared-kernel code do not count)
3     the context clustering placed it in (``assignment["table:<name>"]``)
4     the context that reads it most
5     the context owning most of the tables it shares a foreign key with (repeated until
      nothing changes, so chains of link tables follow their neighbours)
6     none: listed in the warnings
====  ==================================================================================

Ties go to the context clustering chose for the table, then to the first name in order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from decomposer.model import Facts, TableOwnership


@dataclass
class _Tally:
    """Accesses to one table, per context, with one symbol per context to show."""

    reads: Counter = field(default_factory=Counter)
    writes: Counter = field(default_factory=Counter)
    example: dict[tuple[str, str], str] = field(default_factory=dict)  # (ctx, mode) -> sym

    def add(self, context: str, mode: str, source: str) -> None:
        (self.writes if mode == "write" else self.reads)[context] += 1
        self.example.setdefault((context, mode), source)


def assign_tables(facts: Facts, assignment: dict[str, str],
                  context_of: dict[str, str]) -> tuple[TableOwnership, ...]:
    """Ownership of every table the schema, the code or clustering knows, sorted by name.

    ``context_of`` maps symbol ids (and wholly assigned modules) to contexts; shared-kernel
    symbols are absent from it, so their accesses count for nobody.
    """
    tallies = _tally(facts, context_of)
    names = sorted({t.name for t in facts.schema.tables} | set(tallies)
                   | {k.removeprefix("table:") for k in assignment if k.startswith("table:")})
    defined_by = {t.name: t.defined_by for t in facts.schema.tables if t.defined_by}
    decided: dict[str, tuple[str | None, str]] = {}
    for name in names:
        decided[name] = _first_rule(name, tallies.get(name, _Tally()),
                                    defined_by.get(name), assignment, context_of)
    _follow_foreign_keys(facts, decided)
    return tuple(_ownership(name, *decided[name], tallies.get(name, _Tally()))
                 for name in names)


def _tally(facts: Facts, context_of: dict[str, str]) -> dict[str, _Tally]:
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for access in facts.accesses:
        context = context_of.get(access.source)
        if access.known and context is not None:
            tallies[access.table].add(context, access.mode, access.source)
    return dict(tallies)


def _first_rule(name: str, tally: _Tally, model: str | None, assignment: dict[str, str],
                context_of: dict[str, str]) -> tuple[str | None, str]:
    """(owner, the sentence saying why) by rules 1 to 4."""
    placed = assignment.get(f"table:{name}")
    if model and model in context_of:
        return context_of[model], f"defined by {model}"
    if tally.writes:
        owner = _most(tally.writes, placed)
        return owner, f"written most by {owner}"
    if placed:
        return placed, f"placed with {placed} by clustering"
    if tally.reads:
        owner = _most(tally.reads, placed)
        return owner, f"read most by {owner} (nobody writes it)"
    return None, ""


def _most(counts: Counter, preferred: str | None) -> str:
    return min(counts, key=lambda c: (-counts[c], c != preferred, c))


def _follow_foreign_keys(facts: Facts, decided: dict[str, tuple[str | None, str]]) -> None:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for table in facts.schema.tables:
        for fk in table.foreign_keys:
            if fk.ref_table != table.name:
                neighbours[table.name].add(fk.ref_table)
                neighbours[fk.ref_table].add(table.name)
    changed = True
    while changed:
        changed = False
        for name in sorted(decided):
            if decided[name][0] is not None:
                continue
            votes = Counter(decided[n][0] for n in neighbours[name]
                            if n in decided and decided[n][0] is not None)
            if votes:
                owner = _most(votes, None)
                linked = sorted(n for n in neighbours[name] if decided.get(n, (None,))[0] == owner)
                decided[name] = (owner, f"linked by foreign keys to {owner}'s "
                                        f"{', '.join(linked)} (no code touches it)")
                changed = True


def _ownership(name: str, owner: str | None, why: str, tally: _Tally) -> TableOwnership:
    evidence = [why] if why else []
    for mode, counts in (("written", tally.writes), ("read", tally.reads)):
        for context in sorted(counts, key=lambda c: (-counts[c], c)):
            example = tally.example[(context, "write" if mode == "written" else "read")]
            evidence.append(f"{mode} by {context} ×{counts[context]} ({example})")
    return TableOwnership(
        table=name, owner=owner, readers=tuple(sorted(tally.reads)),
        writers=tuple(sorted(tally.writes)), conflict=len(tally.writes) > 1,
        evidence=tuple(evidence),
    )
