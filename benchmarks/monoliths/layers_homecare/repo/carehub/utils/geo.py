import math
import re

import requests

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")


def normalise_postcode(pc):
    if not pc:
        return None
    pc = pc.strip().upper().replace("  ", " ")
    m = POSTCODE_RE.match(pc.replace(" ", "") if " " not in pc else pc)
    if not m:
        m = POSTCODE_RE.match(pc.replace(" ", ""))
    if not m:
        return pc
    return "%s %s" % (m.group(1), m.group(2))


def haversine_km(lat1, lng1, lat2, lng2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def geocode_postcode(pc):
    try:
        resp = requests.get("https://api.postcodes.io/postcodes/%s" % pc.replace(" ", ""), timeout=5)
        if resp.status_code == 200:
            res = resp.json()["result"]
            return res["latitude"], res["longitude"]
    except requests.RequestException:
        pass
    return None, None


def km_to_miles(km):
    return km * 0.621371
