"""Misc helpers.  Yes, this file is a junk drawer. Sorry."""
import logging
import math
import smtplib
from decimal import Decimal, InvalidOperation
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from lab.lib.config import get_setting, asbool

log = logging.getLogger(__name__)


def send_mail(to, subject, body, attachments=None, sender=None):
    """Send a plain text email.  attachments: list of (filename, bytes)."""
    if isinstance(to, str):
        to = [to]
    sender = sender or get_setting("mail.sender", "lims@example.invalid")
    if not asbool(get_setting("mail.enabled", "false")):
        log.info("mail disabled, would send %r to %s", subject, to)
        return False
    msg = MIMEMultipart()
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject
    msg.attach(MIMEText(body, "plain", "utf-8"))
    for fname, payload in attachments or []:
        part = MIMEApplication(payload, Name=fname)
        part["Content-Disposition"] = 'attachment; filename="%s"' % fname
        msg.attach(part)
    host = get_setting("mail.host", "localhost")
    port = int(get_setting("mail.port", 25))
    server = smtplib.SMTP(host, port, timeout=30)
    try:
        server.sendmail(sender, to, msg.as_string())
    finally:
        server.quit()
    return True


def chunked(seq, size):
    seq = list(seq)
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def safe_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def safe_decimal(value, default=None):
    if value in (None, ""):
        return default
    try:
        return Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return default


def luhn_check_digit(digits):
    total = 0
    for i, ch in enumerate(reversed(str(digits))):
        n = int(ch)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return (10 - total % 10) % 10


def generate_barcode(lab_number, container_no=1):
    """Sample container barcode: numeric part of lab number + container + check digit.

    Format agreed with the label printer vendor; see ZPL template labels/container.zpl
    """
    digits = "".join(ch for ch in lab_number if ch.isdigit())
    body = "%s%02d" % (digits, container_no)
    return "%s%d" % (body, luhn_check_digit(body))


def vat_rate_for(country, vat_number=None):
    # Brexit: EU clients with a VAT number are reverse charge (0%) - Sandra 01/2021
    if country in (None, "", "GB", "UK", "IM"):
        return Decimal("20.00")
    if vat_number:
        return Decimal("0.00")
    return Decimal("20.00")


def expanded_uncertainty(value, rel_std_uncertainty, k=2):
    """U = k * u_rel * value, returned in result units."""
    if value is None or rel_std_uncertainty is None:
        return None
    return abs(value) * float(rel_std_uncertainty) * k


def tat_days_for_class(tat_class, default_days=5):
    return {"urgent": 1, "express": 3}.get(tat_class, default_days)


def std_dev(values):
    values = [v for v in values if v is not None]
    if len(values) < 2:
        return None
    mean = sum(values) / float(len(values))
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
