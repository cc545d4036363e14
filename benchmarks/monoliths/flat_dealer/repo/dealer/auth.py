# -*- coding: utf-8 -*-
"""Login + signed-cookie sessions. No server-side session table (we had one,
it filled the disk in 2012)."""
import base64
import hashlib
import hmac
import json
import time
import functools

from dealer import config, db, utils
from dealer.web import redirect, Forbidden

COOKIE_NAME = 'hmsess'
SESSION_HOURS = 10


def sign(value):
    key = config.get('secret').encode('utf8')
    mac = hmac.new(key, value.encode('utf8'), hashlib.sha256).hexdigest()
    return value + '|' + mac


def unsign(signed):
    if not signed or '|' not in signed:
        return None
    value, mac = signed.rsplit('|', 1)
    if hmac.compare_digest(sign(value), signed):
        return value
    return None


def make_session_cookie(user):
    payload = {'uid': user['id'], 'u': user['username'], 'r': user['role'],
               'n': (user.get('first_name') or '') + ' ' + (user.get('last_name') or ''),
               'exp': int(time.time()) + SESSION_HOURS * 3600}
    raw = base64.urlsafe_b64encode(json.dumps(payload).encode('utf8')).decode('ascii')
    return sign(raw)


def get_session(req):
    raw = unsign(req.cookie(COOKIE_NAME))
    if not raw:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(raw.encode('ascii')).decode('utf8'))
    except (ValueError, TypeError):
        return None
    if data.get('exp', 0) < time.time():
        return None
    return data


def require_login(fn):
    @functools.wraps(fn)
    def wrapper(req, *args, **kwargs):
        sess = get_session(req)
        if not sess:
            return redirect('/login?next=' + req.path)
        req.session = sess
        req.user = {'id': sess['uid'], 'username': sess['u'], 'role': sess['r'],
                    'name': sess['n']}
        return fn(req, *args, **kwargs)
    return wrapper


def require_role(*roles):
    def deco(fn):
        @functools.wraps(fn)
        @require_login
        def wrapper(req, *args, **kwargs):
            if req.user['role'] not in roles and req.user['role'] != 'admin':
                raise Forbidden('You need one of: ' + ', '.join(roles))
            return fn(req, *args, **kwargs)
        return wrapper
    return deco


def authenticate(username, password):
    row = db.query_one('SELECT * FROM employees WHERE username = %s AND active = 1',
                       (username.strip().lower(),))
    if row and utils.check_password(password, row['pw_hash']):
        return row
    return None


def change_password(employee_id, old_pw, new_pw):
    row = db.query_one('SELECT pw_hash FROM employees WHERE id = %s', (employee_id,))
    if not row or not utils.check_password(old_pw, row['pw_hash']):
        return False
    if len(new_pw) < 8:
        raise ValueError('Password too short')
    db.execute('UPDATE employees SET pw_hash = %s WHERE id = %s',
               (utils.hash_password(new_pw), employee_id))
    return True
