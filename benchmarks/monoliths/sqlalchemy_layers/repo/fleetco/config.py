import os
from functools import lru_cache


class Settings:
    """Runtime configuration, read from the environment (12-factor-ish)."""

    def __init__(self):
        self.database_url = os.environ.get(
            "FLEETCO_DATABASE_URL", "postgresql://fleetco:fleetco@localhost:5432/fleetco"
        )
        self.echo_sql = os.environ.get("FLEETCO_ECHO_SQL", "0") == "1"
        self.smtp_host = os.environ.get("FLEETCO_SMTP_HOST", "localhost")
        self.sms_gateway_url = os.environ.get("FLEETCO_SMS_URL", "https://sms.example.net/api")
        self.api_keys = [k for k in os.environ.get("FLEETCO_API_KEYS", "").split(",") if k]
        self.default_currency = os.environ.get("FLEETCO_CURRENCY", "EUR")
        self.vat_rate = float(os.environ.get("FLEETCO_VAT_RATE", "0.21"))
        self.quote_validity_days = int(os.environ.get("FLEETCO_QUOTE_DAYS", "14"))
        self.payment_terms_days = int(os.environ.get("FLEETCO_PAYMENT_TERMS", "30"))

    def is_production(self):
        return "prod" in os.environ.get("FLEETCO_ENV", "dev")


@lru_cache()
def get_settings():
    return Settings()
