"""Celery tasks. All periodic tasks live here because CELERY_BEAT_SCHEDULE
was written against main.tasks and nobody wanted to touch it."""
import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from common.utils import (compute_late_fee, days_between, format_money, send_templated_email,
                          today)
from main import services
from main.models import AccountHold, Invoice, Offer

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# admissions
# ---------------------------------------------------------------------------

@shared_task
def send_offer_reminders():
    soon = timezone.now() + datetime.timedelta(days=5)
    offers = (Offer.objects.filter(status='pending', expires_at__lte=soon, reminder_sent_at__isnull=True)
              .select_related('application__applicant'))
    sent = 0
    for offer in offers:
        ok = send_templated_email('emails/offer_reminder', {'offer': offer},
                                  offer.application.applicant.email, from_email=settings.ADMISSIONS_EMAIL)
        if ok:
            offer.reminder_sent_at = timezone.now()
            offer.save(update_fields=['reminder_sent_at', 'updated_at'])
            sent += 1
    return sent


@shared_task
def expire_stale_offers():
    return services.expire_offers()


# ---------------------------------------------------------------------------
# finance
# ---------------------------------------------------------------------------

@shared_task
def send_overdue_invoice_reminders():
    on = today()
    sent = 0
    for invoice in Invoice.objects.overdue(on).select_related('student'):
        if invoice.last_reminder_on and days_between(invoice.last_reminder_on, on) < 7:
            continue
        send_templated_email('emails/invoice_overdue', {
            'invoice': invoice, 'balance': format_money(invoice.balance),
            'days': days_between(invoice.due_on, on)}, invoice.student.email,
            from_email=settings.BURSAR_EMAIL)
        invoice.last_reminder_on = on
        if invoice.status != 'overdue':
            invoice.status = 'overdue'
        invoice.save(update_fields=['last_reminder_on', 'status', 'updated_at'])
        if days_between(invoice.due_on, on) > 60:
            services.place_hold(invoice.student, 'Invoice %s over 60 days overdue' % invoice.reference)
        sent += 1
    return sent


@shared_task
def apply_late_fees():
    on = today()
    applied = 0
    for invoice in Invoice.objects.overdue(on).select_related('student', 'term'):
        fee = compute_late_fee(invoice.balance, days_between(invoice.due_on, on))
        if not fee:
            continue
        services.add_invoice_line(invoice.student, 'Late payment fee on %s' % invoice.reference, fee,
                                  category='late_fee', term=invoice.term,
                                  source_ref='latefee:%s:%s' % (invoice.pk, on.strftime('%Y%m')))
        applied += 1
    return applied


@shared_task(bind=True, max_retries=3)
def sync_gateway_payments(self):
    client = services.PaymentGatewayClient()
    since = timezone.now() - datetime.timedelta(hours=2)
    try:
        settled = client.list_settled(since)
    except Exception as exc:  # requests errors
        raise self.retry(exc=exc, countdown=300)
    recorded = 0
    for item in settled:
        invoice = Invoice.objects.filter(reference=item.get('reference')).first()
        if invoice is None:
            logger.warning('settled payment %s for unknown invoice', item.get('id'))
            continue
        if services.record_payment(invoice, item['amount'], 'card', gateway_ref=item['id'],
                                   recorded_by='gateway-sync'):
            recorded += 1
    return recorded


@shared_task
def import_library_fines_task():
    return services.import_library_fines()


@shared_task
def nightly_hold_sweep():
    """Release finance holds for students who no longer owe anything.
    TODO: not in the beat schedule since the signal does this -- remove?"""
    released = 0
    for hold in AccountHold.objects.filter(released_at__isnull=True, hold_type='finance').select_related('student'):
        if services.outstanding_balance(hold.student) <= 0:
            services.release_holds(hold.student, released_by='sweep', hold_type='finance')
            released += 1
    return released


# ---------------------------------------------------------------------------
# library
# ---------------------------------------------------------------------------

@shared_task
def assess_library_fines():
    from library.services import assess_overdue_fines
    return assess_overdue_fines()


@shared_task
def send_library_overdue_notices():
    from library.models import Loan
    on = today()
    loans = (Loan.objects.filter(returned_at__isnull=True, due_on__lt=on)
             .filter(Q(last_notice_on__isnull=True) | Q(last_notice_on__lt=on - datetime.timedelta(days=3)))
             .select_related('copy__book', 'student', 'faculty'))
    sent = 0
    for loan in loans:
        borrower = loan.borrower()
        if borrower is None or not borrower.email:
            continue
        send_templated_email('emails/library_overdue', {
            'loan': loan, 'days': days_between(loan.due_on, on), 'borrower': borrower},
            borrower.email, from_email=settings.LIBRARY_EMAIL)
        loan.last_notice_on = on
        loan.save(update_fields=['last_notice_on', 'updated_at'])
        sent += 1
    return sent


# ---------------------------------------------------------------------------
# exams (moved from exams/tasks.py when that file was deleted in 2021)
# ---------------------------------------------------------------------------

@shared_task
def publish_term_results(term_id):
    from academics.models import Term
    from exams.models import Grade
    term = Term.objects.get(pk=term_id)
    now = timezone.now()
    count = (Grade.objects.filter(section__term=term, status='provisional')
             .exclude(letter='').update(status='published', published_at=now))
    term.results_published = True
    term.save(update_fields=['results_published'])
    logger.info('published %s grades for %s', count, term)
    return count


@shared_task
def process_transcript_requests():
    from exams.models import TranscriptRequest
    done = 0
    for req in TranscriptRequest.objects.filter(status__in=['pending', 'blocked']).select_related('student'):
        if services.has_financial_hold(req.student):
            if req.status != 'blocked':
                req.status = 'blocked'
                req.blocked_reason = 'Outstanding balance on student account'
                req.save(update_fields=['status', 'blocked_reason', 'updated_at'])
            continue
        req.status = 'issued'
        req.issued_at = timezone.now()
        req.blocked_reason = ''
        req.save(update_fields=['status', 'issued_at', 'blocked_reason', 'updated_at'])
        send_templated_email('emails/transcript_issued', {'request': req}, req.student.email)
        done += 1
    return done


# ---------------------------------------------------------------------------
# housing
# ---------------------------------------------------------------------------

@shared_task
def nightly_room_swap_processing():
    from academics.services import process_room_swaps
    return process_room_swaps()
