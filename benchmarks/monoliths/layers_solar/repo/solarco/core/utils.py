"""Misc helpers.

NOTE: this file has become a dumping ground.  Some of the solar maths below
really belongs elsewhere - see JIRA OPS-412.  Do not add more business logic
here (famous last words).
"""
import functools
import logging
import math
import re
import time
import unicodedata
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Iterable, Iterator, List, Optional, Sequence, TypeVar

from solarco.core.config import DATE_FMT, settings

log = logging.getLogger(__name__)
T = TypeVar("T")

CENT = Decimal("0.01")


# --------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------
class SolarcoError(Exception):
    """Base application error."""


class NotFoundError(SolarcoError):
    def __init__(self, what: str, ident: Any = None):
        super().__init__(f"{what} {ident} not found" if ident is not None else f"{what} not found")
        self.what = what
        self.ident = ident


class BusinessRuleError(SolarcoError):
    pass


# --------------------------------------------------------------------------
# money
# --------------------------------------------------------------------------
def to_decimal(value: Any) -> Decimal:
    if value is None:
        return Decimal("0")
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def round_money(value: Any) -> Decimal:
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(value: Any, currency: Optional[str] = None) -> str:
    currency = currency or settings.default_currency
    amount = round_money(value)
    sign = "-" if amount < 0 else ""
    symbol = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3"}.get(currency, currency + " ")
    return f"{sign}{symbol}{abs(amount):,.2f}"


def percent_of(value: Any, pct: Any) -> Decimal:
    return round_money(to_decimal(value) * to_decimal(pct) / Decimal("100"))


# --------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------
def parse_date(value: Any) -> Optional[date]:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in (DATE_FMT, "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unparseable date: {value!r}")


def utcnow() -> datetime:
    return datetime.utcnow()


def is_business_day(d: date) -> bool:
    return d.weekday() < 5


def add_business_days(start: date, days: int) -> date:
    current = start
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    while remaining:
        current += timedelta(days=step)
        if is_business_day(current):
            remaining -= 1
    return current


def daterange(start: date, end: date) -> Iterator[date]:
    for n in range((end - start).days + 1):
        yield start + timedelta(days=n)


def days_between(a: date, b: date) -> int:
    return abs((b - a).days)


# --------------------------------------------------------------------------
# strings
# --------------------------------------------------------------------------
def slugify(value: str) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def normalize_phone(raw: Optional[str]) -> Optional[str]:
    if not raw:
        return None
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return raw.strip()
    return f"+1{digits}"


def normalize_email(raw: Optional[str]) -> Optional[str]:
    return raw.strip().lower() if raw else None


def one_line_address(line1: str, city: str, state: str, zip_code: str) -> str:
    return f"{line1.strip()}, {city.strip()}, {state.strip().upper()} {zip_code.strip()}"


# --------------------------------------------------------------------------
# collections
# --------------------------------------------------------------------------
def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def first(items: Iterable[T], default: Optional[T] = None) -> Optional[T]:
    for item in items:
        return item
    return default


def clamp_page(limit: Optional[int], default: int = 50, maximum: int = 500) -> int:
    if not limit or limit < 1:
        return default
    return min(limit, maximum)


# --------------------------------------------------------------------------
# decorators
# --------------------------------------------------------------------------
def retry(times: int = 3, delay: float = 1.0, exceptions: tuple = (Exception,)):
    def decorator(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            attempt = 0
            while True:
                try:
                    return fn(*args, **kwargs)
                except exceptions as exc:
                    attempt += 1
                    if attempt >= times:
                        raise
                    log.warning("%s failed (%s), retry %s/%s", fn.__name__, exc, attempt, times)
                    time.sleep(delay * attempt)

        return wrapper

    return decorator


def timed(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.monotonic()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info("%s took %.3fs", fn.__qualname__, time.monotonic() - started)

    return wrapper


# --------------------------------------------------------------------------
# solar / business maths that ended up here (OPS-412)
# --------------------------------------------------------------------------
# peak sun hours per state, rough numbers from NREL, 2019
PEAK_SUN_HOURS = {
    "AZ": 6.5, "CA": 5.8, "NV": 6.4, "TX": 5.3, "FL": 5.4, "CO": 5.5,
    "NM": 6.2, "UT": 5.6, "NC": 4.7, "NJ": 4.4, "MA": 4.2, "NY": 4.1,
}
SYSTEM_LOSSES = 0.14


def estimate_annual_yield_kwh(system_kw: float, state: str, solar_access_pct: float = 100.0,
                              azimuth_factor: float = 1.0) -> float:
    """Expected first-year production.  Used by quoting AND by monitoring
    (expected vs actual).  Keep them in sync!"""
    psh = PEAK_SUN_HOURS.get((state or "").upper(), 4.5)
    access = max(min(solar_access_pct, 100.0), 0.0) / 100.0
    return round(system_kw * psh * 365 * (1 - SYSTEM_LOSSES) * access * azimuth_factor, 1)


def panels_needed(target_kw: float, panel_watts: int) -> int:
    if panel_watts <= 0:
        raise BusinessRuleError("panel wattage must be positive")
    return int(math.ceil(target_kw * 1000.0 / panel_watts))


def size_system_for_bill(monthly_bill_usd: float, rate_per_kwh: float, state: str,
                         offset_pct: float = 100.0) -> float:
    """kW needed to offset offset_pct of the customer's annual usage."""
    if not monthly_bill_usd or not rate_per_kwh:
        return 0.0
    annual_kwh = monthly_bill_usd / rate_per_kwh * 12 * offset_pct / 100.0
    per_kw = estimate_annual_yield_kwh(1.0, state)
    return round(annual_kwh / per_kw, 2) if per_kw else 0.0


def calc_payback_years(net_cost: Any, annual_kwh: float, rate_per_kwh: float,
                       escalator: float = 0.03) -> Optional[float]:
    cost = float(to_decimal(net_cost))
    if annual_kwh <= 0 or rate_per_kwh <= 0:
        return None
    saved, year, rate = 0.0, 0, rate_per_kwh
    while saved < cost and year < 40:
        year += 1
        saved += annual_kwh * rate * (1 - 0.005 * (year - 1))  # 0.5%/yr degradation
        rate *= 1 + escalator
    return float(year) if saved >= cost else None


# state sales tax on solar equipment (many states exempt)
SOLAR_SALES_TAX = {"AZ": 0.0, "CA": 0.0725, "NV": 0.0, "TX": 0.0, "FL": 0.0,
                   "CO": 0.0, "NM": 0.05125, "UT": 0.0, "NC": 0.0475, "NJ": 0.0}


def sales_tax_rate(state: str) -> Decimal:
    return to_decimal(SOLAR_SALES_TAX.get((state or "").upper(), 0.06))


def compute_late_fee(balance: Any, days_overdue: int) -> Decimal:
    """Late fee per the customer agreement: late_fee_percent per started 30 days."""
    if days_overdue <= 0:
        return Decimal("0.00")
    periods = int(math.ceil(days_overdue / 30.0))
    return percent_of(balance, to_decimal(settings.late_fee_percent) * periods)
