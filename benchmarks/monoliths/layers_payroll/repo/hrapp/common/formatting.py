import secrets
import string


def generate_reference(prefix, length=8):
    alphabet = string.ascii_uppercase + string.digits
    return prefix + "-" + "".join(secrets.choice(alphabet) for _ in range(length))


def mask_iban(iban):
    if not iban:
        return ""
    compact = iban.replace(" ", "")
    return compact[:4] + "*" * (len(compact) - 8) + compact[-4:]


def mask_national_id(value):
    # BSN / SSN: only keep the last three digits in UI payloads
    if not value:
        return ""
    return "*" * (len(value) - 3) + value[-3:]


def paginate_args(args, default_limit=50, max_limit=500):
    limit = min(int(args.get("limit", default_limit)), max_limit)
    offset = max(int(args.get("offset", 0)), 0)
    return limit, offset
