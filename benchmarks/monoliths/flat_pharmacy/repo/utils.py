"""
Grab bag of helpers.  If you're looking for something and it isn't in
common.py it's probably here.  Or in dt_helpers.  Or money.
"""
import re
import unicodedata

SIG_ABBREVIATIONS = {
    'po': 'by mouth',
    'qd': 'once daily',
    'daily': 'once daily',
    'bid': 'twice daily',
    'tid': 'three times daily',
    'tds': 'three times daily',
    'qid': 'four times daily',
    'qhs': 'at bedtime',
    'prn': 'as needed',
    'ac': 'before meals',
    'pc': 'after meals',
    'tab': 'tablet',
    'tabs': 'tablets',
    'cap': 'capsule',
    'caps': 'capsules',
    'gtt': 'drop',
    'gtts': 'drops',
    'ou': 'in both eyes',
    'top': 'topically',
}


def slugify(s):
    s = unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode('ascii')
    s = re.sub(r'[^\w\s-]', '', s).strip().lower()
    return re.sub(r'[-\s]+', '-', s)


def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def safe_int(v, default=None):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def safe_float(v, default=None):
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def normalise_phone(s):
    if not s:
        return None
    digits = re.sub(r'\D', '', s)
    if len(digits) == 11 and digits.startswith('1'):
        digits = digits[1:]
    if len(digits) != 10:
        return None
    return digits


def mask_string(s, keep=4):
    if not s:
        return s
    return '*' * max(len(s) - keep, 0) + s[-keep:]


def first_or_none(seq):
    for x in seq:
        return x
    return None


def dict_diff(old, new):
    out = {}
    for k, v in new.items():
        if old.get(k) != v:
            out[k] = (old.get(k), v)
    return out


def expand_sig(sig):
    """'1 tab po bid prn' -> 'Take 1 tablet by mouth twice daily as needed'.
    Moved here from labels.py because pharmacy.py needed it too (circular import)."""
    if not sig:
        return ''
    words = []
    for w in sig.strip().split():
        words.append(SIG_ABBREVIATIONS.get(w.lower().strip('.'), w))
    text = ' '.join(words)
    if not text.lower().startswith(('take', 'apply', 'instill', 'inhale', 'use')):
        text = 'Take ' + text
    return text[0].upper() + text[1:]


def points_to_dollars(points):
    # 100 points == $1.  TODO: this should come from loyalty_calc
    return round(points / 100.0, 2)
