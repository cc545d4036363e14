"""Login for customers (web + mobile app tokens) and for staff."""
import hashlib
import hmac
import os
import binascii
import datetime
import logging

import queries as q
from db import query_one, execute, execute_returning
from utils import random_token

log = logging.getLogger('lsbs.auth')

PBKDF2_ROUNDS = 100000
TOKEN_DAYS = 90


def hash_password(password):
    salt = binascii.hexlify(os.urandom(16)).decode('ascii')
    dk = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt.encode('ascii'), PBKDF2_ROUNDS)
    return 'pbkdf2$%d$%s$%s' % (PBKDF2_ROUNDS, salt, binascii.hexlify(dk).decode('ascii'))


def check_password(password, stored):
    if not stored:
        return False
    if stored.startswith('pbkdf2$'):
        _, rounds, salt, h = stored.split('$')
        dk = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt.encode('ascii'), int(rounds))
        return hmac.compare_digest(binascii.hexlify(dk).decode('ascii'), h)
    # legacy md5 hashes from the old ClubManager import - upgraded on next login
    return hmac.compare_digest(hashlib.md5(password.encode('utf-8')).hexdigest(), stored)


def authenticate_customer(email, password):
    c = q.get_customer_by_email(email)
    if not c or not c['is_active'] or c['anonymised']:
        return None
    if not check_password(password, c['password_hash']):
        return None
    if not c['password_hash'].startswith('pbkdf2$'):
        execute('UPDATE customers SET password_hash = %s WHERE id = %s', (hash_password(password), c['id']))
    execute('UPDATE customers SET last_login = now() WHERE id = %s', (c['id'],))
    return c


def authenticate_staff(email, password):
    s = q.get_staff_by_email(email)
    if not s or not check_password(password, s['password_hash']):
        log.warning('staff login failed for %s', email)
        return None
    return s


def create_login_token(customer_id, device=None):
    token = random_token(48)
    expires = datetime.datetime.now() + datetime.timedelta(days=TOKEN_DAYS)
    execute_returning('INSERT INTO login_tokens (customer_id, token, device, expires_at) VALUES (%s, %s, %s, %s) RETURNING id',
                      (customer_id, token, device, expires))
    return token


def customer_from_token(token):
    row = query_one(
        """SELECT c.* FROM login_tokens t JOIN customers c ON c.id = t.customer_id
           WHERE t.token = %s AND t.expires_at > now() AND c.is_active""", (token,))
    return row


def revoke_tokens(customer_id):
    return execute('DELETE FROM login_tokens WHERE customer_id = %s', (customer_id,))


def create_password_reset(email):
    c = q.get_customer_by_email(email)
    if not c:
        return None, None
    token = random_token(40)
    execute('INSERT INTO password_resets (customer_id, token) VALUES (%s, %s)', (c['id'], token))
    return c, token


def consume_password_reset(token, new_password):
    row = query_one(
        """SELECT * FROM password_resets WHERE token = %s AND NOT used
           AND created_at > now() - interval '24 hours'""", (token,))
    if not row:
        return False
    execute('UPDATE password_resets SET used = TRUE WHERE id = %s', (row['id'],))
    execute('UPDATE customers SET password_hash = %s WHERE id = %s', (hash_password(new_password), row['customer_id']))
    revoke_tokens(row['customer_id'])
    return True
