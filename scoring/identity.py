"""Which context, if any, is the users/auth context that becomes the central identity service.

Who the users are comes first: the context owning a users/accounts table (``users``,
``auth_user``, ``accounts_user``...) is the identity context. Without one, vocabulary
decides: words of the context's name count two points (it is what the context is about),
each table and each identifier word of the identity vocabulary one; two points or more are
needed. Ties (several owners, equal points) go to more points, then by name.
"""

from __future__ import annotations

import re

from decomposer.model import Context
from scoring.evidence import Evidence

IDENTITY_WORDS = frozenset({
    "user", "users", "account", "accounts", "auth", "authentication", "login", "logins",
    "session", "sessions", "token", "tokens", "identity", "credential", "credentials",
})
USER_WORDS = frozenset({"user", "users", "account", "accounts"})
_WORD = re.compile(r"[a-z]+")


def find_identity_context(evidence: Evidence) -> str | None:
    scored = [(_owns_users(c), identity_points(c), c.name) for c in evidence.contexts]
    best = min(scored, key=lambda s: (not s[0], -s[1], s[2]), default=(False, 0, None))
    return best[2] if best[0] or best[1] >= 2 else None


def identity_points(context: Context) -> int:
    name = 2 * bool(_words(context.name) & IDENTITY_WORDS)
    tables = sum(bool(_words(t) & IDENTITY_WORDS) for t in context.tables)
    vocabulary = len(set(context.vocabulary) & IDENTITY_WORDS)
    return name + tables + vocabulary


# Words of the tables that hold who is logged in, as opposed to who the users are.
AUTH_WORDS = frozenset({"auth", "login", "logins", "session", "sessions", "token", "tokens",
                        "credential", "credentials"})


def _owns_users(context: Context) -> bool:
    """A table whose last word is user(s)/account(s): ``auth_user`` yes, ``user_addresses`` no."""
    return any(_last_word(t) in USER_WORDS for t in context.tables)


def identity_tables(context: Context) -> tuple[str, ...]:
    """Its tables whose names speak of identity (users, sessions, tokens...)."""
    return tuple(t for t in context.tables if _words(t) & IDENTITY_WORDS) or context.tables


def auth_tables(context: Context) -> tuple[str, ...]:
    """Its tables that authenticate (sessions, tokens...), else its identity tables."""
    return tuple(t for t in context.tables if _words(t) & AUTH_WORDS) or identity_tables(context)


def _last_word(text: str) -> str:
    words = _WORD.findall(text.lower())
    return words[-1] if words else ""


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))
