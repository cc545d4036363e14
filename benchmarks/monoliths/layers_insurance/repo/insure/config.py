import os


class BaseConfig(object):
    DATABASE_URL = os.environ.get("PAS_DATABASE_URL", "postgresql://pas:pas@localhost:5432/pas")
    SQL_ECHO = False
    LOG_LEVEL = "INFO"
    SECRET_KEY = os.environ.get("PAS_SECRET", "change-me")
    API_KEYS = [k for k in os.environ.get("PAS_API_KEYS", "").split(",") if k]

    DEFAULT_CURRENCY = "EUR"
    # insurance premium tax, applied on invoices AND on quotes (see rating)
    IPT_RATE = "0.11"
    GRACE_PERIOD_DAYS = 30
    DUNNING_DAYS = (10, 24, 38)
    RENEWAL_LEAD_DAYS = 45
    MAX_AUTO_ACCEPT_SUM_INSURED = 750000
    CLAIM_AUTO_APPROVE_LIMIT = 1500
    COMMISSION_CLAWBACK_MONTHS = 12

    SMTP_HOST = os.environ.get("PAS_SMTP", "localhost")
    MAIL_FROM = "no-reply@hearthmutual.example"
    DOCUMENT_ROOT = os.environ.get("PAS_DOCS", "/var/lib/pas/documents")
    PAYMENT_GATEWAY_URL = os.environ.get("PAS_PSP_URL", "https://psp.example/api/v2")


class DevConfig(BaseConfig):
    SQL_ECHO = True
    LOG_LEVEL = "DEBUG"


class TestConfig(BaseConfig):
    DATABASE_URL = "sqlite://"
    SMTP_HOST = None


class ProdConfig(BaseConfig):
    LOG_LEVEL = "WARNING"


_BY_NAME = {"dev": DevConfig, "test": TestConfig, "prod": ProdConfig}
_current = None


def load_config(name=None):
    global _current
    cls = _BY_NAME.get((name or "dev").lower(), DevConfig)
    _current = cls()
    return _current


def get_config():
    if _current is None:
        return load_config()
    return _current
