import os


class Config(object):
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-not-secret")
    DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://carshare:carshare@localhost/carshare")
    DB_POOL_MIN = int(os.environ.get("DB_POOL_MIN", 1))
    DB_POOL_MAX = int(os.environ.get("DB_POOL_MAX", 10))

    VAT_RATE = 0.20
    CURRENCY = "GBP"
    INVOICE_DUE_DAYS = 14
    INVOICE_PREFIX = "CS"

    STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY", "")
    LICENCE_API_URL = os.environ.get("LICENCE_API_URL", "https://api.licencecheck.example/v2")
    LICENCE_API_KEY = os.environ.get("LICENCE_API_KEY", "")
    LICENCE_RECHECK_DAYS = 90
    MAX_LICENCE_POINTS = 6

    RESERVATION_GRACE_MINUTES = 15
    RESERVATION_MAX_DAYS = 14
    FREE_CANCELLATION_MINUTES = 60

    TELEMATICS_SPEEDING_KPH = 120
    TELEMATICS_HARSH_BRAKE_DELTA = 25

    SERVICE_WARNING_KM = 500
    SUPPORT_FIRST_RESPONSE_HOURS = 4
    SUPPORT_RESOLUTION_HOURS = 72

    SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
    SMTP_FROM = "CarShare <no-reply@carshare.example>"
    SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
    UPLOAD_BUCKET = os.environ.get("UPLOAD_BUCKET", "carshare-uploads")


class DevConfig(Config):
    DEBUG = True


class TestConfig(Config):
    TESTING = True
    DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://carshare:carshare@localhost/carshare_test")
    WTF_CSRF_ENABLED = False


class ProdConfig(Config):
    DEBUG = False
    DB_POOL_MAX = 30


def get_config(name=None):
    name = name or os.environ.get("CARSHARE_ENV", "dev")
    return {
        "dev": DevConfig,
        "test": TestConfig,
        "prod": ProdConfig,
    }.get(name, DevConfig)
