"""Member login / sessions / API tokens."""
import hashlib
import hmac
import time

from flask import current_app, g, session
from werkzeug.security import check_password_hash, generate_password_hash

from carshare import queries as Q
from carshare.db import fetch_one


def hash_password(password):
    if not password or len(password) < 8:
        from carshare.errors import ValidationError
        raise ValidationError("password must be at least 8 characters")
    return generate_password_hash(password)


def authenticate(email, password):
    member = fetch_one(Q.MEMBER_BY_EMAIL, (email,))
    if member is None or not member["password_hash"]:
        return None
    if not check_password_hash(member["password_hash"], password):
        return None
    if member["status"] == "closed":
        return None
    return member


def login_member(member):
    session.clear()
    session["member_id"] = member["id"]
    session["is_admin"] = bool(member["is_admin"])
    session.permanent = True


def logout_member():
    session.clear()


def current_member_id():
    return session.get("member_id")


def current_member():
    if "member" not in g:
        mid = current_member_id()
        g.member = fetch_one(Q.MEMBER_BY_ID, (mid,)) if mid else None
    return g.member


def _sign(payload):
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def issue_api_token(member_id, ttl=86400 * 30):
    """Token for the mobile app: '<member_id>.<expiry>.<sig>'."""
    expiry = int(time.time()) + ttl
    payload = "%s.%s" % (member_id, expiry)
    return "%s.%s" % (payload, _sign(payload))


def member_id_from_token(token):
    try:
        member_id, expiry, sig = token.split(".")
    except (ValueError, AttributeError):
        return None
    if not hmac.compare_digest(sig, _sign("%s.%s" % (member_id, expiry))):
        return None
    if int(expiry) < time.time():
        return None
    return int(member_id)
