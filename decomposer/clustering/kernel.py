"""The shared kernel: code every context leans on, and which leans on no context.

A symbol is in the shared kernel when

==========================  =====================================================
touches                     no table (reads included: a popular query of domain data
                            is a supplier, not a utility), and is no route handler
used from                   at least ``KERNEL_MIN_CONTEXTS`` (3) preliminary contexts
                            other than its own, or
is plumbing                 a framework hook (``@app.errorhandler``, request hooks,
                            template filters) or a permission class of Django REST
                            framework (``permission_classes = [IsStaff]``, a guard as a
                            decorator is), whatever it calls (``current_user()``), or
is isolated                 nothing uses it and its name has no domain word (a login
                            page, a health check, an AppConfig, manage.py's main), but
                            for a superseded version (``legacy_net_pay``, ``_old_prorata``)
                            outside a utility module: dead domain code, or
is generic                  has no domain word in its name (a word of a table
                            name, or of the model behind a Django default name) nor
                            ``RULE_PARAMETER_WORDS`` (2) in its parameters' names, and
                            lives in a utility module (named like one, or in a package
                            named like one and not after a domain thing, and at least
                            ``UTILITY_MODULE_SHARE`` of its symbols touch no table; or,
                            whatever its name, one in which no symbol names a domain
                            thing or touches a table, used from ``KERNEL_MIN_CONTEXTS``
                            preliminary contexts: ``sms.py``, ``mailer.py``), or
                            is private to its module (``_post_json``, ``_csv``) and
                            serves ``PRIVATE_HELPER_MIN_CONTEXTS`` (2) preliminary
                            contexts or more
uses                        no domain symbol (only other kernel code, libraries), except
is cross-cutting            a decorator applied in at least ``KERNEL_MIN_CONTEXTS``
                            preliminary contexts (``@login_required``); it may read a table
                            and use domain code (``current_user()``), never write a table;
                            or
is wiring                   a function with no domain word that only entry points (nothing
                            calls them) or other wiring call, and that calls into at least
                            ``KERNEL_MIN_CONTEXTS`` preliminary contexts: ``create_app``, a
                            scheduler's ``nightly()`` or ``register_jobs()``; it may use
                            domain code, since dispatching to it is its job; or a
                            function only entry points call, with the plain functions
                            only it calls, which call no domain code and between them
                            reach that many (``create_app`` calling ``register_commands``
                            and ``init_scheduler``, each registering one context's work)
                            or, ``INFRASTRUCTURE_MIN_FUNCTIONS`` (3) or more, use no
                            domain code at all (an app factory registering blueprints)
is not                      an ORM model that defines a table (that is an aggregate)
==========================  =====================================================

Without tables there is no domain vocabulary to tell a name by, so the isolated and
generic rules stay silent (before, a system without a database became all kernel).

The wiring rule is the composition root of Dependency Injection: the code that puts the
contexts together belongs to none of them, and left in one it glues that one to every
context it starts. Only functions: a class nothing in the code calls that reaches into
several contexts is mostly a framework's plug-in (a view, an admin action, a GraphQL
mutation) and belongs with its domain.

The generic rule catches ``format_money`` or ``week_bounds`` used by one context only:
helpers are kernel by nature, not by popularity. A module is known for a utility module by
its name, or by its contents and use: ``sms.py`` or ``pdf.py``, all generic and used across
the system, is one, though ``send_sms`` itself may serve one context; a payment gateway's
client, generic by its names but used by payments alone, is not. A pure function named
after the domain (``pet_age``, ``format_invoice_number``) stays with its domain.

Outside utility modules, a private helper that names no domain thing and serves two
contexts is the technical plumbing of a mixed module (a reports module's ``_csv()``, an
integrations module's ``_post_json()``): it can be no domain service (it is private and
names nothing), and left in either context it glues the two (on twenty-seven monoliths
with known contexts, the rule took 13 helpers, 10 of them true kernel: ``_csv``,
``_fetch``, ``_month``).

"Uses nothing domain-specific" is what tells a utility (``format_money``, a ``query()``
helper, a ``@login_required`` decorator, a base DAO) from a popular domain service such as
``send_order_confirmation``, which is called from everywhere too but writes its own data.
Preliminary contexts come from a first clustering in which hubs are already damped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from decomposer.clustering.vocabulary import table_words, words
from decomposer.model import Facts, Symbol

KERNEL_MIN_CONTEXTS = 3
# An app factory with at least two helpers of its own: one helper is a function's detail.
INFRASTRUCTURE_MIN_FUNCTIONS = 3
PRIVATE_HELPER_MIN_CONTEXTS = 2
# A helper whose parameters name two domain things is a business rule kept among the
# helpers (``period_charge(plan, start, end, promo)``); one may be a generic helper's
# argument (``format_money(amount, currency)``).
RULE_PARAMETER_WORDS = 2
UTILITY_MODULE_SHARE = 0.6
# Hooks of web frameworks: application plumbing, not a business capability.
PLUMBING_DECORATORS = frozenset("""
    errorhandler app_errorhandler teardown_appcontext teardown_request before_request
    after_request before_app_request after_app_request before_first_request
    context_processor app_context_processor template_filter app_template_filter
    template_global url_value_preprocessor exception_handler middleware on_event
    shell_context_processor
""".split())
# Bases of classes that guard requests across contexts as decorators do (Django REST
# framework's permission classes).
GUARDS = frozenset({"BasePermission"})
# Names teams give to the home of generic code. "core" is not one: it often holds billing.
UTILITY_NAMES = frozenset("""
    utils util utilities utility helpers helper common shared lib libs tools toolkit misc
    db database dbutil config configuration conf settings errors exceptions decorators
    mixins base compat constants validators formatting formatters http web middleware
    logging log cache caching security auth_utils text dates timeutils
""".split())
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
    touches = writes | {d.source for d in facts.dependencies if d.kind == "reads"}
    domain_words = {w for t in facts.schema.tables for w in table_words(t)}
    utility_modules = _utility_modules(facts, touches | aggregates, domain_words, users,
                                       preliminary)
    handlers = {r.handler for r in facts.routes}  # the edge of a context, never a utility
    seeds: set[str] = set()  # kernel by a rule of their own; private helpers join below
    generic: set[str] = set()
    plumbing: set[str] = set()
    isolated: set[str] = set()
    private: set[str] = set()  # a mixed module's own plumbing, serving several contexts
    for symbol in facts.symbols:
        sid = symbol.id
        if sid in touches or sid in aggregates:
            continue
        if (_last_names(symbol.decorators) & PLUMBING_DECORATORS
                or _last_names(symbol.bases) & GUARDS) \
                and sid not in handlers:  # whatever else it is: the framework runs it
            seeds.add(sid)
            plumbing.add(sid)
            continue
        if domain_words and not users[sid] and not _names_domain(symbol.name, domain_words) \
                and not (_superseded(symbol.name) and symbol.module not in utility_modules):
            # Nothing calls it, it names no domain thing, and (checked below) it reaches no
            # domain code: application plumbing such as a login page, a health check, an
            # AppConfig or manage.py's main; or dead generic code.
            seeds.add(sid)
            isolated.add(sid)
            continue
        if sid in handlers:
            continue
        served = _contexts_of(users[sid], preliminary)
        if len(served - {preliminary.get(sid)}) >= KERNEL_MIN_CONTEXTS:
            seeds.add(sid)
        elif domain_words and not _names_domain(symbol.name, domain_words):
            if symbol.module in utility_modules and not _business_rule(symbol, domain_words):
                seeds.add(sid)
                generic.add(sid)
            elif symbol.name.startswith("_") and len(served) >= PRIVATE_HELPER_MIN_CONTEXTS:
                seeds.add(sid)
                private.add(sid)
    wiring = _wiring(facts, preliminary, users, uses, seeds,
                     excluded=touches | aggregates | handlers, domain_words=domain_words)
    decorators = _cross_cutting(facts, preliminary, uses,
                                excluded=writes | aggregates | handlers)
    free = set(wiring) | set(decorators) | plumbing  # kernel though they use domain code
    seeds |= free
    # The largest set in which every member uses only members, and every member that is no
    # candidate of its own is a private helper (all its users are members): start from
    # every symbol that could be one and take out what breaks a rule until nothing does.
    # (Growing and shrinking in turns got order effects: a route that was only a candidate
    # pulled its request schema in, then left alone.)
    members = seeds | {s.id for s in facts.symbols
                       if users[s.id] - {s.id} and s.id not in touches
                       and s.id not in aggregates and s.id not in handlers}

    def breaks_a_rule(sid: str) -> bool:
        # a helper wiring uses is no kernel by that: what wiring starts is domain code
        return (sid not in free and any(t not in members for t in uses[sid])) or (
            sid not in seeds and not (users[sid] <= members and users[sid].isdisjoint(wiring)))

    todo = sorted(members)
    while todo:
        sid = todo.pop()
        if sid in members and breaks_a_rule(sid):
            members.discard(sid)  # its users now use a non-member, its helpers lost a user
            todo += sorted((users[sid] | uses[sid]) & members)
    return {sid: _why_decorator(decorators[sid]) if sid in decorators
            else _why_wiring(*wiring[sid]) if sid in wiring
            else _why_private(_contexts_of(users[sid], preliminary)) if sid in private
            else _why(sid, _contexts_of(users[sid], preliminary),
                      users[sid], sid in generic, sid in plumbing, sid in isolated)
            for sid in sorted(members)}


def _wiring(facts: Facts, preliminary: dict[str, int], users: dict[str, set[str]],
            uses: dict[str, set[str]], seeds: set[str], *, excluded: set[str],
            domain_words: set[str]) -> dict[str, tuple[int, str | None]]:
    """Functions that put contexts together (see the module's docstring): each with the
    number of contexts it calls into, and the entry point whose helper it is (None for
    one that reaches them itself)."""
    if not domain_words:
        return {}
    plain = {s.id for s in facts.symbols if s.kind == "function" and s.id not in excluded
             and not _names_domain(s.name, domain_words)}
    callers = {sid: users[sid] - {sid} for sid in plain}
    entry_points = {sid for sid in plain if not callers[sid]}
    starters = set(entry_points)  # entry points, then wiring too
    reaching = {sid: n for sid in plain
                if (n := len(_reach(uses[sid], preliminary, seeds))) >= KERNEL_MIN_CONTEXTS}
    wiring: dict[str, tuple[int, str | None]] = {}
    grown = True
    while grown:  # register_jobs() is wiring because create_app(), an entry point, calls it
        grown = False
        for sid in sorted(reaching.keys() - wiring.keys()):
            if callers[sid] <= starters:
                wiring[sid] = (reaching[sid], None)
                starters.add(sid)
                grown = True
    # A function only entry points call, with its own helpers (plain functions only it
    # calls, directly or through one another), is the composition root when together they
    # register the contexts (create_app() calls register_commands(), init_extensions() and
    # init_scheduler(), each registering one context's work), or build the application out
    # of no domain code at all (create_app() -> register_blueprints(), init_extensions(),
    # make_celery()). One that calls domain code itself does domain work (a page, a job).
    called: dict[str, set[str]] = defaultdict(set)
    for dep in facts.dependencies:
        if dep.kind == "call" and ":" in dep.source:
            called[dep.source].add(dep.target)
    for root in sorted(sid for sid in plain - wiring.keys() if callers[sid] <= starters):
        tree = _call_tree(root, called, callers, plain)
        used = set().union(*(uses[t] for t in tree)) - tree
        domain_calls = {c for t in tree for c in called[t]} - tree - seeds - wiring.keys()
        reach = _reach(used, preliminary, seeds)
        builds = len(tree) >= INFRASTRUCTURE_MIN_FUNCTIONS and not reach and not any(
            _superseded(t.rpartition(":")[2]) for t in tree)  # a dead version is domain
        if len(tree) > 1 and (len(reach) >= KERNEL_MIN_CONTEXTS or builds) \
                and not domain_calls & preliminary.keys():
            wiring[root] = (len(reach), None)
            for helper in sorted(tree - {root}):
                wiring.setdefault(helper, (len(reach), root))
    return wiring


def _call_tree(root: str, called: dict[str, set[str]], callers: dict[str, set[str]],
               plain: set[str]) -> set[str]:
    """``root`` and the plain functions only it calls, directly or through one another
    (what it schedules or registers by reference is not its helper: that is domain code)."""
    tree = {root}
    grown = True
    while grown:
        grown = False
        for sid in sorted(set().union(*(called[t] for t in tree)) & plain - tree):
            if callers[sid] <= tree:
                tree.add(sid)
                grown = True
    return tree


def _cross_cutting(facts: Facts, preliminary: dict[str, int], uses: dict[str, set[str]], *,
                   excluded: set[str]) -> dict[str, int]:
    """Decorators applied in ``KERNEL_MIN_CONTEXTS`` preliminary contexts or more
    (``@login_required``, ``@role_required("admin")``), with that number: a concern that
    cuts across them, though it may read a table (the current user's)."""
    decorated: dict[str, set[str]] = defaultdict(set)  # decorator -> what it decorates
    for symbol in facts.symbols:
        names = _last_names(symbol.decorators)
        for target in uses[symbol.id]:
            if target.rpartition(":")[2] in names:
                decorated[target].add(symbol.id)
    spread = {d: len({preliminary[s] for s in applied if s in preliminary})
              for d, applied in decorated.items() if d not in excluded}
    return {d: n for d, n in spread.items() if n >= KERNEL_MIN_CONTEXTS}


def _business_rule(symbol: Symbol, domain_words: set[str]) -> bool:
    """A helper whose parameters name ``RULE_PARAMETER_WORDS`` domain things or more."""
    named = {w for signature in symbol.signatures for param in signature.params
             for w in words(param.name)}
    return len(named & domain_words) >= RULE_PARAMETER_WORDS


def _superseded(name: str) -> bool:
    """``legacy_zone_price``, ``_old_prorata``: a former version of some rule, kept."""
    return bool({"old", "legacy"} & set(name.lower().split("_")))


def _last_names(dotted_names: Iterable[str]) -> set[str]:
    """Decorators or bases as named last: ``app.errorhandler`` -> errorhandler,
    ``permissions.BasePermission`` -> BasePermission."""
    return {d.rpartition(".")[2] for d in dotted_names}


def _reach(used: set[str], preliminary: dict[str, int], seeds: set[str]) -> set[int]:
    """The preliminary contexts of the domain code a symbol uses."""
    return {preliminary[u] for u in used if u in preliminary and u not in seeds}


def _why_decorator(spread: int) -> tuple[str, ...]:
    return (f"a decorator applied in {spread} contexts: a concern that cuts across them "
            "(authentication, permissions, request parsing)", "writes no table")


def _why_wiring(reach: int, root: str | None) -> tuple[str, ...]:
    what = (f"calls into {reach} contexts (it puts them together: a composition root)"
            if reach else "uses no domain code (it builds the application: a composition root)")
    first = (f"wiring: only entry points call it, and with its helpers it {what}"
             if root is None else
             f"wiring: a helper only {root} calls, which with its helpers {what}")
    return first, "names no domain thing and touches no table"


def _contexts_of(users: set[str], preliminary: dict[str, int]) -> set[int]:
    return {preliminary[u] for u in users if u in preliminary}


def _why_private(served: set[int]) -> tuple[str, ...]:
    return (f"a private helper of its module with no domain word, serving {len(served)} "
            "contexts: the module's plumbing, which would glue them",
            "depends on no domain code and writes no table")


def _why(sid: str, reach: set[int], users: set[str], generic: bool,
         plumbing: bool, isolated: bool = False) -> tuple[str, ...]:
    if isolated:
        first = ("application plumbing or dead generic code: nothing uses it and its name "
                 "has no domain word")
    elif plumbing:
        first = ("framework plumbing (an error handler, request hook, template helper or "
                 "permission class)")
    elif generic:
        first = (f"a generic helper (no domain word, no table) used by {len(users)} symbol(s)"
                 if users else "a generic helper nobody calls (no domain word, no table)")
    elif len(reach) > 1:
        first = f"used from {len(reach)} contexts by {len(users)} symbols"
    else:
        first = "a helper used only by shared-kernel code"
    return first, "depends on no domain code and writes no table"


def _utility_modules(facts: Facts, data_symbols: set[str], domain_words: set[str],
                     users: dict[str, set[str]], preliminary: dict[str, int]) -> set[str]:
    """Modules of utilities, known by their names or by their contents and use.

    By name: modules that say they hold utilities (utils.py, helpers.py, common/, db.py...)
    and mostly do: at least ``UTILITY_MODULE_SHARE`` of their symbols touch no table. A
    module name alone proves nothing (folders lie); both must hold.
    Whatever their names (``sms``, ``mailer``, ``pdf``): two symbols or more, none of which
    names a domain thing or touches a table, a name that names none either, and users
    outside the module in ``KERNEL_MIN_CONTEXTS`` preliminary contexts or more (one symbol
    alone is told by the other rules)."""
    members: dict[str, list[str]] = defaultdict(list)
    pure: dict[str, int] = defaultdict(int)
    domain: set[str] = set()  # modules with a symbol that names or touches domain data
    for symbol in facts.symbols:
        members[symbol.module].append(symbol.id)
        pure[symbol.module] += symbol.id not in data_symbols
        if symbol.id in data_symbols or _names_domain(symbol.name, domain_words):
            domain.add(symbol.module)
    named = {m for m, ids in members.items()
             if pure[m] >= UTILITY_MODULE_SHARE * len(ids) and _named_utility(m, domain_words)}
    generic = {m for m, ids in members.items()
               if len(ids) > 1 and m not in domain
               and not _names_domain(m.rpartition(".")[2], domain_words)
               and len(_contexts_of({u for sid in ids for u in users[sid]
                                     if u.partition(":")[0] != m}, preliminary))
               >= KERNEL_MIN_CONTEXTS}
    return named | generic


def _named_utility(module: str, domain_words: set[str]) -> bool:
    """``utils``, ``common.dates``, ``lib.validators``; not ``lib.cdr_parser``: a module
    named after a domain thing is that thing's code, whatever package holds it."""
    *packages, name = module.lower().split(".")
    return name in UTILITY_NAMES or (bool(UTILITY_NAMES & set(packages))
                                     and not _names_domain(name, domain_words))


def _names_domain(identifier: str, domain_words: set[str]) -> bool:
    """Whether ``identifier`` (a symbol's or a module's name) names a domain thing."""
    return bool(set(words(identifier)) & domain_words)
