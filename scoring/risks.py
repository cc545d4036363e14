"""The risks of one context's extraction, each with what to do about it."""

from __future__ import annotations

from decomposer.model import Context
from scoring.evidence import Evidence
from scoring.links import Link
from scoring.text import listing, possessive


def context_risks(context: Context, evidence: Evidence,
                  links: dict[tuple[str, str], Link]) -> list[str]:
    return (_shared_tables(context, links) + _read_elsewhere(context, evidence)
            + _conflicts(context, evidence) + _cycles(context, evidence)
            + _chatty(context, evidence))


def _shared_tables(context: Context, links: dict[tuple[str, str], Link]) -> list[str]:
    return [f"{context.name} reads {listing(link.reads)} owned by {link.target}: no joins "
            f"across schemas; rewrite those queries against a read model fed by "
            f"{listing(link.data_events, 8) if link.data_events else 'a one-off copy'}."
            for (source, _), link in sorted(links.items())
            if source == context.name and link.reads]


def _read_elsewhere(context: Context, evidence: Evidence) -> list[str]:
    read = [(o.table, sorted(set(o.readers) - {context.name}))
            for o in evidence.decomposition.ownership if o.owner == context.name]
    read = [f"{table} (by {', '.join(readers)})" for table, readers in read if readers]
    if not read:
        return []
    return [f"Tables of {context.name} read elsewhere: {listing(read, 8)}. Publish their change "
            f"events before moving them and keep a read-only copy in the monolith until every "
            f"reader has switched."]


def _conflicts(context: Context, evidence: Evidence) -> list[str]:
    return [f"{o.table} is written by {', '.join(o.writers)} (owner {o.owner}): move the other "
            f"writers' writes behind {possessive(o.owner)} API (a gRPC command) before the table "
            f"moves, or split the table."
            for o in evidence.decomposition.ownership
            if o.conflict and (o.owner == context.name or context.name in o.writers)]


def _cycles(context: Context, evidence: Evidence) -> list[str]:
    name = context.name
    mutual = evidence.mutual[name]
    if mutual:
        return [f"{name} and {listing(mutual)} depend on each other: cut one direction before "
                f"deleting the monolith's code — the supplier publishes events and the customer "
                f"keeps a read model — or keep them in one service."]
    size = evidence.in_cycle(name)
    if size:
        return [f"{name} is in a dependency cycle of {size} contexts: the bridges above carry it "
                f"during the migration; remove its back edges (calls that return to a caller) "
                f"before the last monolith code goes."]
    return []


def _chatty(context: Context, evidence: Evidence) -> list[str]:
    return [f"{context.name} and {b if a == context.name else a} are chatty ({count} "
            f"fine-grained calls across the boundary): merge them into one aggregate RPC, or "
            f"keep both in one service."
            for a, b, count in evidence.decomposition.chatty_pairs
            if context.name in (a, b)]
