# config.py - settings for LHS
# DO NOT commit passwords here, use local_settings.py (not in svn)
import os

DB_HOST = os.environ.get('LHS_DB_HOST', 'localhost')
DB_NAME = os.environ.get('LHS_DB_NAME', 'lhs')
DB_USER = os.environ.get('LHS_DB_USER', 'lhs')
DB_PASSWORD = os.environ.get('LHS_DB_PASSWORD', '')
DB_POOL_MAX = 8

SECRET_KEY = 'change-me-in-local-settings'
DEBUG = False

SMTP_HOST = 'mail.internal'
SMTP_FROM = 'noreply@cleanlinen.co.uk'
ACCOUNTS_EMAIL = 'accounts@cleanlinen.co.uk'
TRANSPORT_EMAIL = 'transport@cleanlinen.co.uk'
PLANT_MANAGER_EMAIL = 'plant@cleanlinen.co.uk'

COMPANY_NAME = 'Clean Linen Services Ltd'
COMPANY_VAT_NO = 'GB 123 4567 89'

DEFAULT_DEPOT = 'MAIN'
DEPOTS = ['MAIN', 'NORTH']

# billing
INVOICE_PREFIX = 'INV'
CREDIT_PREFIX = 'CRN'
DEFAULT_PAYMENT_TERMS = 30
MIN_INVOICE_VALUE = 5.00
SAGE_EXPORT_DIR = '/srv/lhs/exports/sage'

# plant
MAX_BATCH_OVERLOAD_PCT = 10
REJECT_ALERT_PCT = 6.0

# rfid
RFID_UNSEEN_DAYS = 42
RFID_READ_BATCH = 5000

# transport
VAN_LOAD_MARGIN = 0.9

# payroll
PAYROLL_EXPORT_DIR = '/srv/lhs/exports/payroll'
OVERTIME_AFTER_HOURS = 8.0

LOCK_DIR = '/tmp'

_overrides = {}


def load_local():
    """pull in local_settings.py if there is one"""
    try:
        import local_settings
    except ImportError:
        return
    for k in dir(local_settings):
        if k.isupper():
            globals()[k] = getattr(local_settings, k)
            _overrides[k] = getattr(local_settings, k)


def get(key, default=None):
    return globals().get(key, default)


load_local()
