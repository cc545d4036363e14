# -*- coding: utf-8 -*-
"""Settings for the Harlow Valley USD SIS. Production overrides come from /etc/sis/env."""
import os
from datetime import timedelta

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def env(name, default=None, cast=str):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if cast is bool:
        return value.strip().lower() in ("1", "true", "yes", "on")
    if cast is list:
        return [v.strip() for v in value.split(",") if v.strip()]
    return cast(value)


SECRET_KEY = env("SIS_SECRET_KEY", "dev-only-change-me")
DEBUG = env("SIS_DEBUG", True, bool)
ALLOWED_HOSTS = env("SIS_ALLOWED_HOSTS", ["localhost", "127.0.0.1"], list)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "core",
    "attendance.apps.AttendanceConfig",
    "gradebook",
    "reports",
    "legacy",
    "meals",
    "transport.apps.TransportConfig",
    "portal",
    "hr.apps.HrConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "sis.urls"
WSGI_APPLICATION = "sis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(BASE_DIR, "templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": env("SIS_DB_NAME", "sis"),
        "USER": env("SIS_DB_USER", "sis"),
        "PASSWORD": env("SIS_DB_PASSWORD", ""),
        "HOST": env("SIS_DB_HOST", "localhost"),
        "PORT": env("SIS_DB_PORT", "5432"),
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Los_Angeles"
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_ROOT = env("SIS_MEDIA_ROOT", os.path.join(BASE_DIR, "media"))
LOGIN_URL = "/accounts/login/"

EMAIL_BACKEND = env("SIS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = "no-reply@hvusd.example"

CELERY_BROKER_URL = env("SIS_BROKER_URL", "redis://localhost:6379/0")
CELERY_BEAT_SCHEDULE = {
    "daily-attendance-summaries": {"task": "attendance.tasks.nightly_daily_summaries",
                                   "schedule": timedelta(hours=24)},
    "unexplained-absence-sms": {"task": "attendance.tasks.notify_unexplained_absences",
                                "schedule": timedelta(hours=24)},
    "low-lunch-balance": {"task": "meals.tasks.low_balance_reminders", "schedule": timedelta(days=7)},
}

# --- district specifics ---------------------------------------------------
DISTRICT_NAME = "Harlow Valley Unified School District"
DISTRICT_CODE = env("SIS_DISTRICT_CODE", "0427")
SCHOOL_YEAR_START_MONTH = 8
DISTRICT_HOLIDAYS_FILE = os.path.join(BASE_DIR, "holidays.txt")

ATTENDANCE_LOCK_DAYS = env("SIS_ATTENDANCE_LOCK_DAYS", 5, int)
CHRONIC_ABSENCE_PERCENT = 10.0
HALF_DAY_PERIODS = 3
DEFAULT_GRADING_SCALE = "A:90,B:80,C:70,D:60,F:0"
PARTICIPATION_FROM_ATTENDANCE = env("SIS_PARTICIPATION_FROM_ATTENDANCE", False, bool)
LOW_BALANCE_THRESHOLD = "5.00"
NEGATIVE_BALANCE_LIMIT = "-10.00"
TRANSPORT_WALK_ZONE_MILES = {"elementary": 1.0, "middle": 1.5, "high": 2.0}
MAX_STOP_DISTANCE_MILES = 0.5
SMS_GATEWAY_URL = env("SIS_SMS_URL", "https://sms.example.net/api/send")
SMS_GATEWAY_TOKEN = env("SIS_SMS_TOKEN", "")
SMS_SENDER_ID = "HVUSD"
PAYMENT_GATEWAY_URL = env("SIS_PAY_URL", "https://pay.example.net/v2")
PAYMENT_GATEWAY_KEY = env("SIS_PAY_KEY", "")
PAYMENT_RETURN_URL = env("SIS_PAY_RETURN", "http://localhost:8000/portal/lunch/return/")

FEATURES = {
    "portal_absence_notes": True,
    "portal_top_up": True,
    "sms": env("SIS_SMS_ENABLED", False, bool),
}

STATE_EXPORT_DIR = env("SIS_STATE_EXPORT_DIR", "/var/sis/exports")
