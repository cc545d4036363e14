"""Application configuration.

Values are read from the environment where available; defaults are for the
depot dev box.  Do NOT put production passwords in here again (see INC-2291).
"""
import os
from decimal import Decimal


def _env(name, default=None, cast=str):
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return cast(raw)
    except (TypeError, ValueError):
        return default


def _env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


class Config(object):
    SECRET_KEY = _env("WASTECORP_SECRET", "dev-not-secret")
    SQLALCHEMY_DATABASE_URI = _env(
        "DATABASE_URL", "postgresql://wastecorp:wastecorp@localhost/wastecorp"
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ECHO = False

    MAIL_SERVER = _env("MAIL_SERVER", "localhost")
    MAIL_PORT = _env("MAIL_PORT", 25, int)
    MAIL_FROM = _env("MAIL_FROM", "noreply@wastecorp.example")

    # business-ish settings that ended up here over the years
    VAT_RATE = Decimal("0.20")
    DEFAULT_PAYMENT_TERMS_DAYS = 30
    LANDFILL_TAX_STANDARD_PER_TONNE = Decimal("102.10")
    LANDFILL_TAX_LOWER_PER_TONNE = Decimal("3.25")
    DEPOTS = ("NORTH", "SOUTH", "EAST", "MRF")
    MAX_STOPS_PER_ROUTE = 1400
    TELEMATICS_RETENTION_DAYS = 90
    SAGE_EXPORT_DIR = _env("SAGE_EXPORT_DIR", "/var/spool/wastecorp/sage")
    REPORT_DIR = _env("REPORT_DIR", "/var/spool/wastecorp/reports")
    JOB_LOCK_DIR = _env("JOB_LOCK_DIR", "/tmp")

    PAGE_SIZE = 50
    DEBUG = False
    TESTING = False


class DevConfig(Config):
    DEBUG = True
    SQLALCHEMY_ECHO = _env_bool("SQL_ECHO", False)


class TestConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"


class ProdConfig(Config):
    # prod always reads from env, no fallbacks
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SECRET_KEY = os.environ.get("WASTECORP_SECRET")


_CONFIGS = {
    "dev": DevConfig,
    "development": DevConfig,
    "test": TestConfig,
    "prod": ProdConfig,
    "production": ProdConfig,
}


def get_config(name=None):
    name = name or os.environ.get("WASTECORP_ENV", "dev")
    return _CONFIGS.get(name.lower(), DevConfig)
