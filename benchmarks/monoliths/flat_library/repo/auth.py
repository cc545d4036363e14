# staff authentication.  Members log in through the OPAC (separate app), not here.
import functools
import hashlib
import hmac
import datetime

from bottle import request, response, redirect, abort

import config
import db
import dbaccess
import utils

COOKIE = "rln_session"
ROLES = ("desk", "senior", "cataloguer", "acquisitions", "events", "manager", "admin")


def hash_password(password, salt=None):
    salt = salt or utils.random_token(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("ascii"), 120000)
    return "pbkdf2$%s$%s" % (salt, digest.hex())


def check_password(stored, password):
    if stored.startswith("pbkdf2$"):
        _, salt, _ = stored.split("$")
        return hmac.compare_digest(stored, hash_password(password, salt))
    # pre-2020 md5 hashes, still a few around
    return stored == hashlib.md5(password.encode("utf-8")).hexdigest()


def login(username, password, branch_id):
    staff = dbaccess.get_staff_by_username(username)
    if not staff or not check_password(staff["password_hash"], password):
        return None
    token = utils.random_token(48)
    expires = utils.now() + datetime.timedelta(hours=config.SESSION_HOURS)
    db.execute("INSERT INTO staff_sessions (token, staff_id, branch_id, expires_at) VALUES (%s, %s, %s, %s)",
               (token, staff["id"], branch_id or staff["home_branch_id"], expires))
    db.execute("UPDATE staff_users SET last_login = now() WHERE id = %s", (staff["id"],))
    dbaccess.write_audit(staff["id"], "login")
    db.commit()
    return token


def logout(token):
    db.execute("DELETE FROM staff_sessions WHERE token = %s", (token,))
    db.commit()


def current_staff():
    token = request.get_cookie(COOKIE)
    if not token:
        return None
    return db.query_one("SELECT s.*, ss.branch_id AS session_branch FROM staff_sessions ss "
                        "JOIN staff_users s ON s.id = ss.staff_id WHERE ss.token = %s AND ss.expires_at > now()",
                        (token,))


def require_login(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        staff = current_staff()
        if staff is None:
            redirect("/login?next=" + request.path)
        request.staff = staff
        return fn(*a, **kw)
    return wrapper


def require_role(*roles):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            staff = current_staff()
            if staff is None:
                redirect("/login")
            if staff["role"] not in roles and staff["role"] != "admin":
                abort(403, "Not allowed")
            request.staff = staff
            return fn(*a, **kw)
        return wrapper
    return deco


def set_password(staff_id, new_password):
    db.execute("UPDATE staff_users SET password_hash = %s WHERE id = %s", (hash_password(new_password), staff_id))
    dbaccess.write_audit(staff_id, "password_change")
    db.commit()


def purge_expired_sessions():
    db.execute("DELETE FROM staff_sessions WHERE expires_at < now()")
    db.commit()
