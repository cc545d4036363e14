from django.core import signing

MAGIC_LINK_SALT = "accounts.magic-link"
MAGIC_LINK_MAX_AGE = 60 * 20


def make_magic_token(member):
    return signing.dumps({"m": member.pk, "e": member.email}, salt=MAGIC_LINK_SALT)


def read_magic_token(token):
    try:
        data = signing.loads(token, salt=MAGIC_LINK_SALT, max_age=MAGIC_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return data
