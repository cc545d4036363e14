import logging

import requests
from django.core.cache import cache

from utils.helpers import normalise_postcode

log = logging.getLogger(__name__)
LOOKUP_URL = "https://api.getaddress.example/find/%s"


def lookup_addresses(postcode):
    pc = normalise_postcode(postcode)
    key = "pc:" + pc.replace(" ", "")
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        resp = requests.get(LOOKUP_URL % pc, timeout=5)
        resp.raise_for_status()
        addresses = resp.json().get("addresses", [])
    except Exception:
        log.warning("postcode lookup failed for %s", pc)
        return []
    cache.set(key, addresses, 60 * 60 * 24)
    return addresses


def is_valid_uk_postcode(postcode):
    from utils.helpers import POSTCODE_RE
    return bool(POSTCODE_RE.match((postcode or "").upper().replace(" ", "")))
