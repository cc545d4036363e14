"""Phase 0: what every service needs before the first one leaves the monolith.

The shared kernel becomes the shared-utils library, the API gateway goes in front of the
monolith (the strangler fig's facade), the event broker and an outbox carry the data the
read replicas need, and authentication moves to the gateway early so that no service
extracted before the identity context ever reads its tables.
"""

from __future__ import annotations

from decomposer.model import Phase
from scoring.evidence import Evidence
from scoring.identity import auth_tables
from scoring.text import listing, plural


def foundation_phase(evidence: Evidence, identity: str | None,
                     phase_of: dict[str, int]) -> Phase:
    steps, risks, why = [], [], []
    kernel = evidence.decomposition.shared_kernel
    if kernel:
        modules = sorted({s.partition(":")[0] for s in kernel})
        users = sorted({r.source for r in evidence.decomposition.relations
                        if r.kind == "shared-kernel"})
        steps.append(
            f"Create the shared-utils module (services/shared-utils, one Go module) from the "
            f"shared kernel's {plural(len(kernel), 'symbol')} in {listing(modules)}; services pull "
            f"it in "
            f"with `replace shared-utils => ../shared-utils` during development. It holds "
            f"helpers only: no tables, no business rules.")
        why.append(f"the shared kernel is used by {plural(len(users), 'context')}, so the "
                   f"library comes first")
        risks += _kernel_risks(evidence, set(kernel))
    routes = len(evidence.facts.routes)
    steps.append(
        f"Put the API gateway in front of the monolith: all {plural(routes, 'HTTP route')} still "
        f"go to the monolith; each phase below moves its routes to its service (the strangler "
        f"fig's facade).")
    why.append("every route must pass the gateway before any can move")
    if any(r.kind == "data-dependency" for r in evidence.decomposition.relations):
        steps.append(
            "Set up the event broker and an outbox table in the monolith: the monolith "
            "publishes change events of the tables other contexts read, so read replicas can "
            "be fed before the tables' owners are extracted.")
    if identity:
        context = evidence.decomposition.context(identity)
        tables = listing(auth_tables(context)) if context else "none"
        dependants = evidence.needed_by[identity]
        steps.append(
            f"Central identity/auth first: the gateway authenticates every request through one "
            f"auth adapter that asks the monolith's {identity} code (tables {tables}) — an "
            f"anti-corruption layer. Services extracted before phase {phase_of[identity]} "
            f"trust the identity the gateway verified instead of checking {tables} "
            f"themselves; in phase {phase_of[identity]} {identity} becomes the identity service "
            f"behind the same adapter.")
        why.append(f"{identity}, the users/auth context, is needed by "
                   f"{plural(len(dependants), 'context')}")
    rationale = "Foundations before any service: " + "; ".join(why) + "."
    return Phase(number=0, contexts=(), steps=tuple(steps), risks=tuple(risks),
                 rationale=rationale)


def _kernel_risks(evidence: Evidence, kernel: set[str]) -> list[str]:
    tables = sorted({a.table for a in evidence.facts.accesses if a.source in kernel and a.known})
    if not tables:
        return []
    return [f"Shared-kernel code touches tables ({listing(tables)}): keep only the helpers in "
            f"shared-utils and move each query to the service owning the table; a library "
            f"must not carry a schema."]
