import datetime
import logging

from celery import shared_task
from django.db import connection
from django.db.models import F
from django.utils import timezone

from accounts.models import Certification, LeaveRequest, Shift, Technician, TimeEntry
from common.tasks import send_templated_email
from common.utils import daterange, dictfetchall, today

logger = logging.getLogger('garage.staff.tasks')

DEFAULT_PATTERN = {
    0: ('08:00', '17:00', 'full'),
    1: ('08:00', '17:00', 'full'),
    2: ('08:00', '17:00', 'full'),
    3: ('08:00', '17:00', 'full'),
    4: ('08:00', '16:00', 'full'),
}


@shared_task
def auto_clock_out():
    """Forgot to clock out? We close it at the end of their shift (or 18:00)."""
    n = 0
    for entry in TimeEntry.objects.filter(clock_out__isnull=True).select_related('technician'):
        d = timezone.localtime(entry.clock_in).date()
        shift = Shift.objects.filter(technician=entry.technician, date=d).order_by('-ends').first()
        end_t = shift.ends if shift else datetime.time(18, 0)
        entry.clock_out = timezone.make_aware(datetime.datetime.combine(d, end_t))
        if entry.clock_out < entry.clock_in:
            entry.clock_out = entry.clock_in
        entry.auto_closed = True
        entry.save(update_fields=['clock_out', 'auto_closed'])
        n += 1
    return n


@shared_task
def generate_rota(weeks_ahead=2):
    """Copy the default pattern into empty days for everyone not on leave."""
    start = today() + datetime.timedelta(days=(7 - today().weekday()))
    end = start + datetime.timedelta(days=7 * weeks_ahead - 1)
    created = 0
    for tech in Technician.objects.filter(is_active=True):
        leave = list(LeaveRequest.objects.filter(technician=tech, status='approved',
                                                 date_from__lte=end, date_to__gte=start))
        for d in daterange(start, end):
            pattern = DEFAULT_PATTERN.get(d.weekday())
            if not pattern:
                continue
            if any(l.date_from <= d <= l.date_to for l in leave):
                continue
            _, was_created = Shift.objects.get_or_create(
                technician=tech, date=d, starts=pattern[0],
                defaults={'ends': pattern[1], 'shift_type': pattern[2], 'branch_code': tech.branch_code})
            created += int(was_created)
    return created


@shared_task
def certification_expiry_alerts(days=45):
    soon = today() + datetime.timedelta(days=days)
    certs = (Certification.objects.filter(expires_on__lte=soon, expires_on__gte=today(),
                                          technician__is_active=True)
             .select_related('technician__user'))
    if certs:
        send_templated_email(['hr@speedyfix-garages.co.uk'], 'Certifications expiring soon',
                             'emails/cert_expiry', {'certs': certs})
    return len(certs)


@shared_task
def weekly_overtime_report():
    """Clocked hours over contracted hours, last week. Goes to payroll."""
    start = today() - datetime.timedelta(days=today().weekday() + 7)
    end = start + datetime.timedelta(days=6)
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT t.payroll_number, t.contracted_hours,
                   SUM(EXTRACT(EPOCH FROM (te.clock_out - te.clock_in)) / 3600)::numeric(6,2) AS worked
              FROM accounts_timeentry te
              JOIN accounts_technician t ON t.id = te.technician_id
             WHERE te.clock_in::date BETWEEN %s AND %s AND te.clock_out IS NOT NULL
             GROUP BY t.payroll_number, t.contracted_hours
            HAVING SUM(EXTRACT(EPOCH FROM (te.clock_out - te.clock_in)) / 3600) > t.contracted_hours
        """, [start, end])
        rows = dictfetchall(cursor)
    if rows:
        send_templated_email(['payroll@speedyfix-garages.co.uk'], 'Overtime w/c %s' % start,
                             'emails/overtime', {'rows': rows, 'start': start, 'end': end})
    return len(rows)
