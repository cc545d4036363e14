"""Session login for staff, API keys for the public portal."""
import functools
import logging

from flask import g, request, session as http_session

import config
from errors import Forbidden, PermitsError
from models.base import get_session

log = logging.getLogger(__name__)


class Unauthorized(PermitsError):
    status_code = 401


def _load_user():
    from models.core import StaffMember

    user_id = http_session.get("staff_id")
    if not user_id:
        return None
    user = get_session().get(StaffMember, user_id)
    if user is None or not user.active:
        return None
    return user


def current_user():
    if "user" not in g:
        g.user = _load_user()
    return g.user


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            raise Unauthorized("login required")
        return view(*args, **kwargs)

    return wrapper


def roles_required(*roles):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            user = current_user()
            if user is None:
                raise Unauthorized("login required")
            if not user.has_role(*roles):
                log.warning("user %s denied %s (needs %s)", user.username, request.path, roles)
                raise Forbidden("not allowed")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def public_api_key_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("X-Api-Key") or request.args.get("api_key")
        if key not in config.get("PUBLIC_API_KEYS", []):
            raise Unauthorized("invalid api key")
        return view(*args, **kwargs)

    return wrapper
