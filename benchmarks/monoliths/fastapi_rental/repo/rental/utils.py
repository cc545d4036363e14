"""Shared helpers. Everything imports this module, think twice before renaming anything."""
import datetime as dt
import json
import logging
import math
import random
import re
import smtplib
import string
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from email.message import EmailMessage

from fastapi import Depends, Header, HTTPException
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from rental.config import get_settings

log = logging.getLogger("rental")

_engine = None
SessionLocal = sessionmaker(autoflush=False, expire_on_commit=False)


# ---------------------------------------------------------------- db

def get_engine():
    global _engine
    if _engine is None:
        _engine = create_engine(get_settings().database_url, pool_pre_ping=True)
        SessionLocal.configure(bind=_engine)
    return _engine


@contextmanager
def session_scope():
    get_engine()
    db: Session = SessionLocal()
    try:
        yield db
        db.commit()
    except Exception:
        db.rollback()
        raise
    finally:
        db.close()


def get_db():
    # FastAPI dependency; same as session_scope but a generator
    with session_scope() as db:
        yield db


# ---------------------------------------------------------------- dates

def utcnow():
    return dt.datetime.now(dt.timezone.utc)


def parse_date(value):
    if value is None or isinstance(value, dt.date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"bad date: {value!r}")


def rental_days(pickup_at, return_at, grace_minutes=None):
    """Billable 24h blocks; the first `grace_minutes` of a new day are free."""
    grace = get_settings().grace_minutes if grace_minutes is None else grace_minutes
    minutes = (return_at - pickup_at).total_seconds() / 60
    if minutes <= 0:
        return 1
    days, rest = divmod(minutes, 24 * 60)
    if rest > grace:
        days += 1
    return max(1, int(days))


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def age_on(birth_date, on_date):
    years = on_date.year - birth_date.year
    if (on_date.month, on_date.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


# ---------------------------------------------------------------- money & formatting

def round_money(value):
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_money(value, currency="EUR"):
    symbol = {"EUR": "€", "GBP": "£", "USD": "$"}.get(currency, currency + " ")
    return f"{symbol}{round_money(value):,.2f}"


def apply_vat(net, rate=None):
    rate = get_settings().vat_rate if rate is None else Decimal(str(rate))
    return round_money(Decimal(str(net)) * (1 + rate))


def loyalty_discount(previous_rentals):
    # marketing wanted this "somewhere quick" in 2021, percent off the base price
    if previous_rentals >= 20:
        return Decimal("0.10")
    if previous_rentals >= 5:
        return Decimal("0.05")
    return Decimal("0")


def generate_reference(prefix="R", length=8):
    alphabet = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
    return prefix + "".join(random.choice(alphabet) for _ in range(length - len(prefix)))


def normalize_phone(phone):
    if not phone:
        return None
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    return digits


def normalize_plate(plate):
    return re.sub(r"[\s\-]", "", plate or "").upper()


def legacy_format_plate(plate):
    # old dutch sidecode formatting for the printed contracts, not called since the new template
    p = normalize_plate(plate)
    if len(p) == 6:
        return f"{p[:2]}-{p[2:4]}-{p[4:]}"
    return p


def paginate(query, page=1, per_page=25):
    page = max(1, int(page or 1))
    per_page = min(200, int(per_page or 25))
    total = query.count()
    items = query.offset((page - 1) * per_page).limit(per_page).all()
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "pages": math.ceil(total / per_page) if per_page else 0}


# ---------------------------------------------------------------- messaging transport

def send_email(to, subject, body, attachments=None):
    s = get_settings()
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = s.mail_from, to, subject
    msg.set_content(body)
    for name, data in attachments or []:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    with smtplib.SMTP(s.smtp_host) as smtp:
        smtp.send_message(msg)
    log.info("mail to %s: %s", to, subject)


def send_sms(to, body):
    payload = json.dumps({"to": normalize_phone(to), "text": body[:480]}).encode()
    req = urllib.request.Request(get_settings().sms_gateway_url, data=payload,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status == 200


# ---------------------------------------------------------------- auth

@dataclass
class StaffUser:
    username: str
    role: str
    branch_id: int | None = None


def get_current_user(x_api_key: str = Header(default="")):
    found = get_settings().api_keys.get(x_api_key)
    if not found:
        raise HTTPException(status_code=401, detail="Invalid API key")
    return StaffUser(username=found[0], role=found[1])


def require_role(*roles):
    def checker(user: StaffUser = Depends(get_current_user)):
        if user.role not in roles and user.role != "admin":
            raise HTTPException(status_code=403, detail="Not allowed for your role")
        return user
    return checker
