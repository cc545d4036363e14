import os


class Config:
    DEBUG = False
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-not-secret")
    DATABASE_URL = os.environ.get(
        "DATABASE_URL", "postgresql://pawsplus:pawsplus@localhost:5432/pawsplus"
    )
    SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
    SMTP_FROM = os.environ.get("SMTP_FROM", "noreply@pawsplus.example")
    SMS_API_URL = os.environ.get("SMS_API_URL", "")
    SMS_API_KEY = os.environ.get("SMS_API_KEY", "")
    PAGE_SIZE = 25
    CURRENCY = "£"
    VAT_DEFAULT = 0.20
    INVOICE_PREFIX = "PP"
    PAYMENT_TERMS_DAYS = 30
    DUNNING_MAX_LEVEL = 3
    REMINDER_HOURS_AHEAD = 24
    VACCINE_REMINDER_DAYS = 14
    STOCK_ALERT_EMAIL = os.environ.get("STOCK_ALERT_EMAIL", "pharmacy@pawsplus.example")
    # insurance claims are only live in two clinics, keep behind a flag
    ENABLE_INSURANCE = os.environ.get("ENABLE_INSURANCE", "0") == "1"


class DevConfig(Config):
    DEBUG = True


class TestConfig(Config):
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://localhost/pawsplus_test")
    SMS_API_URL = ""
