import functools
import os

from flask import g, request

from insure.config import get_config
from insure.errors import Forbidden

def _decode_token(token):
    # tokens are "user:role1,role2:signature" since the SSO never happened
    try:
        user, roles, sig = token.split(":")
    except ValueError:
        return None
    if sig != get_config().SECRET_KEY[:8]:
        return None
    return {"user": user, "roles": roles.split(",")}


def current_user():
    if getattr(g, "pas_user", None) is not None:
        return g.pas_user
    header = request.headers.get("Authorization", "")
    info = _decode_token(header.replace("Bearer ", "")) if header else None
    g.pas_user = info
    return info


if os.environ.get("PAS_NO_AUTH"):
    def require_role(*roles):
        def deco(fn):
            return fn
        return deco
else:
    def require_role(*roles):
        def deco(fn):
            @functools.wraps(fn)
            def wrapper(*args, **kwargs):
                user = current_user()
                if user is None:
                    raise Forbidden("login required")
                if roles and "admin" not in user["roles"] and not set(roles) & set(user["roles"]):
                    raise Forbidden("missing role", needed=list(roles))
                return fn(*args, **kwargs)
            return wrapper
        return deco


def api_key_required(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if request.headers.get("X-Api-Key") not in get_config().API_KEYS:
            raise Forbidden("bad api key")
        return fn(*args, **kwargs)
    return wrapper


def username():
    user = current_user()
    return user["user"] if user else "system"
