import os


class Config(object):
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-not-secret")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", "postgresql://festival:festival@localhost/festival")
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    FESTIVAL_NAME = "Hollow Meadow Festival"
    FESTIVAL_YEAR = int(os.environ.get("FESTIVAL_YEAR", "2021"))
    FESTIVAL_TZ = "Europe/London"
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_DEFAULT_SENDER = "noreply@hollowmeadow.example"
    BOX_OFFICE_EMAIL = "boxoffice@hollowmeadow.example"
    BOOKINGS_EMAIL = "bookings@hollowmeadow.example"
    VOLUNTEER_EMAIL = "crew@hollowmeadow.example"
    SECURITY_CONTROL_EMAIL = "control@hollowmeadow.example"
    PAYMENT_GATEWAY_URL = os.environ.get("PAYMENT_GATEWAY_URL", "https://api.payments.example/v2")
    PAYMENT_GATEWAY_KEY = os.environ.get("PAYMENT_GATEWAY_KEY", "")
    PAYMENT_WEBHOOK_SECRET = os.environ.get("PAYMENT_WEBHOOK_SECRET", "")
    STAFF_API_KEYS = [k for k in os.environ.get("STAFF_API_KEYS", "").split(",") if k]
    ADMIN_API_KEYS = [k for k in os.environ.get("ADMIN_API_KEYS", "").split(",") if k]
    VAT_RATE = 0.20
    BOOKING_FEE_PCT = 0.085
    VOLUNTEER_DEPOSIT_PENCE = 7500
    CONTRACT_PDF_DIR = os.environ.get("CONTRACT_PDF_DIR", "/var/festival/contracts")
    DEFAULT_CURFEW = "23:00"
    CHANGEOVER_MINUTES = 30
    CACHE_TYPE = "simple"
    PER_PAGE = 50


class DevelopmentConfig(Config):
    DEBUG = True
    SQLALCHEMY_ECHO = False


class ProductionConfig(Config):
    DEBUG = False
    CACHE_TYPE = "redis"


class TestingConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    WTF_CSRF_ENABLED = False


def get_config(name=None):
    name = name or os.environ.get("FLASK_ENV", "development")
    return {
        "development": DevelopmentConfig,
        "production": ProductionConfig,
        "testing": TestingConfig,
    }.get(name, DevelopmentConfig)
