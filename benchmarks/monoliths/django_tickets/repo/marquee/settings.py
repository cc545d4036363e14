"""Settings for the Marquee box office. Secrets come from the environment."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = os.environ.get("SECRET_KEY", "laptop-only-change-me")
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "common",
    "venues",
    "core.apps.CoreConfig",
    "boxoffice",
    "marketing",
    "shop.apps.ShopConfig",
    "backoffice",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "marquee.urls"
WSGI_APPLICATION = "marquee.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.box_office",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": os.environ.get("DB_ENGINE", "django.db.backends.sqlite3"),
        "NAME": os.environ.get("DB_NAME", str(BASE_DIR / "db.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_TZ = True
STATIC_URL = "/static/"

DEFAULT_FROM_EMAIL = "Marquee Box Office <tickets@marquee.example>"

# --- business knobs -------------------------------------------------------
CURRENCY = "GBP"
BOOKING_FEE_PENCE = int(os.environ.get("BOOKING_FEE_PENCE", "150"))
SEAT_HOLD_MINUTES = 12
PENDING_ORDER_TTL_MINUTES = 20
DEFAULT_PROMOTER_FEE_PERCENT = 10
PAYGATE_URL = os.environ.get("PAYGATE_URL", "https://sandbox.paygate.example/v2")
PAYGATE_KEY = os.environ.get("PAYGATE_KEY", "")
PAYGATE_WEBHOOK_SECRET = os.environ.get("PAYGATE_WEBHOOK_SECRET", "whsec_dev")
SCAN_REENTRY_ALLOWED = env_bool("SCAN_REENTRY_ALLOWED", False)
MAILER_BATCH_SIZE = 200
