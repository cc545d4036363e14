"""Monthly payroll for academic staff.

Payroll proper is done by the external provider; we send them a CSV with
gross figures. Tax etc. is theirs.
"""
import calendar
import csv
import datetime
import io
import logging
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum

from common.db import dictfetchall
from common.utils import round_money
from staff.models import Faculty, LeaveRequest, PayrollRecord, TeachingAssignment

logger = logging.getLogger(__name__)

OVERLOAD_HOURLY_RATE = Decimal('45.00')


def _month_bounds(period):
    year, month = [int(x) for x in period.split('-')]
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return first, last


def leave_days_taken(faculty, start, end, kind=None):
    qs = LeaveRequest.objects.filter(faculty=faculty, status='approved', starts_on__lte=end, ends_on__gte=start)
    if kind:
        qs = qs.filter(kind=kind)
    days = 0
    for leave in qs:
        s = max(leave.starts_on, start)
        e = min(leave.ends_on, end)
        days += (e - s).days + 1
    return days


def teaching_hours(faculty, term=None):
    qs = TeachingAssignment.objects.filter(faculty=faculty, approved=True, section__is_cancelled=False)
    if term is not None:
        qs = qs.filter(section__term=term)
    return qs.aggregate(h=Sum('contact_hours'))['h'] or 0


def teaching_overload_hours(faculty, academic_year):
    """Hours above contract across the year. Raw SQL because the accountant
    wanted it to match her spreadsheet exactly."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT COALESCE(SUM(ta.contact_hours), 0) AS hours
              FROM staff_teachingassignment ta
              JOIN academics_section s ON s.id = ta.section_id
              JOIN academics_term t ON t.id = s.term_id
             WHERE ta.faculty_id = %s
               AND ta.approved = TRUE
               AND s.is_cancelled = FALSE
               AND t.academic_year = %s
            """, [faculty.pk, academic_year])
        hours = cursor.fetchone()[0]
    contracted = faculty.contracted_teaching_hours * faculty.fte
    return max(Decimal(hours) - contracted, Decimal('0'))


def calculate_gross_pay(faculty, period):
    first, last = _month_bounds(period)
    monthly = round_money(faculty.annual_salary * faculty.fte / Decimal('12'))
    days_in_month = (last - first).days + 1
    unpaid = leave_days_taken(faculty, first, last, kind='unpaid')
    deduction = round_money(monthly * Decimal(unpaid) / Decimal(days_in_month)) if unpaid else Decimal('0.00')
    if faculty.start_date > first:
        worked = (last - faculty.start_date).days + 1
        monthly = round_money(monthly * Decimal(worked) / Decimal(days_in_month))
    if faculty.end_date and faculty.end_date < last:
        worked = (faculty.end_date - first).days + 1
        monthly = round_money(monthly * Decimal(max(worked, 0)) / Decimal(days_in_month))
    return monthly, deduction


@transaction.atomic
def run_monthly_payroll(period, academic_year=None, pay_overload=False):
    first, last = _month_bounds(period)
    created = 0
    for faculty in Faculty.objects.filter(start_date__lte=last).exclude(end_date__lt=first):
        gross, deduction = calculate_gross_pay(faculty, period)
        overload = Decimal('0.00')
        if pay_overload and academic_year:
            overload = round_money(teaching_overload_hours(faculty, academic_year) * OVERLOAD_HOURLY_RATE)
        record, was_created = PayrollRecord.objects.update_or_create(
            faculty=faculty, period=period,
            defaults={'gross_pay': gross, 'overload_pay': overload, 'unpaid_leave_deduction': deduction,
                      'net_pay': gross + overload - deduction})
        created += 1 if was_created else 0
    return created


class PayrollExporter(object):
    HEADER = ['staff_number', 'name', 'period', 'gross', 'overload', 'deduction', 'net']

    def __init__(self, period):
        self.period = period

    def rows(self):
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT f.staff_number, f.first_name || ' ' || f.last_name AS name, p.period,
                       p.gross_pay, p.overload_pay, p.unpaid_leave_deduction, p.net_pay
                  FROM hr_payroll_record p
                  JOIN staff_faculty f ON f.id = p.faculty_id
                 WHERE p.period = %s
                 ORDER BY f.staff_number
                """, [self.period])
            return dictfetchall(cursor)

    def to_csv(self):
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(self.HEADER)
        for r in self.rows():
            writer.writerow([r['staff_number'], r['name'], r['period'], r['gross_pay'], r['overload_pay'],
                             r['unpaid_leave_deduction'], r['net_pay']])
        return buf.getvalue()

    def mark_exported(self):
        return PayrollRecord.objects.filter(period=self.period, exported=False).update(exported=True)
