import os


class Config(object):
    DEBUG = os.environ.get("DD_DEBUG") == "1"
    SECRET_KEY = os.environ.get("DD_SECRET", "dev-not-secret")
    DATABASE_URL = os.environ.get("DD_DATABASE", "dishdash.db")
    CURRENCY = "EUR"
    DEFAULT_PAGE_SIZE = 25
    PAYMENT_GATEWAY_URL = os.environ.get("DD_PSP_URL", "https://api.paygate.example/v2")
    PAYMENT_GATEWAY_KEY = os.environ.get("DD_PSP_KEY", "")
    PAYMENT_WEBHOOK_SECRET = os.environ.get("DD_PSP_WEBHOOK_SECRET", "whsec")
    SMS_URL = os.environ.get("DD_SMS_URL", "https://sms.textly.example/send")
    SMS_TOKEN = os.environ.get("DD_SMS_TOKEN", "")
    PUSH_URL = os.environ.get("DD_PUSH_URL", "https://push.example/v1/send")
    PUSH_KEY = os.environ.get("DD_PUSH_KEY", "")
    MAPS_URL = os.environ.get("DD_MAPS_URL", "https://maps.example/api")
    MAPS_KEY = os.environ.get("DD_MAPS_KEY", "")
    ADMIN_EMAIL = "ops@dishdash.example"
    ORDER_AUTO_CANCEL_MINUTES = 15
    COURIER_SEARCH_KM = 3.0


class DevConfig(Config):
    DEBUG = True
    DATABASE_URL = "dev.db"


class ProdConfig(Config):
    DEBUG = False


def get_config():
    if os.environ.get("DD_ENV") == "prod":
        return ProdConfig
    return DevConfig if Config.DEBUG else Config
