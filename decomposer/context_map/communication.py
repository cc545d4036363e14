"""How two contexts should talk once split, following the playbook's table:

==============  =======================================  ================================
mode            when                                     playbook
==============  =======================================  ================================
``grpc``        a context queries another and needs the  "gRPC: internal high-performance
                answer now, or sends a command whose     calls" (inventory deduction)
                effect it needs at once
``events``      fire-and-forget commands (notifications,  "message queue: asynchronous
                e-mails, audit) and data one context     tasks, event driven"; shared data
                reads but another owns                   "synchronised by events"
``rest``        the outside world calls a context        "synchronous REST for real-time
                through HTTP routes (the edge)           queries" (Gin at the edge)
``library``     use of the shared kernel: no network,    "shared code lives in a shared
                a shared module                          module" (shared-utils)
==============  =======================================  ================================

Whether a call is a query or a fire-and-forget command is read from the callee: a
notification-like name (notify, email, audit...) that reads no table, or a function
declared ``-> None`` that reads no table, can be told about things later; anything else
may be needed at once.

Event names come from the owning table and the kind of write:

==========================  ==========  ============================================
write                       event       example
==========================  ==========  ============================================
INSERT, ``create``, ``add``  Created     ``UserCreated`` (``Placed`` for orders)
UPDATE, ``update``, save     Updated     ``UserUpdated``
DELETE, ``delete``           Deleted     ``UserDeleted``
anything else                Changed     ``UserChanged``
==========================  ==========  ============================================
"""

from __future__ import annotations

import re

from decomposer.model import Symbol, TableAccess
from decomposer.words import IDENTIFIER_PARTS, singular

QUERY, COMMAND, NOTICE, CODE = "query", "command", "notice", "code"

# Words of names whose callers do not wait for them.
_NOTICE_WORDS = frozenset({
    "notify", "notification", "notifications", "notifier", "email", "emails", "mail", "mails",
    "mailer", "mailing", "sms", "push", "alert", "alerts", "audit", "audits", "auditing",
    "webhook", "webhooks", "analytics", "track", "tracking", "metric", "metrics", "telemetry",
    "event", "events", "publish", "publisher", "emit", "broadcast", "slack", "newsletter",
    "log", "logs", "logger", "logging", "journal", "activity",
})
_VERBS = frozenset({
    "send", "notify", "log", "record", "audit", "track", "emit", "publish", "push", "enqueue",
    "queue", "schedule", "broadcast", "fire", "dispatch", "post", "write",
})
# Entities whose creation the domain calls "placed" rather than "created".
_PLACED = frozenset({"order", "purchase", "booking"})
_SQL_WRITE = re.compile(r"\b(insert|replace|upsert|update|merge|delete|truncate)\b", re.I)
_SQL_KIND = {"insert": "Created", "replace": "Created", "upsert": "Updated",
             "update": "Updated", "merge": "Updated", "delete": "Deleted",
             "truncate": "Deleted"}


def call_nature(target: Symbol | None, kind: str, reads: set[str], writes: set[str]) -> str:
    """``query``, ``command``, ``notice`` (fire-and-forget) or ``code`` (inheritance).

    A notifying function may read to compose its message (the user's e-mail address):
    its caller still does not wait. A notification-like class that reads may be queried
    (an audit log browsed), and a ``-> None`` function that reads may refuse (raise), so
    those two stay queries.
    """
    if kind == "inherit":
        return CODE
    if target is None:
        return QUERY
    notice_like = is_notice_like(f"{target.module}.{target.name}")
    if notice_like and target.kind == "function":
        return NOTICE
    if not reads and (notice_like or _returns_nothing(target)):
        return NOTICE
    return COMMAND if writes else QUERY


def write_nature(table: str) -> str:
    """A write into another context's table: a command, or a notice for log-like tables."""
    return NOTICE if is_notice_like(table) else COMMAND


def is_notice_like(name: str) -> bool:
    return bool(_NOTICE_WORDS & set(_words(name)))


def mode_of(natures: set[str]) -> str:
    return "events" if natures == {NOTICE} else "grpc"


def write_event(access: TableAccess) -> str:
    """Created / Updated / Deleted / Changed for one write access, from its evidence."""
    text = access.evidence
    if access.via != "orm":
        found = _SQL_WRITE.search(text)
        return _SQL_KIND[found.group(1).lower()] if found else "Changed"
    lowered = text.lower()
    if re.search(r"\bdelete\b", lowered):
        return "Deleted"
    if re.search(r"\b(update|update_or_create|merge)\b", lowered):
        return "Updated"
    if (re.search(r"\b(create|bulk_create|get_or_create|insert|add|add_all)\b", lowered)
            or "(...).save" in lowered):
        return "Created"
    if re.search(r"\bsave\b", lowered):
        return "Updated"
    return "Changed"


def event_names(entity: str, kinds: set[str]) -> tuple[str, ...]:
    """``Order`` + {"Created", "Updated"} -> ("OrderPlaced", "OrderUpdated")."""
    placed = entity.lower() in _PLACED
    names = {entity + ("Placed" if kind == "Created" and placed else kind) for kind in kinds}
    return tuple(sorted(names))


def entity_name(table: str, model: str | None) -> str:
    """The ORM model's class name, else the table's name singular in PascalCase."""
    if model:
        return model.rpartition(":")[2].rpartition(".")[2]
    words = _words(table) or ["record"]
    words[-1] = singular(words[-1])
    return "".join(w.capitalize() for w in words)


def request_event(target: Symbol) -> str:
    """An event name for a fire-and-forget call.

    ``notify_order_placed`` -> ``OrderPlaced`` (already an event), ``send_welcome_email``
    -> ``WelcomeEmailRequested``, ``notify_ops`` -> ``OpsNotificationRequested``.
    """
    words = _words(target.name) or ["notice"]
    verbs = []
    while len(words) > 1 and words[0] in _VERBS:
        verbs.append(words.pop(0))
    name = "".join(w.capitalize() for w in words)
    if words[-1].endswith("ed"):
        return name
    notifying = {"notify", "alert"} & set(verbs)
    return name + ("Notification" if notifying else "") + "Requested"


def _returns_nothing(target: Symbol) -> bool:
    own = [s for s in target.signatures if s.name == target.name]
    return target.kind == "function" and bool(own) and own[0].returns == "None"


def _words(name: str) -> list[str]:
    return [w.lower() for w in IDENTIFIER_PARTS.findall(name)]


