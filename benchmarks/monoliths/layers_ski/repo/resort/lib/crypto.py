import base64
import binascii
import hashlib
import hmac
import os
import random
import string

from ..config import get_setting


def generate_token(nbytes=24):
    return binascii.hexlify(os.urandom(nbytes)).decode('ascii')


def random_code(length=8, alphabet=string.ascii_uppercase + string.digits):
    # no 0/O, 1/I confusion on printed vouchers
    alphabet = ''.join(c for c in alphabet if c not in '01OI')
    rng = random.SystemRandom()
    return ''.join(rng.choice(alphabet) for _ in range(length))


def sign_payload(payload, key=None):
    key = (key or get_setting('resort.pass_signing_key', 'dev')).encode('utf-8')
    if isinstance(payload, str):
        payload = payload.encode('utf-8')
    digest = hmac.new(key, payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest)[:16].decode('ascii')


def verify_signature(payload, signature, key=None):
    return hmac.compare_digest(sign_payload(payload, key), signature or '')
