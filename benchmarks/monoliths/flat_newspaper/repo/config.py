# -*- coding: utf-8 -*-
"""Settings for the Courier back office.  Anything secret comes from the
environment (see /etc/courier/env on app1) or local_settings.py, never git."""
import os
from decimal import Decimal


def env_bool(name, default=False):
    val = os.environ.get(name)
    if val is None:
        return default
    return val.strip().lower() in ("1", "yes", "true", "on")


DEBUG = env_bool("COURIER_DEBUG")
SECRET_KEY = os.environ.get("COURIER_SECRET", "dev-only-not-secret")
DB_DSN = os.environ.get("COURIER_DB_DSN", "dbname=courier user=courier host=db1.wealdshire.local")

# staff log in with their Windows (AD) account
LDAP_URL = os.environ.get("COURIER_LDAP_URL", "ldap://dc1.wealdshire.local")
LDAP_DOMAIN = "WEALDSHIRE"
ROLE_GROUPS = {
    "circulation": "GG-Circulation",
    "cs": "GG-CustomerService",
    "adsales": "GG-AdSales",
    "classified": "GG-Classified",
    "accounts": "GG-Accounts",
    "production": "GG-Production",
    "admin": "GG-BackOfficeAdmins",
}

SMTP_HOST = os.environ.get("COURIER_SMTP", "mail.wealdshire.local")
MAIL_FROM = "Wealdshire Courier <noreply@wealdshire-courier.example>"
ACCOUNTS_EMAIL = "accounts@wealdshire-courier.example"
CIRC_EMAIL = "circulation@wealdshire-courier.example"
ADS_EMAIL = "adsales@wealdshire-courier.example"

# card payments (hosted gateway; classified + subscription card payers)
GATEWAY_URL = os.environ.get("COURIER_GATEWAY_URL", "https://api.paysafe-gw.example/v2")
GATEWAY_KEY = os.environ.get("COURIER_GATEWAY_KEY", "")
GATEWAY_WEBHOOK_SECRET = os.environ.get("COURIER_GATEWAY_HOOK", "")

# BACS
BACS_SUN = "438621"
BACS_OUTBOX = os.environ.get("COURIER_BACS_OUTBOX", "/srv/bacs/outbox")
BACS_INBOX = os.environ.get("COURIER_BACS_INBOX", "/srv/bacs/inbox")
BACS_LEAD_DAYS = 3

# Southern Print (the plant at Crowborough) - print orders and bundle labels
PLANT_FTP_HOST = "ftp.southernprint.example"
PLANT_FTP_USER = os.environ.get("COURIER_PLANT_USER", "wealdshire")
PLANT_FTP_PASS = os.environ.get("COURIER_PLANT_PASS", "")
PLANT_SPOILAGE_PCT = 2

POSTCODE_API = "https://api.postcodes.example/v1/addresses"
WEB_CLASSIFIEDS_FEED = "https://www.wealdshire-courier.example/api/classifieds/import"

VAT_RATE = Decimal("0.20")
CARRIER_PERMIT_AGE = 16
CARRIER_MIN_AGE = 13

try:
    from local_settings import *  # noqa
except ImportError:
    pass
