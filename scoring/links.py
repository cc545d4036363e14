"""What one context uses of another, in the words a migration step needs.

A ``Link`` gathers, for one (customer, supplier) pair, the relation kinds between them, the
supplier's symbols the customer calls, the supplier's tables it reads or writes and the
events that can carry that data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from scoring.evidence import DEPENDING_KINDS, Evidence

_CODE_KINDS = ("call", "reference", "inherit")


@dataclass(frozen=True)
class Link:
    source: str  # the customer
    target: str  # the supplier
    kinds: tuple[str, ...]
    calls: tuple[str, ...]  # supplier symbols the customer uses, most used first
    reads: tuple[str, ...]  # supplier tables the customer reads
    writes: tuple[str, ...]  # supplier tables the customer writes
    data_events: tuple[str, ...]  # the supplier's change events carrying those tables
    notices: tuple[str, ...]  # fire-and-forget commands the customer publishes instead of calls
    asynchronous: bool  # the customer never waits for the supplier's answer

    @property
    def needs_data(self) -> bool:
        return "data-dependency" in self.kinds

    @property
    def needs_answers(self) -> bool:
        """It calls the supplier, or writes its tables, and uses the result at once."""
        return bool({"customer-supplier", "conflict"} & set(self.kinds)) and not self.asynchronous


def find_links(evidence: Evidence) -> dict[tuple[str, str], Link]:
    """Links for every pair joined by a depending relation, keyed by (customer, supplier)."""
    context_of = _context_of(evidence)
    calls: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for dep in evidence.facts.dependencies:
        pair = (context_of.get(dep.source), context_of.get(dep.target))
        if dep.kind in _CODE_KINDS and None not in pair and pair[0] != pair[1]:
            calls[pair][dep.target.rpartition(":")[2]] += dep.count
    owner = {o.table: o.owner for o in evidence.decomposition.ownership}
    tables: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for access in evidence.facts.accesses:
        here, there = context_of.get(access.source), owner.get(access.table)
        if access.known and here and there and here != there:
            tables[(here, there, access.mode)].add(access.table)
    grouped = defaultdict(list)
    for r in evidence.decomposition.relations:
        if r.kind in DEPENDING_KINDS and r.source in evidence.needs and r.target in evidence.needs:
            grouped[(r.source, r.target)].append(r)
    links = {}
    for (a, b), relations in sorted(grouped.items()):
        links[(a, b)] = Link(
            source=a, target=b,
            kinds=tuple(sorted({r.kind for r in relations})),
            calls=tuple(n for n, _ in sorted(calls[(a, b)].items(), key=lambda i: (-i[1], i[0]))),
            reads=tuple(sorted(tables[(a, b, "read")])),
            writes=tuple(sorted(tables[(a, b, "write")])),
            data_events=tuple(sorted({e for r in relations if r.kind != "customer-supplier"
                                      for e in r.events})),
            notices=tuple(sorted({e for r in relations if r.kind == "customer-supplier"
                                  for e in r.events})),
            asynchronous=all(r.communication == "events" for r in relations),
        )
    return links


def published_events(name: str, links: dict[tuple[str, str], Link]) -> tuple[str, ...]:
    """Events ``name`` publishes: changes of its tables others use, and its own notices."""
    events = set()
    for link in links.values():
        if link.target == name:
            events.update(link.data_events)
        if link.source == name:
            events.update(link.notices)
    return tuple(sorted(events))


def _context_of(evidence: Evidence) -> dict[str, str]:
    where = {s: c.name for c in evidence.contexts for s in c.symbols}
    where.update({m: c.name for c in evidence.contexts for m in c.modules})
    return where
