import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from common.utils import days_between, get_setting, round_money, send_templated_email, today
from library.models import Book, BookCopy, Fine, Hold, Loan

logger = logging.getLogger(__name__)


class LibraryError(Exception):
    pass


def borrower_limits(student=None, faculty=None):
    """(max_items, loan_days) for the borrower type."""
    if faculty is not None:
        return (get_setting('LIBRARY_MAX_LOANS_STAFF', 30), get_setting('LIBRARY_LOAN_DAYS_STAFF', 56))
    if student is not None:
        max_items = get_setting('LIBRARY_MAX_LOANS_STUDENT', 8)
        # postgrads get double -- programme codes starting with M or P
        if student.programme_code[:1] in ('M', 'P'):
            max_items *= 2
        return (max_items, get_setting('LIBRARY_LOAN_DAYS_STUDENT', 21))
    raise LibraryError('No borrower')


def can_borrow(student=None, faculty=None):
    if student is not None:
        if student.status not in ('active', 'intermitting'):
            return False, 'Student record is not active'
        unpaid = sum(f.amount for f in Fine.objects.filter(student=student, waived=False, exported_at__isnull=True))
        if unpaid > Decimal('25.00'):
            return False, 'Unpaid library fines over \u00a325'
        # library decided in 2021 to also respect bursary holds
        from main.services import has_financial_hold
        if has_financial_hold(student):
            return False, 'Account on hold (bursary)'
        current = Loan.objects.filter(student=student, returned_at__isnull=True).count()
    else:
        if not faculty.is_current:
            return False, 'Staff contract ended'
        current = Loan.objects.filter(faculty=faculty, returned_at__isnull=True).count()
    max_items, _ = borrower_limits(student, faculty)
    if current >= max_items:
        return False, 'Loan limit reached (%s)' % max_items
    return True, ''


@transaction.atomic
def checkout_copy(copy, student=None, faculty=None):
    copy = BookCopy.objects.select_for_update().get(pk=copy.pk)
    if copy.loan_type == 'ref':
        raise LibraryError('Reference only')
    if copy.status == 'on_hold_shelf':
        hold = Hold.objects.filter(copy=copy, collected=False, cancelled=False).first()
        if hold is None or student is None or hold.student_id != student.pk:
            raise LibraryError('Copy is reserved for someone else')
        hold.collected = True
        hold.save(update_fields=['collected', 'updated_at'])
    elif copy.status != 'available':
        raise LibraryError('Copy is %s' % copy.get_status_display())
    ok, why = can_borrow(student, faculty)
    if not ok:
        raise LibraryError(why)
    _, days = borrower_limits(student, faculty)
    if copy.loan_type == 'short':
        days = 2
    loan = Loan.objects.create(copy=copy, student=student, faculty=faculty,
                               due_on=today() + datetime.timedelta(days=days))
    copy.status = 'on_loan'
    copy.save(update_fields=['status'])
    return loan


def _fine_for(loan, returned_on):
    days = days_between(loan.due_on, returned_on)
    if days <= 0:
        return Decimal('0.00')
    daily = get_setting('LIBRARY_DAILY_FINE', Decimal('0.20'))
    if loan.copy.loan_type == 'short':
        daily = daily * 5
    cap = get_setting('LIBRARY_MAX_FINE_PER_ITEM', Decimal('10.00'))
    return min(round_money(daily * days), cap)


@transaction.atomic
def return_copy(copy):
    loan = Loan.objects.filter(copy=copy, returned_at__isnull=True).select_related('copy').first()
    if loan is None:
        raise LibraryError('Copy is not on loan')
    loan.returned_at = timezone.now()
    loan.save(update_fields=['returned_at', 'updated_at'])
    fine_amount = _fine_for(loan, today())
    if fine_amount and loan.student_id:
        Fine.objects.create(loan=loan, student_id=loan.student_id, amount=fine_amount, reason='overdue')
    next_hold = Hold.objects.filter(book=copy.book, collected=False, cancelled=False,
                                    ready_at__isnull=True).order_by('position', 'created_at').first()
    if next_hold is not None:
        next_hold.copy = copy
        next_hold.ready_at = timezone.now()
        next_hold.save(update_fields=['copy', 'ready_at', 'updated_at'])
        copy.status = 'on_hold_shelf'
        send_templated_email('emails/library_hold_ready', {'hold': next_hold}, next_hold.student.email,
                             from_email=settings.LIBRARY_EMAIL)
    else:
        copy.status = 'available'
    copy.save(update_fields=['status'])
    return loan


def renew_loan(loan, max_renewals=3):
    if loan.returned_at is not None:
        raise LibraryError('Already returned')
    if loan.renewals >= max_renewals:
        raise LibraryError('Maximum renewals reached')
    if Hold.objects.filter(book=loan.copy.book, collected=False, cancelled=False).exists():
        raise LibraryError('Someone has requested this book')
    _, days = borrower_limits(loan.student, loan.faculty)
    loan.due_on = max(loan.due_on, today()) + datetime.timedelta(days=days)
    loan.renewals += 1
    loan.save(update_fields=['due_on', 'renewals', 'updated_at'])
    return loan


def place_hold(book, student):
    if Hold.objects.filter(book=book, student=student, collected=False, cancelled=False).exists():
        raise LibraryError('You already have a request for this book')
    if book.available_copies().exists():
        raise LibraryError('A copy is on the shelf')
    last = Hold.objects.filter(book=book, collected=False, cancelled=False).aggregate(m=Max('position'))['m'] or 0
    return Hold.objects.create(book=book, student=student, position=last + 1)


def assess_overdue_fines(on=None):
    """Nightly: create/refresh 'overdue' fines for items still out.
    Lost after 60 days -> replacement cost."""
    on = on or today()
    touched = 0
    for loan in Loan.objects.filter(returned_at__isnull=True, due_on__lt=on, student__isnull=False).select_related('copy'):
        if days_between(loan.due_on, on) > 60:
            if not Fine.objects.filter(loan=loan, reason='lost').exists():
                Fine.objects.create(loan=loan, student_id=loan.student_id, amount=loan.copy.replacement_cost,
                                    reason='lost')
                loan.copy.status = 'lost'
                loan.copy.save(update_fields=['status'])
                touched += 1
            continue
        amount = _fine_for(loan, on)
        fine = Fine.objects.filter(loan=loan, reason='overdue', exported_at__isnull=True).first()
        if fine is None:
            Fine.objects.create(loan=loan, student_id=loan.student_id, amount=amount, reason='overdue')
        elif fine.amount != amount:
            fine.amount = amount
            fine.save(update_fields=['amount', 'updated_at'])
        touched += 1
    return touched


def waive_fine(fine, by):
    if fine.exported_at is not None:
        # already on an invoice -- the bursary has to credit it
        raise LibraryError('Fine already sent to the bursary (%s)' % fine.exported_ref)
    fine.waived = True
    fine.waived_by = by
    fine.save(update_fields=['waived', 'waived_by', 'updated_at'])
    return fine


def _old_fine_calc(days_late):
    # pre-2020 flat rate, replaced by _fine_for(). Left for the audit.
    return Decimal('0.10') * days_late if days_late > 0 else Decimal('0')
