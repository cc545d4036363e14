import secrets
from datetime import datetime, timedelta

from gh.extensions import db
from gh.models.users import User, Role, ApiToken
from gh.repositories.misc import user_by_username
from gh.services.audit import record_audit


def authenticate(username, password):
    user = user_by_username(username)
    if not user or not user.active or not user.check_password(password):
        return None
    user.last_login = datetime.utcnow()
    db.session.commit()
    return user


def create_user(username, password, email=None, roles=(), staff_id=None):
    user = User(username=username, email=email, staff_id=staff_id)
    user.set_password(password)
    for name in roles:
        role = Role.query.filter_by(name=name).first()
        if role is None:
            role = Role(name=name)
            db.session.add(role)
        user.roles.append(role)
    db.session.add(user)
    record_audit("user.create", "user", None, username=username)
    db.session.commit()
    return user


def change_password(user, old, new):
    if not user.check_password(old):
        return False
    user.set_password(new)
    record_audit("user.password", "user", user.id)
    db.session.commit()
    return True


def issue_api_token(user, label, days=365):
    tok = ApiToken(user_id=user.id, token=secrets.token_hex(24), label=label,
                   expires_at=datetime.utcnow() + timedelta(days=days))
    db.session.add(tok)
    db.session.commit()
    return tok


def revoke_token(token_id):
    ApiToken.query.filter_by(id=token_id).delete()
    db.session.commit()
