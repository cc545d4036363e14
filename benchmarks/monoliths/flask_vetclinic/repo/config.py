# settings for the practice system. Real secrets live in /etc/pawsclaws/env on the box,
# NOT in here. (the SMS key below is the sandbox one, stop asking)
import os


class Config(object):
    DEBUG = False
    SECRET_KEY = os.environ.get("PC_SECRET", "change-me-please")
    DATABASE = os.environ.get("PC_DB", "/var/lib/pawsclaws/practice.db")
    PRACTICE_NAME = "Paws & Claws Veterinary Centre"
    PRACTICE_PHONE = "01632 960 123"
    VAT_RATE = 20.0
    INVOICE_PREFIX = "PC"
    PAYMENT_TERMS_DAYS = 14
    DAY_START = "08:30"
    DAY_END = "18:30"
    SLOT_MINUTES = 15
    SMS_API_URL = "https://api.textbridge.example/v2"
    SMS_API_KEY = os.environ.get("PC_SMS_KEY", "sandbox-3f9a")
    SMS_SENDER = "PawsClaws"
    INSURER_API_URL = "https://claims.petinsure-hub.example/api"
    INSURER_API_KEY = os.environ.get("PC_INSURER_KEY", "")
    LAB_URL = "https://lablink.example/orders"
    LAB_ACCOUNT = "PC-00417"
    CARD_WEBHOOK_SECRET = os.environ.get("PC_CARD_SECRET", "whsec_dev")
    SUPPLIER_TIMEOUT = 20
    REMINDER_DAYS_BEFORE = 14
    MAX_SMS_PER_RUN = 400


class TestConfig(Config):
    DEBUG = True
    TESTING = True
    DATABASE = ":memory:"
    SMS_API_URL = "http://localhost:9999"


def load_env_overrides(cfg):
    """PC_OVERRIDE_FOO=bar -> cfg.FOO = 'bar'. Used on the staging box only."""
    for key, value in os.environ.items():
        if not key.startswith("PC_OVERRIDE_"):
            continue
        name = key[len("PC_OVERRIDE_"):]
        if value.isdigit():
            value = int(value)
        setattr(cfg, name, value)
    return cfg
