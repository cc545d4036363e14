
from cellar.auth import check_password, hash_password
from cellar.extensions import db
from cellar.models.user import User
from cellar.repositories.user_repo import UserRepository
from cellar.utils.audit import log_action
from cellar.utils.errors import BusinessRuleError, ValidationError
from cellar.utils.validation import validate_email

users = UserRepository()


def create_user(email, full_name, role_name, password, is_sales_rep=False, territory=None):
    email = validate_email(email)
    if users.by_email(email):
        raise ValidationError("user exists")
    role = users.role(role_name)
    user = User(email=email, full_name=full_name, role=role, is_sales_rep=is_sales_rep,
                territory=territory, password_hash=hash_password(password))
    db.session.add(user)
    db.session.commit()
    return user


def change_password(user_id, old, new):
    user = users.get(user_id)
    if not check_password(user, old):
        raise ValidationError("current password wrong")
    if len(new) < 10:
        raise ValidationError("password too short")
    user.password_hash = hash_password(new)
    db.session.commit()


def deactivate_user(user_id, by_user_id=None):
    user = users.get(user_id)
    if user.id == by_user_id:
        raise BusinessRuleError("you can't deactivate yourself")
    user.active = False
    user.api_key = None
    log_action("deactivate", "user", user.id, by_user_id)
    db.session.commit()
