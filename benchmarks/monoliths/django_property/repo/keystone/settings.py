"""Settings for Keystone Property Group's back office ("KPG Manager").

Started life as `django-admin startproject keystone` in 2019; apps were added
wherever there was room at the time.  See docs/ONBOARDING.md (out of date).
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "common",
    "main",
    "core.apps.CoreConfig",
    "legacy",
    "portal",
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

ROOT_URLCONF = "keystone.urls"
WSGI_APPLICATION = "keystone.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.company",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "kpg"),
        "USER": os.environ.get("DB_USER", "kpg"),
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "HOST": os.environ.get("DB_HOST", "localhost"),
        "PORT": os.environ.get("DB_PORT", "5432"),
        "CONN_MAX_AGE": 60,
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

TIME_ZONE = "America/Chicago"
USE_TZ = True

STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"

COMPANY_NAME = "Keystone Property Group"
COMPANY_PHONE = "+1 312 555 0199"
DEFAULT_FROM_EMAIL = "KPG <noreply@keystonepg.example>"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
CURRENCY = "USD"

# rent
RENT_DUE_DAY = int(os.environ.get("RENT_DUE_DAY", 1))
LATE_FEE_GRACE_DAYS = int(os.environ.get("LATE_FEE_GRACE_DAYS", 5))
PAYMENT_WEBHOOK_SECRET = os.environ.get("PAYMENT_WEBHOOK_SECRET", "")

# screening (TransUnion-ish bureau; sandbox by default)
SCREENING_BUREAU_URL = os.environ.get("SCREENING_BUREAU_URL", "https://sandbox.bureau.example/v2/")
SCREENING_API_KEY = os.environ.get("SCREENING_API_KEY", "")
SCREENING_MIN_SCORE = int(os.environ.get("SCREENING_MIN_SCORE", 620))
SCREENING_RETENTION_DAYS = int(os.environ.get("SCREENING_RETENTION_DAYS", 730))

# owners (ACH file drop used by the old payout module)
ACH_EXPORT_DIR = Path(os.environ.get("ACH_EXPORT_DIR", "/var/kpg/ach"))
DEFAULT_MANAGEMENT_FEE_PERCENT = 8

# communications
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")

# leasing
RENEWAL_NOTICE_DAYS = int(os.environ.get("RENEWAL_NOTICE_DAYS", 60))
