import os
from decimal import Decimal


class Config(object):
    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("CELLAR_SECRET", "change-me-please")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", "postgresql://cellar:cellar@localhost:5432/cellar")
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "pool_size": 10}

    CELERY_BROKER_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "smtp.office365.com")
    MAIL_PORT = 587
    MAIL_DEFAULT_SENDER = "orders@vinotrade.co.uk"
    ACCOUNTS_EMAIL = "accounts@vinotrade.co.uk"

    BASE_CURRENCY = "GBP"
    VAT_RATE = Decimal("0.20")
    DEFAULT_PAYMENT_TERMS_DAYS = 30
    BOTTLES_PER_CASE = 12
    # HMRC
    EXCISE_WAREHOUSE_ID = "GBWK123456789"
    DUTY_STAMP_ENABLED = False

    DELIVERY_CUTOFF_HOUR = 14
    DEFAULT_WAREHOUSE = "BRISTOL"
    SAGE_EXPORT_DIR = "/srv/exports/sage"
    PAGE_SIZE = 50


class DevConfig(Config):
    ENV_NAME = "dev"
    DEBUG = True
    SQLALCHEMY_DATABASE_URI = "postgresql://cellar:cellar@localhost:5432/cellar_dev"
    MAIL_SUPPRESS_SEND = True


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    MAIL_SUPPRESS_SEND = True


class ProdConfig(Config):
    ENV_NAME = "prod"
    DEBUG = False


_CONFIGS = {"dev": DevConfig, "test": TestConfig, "prod": ProdConfig}


def get_config(name=None):
    name = name or os.environ.get("CELLAR_ENV", "dev")
    return _CONFIGS.get(name, DevConfig)
