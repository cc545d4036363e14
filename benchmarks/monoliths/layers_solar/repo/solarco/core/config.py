"""Application settings.

Originally a module full of constants (see LEGACY_* below); moved to pydantic
BaseSettings in 2020 so that k8s can inject env vars.
"""
import os
from functools import lru_cache
from typing import List, Optional

from pydantic import BaseSettings


class Settings(BaseSettings):
    app_name: str = "SolarCo Ops"
    environment: str = "dev"
    debug: bool = False

    database_url: str = "postgresql+psycopg2://solarco:solarco@localhost:5432/solarco"
    db_pool_size: int = 10
    db_echo: bool = False

    jwt_secret: str = "change-me"
    jwt_algorithm: str = "HS256"
    jwt_audience: str = "solarco-ops"

    smtp_host: str = "localhost"
    smtp_port: int = 25
    mail_from: str = "ops@solarco.example"
    twilio_sid: Optional[str] = None
    twilio_token: Optional[str] = None
    twilio_from: Optional[str] = None

    inverter_api_url: str = "https://api.inverter-cloud.example/v2"
    inverter_api_key: str = ""
    utility_portal_url: str = "https://interconnect.utility.example/api"
    utility_portal_token: str = ""
    finance_partner_url: str = "https://partners.sunlend.example/v1"
    finance_partner_key: str = ""
    finance_webhook_secret: str = "whsec_dev"

    default_currency: str = "USD"
    quote_validity_days: int = 30
    deposit_percent: float = 0.30
    progress_percent: float = 0.60
    invoice_due_days: int = 14
    late_fee_percent: float = 1.5
    low_stock_threshold: int = 10
    default_warehouse: str = "MAIN"
    underperformance_threshold: float = 0.80
    sales_reps: List[str] = ["amy@solarco.example", "raj@solarco.example", "tom@solarco.example"]

    class Config:
        env_file = ".env"
        env_prefix = "SOLARCO_"


@lru_cache()
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

# --- legacy constants, still imported in a few places --------------------
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
LEGACY_CRM_EXPORT_DIR = os.environ.get("LEGACY_CRM_EXPORT_DIR", "/mnt/crm_exports")
DATE_FMT = "%Y-%m-%d"
