from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from carehub.core.security import create_access_token, hash_password, verify_password
from carehub.crud.staff import get_user_by_email
from carehub.utils.legacy import old_md5_password


def authenticate_user(db: Session, email, password):
    user = get_user_by_email(db, email)
    if not user or not user.is_active:
        return None
    if user.hashed_password:
        if not verify_password(password, user.hashed_password):
            return None
    elif user.legacy_password_md5:
        # migrate on first login
        if old_md5_password(password) != user.legacy_password_md5:
            return None
        user.hashed_password = hash_password(password)
        user.legacy_password_md5 = None
    else:
        return None
    user.last_login_at = datetime.utcnow()
    db.commit()
    return user


def login(db: Session, email, password):
    user = authenticate_user(db, email, password)
    if not user:
        return None
    return create_access_token(user.id, extra={"role": user.role})


