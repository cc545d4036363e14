"""Configuration objects. Values can be overridden from the environment."""
import os


class Config(object):
    DEBUG = False
    TESTING = False
    SECRET_KEY = os.environ.get("FREIGHTLY_SECRET", "change-me")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", "postgresql://freightly:freightly@localhost/freightly"
    )
    SQL_ECHO = False
    LOG_FILE = os.environ.get("FREIGHTLY_LOG_FILE")

    # money / locale
    BASE_CURRENCY = "EUR"
    DEFAULT_PAYMENT_TERMS_DAYS = 30
    INVOICE_NUMBER_PREFIX = "FI"
    CREDIT_NOTE_PREFIX = "CN"

    # integrations
    SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
    SMTP_PORT = int(os.environ.get("SMTP_PORT", "25"))
    MAIL_FROM = "noreply@freightly.example"
    CUSTOMS_GATEWAY_URL = os.environ.get(
        "CUSTOMS_GATEWAY_URL", "https://customs-gw.example/api/v2"
    )
    CUSTOMS_GATEWAY_TOKEN = os.environ.get("CUSTOMS_GATEWAY_TOKEN", "")
    EDI_INBOX = os.environ.get("EDI_INBOX", "/var/spool/freightly/edi/in")
    EDI_ARCHIVE = os.environ.get("EDI_ARCHIVE", "/var/spool/freightly/edi/archive")
    API_KEYS = [k for k in os.environ.get("FREIGHTLY_API_KEYS", "").split(",") if k]

    # business knobs (should really be in the db...)
    TRACKING_RETENTION_DAYS = 540
    STORAGE_FREE_DAYS = 5
    CLAIM_REMINDER_DAYS = 14
    SDR_TO_EUR = 1.21  # TODO: fetch from IMF feed instead of hardcoding


class DevConfig(Config):
    DEBUG = True
    SQL_ECHO = True


class TestConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite:///:memory:"


class ProdConfig(Config):
    pass


_CONFIGS = {
    "development": DevConfig,
    "dev": DevConfig,
    "testing": TestConfig,
    "test": TestConfig,
    "production": ProdConfig,
    "prod": ProdConfig,
}


def get_config(name):
    try:
        return _CONFIGS[name]
    except KeyError:
        raise ValueError("unknown config %r" % name)
