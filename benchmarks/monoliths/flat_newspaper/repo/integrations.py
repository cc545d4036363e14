# -*- coding: utf-8 -*-
"""Talking to the outside world: card gateway, BACS bureau files, the print
plant, the website, e-mail, the mailing list.  Nothing in here should touch
the database directly (a few do, sorry)."""
from __future__ import print_function, unicode_literals

import datetime
import ftplib
import hashlib
import hmac
import io
import json
import logging
import os
import smtplib
import xml.etree.ElementTree as ET
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import requests

import config

log = logging.getLogger("courier.integrations")


class IntegrationError(Exception):
    pass


def _post_json(url, payload, headers=None, timeout=20):
    headers = dict(headers or {})
    headers.setdefault("Content-Type", "application/json")
    try:
        resp = requests.post(url, data=json.dumps(payload), headers=headers, timeout=timeout)
    except requests.RequestException as e:
        raise IntegrationError("POST %s failed: %s" % (url, e))
    if resp.status_code >= 400:
        raise IntegrationError("POST %s -> %s %s" % (url, resp.status_code, resp.text[:300]))
    return resp.json() if resp.content else {}


def send_email(to, subject, body, attachments=None, reply_to=None):
    if not to:
        return False
    msg = MIMEMultipart()
    msg["From"] = config.MAIL_FROM
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    msg["Subject"] = subject
    if reply_to:
        msg["Reply-To"] = reply_to
    msg.attach(MIMEText(body, "plain", "utf-8"))
    for name, data in (attachments or []):
        part = MIMEApplication(data, Name=name)
        part["Content-Disposition"] = 'attachment; filename="%s"' % name
        msg.attach(part)
    try:
        s = smtplib.SMTP(config.SMTP_HOST, 25, timeout=30)
        s.sendmail(config.MAIL_FROM, [to] if isinstance(to, str) else to, msg.as_string())
        s.quit()
    except Exception:
        log.exception("mail to %s failed", to)
        return False
    return True


def postcode_lookup(postcode):
    try:
        resp = requests.get(config.POSTCODE_API, params={"postcode": postcode}, timeout=8)
        resp.raise_for_status()
    except requests.RequestException:
        log.warning("postcode lookup failed for %s", postcode)
        return []
    return [dict(line1=a.get("line_1"), line2=a.get("line_2"), town=a.get("post_town"),
                 postcode=a.get("postcode")) for a in resp.json().get("result", [])]


# ---------------------------------------------------------------------------
# Card payments
# ---------------------------------------------------------------------------

class CardGateway(object):
    """Thin client for the hosted card gateway.  Card details never touch us:
    the browser gets a token from the gateway's JS and we charge the token."""

    def __init__(self, url=None, key=None):
        self.url = (url or config.GATEWAY_URL).rstrip("/")
        self.key = key or config.GATEWAY_KEY

    def _headers(self):
        return {"Authorization": "Bearer %s" % self.key}

    def charge(self, amount_pence, token, description, reference):
        out = _post_json(self.url + "/payments", {
            "amount": amount_pence, "currency": "GBP", "source": token,
            "description": description[:120], "merchant_reference": reference,
        }, self._headers())
        if out.get("status") not in ("succeeded", "authorised"):
            raise IntegrationError("card declined: %s" % out.get("decline_reason", out.get("status")))
        return out["id"]

    def refund(self, payment_id, amount_pence):
        return _post_json(self.url + "/payments/%s/refunds" % payment_id,
                          {"amount": amount_pence}, self._headers())

    def verify_webhook(self, body, signature):
        mac = hmac.new(config.GATEWAY_WEBHOOK_SECRET.encode("utf-8"), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(mac, signature or "")


def card_gateway():
    return CardGateway()


# ---------------------------------------------------------------------------
# BACS (Standard 18 via the bureau)
# ---------------------------------------------------------------------------

class BacsFile(object):
    """Builds the bureau's CSV flavour of a Standard 18 submission:
    one line per instruction.  0N = new mandate (AUDDIS), 0C = cancel,
    01 = first collection, 17 = repeat, 19 = re-presentation."""

    def __init__(self, processing_date):
        self.processing_date = processing_date
        self.lines = []
        self.total = 0

    def add_mandate(self, mandate, code="0N"):
        self.lines.append([mandate["sort_code"], mandate["account_no"], mandate["account_name"],
                           mandate["reference"], code, "0"])

    def add_collection(self, coll):
        self.lines.append([coll["sort_code"], coll["account_no"], coll["account_name"],
                           coll["reference"], coll["txn_code"], str(coll["amount_pence"])])
        self.total += coll["amount_pence"]

    def render(self):
        out = io.StringIO()
        out.write("H,%s,%s\r\n" % (config.BACS_SUN, self.processing_date.strftime("%Y%m%d")))
        for line in self.lines:
            out.write(",".join(x.replace(",", " ") for x in line) + "\r\n")
        out.write("T,%d,%d\r\n" % (len(self.lines), self.total))
        return out.getvalue()

    def write(self, prefix="DD"):
        name = "%s_%s.csv" % (prefix, self.processing_date.strftime("%Y%m%d"))
        path = os.path.join(config.BACS_OUTBOX, name)
        n = 1
        while os.path.exists(path):
            n += 1
            name = "%s_%s_%d.csv" % (prefix, self.processing_date.strftime("%Y%m%d"), n)
            path = os.path.join(config.BACS_OUTBOX, name)
        with io.open(path, "w", encoding="ascii", errors="replace") as fh:
            fh.write(self.render())
        return name


def parse_arudd(path):
    """ARUDD = unpaid direct debits.  Returns dicts with reference, amount_pence,
    code (0 refer to payer, 1 instruction cancelled, 2 payer deceased, ...), date."""
    tree = ET.parse(path)
    out = []
    for item in tree.iter("ReturnedDebitItem"):
        payer = item.find("PayerAccount")
        out.append({
            "reference": payer.get("ref"),
            "amount_pence": int(round(float(item.get("valueOf")) * 100)),
            "code": item.get("returnCode"),
            "date": datetime.datetime.strptime(item.get("originalProcessingDate"), "%Y-%m-%d").date(),
        })
    return out


def parse_addacs(path):
    """ADDACS = payer's bank telling us a mandate was cancelled/changed."""
    tree = ET.parse(path)
    return [{"reference": el.get("reference"), "reason": el.get("reason-code"),
             "effective": el.get("effective-date")}
            for el in tree.iter("ReportDetail")]


# ---------------------------------------------------------------------------
# Southern Print - print orders and mailroom bundle files
# ---------------------------------------------------------------------------

def _plant_ftp():
    ftp = ftplib.FTP(config.PLANT_FTP_HOST, timeout=60)
    ftp.login(config.PLANT_FTP_USER, config.PLANT_FTP_PASS)
    return ftp


def send_print_order(issue, order, pages):
    """Print order: title, date, pagination (which pages colour) and copies."""
    name = "PO_%s_%s.txt" % (issue["pub_code"], issue["issue_date"].strftime("%Y%m%d"))
    body = ["TITLE=%s" % issue["pub_code"], "DATE=%s" % issue["issue_date"].isoformat(),
            "EDITION=%s" % issue["edition"], "PAGES=%s" % issue["page_count"],
            "COLOUR=%s" % ",".join(str(p["page_no"]) for p in pages if p["colour"]),
            "COPIES=%d" % (order["copies_subs"] + order["copies_retail"] + order["copies_spare"])]
    ftp = _plant_ftp()
    try:
        ftp.cwd("/incoming/orders")
        ftp.storbinary("STOR " + name, io.BytesIO("\r\n".join(body).encode("ascii")))
    finally:
        ftp.quit()
    return name


def send_bundle_file(issue, draw_rows):
    """Mailroom wants one line per route so it can print the bundle tops."""
    name = "BUNDLES_%s_%s.csv" % (issue["pub_code"], issue["issue_date"].strftime("%Y%m%d"))
    lines = ["route,depot,carrier,copies"]
    for r in draw_rows:
        lines.append("%s,%s,%s,%d" % (r["route_code"], r["depot"], (r["carrier_name"] or "VACANT").replace(",", " "),
                                      r["copies"]))
    ftp = _plant_ftp()
    try:
        ftp.cwd("/incoming/mailroom")
        ftp.storbinary("STOR " + name, io.BytesIO("\n".join(lines).encode("utf-8")))
    finally:
        ftp.quit()
    return name


# ---------------------------------------------------------------------------
# Website / advertising partners / marketing
# ---------------------------------------------------------------------------

def push_classifieds_to_web(issue_date, rows):
    payload = {"date": issue_date.isoformat(),
               "ads": [{"ref": r["ref"], "category": r["category"], "text": r["body"],
                        "notice": bool(r["is_notice"])} for r in rows]}
    return _post_json(config.WEB_CLASSIFIEDS_FEED, payload,
                      {"X-Api-Key": os.environ.get("COURIER_WEB_KEY", "")})


def parse_agency_eorder(xml_text):
    """Agencies (mostly the motor groups' agency in Tunbridge Wells) send
    e-orders as XML.  We only take the bits we need."""
    root = ET.fromstring(xml_text)
    order = {"agency_ref": root.findtext("OrderRef"), "advertiser": root.findtext("Client/Name"),
             "po_reference": root.findtext("PurchaseOrder"), "insertions": []}
    for ins in root.iter("Insertion"):
        order["insertions"].append({
            "title": ins.findtext("Publication"),
            "date": datetime.datetime.strptime(ins.findtext("Date"), "%d/%m/%Y").date(),
            "columns": int(ins.findtext("Size/Columns")),
            "height_cm": float(ins.findtext("Size/Height")),
            "colour": ins.findtext("Colour", "N").upper().startswith("Y"),
            "position": ins.findtext("Position") or "ROP",
        })
    return order


def send_fax_proof(fax_number, pdf_bytes):
    # fax gateway was switched off in 2022 - left in case anyone asks
    return send_email("%s@fax.wealdshire.local" % fax_number.replace(" ", ""), "Proof", "See attached",
                      [("proof.pdf", pdf_bytes)])


def mailing_list_sync(rows, list_id="subscribers"):
    """Opted-in subscribers to the newsletter platform (batch upsert)."""
    members = [{"email": r["email"], "merge_fields": {"FNAME": r["first_name"] or "", "LNAME": r["last_name"],
                                                      "ACCOUNT": r["account_no"], "TITLES": r["titles"] or ""}}
               for r in rows if r["email"]]
    done = 0
    for i in range(0, len(members), 500):
        _post_json("https://lists.mailer.example/3.0/lists/%s/members" % list_id,
                   {"members": members[i:i + 500], "update_existing": True})
        done += len(members[i:i + 500])
    return done
