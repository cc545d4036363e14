import functools
import hashlib
import hmac
from datetime import datetime

from flask import abort, g, request
from flask_login import current_user
from werkzeug.security import check_password_hash, generate_password_hash

from cellar.extensions import db, login_manager
from cellar.models.user import User, Role


def hash_password(raw):
    return generate_password_hash(raw, method="pbkdf2:sha256", salt_length=12)


def check_password(user, raw):
    if user.password_hash and user.password_hash.startswith("md5$"):
        # accounts migrated from the old Access system - TODO force reset and drop this
        return hmac.compare_digest(user.password_hash[4:], hashlib.md5(raw.encode()).hexdigest())
    return check_password_hash(user.password_hash, raw)


@login_manager.user_loader
def load_user(user_id):
    return User.query.get(int(user_id))


def authenticate(email, password):
    user = User.query.filter_by(email=email.strip().lower(), active=True).first()
    if user is None or not check_password(user, password):
        return None
    user.last_login_at = datetime.utcnow()
    db.session.commit()
    return user


def api_key_user():
    key = request.headers.get("X-Api-Key")
    if not key:
        return None
    return db.session.query(User).filter(User.api_key == key, User.active.is_(True)).first()


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        user = api_key_user() if request.headers.get("X-Api-Key") else current_user
        if user is None or not user.is_authenticated:
            abort(401)
        g.user = user
        return view(*args, **kwargs)
    return wrapped


def role_required(*roles):
    def decorator(view):
        @functools.wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if g.user.role is None or g.user.role.name not in roles + ("admin",):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def current_user_id():
    user = getattr(g, "user", None)
    return user.id if user is not None else None
