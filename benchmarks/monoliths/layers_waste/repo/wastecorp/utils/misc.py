"""Odds and ends.  If you are adding to this file, please don't."""
import logging
import re
import smtplib
import unicodedata
from decimal import Decimal
from email.mime.text import MIMEText

from flask import current_app
from sqlalchemy import text

from wastecorp.extensions import db

log = logging.getLogger(__name__)

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")

# district -> depot.  Maintained by the ops planners; the NORTH/SOUTH split
# moved in 2020 when the new depot opened, see ROUTES-118.
DEPOT_BY_DISTRICT = {
    "WC1": "NORTH", "WC2": "NORTH", "N1": "NORTH", "N4": "NORTH", "N7": "NORTH",
    "E1": "EAST", "E2": "EAST", "E3": "EAST", "E14": "EAST",
    "SE1": "SOUTH", "SE5": "SOUTH", "SE15": "SOUTH", "SW9": "SOUTH",
}

# European Waste Catalogue codes we actually see on tickets
EWC_CODES = {
    "20 03 01": "Mixed municipal waste",
    "20 01 01": "Paper and cardboard",
    "20 01 02": "Glass",
    "20 01 08": "Biodegradable kitchen and canteen waste",
    "20 02 01": "Biodegradable garden waste",
    "15 01 06": "Mixed packaging",
    "20 03 07": "Bulky waste",
    "19 12 12": "Other wastes from mechanical treatment",
}


def slugify(value):
    value = unicodedata.normalize("NFKD", u"%s" % value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def safe_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def tonnes_from_kg(kg):
    if kg is None:
        return Decimal("0.000")
    return (Decimal(str(kg)) / Decimal(1000)).quantize(Decimal("0.001"))


def normalise_postcode(raw):
    if not raw:
        return None
    cleaned = re.sub(r"\s+", "", raw.upper())
    m = POSTCODE_RE.match(cleaned)
    if not m:
        return None
    return "%s %s" % (m.group(1), m.group(2))


def postcode_district(postcode):
    pc = normalise_postcode(postcode)
    return pc.split(" ")[0] if pc else None


def postcode_to_depot(postcode):
    """Which depot's rounds serve this postcode.  Falls back to route table."""
    district = postcode_district(postcode)
    if district in DEPOT_BY_DISTRICT:
        return DEPOT_BY_DISTRICT[district]
    row = db.session.execute(text(
        "SELECT r.depot FROM routes r "
        "JOIN route_stops s ON s.route_id = r.id "
        "JOIN service_addresses a ON a.id = s.service_address_id "
        "WHERE a.postcode LIKE :d LIMIT 1"), {"d": (district or "") + "%"}).fetchone()
    return row[0] if row else None


def old_postcode_lookup(postcode):
    # pre-2020 mapping, kept for the migration scripts.  Not called any more.
    district = postcode_district(postcode) or ""
    if district.startswith(("N", "WC")):
        return "NORTH"
    return "SOUTH"


def ewc_description(code):
    return EWC_CODES.get((code or "").strip(), "Unknown (%s)" % code)


def generate_account_no(prefix="WC"):
    """Next customer account number.  Not concurrency safe, see CUST-77."""
    row = db.session.execute(text(
        "SELECT MAX(CAST(SUBSTR(account_no, 3) AS INTEGER)) FROM customers "
        "WHERE account_no LIKE :p"), {"p": prefix + "%"}).fetchone()
    nxt = (row[0] or 100000) + 1
    return "%s%06d" % (prefix, nxt)


def send_email(to, subject, body, sender=None):
    cfg = current_app.config
    msg = MIMEText(body, "plain", "utf-8")
    msg["Subject"] = subject
    msg["From"] = sender or cfg.get("MAIL_FROM")
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    try:
        smtp = smtplib.SMTP(cfg.get("MAIL_SERVER"), cfg.get("MAIL_PORT"))
        smtp.sendmail(msg["From"], [msg["To"]], msg.as_string())
        smtp.quit()
        return True
    except Exception:  # noqa - never let mail break a request
        log.exception("failed to send mail to %s", to)
        return False


class Struct(dict):
    """dict with attribute access; used all over the report code."""

    def __getattr__(self, item):
        try:
            return self[item]
        except KeyError:
            raise AttributeError(item)

    def __setattr__(self, key, value):
        self[key] = value
