import hashlib
import hmac
import datetime
import functools
import logging

import cherrypy

import config
import db
import utils
from models import User

log = logging.getLogger('water.auth')

SESSION_COOKIE = 'rbw_session'

ROLE_ADMIN = 'admin'
ROLE_BILLING = 'billing'
ROLE_CASHIER = 'cashier'
ROLE_FIELD = 'field'
ROLE_LAB = 'lab'
ROLE_CSR = 'csr'


def hash_password(password, salt=None):
    salt = salt or utils.random_token(16)
    h = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt.encode('utf-8'), 100000)
    return h.hex(), salt


def check_password(user_row, password):
    if not user_row.get('salt'):
        return legacy_md5_check(user_row, password)
    h, _ = hash_password(password, user_row['salt'])
    return hmac.compare_digest(h, user_row['password_hash'])


def legacy_md5_check(user_row, password):
    # accounts migrated from the old VB system. rehashed on next login
    return hashlib.md5(password.encode('utf-8')).hexdigest() == user_row['password_hash']


def authenticate(username, password, ip_addr=None):
    row = db.query_one('SELECT * FROM users WHERE username = ? AND active = 1', (username.strip().lower(),))
    if not row or not check_password(row, password):
        log_audit(None, 'LOGIN_FAIL', 'user', None, username)
        return None
    if not row.get('salt'):
        set_password(row['id'], password)
    db.execute('UPDATE users SET last_login = ? WHERE id = ?', (utils.now_str(), row['id']))
    log_audit(row['id'], 'LOGIN', 'user', row['id'], ip_addr)
    return create_session(row['id'], ip_addr)


def create_session(user_id, ip_addr=None):
    key = utils.random_token(40)
    now = datetime.datetime.now()
    expires = now + datetime.timedelta(hours=int(config.get('session_hours', 8)))
    db.execute('INSERT INTO login_sessions (session_key, user_id, created_at, expires_at, ip_addr) '
               'VALUES (?, ?, ?, ?, ?)',
               (key, user_id, now.strftime(utils.DATETIME_FMT), expires.strftime(utils.DATETIME_FMT), ip_addr))
    return key


def get_session_user(key):
    if not key:
        return None
    row = db.query_one('SELECT u.* FROM login_sessions s JOIN users u ON u.id = s.user_id '
                       'WHERE s.session_key = ? AND s.expires_at > ? AND u.active = 1',
                       (key, utils.now_str()))
    return row


def end_session(key):
    db.execute('DELETE FROM login_sessions WHERE session_key = ?', (key,))


def cleanup_expired_sessions():
    db.execute('DELETE FROM login_sessions WHERE expires_at < ?', (utils.now_str(),))


def current_user():
    u = getattr(cherrypy.request, 'water_user', None)
    if u is not None:
        return u
    cookie = cherrypy.request.cookie.get(SESSION_COOKIE)
    u = get_session_user(cookie.value if cookie else None)
    cherrypy.request.water_user = u
    return u


def current_user_id():
    u = current_user()
    return u['id'] if u else None


def user_roles(user_id):
    rows = db.query_all('SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id '
                        'WHERE ur.user_id = ?', (user_id,))
    return set(r['name'] for r in rows)


def has_role(role, user=None):
    user = user or current_user()
    if not user:
        return False
    roles = user_roles(user['id'])
    return ROLE_ADMIN in roles or role in roles


def require_login(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        if not current_user():
            raise cherrypy.HTTPRedirect('/login?next=' + cherrypy.url(qs=cherrypy.request.query_string))
        return fn(*a, **kw)
    return wrapper


def require_role(*roles):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            u = current_user()
            if not u:
                raise cherrypy.HTTPRedirect('/login')
            if not any(has_role(r, u) for r in roles):
                raise cherrypy.HTTPError(403, 'Not allowed')
            return fn(*a, **kw)
        return wrapper
    return deco


def log_audit(user_id, action, entity=None, entity_id=None, detail=None):
    try:
        db.execute('INSERT INTO audit_log (user_id, action, entity, entity_id, detail) VALUES (?,?,?,?,?)',
                   (user_id, action, entity, entity_id, detail))
    except db.DBError:
        log.warning('audit write failed for %s', action)


def create_user(username, full_name, email, password, roles=()):
    pw, salt = hash_password(password)
    uid = db.execute('INSERT INTO users (username, password_hash, salt, full_name, email, must_change_pw) '
                     'VALUES (?, ?, ?, ?, ?, 1)', (username.strip().lower(), pw, salt, full_name, email))
    for r in roles:
        assign_role(uid, r)
    return uid


def set_password(user_id, password):
    pw, salt = hash_password(password)
    db.execute('UPDATE users SET password_hash = ?, salt = ?, must_change_pw = 0 WHERE id = ?',
               (pw, salt, user_id))


def assign_role(user_id, role_name):
    role = db.query_one('SELECT id FROM roles WHERE name = ?', (role_name,))
    if not role:
        role_id = db.execute('INSERT INTO roles (name) VALUES (?)', (role_name,))
    else:
        role_id = role['id']
    db.execute('INSERT OR IGNORE INTO user_roles (user_id, role_id) VALUES (?, ?)', (user_id, role_id))


def deactivate_user(user_id):
    db.execute('UPDATE users SET active = 0 WHERE id = ?', (user_id,))
    db.execute('DELETE FROM login_sessions WHERE user_id = ?', (user_id,))
    log_audit(current_user_id(), 'USER_DEACTIVATE', 'user', user_id)


def list_users(include_inactive=False):
    sql = 'SELECT id, username, full_name, email, active, last_login FROM users'
    if not include_inactive:
        sql += ' WHERE active = 1'
    return db.query_all(sql + ' ORDER BY username')


def reset_password(username):
    u = User.by_username(username)
    if not u:
        return None
    temp = utils.random_token(10)
    set_password(u.id, temp)
    db.execute('UPDATE users SET must_change_pw = 1 WHERE id = ?', (u.id,))
    return u, temp
