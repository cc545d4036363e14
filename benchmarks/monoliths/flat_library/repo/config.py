# RLN configuration.  Values can be overridden from the environment or local_config.py
import os

DB_DSN = os.environ.get("RLN_DSN", "dbname=rln user=rln host=localhost")
SMTP_HOST = os.environ.get("RLN_SMTP", "localhost")
SMTP_FROM = "noreply@rln-libraries.org.uk"
SESSION_HOURS = 10
DEBUG = os.environ.get("RLN_DEBUG") == "1"
CURRENCY = "GBP"
HOLD_SHELF_DAYS = 7
DEFAULT_LOAN_DAYS = 21
PAYMENT_GATEWAY_URL = "https://pay.example-gateway.com/api/v2"
PAYMENT_GATEWAY_KEY = os.environ.get("RLN_PAY_KEY", "")
EDI_OUTBOX = "/var/spool/rln/edi"
MARC_IMPORT_DIR = "/var/spool/rln/marc"


def load_local_overrides():
    try:
        import local_config
    except ImportError:
        return
    g = globals()
    for k in dir(local_config):
        if k.isupper():
            g[k] = getattr(local_config, k)


def get_setting(name, default=None):
    return globals().get(name, default)


load_local_overrides()
