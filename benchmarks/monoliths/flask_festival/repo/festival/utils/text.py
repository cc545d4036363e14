import random
import re
import string
import unicodedata

_slug_strip = re.compile(r"[^\w\s-]")
_slug_hyphenate = re.compile(r"[-\s]+")

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I/O/0/1


def slugify(value):
    value = unicodedata.normalize("NFKD", u"%s" % value).encode("ascii", "ignore").decode("ascii")
    value = _slug_strip.sub("", value).strip().lower()
    return _slug_hyphenate.sub("-", value)


def truncate(value, length=80, suffix=u"\u2026"):
    if value is None:
        return ""
    if len(value) <= length:
        return value
    return value[: length - len(suffix)].rstrip() + suffix


def random_reference(prefix="", length=8):
    body = "".join(random.choice(REFERENCE_ALPHABET) for _ in range(length))
    return (prefix + body).upper()


def normalise_email(email):
    return (email or "").strip().lower()


def mask_email(email):
    if not email or "@" not in email:
        return email
    local, domain = email.split("@", 1)
    return local[:1] + "***@" + domain


def random_token(length=32):
    return "".join(random.SystemRandom().choice(string.ascii_letters + string.digits)
                   for _ in range(length))
