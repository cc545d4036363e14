"""Client for the driving licence check provider (DVLA share-code API via
LicenceCheck Ltd). Non-GB licences are not supported by the provider and
go to the manual review queue."""
import logging
from collections import namedtuple

import requests
from flask import current_app

from carshare.lib.decorators import retry, timed

log = logging.getLogger(__name__)

PROVIDER = "licencecheck"

CheckOutcome = namedtuple("CheckOutcome", "provider result points raw")


class LicenceApiError(Exception):
    pass


def _session():
    s = requests.Session()
    s.headers["Authorization"] = "Bearer %s" % current_app.config["LICENCE_API_KEY"]
    s.headers["Accept"] = "application/json"
    return s


@retry(times=3, exceptions=(requests.ConnectionError, requests.Timeout))
def _post(path, payload):
    url = current_app.config["LICENCE_API_URL"].rstrip("/") + path
    resp = _session().post(url, json=payload, timeout=10)
    if resp.status_code >= 500:
        raise LicenceApiError("provider error %s" % resp.status_code)
    return resp


def _interpret(data):
    status = (data.get("status") or "").lower()
    points = sum(int(e.get("points", 0)) for e in data.get("endorsements", []))
    if status == "not_found":
        return "not_found", None
    if data.get("disqualified") or status == "disqualified":
        return "disqualified", points
    if points:
        return "points", points
    if status == "valid":
        return "ok", 0
    return "error", None


@timed("licence_api.check_licence")
def check_licence(licence_number, country="GB"):
    if country != "GB":
        return CheckOutcome(PROVIDER, "error", None, {"reason": "unsupported country %s" % country})
    if current_app.config.get("TESTING"):
        return CheckOutcome(PROVIDER, "ok", 0, {"fake": True})
    try:
        resp = _post("/licences/check", {"driverNumber": licence_number})
    except (LicenceApiError, requests.RequestException) as exc:
        log.warning("licence check failed: %s", exc)
        return CheckOutcome(PROVIDER, "error", None, {"error": str(exc)})
    if resp.status_code == 404:
        return CheckOutcome(PROVIDER, "not_found", None, resp.text)
    data = resp.json()
    result, points = _interpret(data)
    return CheckOutcome(PROVIDER, result, points, data)


def check_share_code(licence_number, share_code):
    """Members can give us a DVLA share code instead of consenting to a check."""
    try:
        resp = _post("/sharecodes/verify", {"driverNumber": licence_number, "shareCode": share_code})
    except LicenceApiError as exc:
        return CheckOutcome(PROVIDER, "error", None, {"error": str(exc)})
    data = resp.json()
    result, points = _interpret(data)
    return CheckOutcome(PROVIDER + ":sharecode", result, points, data)
