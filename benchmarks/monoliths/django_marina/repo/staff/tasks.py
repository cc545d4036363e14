import csv
import datetime
import io

from celery import shared_task
from django.utils import timezone

from staff.models import AccessFob, TimesheetEntry


@shared_task
def timesheet_export():
    """Weekly CSV to the payroll bureau."""
    from utils.email import send_templated_email
    rows = TimesheetEntry.objects.filter(exported=False).select_related('staff').order_by('staff__full_name', 'date')
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(['name', 'date', 'hours', 'overtime'])
    for r in rows:
        w.writerow([r.staff.full_name, r.date.isoformat(), r.hours, 'Y' if r.overtime else 'N'])
    send_templated_email('payroll@bureau.example', 'Harbourside timesheets', 'timesheets', {},
                         attachments=[('timesheets.csv', buf.getvalue(), 'text/csv')])
    rows.update(exported=True)


@shared_task
def expire_fobs():
    from staff.access import revoke_fob
    for fob in AccessFob.objects.filter(active=True, expires__lt=timezone.localdate()):
        revoke_fob(fob)
