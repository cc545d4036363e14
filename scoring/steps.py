"""The strangler-fig steps of one context's extraction, naming its real tables and events.

Order (the playbook's): define the API and events; create the schema and move or replicate
the data; bridge to what is still in the monolith; build the service; route traffic through
the gateway; delete the code from the monolith. A supplier that is extracted later is
bridged explicitly: an anti-corruption layer for calls and writes, a read replica fed by
events for data.
"""

from __future__ import annotations

from decomposer.model import Context
from scoring.evidence import Evidence
from scoring.identity import identity_tables
from scoring.links import Link, published_events
from scoring.text import listing, pascal, plural, possessive, service


def context_steps(context: Context, evidence: Evidence, links: dict[tuple[str, str], Link],
                  phase_of: dict[str, int], identity: str | None) -> list[str]:
    name = context.name
    phase = phase_of[name]
    out = sorted((link for link in links.values() if link.source == name),
                 key=lambda link: (phase_of[link.target], link.target))
    steps = [_api(context, evidence, links), _schema(context)]
    steps += [_bridge(link, phase_of[link.target]) if phase_of[link.target] > phase
              else _use(link, phase_of[link.target]) for link in out]
    if name == identity:
        steps.append(_identity(context, links))
    steps += [_build(context, evidence), _route(context, evidence, links, phase_of),
              _delete(context, evidence)]
    return steps


def _api(context: Context, evidence: Evidence, links: dict[tuple[str, str], Link]) -> str:
    name = context.name
    called = sorted({c for link in links.values() if link.target == name for c in link.calls})
    routes = _routes(context, evidence)
    serves = []
    if called:
        serves.append(f"what other contexts call today ({listing(called)})")
    if routes:
        serves.append(f"its {plural(len(routes), 'HTTP route')}")
    rpcs = f"RPCs for {' and '.join(serves)}" if serves else "no caller yet"
    events = published_events(name, links)
    return (f"Define the API of {name}: api/{name}/v1/{name}.proto with service "
            f"{service(name)} — {rpcs}; events it publishes: {listing(events, 8)}.")


def _schema(context: Context) -> str:
    name = context.name
    if not context.tables:
        return (f"Create the {name} schema (schemas/{name}.sql) for its own data; it owns no "
                f"table today, so nothing moves.")
    return (f"Create the {name} schema (schemas/{name}.sql) and move its tables "
            f"{listing(context.tables, 10)} into it: copy the data once, then dual-write from "
            f"the monolith until the cut-over.")


def _bridge(link: Link, later: int) -> str:
    """How ``link.source`` lives without ``link.target``, which stays in the monolith."""
    target, source = link.target, link.source
    parts = []
    if link.needs_answers:
        uses = listing(link.calls, 4) if link.calls else f"writes to {listing(link.writes)}"
        parts.append(
            f"an anti-corruption layer in {source}: a {pascal(target)}Port interface whose "
            f"first adapter calls the monolith ({uses}) and whose second, from phase {later}, "
            f"calls {service(target)} over gRPC, so {possessive(target)} model never leaks into "
            f"{source}")
    elif link.notices:
        parts.append(f"publish {listing(link.notices)} to the broker; the monolith's {target} "
                     f"code consumes them until phase {later}")
    if link.needs_data:
        feed = listing(link.data_events, 8) if link.data_events else "a one-off copy"
        parts.append(
            f"a read replica of {listing(link.reads)} in schema {source}, fed by {feed} that "
            f"the monolith publishes from its outbox; from phase {later} {target} publishes "
            f"them itself")
    return (f"Bridge to {target} (still in the monolith until phase {later}): "
            + "; and ".join(parts) + ".")


def _use(link: Link, earlier: int) -> str:
    target = link.target
    parts = []
    if link.needs_answers:
        parts.append(f"call {service(target)} over gRPC ({listing(link.calls or link.writes, 4)})")
    elif link.notices:
        parts.append(f"publish {listing(link.notices)} for {target} to consume")
    if link.needs_data:
        parts.append(f"keep a read model of {listing(link.reads)} fed by "
                     f"{listing(link.data_events, 8)}")
    return f"Use {target} (a service since phase {earlier}): " + "; ".join(parts) + "."


def _identity(context: Context, links: dict[tuple[str, str], Link]) -> str:
    name = context.name
    tables = listing(identity_tables(context))
    return (f"Make {name} the central identity/auth service: it issues tokens (JWT) at login, "
            f"the gateway verifies them on every route (replacing the phase-0 auth adapter), "
            f"no other service reads {tables}, and services learn about users from its events "
            f"({listing(published_events(name, links), 8)}).")


def _build(context: Context, evidence: Evidence) -> str:
    symbols = evidence.members[context.name]
    names = [s.id for s in sorted(symbols, key=lambda s: (-s.loc, s.id))]
    return (f"Build services/{context.name} (a Go module: Gin for HTTP, a gRPC server for "
            f"{service(context.name)}) from its {plural(len(symbols), 'symbol')}, the biggest "
            f"{listing(names, 4)}.")


def _route(context: Context, evidence: Evidence, links: dict[tuple[str, str], Link],
           phase_of: dict[str, int]) -> str:
    name = context.name
    routes = _routes(context, evidence)
    moved = (f"send {listing(routes, 5)} to {name} instead of the monolith" if routes
             else f"{name} serves no HTTP route; only internal callers move")
    callers = sorted((phase_of[k.source], k.source) for k in links.values() if k.target == name)
    later = [c for p, c in callers if p > phase_of[name]]
    earlier = [c for p, c in callers if p < phase_of[name]]
    who = []
    if later:
        who.append(f"the monolith's callers ({listing(later)}) switch to the {service(name)} "
                   f"client")
    if earlier:
        who.append(f"the services extracted before it ({listing(earlier)}) switch their "
                   f"anti-corruption adapters and replicas to {name}")
    switch = ("; " + "; ".join(who)) if who else ""
    return (f"Route traffic through the gateway: {moved}{switch}; keep the old path behind a "
            f"flag until the new one is trusted.")


def _delete(context: Context, evidence: Evidence) -> str:
    symbols = evidence.members[context.name]
    code = (f"the modules {listing(context.modules)}, {plural(len(symbols), 'symbol')} in all"
            if context.modules else f"its {plural(len(symbols), 'symbol')}")
    readers = sorted({r for o in evidence.decomposition.ownership
                      if o.owner == context.name for r in o.readers} - {context.name})
    tables = ""
    if context.tables:
        tables = f"; drop {listing(context.tables, 10)} from the monolith's schema"
        if readers:
            tables += f" once {listing(readers)}, which read them today, have switched"
    return f"Delete {context.name} from the monolith: {code}{tables}."


def _routes(context: Context, evidence: Evidence) -> list[str]:
    mine = set(context.symbols)
    return [f"{','.join(r.methods) or 'ANY'} {r.path}"
            for r in sorted(evidence.facts.routes, key=lambda r: (r.path, r.methods))
            if r.handler in mine]
