"""PulseFit back office settings.

Everything that differs between the clubs' server and a laptop comes from the environment.
Ask Gareth before adding anything here, half of it is read by the door controllers too.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get("PULSEFIT_" + name, default)


def env_flag(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret")
DEBUG = env_flag("DEBUG", True)
ALLOWED_HOSTS = (env("ALLOWED_HOSTS", "localhost,127.0.0.1")).split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "core.apps.CoreConfig",
    "common.apps.CommonConfig",
    "api.apps.ApiConfig",
    "legacy.apps.LegacyConfig",
    "dashboard.apps.DashboardConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "gymsys.urls"
WSGI_APPLICATION = "gymsys.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": env("DB_ENGINE", "django.db.backends.sqlite3"),
        "NAME": env("DB_NAME", str(BASE_DIR / "pulsefit.sqlite3")),
        "USER": env("DB_USER", ""),
        "PASSWORD": env("DB_PASSWORD", ""),
        "HOST": env("DB_HOST", ""),
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_TZ = True
STATIC_URL = "/static/"
LOGIN_URL = "/login/"

# --- business knobs ---------------------------------------------------------
CURRENCY_SYMBOL = "£"
VAT_RATE = "0.20"
INVOICE_PREFIX = env("INVOICE_PREFIX", "PF")
PAYMENT_PROVIDER_KEY = env("GOCARDLESS_KEY", "")
PAYMENT_PROVIDER_URL = env("GOCARDLESS_URL", "https://api-sandbox.gocardless.com")
SMS_GATEWAY_URL = env("SMS_URL", "")
SMS_GATEWAY_TOKEN = env("SMS_TOKEN", "")
DEFAULT_FROM_EMAIL = "hello@pulsefit.example"
BOOKING_WINDOW_DAYS = int(env("BOOKING_WINDOW_DAYS", "7"))
LATE_CANCEL_HOURS = 12
NO_SHOW_STRIKES = 3
DOOR_CONTROLLER_SECRET = env("DOOR_SECRET", "changeme")
PT_DEFAULT_COMMISSION = "0.40"
