"""What every criterion reads, gathered once: members, change stats and the dependency map.

Criteria are pure functions of a context and this value; nothing here decides a score.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from decomposer.config import Config
from decomposer.model import ChangeStats, Context, Decomposition, Facts, Symbol

# Relations that make the source context need the target (the customer needs its supplier;
# a reader needs the owner of its data; a co-writer needs the owner of the table).
DEPENDING_KINDS = ("customer-supplier", "data-dependency", "conflict")


@dataclass(frozen=True)
class Evidence:
    facts: Facts
    decomposition: Decomposition
    config: Config
    members: dict[str, tuple[Symbol, ...]]  # context -> its symbols known to the facts
    changes: dict[str, ChangeStats]  # symbol id -> change stats in the history window
    needs: dict[str, tuple[str, ...]]  # context -> contexts it depends on
    needed_by: dict[str, tuple[str, ...]]  # context -> contexts depending on it
    mutual: dict[str, tuple[str, ...]]  # context -> contexts it needs and that need it

    @property
    def contexts(self) -> tuple[Context, ...]:
        return self.decomposition.contexts

    def in_cycle(self, name: str) -> int:
        """Size of the dependency cycle ``name`` takes part in (0 when none)."""
        return next((len(c) for c in self.decomposition.cycles if name in c), 0)


def gather_evidence(facts: Facts, decomposition: Decomposition, config: Config) -> Evidence:
    symbols = facts.symbol_map()
    members = {c.name: tuple(symbols[s] for s in c.symbols if s in symbols)
               for c in decomposition.contexts}
    names = set(members)
    needs: dict[str, set[str]] = defaultdict(set)
    needed_by: dict[str, set[str]] = defaultdict(set)
    for r in decomposition.relations:
        if r.kind in DEPENDING_KINDS and r.source in names and r.target in names \
                and r.source != r.target:
            needs[r.source].add(r.target)
            needed_by[r.target].add(r.source)
    return Evidence(
        facts=facts,
        decomposition=decomposition,
        config=config,
        members=members,
        changes={s.key: s for s in facts.history.symbols} if facts.history.available else {},
        needs={n: tuple(sorted(needs[n])) for n in sorted(names)},
        needed_by={n: tuple(sorted(needed_by[n])) for n in sorted(names)},
        mutual={n: tuple(sorted(needs[n] & needed_by[n])) for n in sorted(names)},
    )
