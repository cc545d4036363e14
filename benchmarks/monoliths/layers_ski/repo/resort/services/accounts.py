import datetime
import hashlib
import logging

import bcrypt

from ..dal.guest_repo import AccountRepository
from ..lib.crypto import generate_token
from ..lib.validators import ValidationError, validate_email
from ..models import DBSession
from ..models.guests import AuthToken, UserAccount

log = logging.getLogger(__name__)

MAX_FAILED_LOGINS = 8


def hash_password(password):
    return bcrypt.hashpw(password.encode('utf-8'), bcrypt.gensalt()).decode('ascii')


def legacy_md5_check(password, stored):
    # accounts imported from the 2015 webshop still have unsalted md5 hashes
    return hashlib.md5(password.encode('utf-8')).hexdigest() == stored


def verify_password(account, password):
    stored = account.password_hash or ''
    if stored.startswith('$2'):
        return bcrypt.checkpw(password.encode('utf-8'), stored.encode('ascii'))
    if legacy_md5_check(password, stored):
        # upgrade on the fly
        account.password_hash = hash_password(password)
        return True
    return False


def authenticate(username, password):
    account = AccountRepository().by_username(username)
    if account is None or not account.is_active:
        return None
    if (account.failed_logins or 0) >= MAX_FAILED_LOGINS:
        log.warning('locked account %s', account.username)
        return None
    if not verify_password(account, password):
        account.failed_logins = (account.failed_logins or 0) + 1
        return None
    account.failed_logins = 0
    account.last_login = datetime.datetime.utcnow()
    return account


def register_account(username, email, password, role='guest'):
    errors = {}
    if not validate_email(email):
        errors['email'] = 'Invalid email'
    if len(password or '') < 8:
        errors['password'] = 'At least 8 characters'
    repo = AccountRepository()
    if repo.by_username(username) or repo.by_username(email):
        errors['username'] = 'Already registered'
    if errors:
        raise ValidationError(errors)
    account = UserAccount(username=username, email=email.lower(),
                          password_hash=hash_password(password), role=role)
    DBSession.add(account)
    DBSession.flush()
    return account


def create_reset_token(account, hours=24):
    token = AuthToken(token=generate_token(), account_id=account.id, purpose='reset',
                      expires_at=datetime.datetime.utcnow() + datetime.timedelta(hours=hours))
    DBSession.add(token)
    return token


def reset_password(token_value, new_password):
    token = AccountRepository().by_token(token_value)
    if token is None or token.is_expired():
        return None
    token.account.password_hash = hash_password(new_password)
    token.account.failed_logins = 0
    DBSession.delete(token)
    return token.account


def deactivate_account(account):
    account.is_active = False
    DBSession.query(AuthToken).filter(AuthToken.account_id == account.id).delete()
