import os


class BaseConfig(object):
    DEBUG = False
    TESTING = False
    SECRET_KEY = os.environ.get("COOP_SECRET_KEY", "change-me")
    DATABASE_URL = os.environ.get(
        "COOP_DATABASE_URL", "postgresql://coop:coop@localhost:5432/coop"
    )
    SQL_ECHO = False
    BROKER_URL = os.environ.get("COOP_BROKER_URL", "redis://localhost:6379/3")

    # mail / sms gateway
    SMTP_HOST = os.environ.get("COOP_SMTP_HOST", "localhost")
    SMTP_FROM = "office@pvgcoop.example"
    SMS_GATEWAY_URL = os.environ.get("COOP_SMS_URL", "https://sms.example/api/send")
    SMS_API_KEY = os.environ.get("COOP_SMS_KEY", "")

    # business settings (should really live in a settings table, see #212)
    CURRENCY = "CAD"
    SHARE_PAR_VALUE = 100
    MIN_SHARES_FOR_MEMBERSHIP = 5
    BASE_MOISTURE = {"wheat": 14.5, "barley": 14.8, "canola": 10.0, "oats": 13.5, "peas": 16.0}
    SHRINK_HANDLING_PCT = 0.5
    DEFAULT_DOCKAGE_TOLERANCE = 1.0
    RENTAL_FUEL_SURCHARGE_PER_HOUR = 12.50
    RENTAL_LATE_FEE_PER_DAY = 75
    ADVANCE_INTEREST_RATE = 0.045
    PAYOUT_BANK_FILE_DIR = os.environ.get("COOP_BANKFILE_DIR", "/var/coop/bankfiles")
    LAB_IMPORT_DIR = os.environ.get("COOP_LAB_DIR", "/var/coop/lab_inbox")
    WEIGHBRIDGE_EXPORT_DIR = os.environ.get("COOP_WB_DIR", "/var/coop/weighbridge")
    PAGE_SIZE = 50


class DevConfig(BaseConfig):
    DEBUG = True
    SQL_ECHO = True
    DATABASE_URL = os.environ.get("COOP_DATABASE_URL", "sqlite:///coop_dev.db")


class TestConfig(BaseConfig):
    TESTING = True
    DATABASE_URL = "sqlite://"


class ProdConfig(BaseConfig):
    pass


_CONFIGS = {
    "dev": DevConfig,
    "test": TestConfig,
    "prod": ProdConfig,
}


def get_config(name=None):
    name = name or os.environ.get("COOP_ENV", "dev")
    return _CONFIGS.get(name, DevConfig)()
