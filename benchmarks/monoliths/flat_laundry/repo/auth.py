"""login / passwords"""
import hashlib
import hmac
import os
import binascii

from flask import session

import db
import util

ITERATIONS = 20000


def hash_password(pw, salt=None):
    salt = salt or binascii.hexlify(os.urandom(8)).decode()
    h = hashlib.pbkdf2_hmac('sha256', pw.encode('utf-8'), salt.encode(), ITERATIONS)
    return '%s$%s' % (salt, binascii.hexlify(h).decode())


def check_password(pw, stored):
    if not stored or '$' not in stored:
        return False
    salt = stored.split('$', 1)[0]
    return hmac.compare_digest(hash_password(pw, salt), stored)


def authenticate(username, password):
    u = db.fetch_one(
        "SELECT u.*, s.first_name, s.last_name, s.active FROM users u "
        "LEFT JOIN staff s ON s.id = u.staff_id WHERE lower(u.username) = lower(%s)",
        (username,))
    if not u or not check_password(password, u['password_hash']):
        return None
    if u['staff_id'] and not u['active']:
        return None
    db.run('UPDATE users SET last_login = now() WHERE id = %s', (u['id'],))
    return u


def current_user():
    uid = session.get('user_id')
    if not uid:
        return None
    return db.fetch_one('SELECT id, username, staff_id, is_admin FROM users WHERE id = %s', (uid,))


def change_password(user_id, new_pw):
    if len(new_pw) < 6:
        raise ValueError('password too short')
    db.run('UPDATE users SET password_hash = %s WHERE id = %s', (hash_password(new_pw), user_id))


def create_user(username, password, staff_id=None, is_admin=False):
    return db.insert(
        'INSERT INTO users (username, password_hash, staff_id, is_admin) '
        'VALUES (%s, %s, %s, %s) RETURNING id',
        (username, hash_password(password), staff_id, is_admin))
