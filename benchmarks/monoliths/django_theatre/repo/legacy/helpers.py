"""
Helpers carried over from the PHP port. Some of these are used everywhere
now (dictfetchall!) - one day they should move to core.utils.
"""
import csv
import datetime
import io
import logging
import time
from collections import namedtuple
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.template import Context, Template
from django.utils import timezone

from core.utils import money, short_hash

log = logging.getLogger(__name__)


def dictfetchall(cursor):
    "Return all rows from a cursor as a dict"
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def namedtuplefetchall(cursor):
    "Return all rows from a cursor as a namedtuple"
    desc = cursor.description
    nt_result = namedtuple("Result", [col[0] for col in desc])
    return [nt_result(*row) for row in cursor.fetchall()]


def run_sql(sql, params=None, as_dict=True):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        if cursor.description is None:
            return cursor.rowcount
        return dictfetchall(cursor) if as_dict else cursor.fetchall()


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="%s"' % filename
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return response


class Timer(object):
    """with Timer("thing"): ... logs how long it took"""

    def __init__(self, label):
        self.label = label

    def __enter__(self):
        self.start = time.time()
        return self

    def __exit__(self, *exc):
        log.info("%s took %.2fs", self.label, time.time() - self.start)
        return False


class LegacyCsvImporter(object):
    """Generic importer for the old system's CSV dumps (semicolon separated, latin-1)."""

    delimiter = ";"
    encoding = "latin-1"
    required = ()

    def __init__(self, fileobj, dry_run=False):
        self.fileobj = fileobj
        self.dry_run = dry_run
        self.errors = []
        self.imported = 0

    def rows(self):
        data = self.fileobj.read()
        if isinstance(data, bytes):
            data = data.decode(self.encoding)
        reader = csv.DictReader(io.StringIO(data), delimiter=self.delimiter)
        for lineno, row in enumerate(reader, start=2):
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            missing = [f for f in self.required if not row.get(f)]
            if missing:
                self.errors.append((lineno, "missing %s" % ", ".join(missing)))
                continue
            yield lineno, row

    def handle_row(self, row):
        raise NotImplementedError

    def run(self):
        for lineno, row in self.rows():
            try:
                if not self.dry_run:
                    self.handle_row(row)
                self.imported += 1
            except Exception as exc:  # keep going, report at the end
                self.errors.append((lineno, str(exc)))
        return self.imported, self.errors


# --- gift aid -------------------------------------------------------------


def gift_aid_amount(amount):
    """Basic rate gift aid on a donation: 25p per pound."""
    return money(Decimal(amount) * Decimal(settings.GIFT_AID_RATE))


def has_valid_declaration(patron, on_date=None):
    from legacy.models import GiftAidDeclaration

    on_date = on_date or timezone.localdate()
    for decl in GiftAidDeclaration.objects.filter(patron=patron):
        if decl.is_valid_on(on_date):
            return True
    return False


def hmrc_name_parts(patron):
    # HMRC wants title, first name, surname and house number + postcode
    addr = patron.primary_address()
    house = ""
    if addr:
        house = addr.line1.split(" ")[0] if addr.line1[:1].isdigit() else addr.line1[:40]
    return {
        "title": patron.title,
        "first_name": (patron.first_name or "")[:35],
        "last_name": patron.last_name[:35],
        "house": house,
        "postcode": addr.postcode if addr else "",
    }


# --- mailings -------------------------------------------------------------


def make_unsubscribe_token(email, mailing_id):
    return short_hash(email, mailing_id, length=16)


def render_mailing(mailing, patron=None, recipient=None):
    ctx = {
        "patron": patron,
        "first_name": (patron.first_name if patron else "") or "Friend",
        "production": mailing.production,
        "unsubscribe_url": "",
        "tracking_pixel": "",
    }
    if recipient is not None:
        ctx["unsubscribe_url"] = "%s/old/unsubscribe/%s/" % (settings.MAILING_TRACKING_HOST, recipient.token)
        ctx["tracking_pixel"] = '<img src="%s/old/o/%s.gif" width="1" height="1">' % (
            settings.MAILING_TRACKING_HOST,
            recipient.token,
        )
    html = Template(mailing.body_html).render(Context(ctx))
    text = Template(mailing.body_text or "").render(Context(ctx))
    return html, text


# --- volunteers -----------------------------------------------------------


def volunteer_hours(volunteer, start, end):
    sql = """
        SELECT COALESCE(SUM(COALESCE(a.hours,
                 EXTRACT(EPOCH FROM (s.ends_at - s.starts_at)) / 3600.0)), 0)
          FROM backoffice_shiftassignment a
          JOIN backoffice_ushershift s ON s.id = a.shift_id
         WHERE a.volunteer_id = %s
           AND a.status = 'worked'
           AND s.starts_at >= %s AND s.starts_at < %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [volunteer.pk, start, end])
        (total,) = cursor.fetchone()
    return round(float(total or 0), 2)


def volunteer_display_name(volunteer):
    name = "%s %s" % (volunteer.first_name, volunteer.last_name[:1])
    return name.strip() + "."


# --- orders ---------------------------------------------------------------


def old_ref_to_order(ref):
    """Old PHP order refs were numeric (e.g. 004512); new ones are GPXXXXXXX.
    Imported orders kept the old number in notes as 'legacy:004512'."""
    from main.models import Order

    ref = (ref or "").strip().upper()
    if ref.startswith(settings.ORDER_REFERENCE_PREFIX):
        return Order.objects.filter(reference=ref).first()
    if ref.isdigit():
        return Order.objects.filter(notes__contains="legacy:%s" % ref.zfill(6)).first()
    return None
