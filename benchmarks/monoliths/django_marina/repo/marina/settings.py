"""
Django settings for marina project.
"""
import os
from pathlib import Path

from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent


def env(key, default=None):
    return os.environ.get('MARINA_' + key, default)


def env_bool(key, default=False):
    val = env(key)
    if val is None:
        return default
    return val.lower() in ('1', 'true', 'yes', 'on')


SECRET_KEY = env('SECRET_KEY', 'dev-not-secret-change-me')
DEBUG = env_bool('DEBUG', True)
ALLOWED_HOSTS = env('ALLOWED_HOSTS', 'localhost,127.0.0.1').split(',')

INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'django.contrib.humanize',
    'rest_framework',
    'utils',
    'accounts',
    'main',
    'boats',
    'shop',
    'staff',
    'reports',
    'api',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
    'utils.middleware.AuditMiddleware',
]

ROOT_URLCONF = 'marina.urls'

TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [BASE_DIR / 'templates'],
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.debug',
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.contrib.messages.context_processors.messages',
                'utils.context_processors.marina_globals',
            ],
        },
    },
]

WSGI_APPLICATION = 'marina.wsgi.application'

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': env('DB_NAME', 'marina'),
        'USER': env('DB_USER', 'marina'),
        'PASSWORD': env('DB_PASSWORD', ''),
        'HOST': env('DB_HOST', 'localhost'),
        'PORT': env('DB_PORT', '5432'),
    }
}

LANGUAGE_CODE = 'en-gb'
TIME_ZONE = 'Europe/London'
USE_I18N = True
USE_L10N = True
USE_TZ = True

STATIC_URL = '/static/'
STATIC_ROOT = BASE_DIR / 'static'
MEDIA_URL = '/media/'
MEDIA_ROOT = BASE_DIR / 'media'

LOGIN_URL = '/accounts/login/'
LOGIN_REDIRECT_URL = '/'

EMAIL_HOST = env('EMAIL_HOST', 'localhost')
DEFAULT_FROM_EMAIL = 'office@harboursidemarina.co.uk'
OFFICE_EMAIL = 'office@harboursidemarina.co.uk'
YARD_EMAIL = 'yard@harboursidemarina.co.uk'

# --- marina specific -------------------------------------------------------
MARINA_NAME = 'Harbourside Marina'
VAT_RATE = '0.20'
RED_DIESEL_DOMESTIC_RATE = '0.60'  # default split if customer doesn't declare
INVOICE_PREFIX = 'HM'
INVOICE_DUE_DAYS = 30
WAITING_LIST_OFFER_DAYS = 14
GATE_CONTROLLER_URL = env('GATE_URL', 'http://10.0.0.20:8080')
GATE_CONTROLLER_KEY = env('GATE_KEY', '')
PUMP_API_KEY = env('PUMP_KEY', '')
SMS_ENABLED = env_bool('SMS_ENABLED', False)
TWILIO_SID = env('TWILIO_SID', '')
TWILIO_TOKEN = env('TWILIO_TOKEN', '')
GOCARDLESS_TOKEN = env('GOCARDLESS_TOKEN', '')
TIDE_TABLE_PATH = BASE_DIR / 'data' / 'tides.csv'
HOIST_MAX_TONNES = 35
# legacy: old access PC, remove once all fobs migrated
OLD_ACCESS_DB = env('OLD_ACCESS_DB', '')

CELERY_BROKER_URL = env('REDIS_URL', 'redis://localhost:6379/0')
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    'nightly-billing': {'task': 'main.tasks.nightly_billing_run', 'schedule': crontab(hour=2, minute=0)},
    'overdue-reminders': {'task': 'main.tasks.send_overdue_reminders', 'schedule': crontab(hour=8, minute=30, day_of_week='mon')},
    'expire-allocations': {'task': 'main.tasks.expire_allocations', 'schedule': crontab(hour=1, minute=15)},
    'waiting-list': {'task': 'main.tasks.process_waiting_list', 'schedule': crontab(hour=7, minute=0)},
    'gate-codes': {'task': 'main.tasks.rotate_gate_codes_task', 'schedule': crontab(hour=3, minute=0, day_of_month=1)},
    'low-stock': {'task': 'main.tasks.low_stock_alert', 'schedule': crontab(hour=6, minute=45)},
    'fuel-recon': {'task': 'main.tasks.fuel_reconciliation', 'schedule': crontab(hour=22, minute=0)},
    'rota-reminders': {'task': 'main.tasks.rota_reminders', 'schedule': crontab(hour=18, minute=0)},
    'visitors': {'task': 'main.tasks.close_visitor_stays', 'schedule': crontab(hour=11, minute=5)},
    'insurance': {'task': 'boats.tasks.insurance_expiry_reminders', 'schedule': crontab(hour=9, minute=0)},
    'hoist-digest': {'task': 'boats.tasks.hoist_schedule_digest', 'schedule': crontab(hour=17, minute=30)},
    'stock-snapshot': {'task': 'shop.tasks.nightly_stock_snapshot', 'schedule': crontab(hour=23, minute=50)},
    'fuel-prices': {'task': 'shop.tasks.update_fuel_prices_from_supplier', 'schedule': crontab(hour=6, minute=0)},
    'timesheets': {'task': 'staff.tasks.timesheet_export', 'schedule': crontab(hour=5, minute=0, day_of_week='mon')},
    'fobs': {'task': 'staff.tasks.expire_fobs', 'schedule': crontab(hour=0, minute=30)},
}

REST_FRAMEWORK = {
    'DEFAULT_AUTHENTICATION_CLASSES': [
        'rest_framework.authentication.SessionAuthentication',
        'rest_framework.authentication.TokenAuthentication',
    ],
    'DEFAULT_PAGINATION_CLASS': 'rest_framework.pagination.PageNumberPagination',
    'PAGE_SIZE': 50,
}

LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'handlers': {'console': {'class': 'logging.StreamHandler'}},
    'root': {'handlers': ['console'], 'level': 'INFO'},
}

try:
    from .local_settings import *  # noqa
except ImportError:
    pass
