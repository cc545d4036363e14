"""Application configuration.

Values are read from the environment where possible. The defaults below are
for a developer laptop; production overrides them in /etc/bakery/env.
"""
import os


def _env(name, default=None, cast=str):
    value = os.environ.get(name)
    if value is None:
        return default
    if cast is bool:
        return value.lower() in ("1", "true", "yes", "on")
    try:
        return cast(value)
    except (TypeError, ValueError):
        return default


class Config(object):
    SECRET_KEY = _env("BAKERY_SECRET_KEY", "dev-not-secret")
    DATABASE_URL = _env("DATABASE_URL", "postgresql://bakery:bakery@localhost:5432/bakery")
    DEBUG = False
    TESTING = False

    # mail / sms
    MAIL_SERVER = _env("MAIL_SERVER", "localhost")
    MAIL_PORT = _env("MAIL_PORT", 25, int)
    MAIL_FROM = _env("MAIL_FROM", "backoffice@crumbandco.co.uk")
    SMS_API_URL = _env("SMS_API_URL", "https://api.textlocal.example/send/")
    SMS_API_KEY = _env("SMS_API_KEY", "")
    SLACK_WEBHOOK = _env("SLACK_WEBHOOK", "")

    # celery
    BROKER_URL = _env("BROKER_URL", "redis://localhost:6379/3")

    # accounting
    XERO_CLIENT_ID = _env("XERO_CLIENT_ID", "")
    XERO_CLIENT_SECRET = _env("XERO_CLIENT_SECRET", "")
    XERO_TENANT = _env("XERO_TENANT", "")

    # business knobs that never got a proper settings screen
    DEFAULT_VAT_RATE = "0.20"
    LOYALTY_POINTS_PER_POUND = 10
    LOYALTY_POINTS_EXPIRY_DAYS = 365
    REORDER_LEAD_DAYS = 2
    FRIDGE_MAX_C = 5.0
    FREEZER_MAX_C = -18.0
    HOT_HOLD_MIN_C = 63.0
    WHOLESALE_CUTOFF_HOUR = 14
    WASTE_ALERT_PCT = 12
    EPOS_IMPORT_DIR = _env("EPOS_IMPORT_DIR", "/srv/epos/incoming")
    REPORTS_PER_PAGE = 50


class DevConfig(Config):
    DEBUG = True
    DATABASE_URL = _env("DATABASE_URL", "sqlite:///bakery-dev.db")


class TestConfig(Config):
    TESTING = True
    DATABASE_URL = "sqlite:///:memory:"
    MAIL_SERVER = None


class ProdConfig(Config):
    # TODO(dm): move secret to vault, see ticket OPS-112
    pass


CONFIGS = {
    "dev": DevConfig,
    "test": TestConfig,
    "prod": ProdConfig,
}


def get_config(name=None):
    name = name or os.environ.get("BAKERY_ENV", "dev")
    return CONFIGS.get(name, DevConfig)
