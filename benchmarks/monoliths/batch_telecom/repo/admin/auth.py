# -*- coding: utf-8 -*-
"""HTTP basic auth against the users list in the ini file, plus a few view
helpers every blueprint uses (should be in helpers.py, never got split)."""
import functools
import hmac

from flask import Blueprint, Response, g, request

from lib import config
from lib.dates import parse_date

bp = Blueprint("auth", __name__)


def _users():
    users = {}
    for pair in (config.get("admin", "users") or "").split(","):
        if ":" in pair:
            u, p = pair.split(":", 1)
            users[u.strip()] = p.strip()
    return users


def check_auth(username, password):
    expected = _users().get(username)
    return expected is not None and hmac.compare_digest(expected, password)


def requires_auth(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        auth = request.authorization
        if not auth or not check_auth(auth.username, auth.password):
            return Response("Login required", 401, {"WWW-Authenticate": 'Basic realm="telcobss"'})
        g.user = auth.username
        return fn(*a, **kw)
    return wrapper


def current_user():
    return getattr(g, "user", None) or "admin"


def paginate(rows, per_page=50):
    page = max(1, request.args.get("page", 1, type=int))
    start = (page - 1) * per_page
    return rows[start:start + per_page], page, (len(rows) + per_page - 1) // per_page


def date_arg(name, default=None):
    try:
        return parse_date(request.args.get(name)) or default
    except ValueError:
        return default


def csv_response(text, filename):
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=%s" % filename})


@bp.route("/logout")
def logout():
    return Response("Logged out", 401, {"WWW-Authenticate": 'Basic realm="telcobss"'})
