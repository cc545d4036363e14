import os
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache


@dataclass
class Settings:
    database_url: str = os.environ.get("DATABASE_URL", "postgresql://rental:rental@localhost:5432/rental")
    api_keys: dict = field(default_factory=lambda: {"dev-key": ("dev", "admin")})
    smtp_host: str = os.environ.get("SMTP_HOST", "localhost")
    mail_from: str = "bookings@rentwheels.example"
    sms_gateway_url: str = os.environ.get("SMS_URL", "https://sms.example/api/send")
    payment_gateway_url: str = os.environ.get("PSP_URL", "https://psp.example/v2")
    payment_gateway_key: str = os.environ.get("PSP_KEY", "")
    vat_rate: Decimal = Decimal("0.21")
    currency: str = "EUR"
    grace_minutes: int = 59
    deposit_hold_days: int = 30
    unpaid_reservation_hours: int = 48
    invoice_due_days: int = 14


@lru_cache
def get_settings():
    s = Settings()
    # old env var still used on the staging box
    if os.environ.get("RENTAL_VAT"):
        s.vat_rate = Decimal(os.environ["RENTAL_VAT"])
    return s
