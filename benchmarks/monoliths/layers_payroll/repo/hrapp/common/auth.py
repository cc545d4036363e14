from dataclasses import dataclass, field
from functools import wraps

import jwt
from flask import g, request

from hrapp.common.errors import PermissionDenied
from hrapp.config import get_settings


@dataclass
class CurrentUser:
    user_id: int
    employee_id: int
    email: str
    roles: set = field(default_factory=set)

    def has_role(self, *roles):
        return bool(self.roles & set(roles)) or "admin" in self.roles


def _decode_token(raw):
    settings = get_settings()
    try:
        return jwt.decode(raw, settings.secret_key, algorithms=[settings.jwt_algorithm])
    except jwt.PyJWTError as exc:
        raise PermissionDenied("invalid token") from exc


def current_user():
    return g.get("current_user")


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            raise PermissionDenied("missing bearer token")
        claims = _decode_token(header[len("Bearer "):])
        g.current_user = CurrentUser(
            user_id=claims["sub"],
            employee_id=claims.get("emp"),
            email=claims.get("email", ""),
            roles=set(claims.get("roles", [])),
        )
        return view(*args, **kwargs)

    return wrapper


def require_role(*roles):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not current_user().has_role(*roles):
                raise PermissionDenied("requires one of: " + ", ".join(roles))
            return view(*args, **kwargs)

        return wrapper

    return decorator
