import os
from functools import lru_cache

from pydantic import BaseSettings


class Settings(BaseSettings):
    APP_NAME: str = "CareHub"
    ENVIRONMENT: str = "development"
    DATABASE_URL: str = "postgresql://carehub:carehub@localhost:5432/carehub"
    SECRET_KEY: str = "change-me"
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60 * 12
    SMTP_HOST: str = "localhost"
    SMTP_PORT: int = 25
    SMTP_FROM: str = "rota@carehub.example"
    SMS_GATEWAY_URL: str = ""
    SMS_API_KEY: str = ""
    OFFICE_EMAIL: str = "office@carehub.example"
    # call monitoring
    LATE_VISIT_THRESHOLD_MINUTES: int = 15
    MISSED_VISIT_THRESHOLD_MINUTES: int = 45
    CHECKIN_RADIUS_METRES: int = 250
    # finance
    VAT_RATE: float = 0.0  # domiciliary care is VAT exempt, kept for private extras
    INVOICE_PREFIX: str = "CH"
    PAYROLL_EXPORT_DIR: str = "/var/carehub/payroll"
    MILEAGE_RATE_PENCE: int = 45
    NATIONAL_LIVING_WAGE: float = 10.42
    TIMEZONE: str = "Europe/London"

    class Config:
        env_file = ".env"


@lru_cache()
def get_settings():
    return Settings()


settings = get_settings()
