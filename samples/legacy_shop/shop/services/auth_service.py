"""Login, registration, password resets."""
import datetime
import logging

import bcrypt

from shop import db
from shop.dao import SessionDAO, UserDAO, log_audit
from shop.services import mailer
from shop.utils import generate_token, get_config, sha256

log = logging.getLogger(__name__)

users = UserDAO()
sessions = SessionDAO()

MAX_FAILED_LOGINS = 5
RESET_TTL = datetime.timedelta(hours=2)


class AuthError(Exception):
    pass


def hash_password(password):
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(12)).decode("ascii")


def check_password(password, hashed):
    if not hashed:
        return False
    if hashed.startswith("md5$"):
        # accounts from the 2016 import, upgraded on next login
        return sha256(password) == hashed[4:]
    return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))


def register(email, password, first_name="", last_name=""):
    if users.by_email(email):
        raise AuthError("email already registered")
    if len(password) < 8:
        raise AuthError("password too short")
    user_id = users.create(email, hash_password(password), first_name, last_name)
    log_audit(user_id, "user.register", {"email": email})
    return user_id


def authenticate(email, password, ip=None):
    user = users.by_email(email)
    if user is None or not user["active"]:
        raise AuthError("invalid credentials")
    if user["failed_logins"] >= MAX_FAILED_LOGINS:
        raise AuthError("account locked")
    if not check_password(password, user["password_hash"]):
        db.execute("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = %s",
                   (user["id"],))
        raise AuthError("invalid credentials")
    if user["password_hash"].startswith("md5$"):
        users.set_password(user["id"], hash_password(password))
    db.execute("UPDATE users SET failed_logins = 0, last_login_at = now() WHERE id = %s",
               (user["id"],))
    return user, sessions.open(user["id"], ip)


def start_password_reset(email):
    user = users.by_email(email)
    if user is None:
        return  # do not leak which emails exist
    token = generate_token(48)
    db.execute(
        "INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES (%s, %s, %s)",
        (user["id"], sha256(token), datetime.datetime.utcnow() + RESET_TTL),
    )
    link = get_config("BASE_URL", "https://shop.example") + "/reset/" + token
    mailer.send_password_reset(user["email"], link)


def finish_password_reset(token, new_password):
    row = db.query_one(
        "SELECT * FROM password_resets WHERE token_hash = %s AND used_at IS NULL "
        "AND expires_at > now()",
        (sha256(token),),
    )
    if row is None:
        raise AuthError("reset link expired")
    users.set_password(row["user_id"], hash_password(new_password))
    db.execute("UPDATE password_resets SET used_at = now() WHERE id = %s", (row["id"],))
    db.execute("DELETE FROM sessions WHERE user_id = %s", (row["user_id"],))


def is_admin(user_id):
    return "admin" in users.roles(user_id)
