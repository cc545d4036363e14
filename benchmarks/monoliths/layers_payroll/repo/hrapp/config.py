import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass
class Settings:
    database_url: str = "postgresql://hrapp:hrapp@localhost:5432/hrapp"
    echo_sql: bool = False
    secret_key: str = "change-me"
    jwt_algorithm: str = "HS256"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    mail_from: str = "hr-noreply@acme.example"
    default_currency: str = "EUR"
    country: str = "NL"
    payroll_cutoff_day: int = 25
    overtime_multiplier: float = 1.5
    annual_leave_days: int = 25
    max_carry_over_days: int = 5
    expense_auto_approve_limit: float = 50.0


@lru_cache()
def get_settings():
    return Settings(
        database_url=os.environ.get("HRAPP_DATABASE_URL", Settings.database_url),
        echo_sql=os.environ.get("HRAPP_ECHO_SQL") == "1",
        secret_key=os.environ.get("HRAPP_SECRET_KEY", Settings.secret_key),
        smtp_host=os.environ.get("HRAPP_SMTP_HOST", Settings.smtp_host),
        country=os.environ.get("HRAPP_COUNTRY", Settings.country),
    )
