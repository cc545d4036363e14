"""Back-office logins. Staff on the tills use PINs (see views/api.py)."""
import datetime
import hashlib
import hmac
import os

from flask import g, session

from bakery.models import Employee, User

PBKDF2_ROUNDS = 120000

ROLE_PERMISSIONS = {
    "admin": {"*"},
    "manager": {"rota", "leave", "waste", "tills", "prices", "stock", "haccp", "loyalty", "reports"},
    "baker": {"production", "stock", "haccp", "waste"},
    "office": {"wholesale", "invoices", "purchasing", "reports"},
    "driver": {"deliveries"},
    "staff": {"tills", "haccp", "waste"},
}


def hash_password(password, salt=None):
    salt = salt or os.urandom(16).hex()
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("ascii"), PBKDF2_ROUNDS)
    return "pbkdf2$%s$%s" % (salt, digest.hex())


def check_password(user, password):
    stored = user.password_hash or ""
    if stored.startswith("md5$"):
        # pre-2020 accounts, upgraded on next login
        ok = hmac.compare_digest(stored[4:], hashlib.md5(password.encode("utf-8")).hexdigest())
        if ok:
            user.password_hash = hash_password(password)
            user.save()
        return ok
    try:
        _, salt, _digest = stored.split("$")
    except ValueError:
        return False
    return hmac.compare_digest(stored, hash_password(password, salt))


def authenticate(email, password):
    user = User.get_or_none((User.email == (email or "").strip().lower()) & (User.active == True))  # noqa: E712
    if user is None or not check_password(user, password):
        return None
    User.update(last_login=datetime.datetime.utcnow()).where(User.id == user.id).execute()
    return user


def login_user(user):
    session.clear()
    session["user_id"] = user.id
    session["role"] = user.role


def logout_user():
    session.clear()


def load_current_user():
    uid = session.get("user_id")
    g.user = User.get_or_none(User.id == uid) if uid else None
    g.employee = None
    if g.user is not None and g.user.employee_id:
        g.employee = Employee.get_or_none(Employee.id == g.user.employee_id)


def can(user, permission):
    if user is None:
        return False
    perms = ROLE_PERMISSIONS.get(user.role, set())
    return "*" in perms or permission in perms


def create_user(email, password, role="staff", employee=None):
    return User.create(email=email.strip().lower(), password_hash=hash_password(password),
                       role=role, employee_id=employee.id if employee else None)


def employee_by_pin(shop, pin):
    # PINs aren't unique across shops. They are (mostly) unique within a shop.
    return (Employee.select()
            .where((Employee.till_pin == pin) & (Employee.home_shop == shop) &
                   (Employee.leave_date.is_null()))
            .first())
