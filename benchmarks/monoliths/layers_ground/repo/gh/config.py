import os


class Config(object):
    SECRET_KEY = os.environ.get("GH_SECRET_KEY", "change-me")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql://gh:gh@localhost/groundhandling")
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    AIRPORT_IATA = os.environ.get("GH_AIRPORT", "LUX")
    LOCAL_TZ = "Europe/Luxembourg"
    DEFAULT_CURRENCY = "EUR"
    VAT_RATE = 0.17
    SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
    MAIL_FROM = "ops-noreply@groundhandling.example"
    OPS_CHANNEL_WEBHOOK = os.environ.get("OPS_WEBHOOK")
    MIN_REST_HOURS = 11
    MAX_SHIFT_HOURS = 12
    CERT_WARNING_DAYS = 45
    PAGE_SIZE = 50


class DevConfig(Config):
    DEBUG = True
    SQLALCHEMY_DATABASE_URI = "sqlite:///gh_dev.db"


class TestConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"


class ProdConfig(Config):
    DEBUG = False


def get_config(name=None):
    name = name or os.environ.get("GH_ENV", "dev")
    return {"dev": DevConfig, "test": TestConfig, "prod": ProdConfig}.get(name, DevConfig)
