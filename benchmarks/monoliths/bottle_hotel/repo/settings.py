"""Settings. Values come from the environment; defaults are for a laptop.

Production overrides live in /etc/harbourline/pms.ini (see load_overrides).
"""
import configparser
import os


class Settings:
    DEBUG = os.environ.get("PMS_DEBUG", "0") == "1"
    DATABASE = os.environ.get("PMS_DATABASE", "/var/lib/harbourline/pms.sqlite3")
    SECRET = os.environ.get("PMS_SECRET", "change-me-please")
    SMTP_HOST = os.environ.get("PMS_SMTP_HOST", "localhost")
    SMTP_FROM = "reservations@harbourline.example"
    NIGHT_AUDIT_HOUR = 3
    PAGE_SIZE = 50
    DEFAULT_HOTEL = "HLB"
    PSP_URL = os.environ.get("PMS_PSP_URL", "https://psp.example/api/v2")
    PSP_KEY = os.environ.get("PMS_PSP_KEY", "")
    OTA_TIMEOUT = 20
    ENABLE_OTA_PUSH = os.environ.get("PMS_OTA_PUSH", "1") == "1"
    LOYALTY_POINTS_PER_POUND = 10
    # TODO move users into the database (ticket PMS-212)
    USERS = {
        "frontdesk": {"hash": "pbkdf2:sha256:600000$x$...", "role": "frontdesk", "hotel": "HLB"},
        "manager": {"hash": "pbkdf2:sha256:600000$y$...", "role": "manager", "hotel": None},
        "hk": {"hash": "pbkdf2:sha256:600000$z$...", "role": "housekeeping", "hotel": "HLB"},
        "fnb": {"hash": "pbkdf2:sha256:600000$w$...", "role": "fnb", "hotel": "HLB"},
    }


class DevSettings(Settings):
    DEBUG = True
    DATABASE = os.path.join(os.path.dirname(__file__), "dev.sqlite3")
    ENABLE_OTA_PUSH = False


class ProdSettings(Settings):
    DEBUG = False


def load_overrides(cls, path="/etc/harbourline/pms.ini"):
    parser = configparser.ConfigParser()
    if not parser.read(path):
        return cls
    for key, value in parser.items("pms"):
        setattr(cls, key.upper(), value)
    return cls


current = load_overrides(DevSettings if Settings.DEBUG else ProdSettings)
