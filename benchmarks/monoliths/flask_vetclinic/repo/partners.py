"""Everything that talks to somebody else's server.

textbridge = SMS, petinsure-hub = direct insurance claims, lablink = external lab,
VetSupply EDI = wholesaler orders, card terminals post to /hooks/card (see vetapp).
"""
import hashlib
import hmac
import logging
import time

import requests

from config import Config

log = logging.getLogger("pc.partners")


class PartnerError(Exception):
    pass


def _post(url, payload, headers=None, timeout=15, tries=3):
    last = None
    for attempt in range(tries):
        try:
            r = requests.post(url, json=payload, headers=headers or {}, timeout=timeout)
            if r.status_code >= 500:
                raise PartnerError("%s -> %s" % (url, r.status_code))
            return r
        except (requests.RequestException, PartnerError) as exc:
            last = exc
            log.warning("POST %s failed (try %d): %s", url, attempt + 1, exc)
            time.sleep(1.5 * (attempt + 1))
    raise PartnerError(str(last))


def _get(url, params=None, headers=None, timeout=15):
    try:
        r = requests.get(url, params=params, headers=headers or {}, timeout=timeout)
    except requests.RequestException as exc:
        raise PartnerError(str(exc))
    if r.status_code != 200:
        raise PartnerError("%s -> %s" % (url, r.status_code))
    return r.json()


def check_signature(secret, body, signature):
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, (signature or "").replace("sha256=", ""))


# ---------------------------------------------------------------- SMS


class TextBridge(object):
    def __init__(self, url=None, key=None, sender=None):
        self.url = url or Config.SMS_API_URL
        self.key = key or Config.SMS_API_KEY
        self.sender = sender or Config.SMS_SENDER

    def send(self, to, body):
        if len(body) > 459:
            body = body[:456] + "..."   # 3 segments max, finance complained
        r = _post(self.url + "/messages", {"from": self.sender, "to": to, "text": body},
                  headers={"Authorization": "Bearer " + self.key})
        data = r.json()
        if r.status_code != 201:
            raise PartnerError("sms rejected: %s" % data.get("error", r.status_code))
        return data["id"]

    def balance(self):
        return _get(self.url + "/account", headers={"Authorization": "Bearer " + self.key}).get("credits", 0)


def send_sms(to, body):
    """Module level shortcut, most callers use this."""
    if not to:
        raise PartnerError("no number")
    return TextBridge().send(to, body)


# ---------------------------------------------------------------- insurance


class PetInsureHub(object):
    def __init__(self):
        self.base = Config.INSURER_API_URL
        self.headers = {"X-Api-Key": Config.INSURER_API_KEY, "X-Practice": Config.PRACTICE_NAME}

    def submit(self, claim, invoice, lines, policy):
        payload = {
            "policy_number": policy["policy_no"],
            "insurer": policy["insurer"],
            "invoice_number": invoice["number"],
            "amount": str(claim["claimed_amount"]),
            "lines": [{"desc": l["description"], "qty": str(l["qty"]), "price": str(l["unit_price"])} for l in lines],
        }
        r = _post(self.base + "/claims", payload, headers=self.headers, timeout=30)
        if r.status_code not in (200, 201):
            raise PartnerError("claim refused: %s" % r.text[:200])
        return r.json()["reference"]

    def status(self, insurer_ref):
        data = _get(self.base + "/claims/" + insurer_ref, headers=self.headers)
        return data.get("status"), data.get("settled_amount")


# ---------------------------------------------------------------- lab


class LabLink(object):
    def order(self, lab_order_id, panel, pet, vet_name):
        r = _post(Config.LAB_URL, {"account": Config.LAB_ACCOUNT, "our_ref": lab_order_id, "panel": panel,
                                   "patient": {"name": pet["name"], "species": pet.get("species")},
                                   "clinician": vet_name})
        return r.json().get("accession")


def parse_lab_payload(payload):
    """lablink sends either their JSON or, for the old analyser, pipe separated OBX lines."""
    if "results" in payload:
        return payload["accession"], payload["results"]
    results = []
    for line in payload.get("raw", "").splitlines():
        parts = line.split("|")
        if len(parts) < 8 or parts[0] != "OBX":
            continue
        results.append({"analyte": parts[3], "value": parts[5], "units": parts[6], "range": parts[7],
                        "flag": parts[8] if len(parts) > 8 else None})
    return payload.get("accession"), results


# ---------------------------------------------------------------- wholesaler


def send_purchase_order(supplier, po_id, lines):
    if not supplier.get("edi_endpoint"):
        # small suppliers: we just email them, someone does it by hand
        log.info("supplier %s has no EDI, PO %s must be emailed", supplier["name"], po_id)
        return None
    body = {"account": supplier["account_no"], "order_ref": "PO%05d" % po_id,
            "lines": [{"sku": l["sku"], "qty": l["qty"]} for l in lines]}
    r = _post(supplier["edi_endpoint"], body, timeout=Config.SUPPLIER_TIMEOUT)
    return r.json().get("confirmation")


def parse_price_file(text):
    """VetSupply CSV price file: sku;description;pack;price"""
    prices = {}
    for n, line in enumerate(text.splitlines()):
        if n == 0 or not line.strip():
            continue
        sku, _desc, _pack, price = line.split(";")[:4]
        prices[sku.strip()] = price.strip().replace(",", ".")
    return prices
