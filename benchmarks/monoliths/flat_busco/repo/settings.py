# Busco back office settings.
# Values come from the environment on the server (see /etc/busco/env), defaults are for dev.
import os


def env(name, default=None):
    return os.environ.get("BUSCO_" + name, default)


def env_bool(name, default=False):
    val = env(name)
    if val is None:
        return default
    return val.lower() in ("1", "true", "yes", "on")


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-not-secret-change-me")
DATABASE_URL = env("DATABASE_URL", "postgresql://busco:busco@localhost/busco")

COMPANY_NAME = "Vale & Moor Buses Ltd"
OPERATOR_LICENCE = "PH1023456"
NOC_CODE = "VAMB"
VAT_RATE = 0.20

SMTP_HOST = env("SMTP_HOST", "localhost")
SMTP_PORT = int(env("SMTP_PORT", "25"))
MAIL_FROM = env("MAIL_FROM", "noreply@valeandmoor.co.uk")
CUSTOMER_CARE_EMAIL = env("CARE_EMAIL", "customercare@valeandmoor.co.uk")
ENGINEERING_EMAIL = env("ENG_EMAIL", "engineering@valeandmoor.co.uk")
PAYROLL_EMAIL = env("PAYROLL_EMAIL", "payroll@valeandmoor.co.uk")

SMS_GATEWAY_URL = env("SMS_URL", "https://api.textlocal.example/send/")
SMS_API_KEY = env("SMS_KEY", "")

ETM_IMPORT_DIR = env("ETM_DIR", "/srv/busco/etm/incoming")
ETM_ARCHIVE_DIR = env("ETM_ARCHIVE", "/srv/busco/etm/done")
FUEL_CARD_DIR = env("FUELCARD_DIR", "/srv/busco/fuelcard")
SAGE_EXPORT_DIR = env("SAGE_DIR", "/srv/busco/payroll")
BODS_API_URL = "https://data.bus-data.dft.gov.uk/api/v1/"
BODS_API_KEY = env("BODS_KEY", "")
DVSA_MOT_URL = "https://beta.check-mot.service.gov.uk/trade/vehicles/mot-tests"
DVSA_API_KEY = env("DVSA_KEY", "")
DVLA_CHECK_URL = env("DVLA_URL", "https://driver-check.example/api/")
XERO_TENANT = env("XERO_TENANT", "")
XERO_TOKEN = env("XERO_TOKEN", "")

# business rules that ended up here
COMPLAINT_SLA_WORKING_DAYS = 10
LOST_PROPERTY_RETENTION_DAYS = 90
LOST_PROPERTY_FEE_PENCE = 200
CONCESSION_START = "09:30"
MAX_WEEKLY_DRIVING_MINUTES = 56 * 60
HIRE_RATE_PER_MILE_PENCE = {"minibus": 180, "single_deck": 220, "double_deck": 260, "coach": 250}
HIRE_RATE_PER_HOUR_PENCE = {"minibus": 2200, "single_deck": 2600, "double_deck": 2900, "coach": 2800}
PAGE_SIZE = 50


class Config(object):
    SECRET_KEY = SECRET_KEY
    DEBUG = DEBUG
    SESSION_COOKIE_NAME = "busco_session"
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    TEMPLATES_AUTO_RELOAD = DEBUG
