"""Settings. Values come from the environment (see deploy/permits.env on the
app servers); the defaults are for a developer laptop."""
import os


class Config:
    DATABASE_URL = os.environ.get("PERMITS_DATABASE_URL", "postgresql://permits:permits@localhost/permits")
    SECRET_KEY = os.environ.get("PERMITS_SECRET_KEY", "dev-not-secret")
    DEBUG = False

    # mail
    SMTP_HOST = os.environ.get("SMTP_HOST", "localhost")
    SMTP_PORT = int(os.environ.get("SMTP_PORT", "25"))
    MAIL_FROM = os.environ.get("MAIL_FROM", "permits-noreply@cityofbrookvale.example")
    MAIL_DISABLED = os.environ.get("MAIL_DISABLED", "0") == "1"

    # document store: "local" or "s3"
    DOCUMENT_STORE = os.environ.get("DOCUMENT_STORE", "local")
    DOCUMENT_ROOT = os.environ.get("DOCUMENT_ROOT", "/var/lib/permits/documents")
    S3_BUCKET = os.environ.get("S3_BUCKET", "brookvale-permit-docs")

    # card payments (Paystream gateway)
    GATEWAY_URL = os.environ.get("GATEWAY_URL", "https://sandbox.paystream.example/v2")
    GATEWAY_KEY = os.environ.get("GATEWAY_KEY", "")

    # business rules the council changes every now and then
    PERMIT_EXPIRY_DAYS = 180
    PERMIT_MAX_EXTENSIONS = 2
    REVIEW_SLA_DAYS = 15
    EXPEDITED_REVIEW_SLA_DAYS = 5
    INSPECTION_SLOTS_PER_DAY = 8
    INSPECTION_LEAD_DAYS = 1
    LATE_FEE_PERCENT = 10
    CITATION_DUE_DAYS = 30
    LICENSE_REMINDER_DAYS = (60, 30, 7)
    PUBLIC_API_KEYS = [k for k in os.environ.get("PUBLIC_API_KEYS", "").split(",") if k]


class TestConfig(Config):
    DATABASE_URL = os.environ.get("PERMITS_TEST_DATABASE_URL", "sqlite://")
    MAIL_DISABLED = True
    DOCUMENT_ROOT = "/tmp/permits-test-docs"
    DEBUG = True


_active = TestConfig if os.environ.get("PERMITS_ENV") == "test" else Config


def get(key, default=None):
    return getattr(_active, key, default)

