# Helpers carried over from the old PHP system (CareDesk). Do not use in new code.
import hashlib
from datetime import datetime


def old_md5_password(pw, salt="caredesk"):
    # still needed for users who have never logged in since the migration (2021)
    return hashlib.md5((salt + pw).encode("utf-8")).hexdigest()


def legacy_ref(prefix, id_):
    return "%s%06d" % (prefix, id_)


def parse_caredesk_date(s):
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(s, fmt)
        except (ValueError, TypeError):
            continue
    return None
