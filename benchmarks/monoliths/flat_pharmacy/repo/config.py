"""
RxBO configuration.

Values come from the environment (see /etc/rxbo/env on the boxes) with
defaults that work on the dev VM.  Do NOT commit real passwords here again.
"""
import os
import json

DB_HOST = os.environ.get('RXBO_DB_HOST', 'localhost')
DB_PORT = int(os.environ.get('RXBO_DB_PORT', '3306'))
DB_USER = os.environ.get('RXBO_DB_USER', 'rxbo')
DB_PASS = os.environ.get('RXBO_DB_PASS', '')
DB_NAME = os.environ.get('RXBO_DB_NAME', 'rxbo')

SMTP_HOST = os.environ.get('RXBO_SMTP_HOST', 'localhost')
MAIL_FROM = 'noreply@familyrxpharmacy.com'
OPS_EMAIL = 'rx-ops@familyrxpharmacy.com'

SMS_GATEWAY_URL = os.environ.get('RXBO_SMS_URL', 'https://api.textgw.example.com/v2/send')
SMS_API_KEY = os.environ.get('RXBO_SMS_KEY', '')

EDI_OUTBOX = '/var/spool/rxbo/edi/out'
EDI_INBOX = '/var/spool/rxbo/edi/in'
REMIT_INBOX = '/var/spool/rxbo/835'
NCPDP_SWITCH_URL = os.environ.get('RXBO_SWITCH_URL', 'https://switch.example.com/ncpdp/d0')
NCPDP_SOFTWARE_ID = 'RXBO0316'

LABEL_PRINTER_DEFAULT = 'zebra-rx-1'
REPORT_DIR = '/var/lib/rxbo/reports'
RX_IMAGE_DIR = '/var/lib/rxbo/rx_images'
LOCK_DIR = '/var/run/rxbo'
LOG_DIR = '/var/log/rxbo'

DEBUG = os.environ.get('RXBO_DEBUG', '0') == '1'
SECRET_KEY = os.environ.get('RXBO_SECRET', 'dev-secret-change-me')

SALES_TAX_RATE = '0.0725'
REFILL_REMINDER_DAYS = 5
UNCOLLECTED_RETURN_DAYS = 14
POINTS_EXPIRY_MONTHS = 12
CLAIM_MAX_ATTEMPTS = 4
RX_IMAGE_RETENTION_DAYS = 365 * 7

_overrides = {}


def load_overrides(path=None):
    """Load /etc/rxbo/overrides.json if present (per-branch hacks live there)."""
    global _overrides
    path = path or os.environ.get('RXBO_OVERRIDES', '/etc/rxbo/overrides.json')
    if not os.path.exists(path):
        return {}
    with open(path) as fh:
        _overrides = json.load(fh)
    return _overrides


def get_setting(name, default=None):
    if name in _overrides:
        return _overrides[name]
    return globals().get(name, default)
