"""
common.py - stuff used everywhere.

History: this started as the top half of the original rxbo.py (2011) when
Dave split it up.  Things have been added to it by whoever needed them.
Please try to keep business logic OUT of here.  (It's not working.)
"""
import csv
import datetime
import decimal
import io
import json
import logging
import logging.handlers
import os
import random
import string
import threading
import time

import config
import dbconn
from dbconn import query_one, query_scalar

_log_configured = False
_user_local = threading.local()


# ---------------------------------------------------------------------------
# logging
# ---------------------------------------------------------------------------

def get_logger(name='rxbo'):
    global _log_configured
    logger = logging.getLogger(name)
    if not _log_configured:
        root = logging.getLogger('rxbo')
        root.setLevel(logging.DEBUG if config.DEBUG else logging.INFO)
        try:
            fh = logging.handlers.WatchedFileHandler(os.path.join(config.LOG_DIR, 'rxbo.log'))
        except (IOError, OSError):
            fh = logging.StreamHandler()
        fh.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(name)s: %(message)s'))
        root.addHandler(fh)
        _log_configured = True
    return logger


log = get_logger('rxbo.common')


# ---------------------------------------------------------------------------
# exceptions
# ---------------------------------------------------------------------------

class AppError(Exception):
    http_status = 500

    def __init__(self, message, **extra):
        Exception.__init__(self, message)
        self.message = message
        self.extra = extra

    def to_dict(self):
        d = {'error': self.message}
        d.update(self.extra)
        return d


class NotFound(AppError):
    http_status = 404


class ValidationError(AppError):
    http_status = 400


class PermissionDenied(AppError):
    http_status = 403


# ---------------------------------------------------------------------------
# current user (thread local, set by the web layer or by cron as 'system')
# ---------------------------------------------------------------------------

def set_current_user(user):
    _user_local.user = user


def current_user():
    return getattr(_user_local, 'user', None)


def current_user_id():
    u = current_user()
    if u is None:
        return None
    return u.get('id')


def clear_current_user():
    _user_local.user = None


# ---------------------------------------------------------------------------
# json / rows
# ---------------------------------------------------------------------------

def json_default(o):
    if isinstance(o, (datetime.datetime, datetime.date)):
        return o.isoformat()
    if isinstance(o, datetime.time):
        return o.strftime('%H:%M')
    if isinstance(o, decimal.Decimal):
        return str(o)
    if isinstance(o, set):
        return sorted(o)
    raise TypeError('cannot serialise %r' % type(o))


def to_json(obj, pretty=False):
    if pretty:
        return json.dumps(obj, default=json_default, indent=2, sort_keys=True)
    return json.dumps(obj, default=json_default)


def row_to_dict(row, fields=None):
    if row is None:
        return None
    if fields is None:
        return dict(row)
    return dict((f, row.get(f)) for f in fields)


def rows_to_dicts(rows, fields=None):
    return [row_to_dict(r, fields) for r in rows]


def pluck(rows, field):
    return [r[field] for r in rows]


def group_by(rows, field):
    out = {}
    for r in rows:
        out.setdefault(r[field], []).append(r)
    return out


def safe_divide(a, b, default=None):
    try:
        if not b:
            return default
        return a / b
    except (TypeError, ZeroDivisionError, decimal.InvalidOperation):
        return default


def ensure_list(v):
    if v is None:
        return []
    if isinstance(v, (list, tuple, set)):
        return list(v)
    return [v]


def str2bool(v):
    if isinstance(v, bool):
        return v
    if v is None:
        return False
    return str(v).strip().lower() in ('1', 'y', 'yes', 'true', 'on', 't')


def require_fields(data, *fields):
    missing = [f for f in fields if data.get(f) in (None, '')]
    if missing:
        raise ValidationError('missing fields: %s' % ', '.join(missing), fields=missing)


# ---------------------------------------------------------------------------
# formatting
# ---------------------------------------------------------------------------

def format_name(first, last, style='last_first'):
    first = (first or '').strip().title()
    last = (last or '').strip().title()
    if style == 'last_first':
        return '%s, %s' % (last, first) if first else last
    return ('%s %s' % (first, last)).strip()


def format_phone(s):
    if not s:
        return ''
    digits = ''.join(c for c in s if c.isdigit())
    if len(digits) == 11 and digits[0] == '1':
        digits = digits[1:]
    if len(digits) != 10:
        return s
    return '(%s) %s-%s' % (digits[:3], digits[3:6], digits[6:])


def format_address(line1, line2, city, state, zip_):
    parts = [p for p in (line1, line2) if p]
    last = ' '.join(p for p in ('%s,' % city if city else '', state or '', zip_ or '') if p)
    if last:
        parts.append(last)
    return '\n'.join(parts)


def truncate(s, n, ellipsis='...'):
    if s is None:
        return ''
    if len(s) <= n:
        return s
    return s[:n - len(ellipsis)] + ellipsis


def generate_ref(prefix='', length=8):
    chars = string.ascii_uppercase + string.digits
    chars = chars.replace('O', '').replace('0', '').replace('I', '').replace('1', '')
    return prefix + ''.join(random.choice(chars) for _ in range(length))


# ---------------------------------------------------------------------------
# csv
# ---------------------------------------------------------------------------

def read_csv_rows(path, lowercase_headers=True):
    with open(path, newline='', encoding='utf-8-sig') as fh:
        reader = csv.DictReader(fh)
        rows = []
        for r in reader:
            if lowercase_headers:
                r = dict((k.strip().lower(), (v or '').strip()) for k, v in r.items() if k)
            rows.append(r)
    return rows


def write_csv_rows(path_or_none, headers, rows):
    """writes to path, or returns the csv text if path is None"""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    for r in rows:
        if isinstance(r, dict):
            w.writerow([r.get(h, '') for h in headers])
        else:
            w.writerow(r)
    text = buf.getvalue()
    if path_or_none is None:
        return text
    with open(path_or_none, 'w') as fh:
        fh.write(text)
    return path_or_none


# ---------------------------------------------------------------------------
# caching / timing
# ---------------------------------------------------------------------------

class SimpleCache(object):
    """per-process dict cache with ttl.  good enough."""

    def __init__(self, ttl=300):
        self.ttl = ttl
        self._data = {}
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            hit = self._data.get(key)
            if hit is None:
                return default
            if time.time() - hit[0] > self.ttl:
                del self._data[key]
                return default
            return hit[1]

    def set(self, key, value):
        with self._lock:
            self._data[key] = (time.time(), value)

    def delete(self, key):
        with self._lock:
            self._data.pop(key, None)

    def clear(self):
        with self._lock:
            self._data.clear()


cache = SimpleCache()


class Timer(object):
    def __init__(self, label):
        self.label = label
        self.start = None

    def __enter__(self):
        self.start = time.time()
        return self

    def __exit__(self, *exc):
        log.info('%s: %.3fs', self.label, time.time() - self.start)
        return False


# ---------------------------------------------------------------------------
# audit trail.  Used to go in an audit_log table but that table got to 400M
# rows and took the db down (2014-08).  Now it's a flat file shipped to splunk.
# ---------------------------------------------------------------------------

_audit_logger = None


def audit(event, entity=None, entity_id=None, **details):
    global _audit_logger
    if _audit_logger is None:
        _audit_logger = logging.getLogger('rxbo.audit')
        try:
            h = logging.handlers.WatchedFileHandler(os.path.join(config.LOG_DIR, 'audit.log'))
            h.setFormatter(logging.Formatter('%(asctime)s %(message)s'))
            _audit_logger.addHandler(h)
        except (IOError, OSError):
            pass
    rec = {'event': event, 'entity': entity, 'id': entity_id,
           'user': current_user_id(), 'details': details}
    _audit_logger.info(to_json(rec))


# ---------------------------------------------------------------------------
# things that probably shouldn't be here
# ---------------------------------------------------------------------------

def calc_days_supply(quantity, sig):
    """Rough days supply from the sig.  Techs override it anyway.
    Moved here from pharmacy.py (JT 2012) so dispensing could use it."""
    if not quantity:
        return None
    per_day = 1
    s = (sig or '').lower()
    if 'bid' in s or 'twice' in s:
        per_day = 2
    elif 'tid' in s or 'tds' in s or 'three times' in s:
        per_day = 3
    elif 'qid' in s or 'four times' in s:
        per_day = 4
    first = s.split(' ')[0] if s else ''
    try:
        per_dose = float(first)
    except ValueError:
        per_dose = 1.0
    days = int(float(quantity) / (per_dose * per_day))
    return max(days, 1)


def is_controlled(product_id):
    """True if the product has a DEA schedule.  cached."""
    key = 'ctrl:%s' % product_id
    hit = cache.get(key)
    if hit is not None:
        return hit
    sched = query_scalar("SELECT dea_schedule FROM products WHERE id = %s", (product_id,))
    val = bool(sched and sched.strip())
    cache.set(key, val)
    return val


def get_branch_name(branch_id):
    key = 'branch:%s' % branch_id
    name = cache.get(key)
    if name is None:
        row = query_one("SELECT code, name FROM branches WHERE id = %s", (branch_id,))
        name = '%s - %s' % (row['code'], row['name']) if row else 'Unknown branch'
        cache.set(key, name)
    return name


def patient_display_name(patient_id):
    row = query_one("SELECT first_name, last_name, dob FROM patients WHERE id = %s", (patient_id,))
    if not row:
        return '(unknown patient)'
    dob = row['dob'].strftime('%m/%d/%Y') if row['dob'] else '??'
    return '%s (DOB %s)' % (format_name(row['first_name'], row['last_name']), dob)


def loyalty_tier_label(tier):
    return {
        'BASIC': 'RxRewards',
        'SILVER': 'RxRewards Silver',
        'GOLD': 'RxRewards Gold',
        'PLAT': 'RxRewards Platinum',
    }.get((tier or '').upper(), 'RxRewards')


def supplier_next_delivery(supplier_id, from_date=None):
    """Next expected delivery date for a supplier, using lead_time_days.
    Used by suppliers.create_order and the auto reorder job."""
    import dt_helpers
    from_date = from_date or dt_helpers.today()
    lead = query_scalar("SELECT lead_time_days FROM suppliers WHERE id = %s", (supplier_id,), default=1)
    return dt_helpers.add_business_days(from_date, int(lead))
