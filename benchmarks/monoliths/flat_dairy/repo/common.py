# -*- coding: utf-8 -*-
# common bits used all over the place
import datetime
import hashlib
import logging
import smtplib
import random
import string
from email.mime.text import MIMEText

import web
import settings
import dbfuncs

log = logging.getLogger('dairy')

MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun',
          'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']


class Struct:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def has_key(self, k):
        return self.__dict__.has_key(k)


def format_money(amount, symbol=True):
    if amount is None:
        amount = 0
    s = '%0.2f' % float(amount)
    if float(amount) < 0:
        s = '(%s)' % s[1:]
    if symbol:
        return u'\xa3' + s
    return s


def format_ppl(ppl):
    if ppl is None:
        return ''
    return '%0.3fppl' % float(ppl)


def format_litres(litres):
    if not litres:
        return '0 l'
    return '{:,} l'.format(int(litres))


def format_date(d, fmt='%d/%m/%Y'):
    if not d:
        return ''
    return d.strftime(fmt)


def parse_date(s):
    if not s:
        return None
    if isinstance(s, datetime.date):
        return s
    for fmt in ('%d/%m/%Y', '%Y-%m-%d', '%d/%m/%y', '%d-%m-%Y'):
        try:
            return datetime.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            pass
    return None


def month_key(d):
    return '%04d-%02d' % (d.year, d.month)


def month_bounds(month):
    """'2012-04' -> (date(2012,4,1), date(2012,4,30))"""
    y, m = [int(x) for x in month.split('-')]
    start = datetime.date(y, m, 1)
    if m == 12:
        end = datetime.date(y + 1, 1, 1) - datetime.timedelta(days=1)
    else:
        end = datetime.date(y, m + 1, 1) - datetime.timedelta(days=1)
    return start, end


def month_label(month):
    y, m = month.split('-')
    return '%s %s' % (MONTHS[int(m) - 1], y)


def prev_month(month=None):
    if month is None:
        month = month_key(datetime.date.today())
    start, end = month_bounds(month)
    return month_key(start - datetime.timedelta(days=1))


def safe_int(v, default=0):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def safe_float(v, default=0.0):
    try:
        return float(str(v).replace(',', ''))
    except (TypeError, ValueError):
        return default


def round_money(x):
    # banker's rounding bit us in 2010 - always round half up
    return float(int(float(x) * 100 + (0.5 if x >= 0 else -0.5))) / 100


def vat_amount(net, rate=None):
    if rate is None:
        rate = settings.VAT_STANDARD
    return round_money(float(net) * float(rate) / 100.0)


def legacy_vat(net, on_date):
    # pre-2011 rate; kept for re-running old payment runs
    if on_date < datetime.date(2011, 1, 4):
        return round_money(float(net) * 0.175)
    return vat_amount(net)


def send_email(to, subject, body, attach=None):
    if settings.debug_enabled():
        log.info('MAIL to %s: %s', to, subject)
        return
    msg = MIMEText(body, 'plain', 'utf-8')
    msg['Subject'] = subject
    msg['From'] = settings.MAIL_FROM
    msg['To'] = to
    s = smtplib.SMTP(settings.SMTP_HOST)
    s.sendmail(settings.MAIL_FROM, [to], msg.as_string())
    s.quit()


def random_token(n=40):
    chars = string.ascii_letters + string.digits
    return ''.join([random.choice(chars) for i in range(n)])


def current_user():
    sid = web.cookies().get('dairy_sid')
    if not sid:
        return None
    return dbfuncs.get_session_user(sid)


def require_login(fn):
    def wrapper(self, *a, **kw):
        user = current_user()
        if not user:
            raise web.seeother('/login?next=%s' % web.ctx.path)
        web.ctx.user = user
        return fn(self, *a, **kw)
    return wrapper


def require_perm(perm):
    def deco(fn):
        def wrapper(self, *a, **kw):
            user = current_user()
            if not user:
                raise web.seeother('/login')
            if not dbfuncs.user_has_perm(user, perm):
                raise web.forbidden()
            web.ctx.user = user
            return fn(self, *a, **kw)
        return wrapper
    return deco


def audit(action, detail=''):
    user = web.ctx.get('user')
    uid = user and user['id'] or None
    try:
        dbfuncs.write_audit(uid, action, detail)
    except Exception:
        log.exception('audit failed')


def to_utf8(s):
    if isinstance(s, unicode):
        return s.encode('utf-8')
    return s


def csv_row(values, sep=','):
    out = []
    for v in values:
        if v is None:
            v = ''
        v = str(v)
        if sep in v or '"' in v:
            v = '"%s"' % v.replace('"', '""')
        out.append(v)
    return sep.join(out)


# ---- domain-ish helpers that ended up here ----

def format_member_no(n):
    """member numbers are V + 5 digits + mod-11 check letter"""
    n = int(n)
    digits = '%05d' % n
    total = sum([int(c) * (6 - i) for i, c in enumerate(digits)])
    return 'V%s%s' % (digits, 'ABCDEFGHJKL'[total % 11])


def valid_member_no(s):
    if not s or len(s) != 7 or s[0] != 'V':
        return False
    try:
        return format_member_no(int(s[1:6])) == s
    except ValueError:
        return False


def litres_from_dip(dip_cm, calibration):
    """Linear interpolation on the tank's dipstick calibration ('cm:litres;cm:litres;...')"""
    points = []
    for pair in (calibration or '').split(';'):
        if ':' in pair:
            cm, l = pair.split(':')
            points.append((float(cm), float(l)))
    points.sort()
    if not points:
        return 0
    dip = float(dip_cm)
    for i in range(1, len(points)):
        if points[i][0] >= dip:
            c0, l0 = points[i - 1]
            c1, l1 = points[i]
            return int(round(l0 + (l1 - l0) * (dip - c0) / (c1 - c0)))
    return int(points[-1][1])


def sample_code_for(farm_id, d):
    # lab wants 10 chars: yymmdd + 4 digit farm
    return '%s%04d' % (d.strftime('%y%m%d'), int(farm_id) % 10000)


def scc_band(scc):
    if scc is None:
        return '?'
    if scc < 200000:
        return 'A'
    elif scc < 250000:
        return 'B'
    elif scc < 400000:
        return 'C'
    return 'D'


def composition_ppl(fat, protein, price):
    """pence per litre adjustment for fat/protein against standard"""
    adj = 0.0
    if fat:
        adj += (float(fat) - float(price['std_fat'])) * 10 * float(price['fat_ppl'] or 0)
    if protein:
        adj += (float(protein) - float(price['std_protein'])) * 10 * float(price['protein_ppl'] or 0)
    return round(adj, 3)


def shift_hours(start, end):
    if not start or not end:
        return 0
    secs = (end - start).seconds
    return round(secs / 3600.0, 2)


def normalise_sku(sku):
    return (sku or '').strip().upper().replace(' ', '-')


def hash_password(pw, salt=None):
    if salt is None:
        salt = random_token(8)
    h = hashlib.sha1((salt + pw).encode('utf-8')).hexdigest()
    return '%s$%s' % (salt, h)


def check_password(pw, stored):
    if not stored or '$' not in stored:
        # very old accounts have md5 with no salt
        return hashlib.md5(pw.encode('utf-8')).hexdigest() == stored
    salt, h = stored.split('$', 1)
    return hash_password(pw, salt) == stored


def next_invoice_no(last):
    # SI000123 -> SI000124
    if not last:
        return 'SI000001'
    return 'SI%06d' % (int(last[2:]) + 1)
