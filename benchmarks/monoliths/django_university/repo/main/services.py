"""Business logic for the main app.

This file started as "fees.py" and grew. Sections:
  * admissions decisions & offers
  * student record creation
  * billing (invoices, payments, holds)
  * payment gateway client
"""
import csv
import datetime
import hashlib
import hmac
import json
import logging
from decimal import Decimal

import requests
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from common.db import dictfetchall, fetch_scalar, retry_on_deadlock
from common.utils import (add_business_days, format_money, format_student_number,
                          get_setting, notify_staff_mailbox, round_money,
                          send_offer_letter, send_templated_email)
from main.models import (AccountHold, AdmissionRound, Applicant, Application,
                         FeeSchedule, Invoice, InvoiceLine, Offer, Payment, Student)

logger = logging.getLogger(__name__)


class OfferError(Exception):
    pass


class BillingError(Exception):
    pass


# ===========================================================================
# Admissions
# ===========================================================================

SCORE_WEIGHTS = {
    'grades': Decimal('0.5'),
    'statement': Decimal('0.2'),
    'reference': Decimal('0.1'),
    'interview': Decimal('0.2'),
}


def score_application(application):
    """Rough scoring so the panel can sort. Returns a 0-100 Decimal."""
    grades = Decimal('0')
    predicted = (application.applicant.predicted_grades or '').upper().replace(' ', '')
    for ch in predicted:
        grades += {'A': Decimal('33'), 'B': Decimal('27'), 'C': Decimal('20'), 'D': Decimal('12')}.get(ch, 0)
    grades = min(grades, Decimal('100'))
    statement = Decimal(min(len(application.personal_statement or '') // 40, 100))
    reference = Decimal('70') if application.reference_text else Decimal('0')

    interview = Decimal('0')
    from staff.models import Interview  # circular
    best = (Interview.objects.filter(application=application, score__isnull=False)
            .aggregate(m=Max('score'))['m'])
    if best is not None:
        interview = Decimal(best) * 10

    total = (grades * SCORE_WEIGHTS['grades'] + statement * SCORE_WEIGHTS['statement']
             + reference * SCORE_WEIGHTS['reference'] + interview * SCORE_WEIGHTS['interview'])
    application.score = round_money(total)
    application.save(update_fields=['score', 'updated_at'])
    return application.score


def move_to_review(application, reviewer):
    if application.status != 'submitted':
        raise OfferError('Only submitted applications can be reviewed')
    missing = {'transcript', 'passport'} - set(application.documents.values_list('kind', flat=True))
    if missing:
        raise OfferError('Missing documents: %s' % ', '.join(sorted(missing)))
    application.status = 'under_review'
    application.reviewed_by = reviewer
    application.save()
    score_application(application)
    return application


def decide_application(application, decision, reviewer, notes='', offer_type=Offer.TYPE_CONDITIONAL,
                       conditions=''):
    if decision not in ('offer', 'reject', 'interview'):
        raise ValueError(decision)
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.decision_notes = notes
    if decision == 'reject':
        application.status = 'rejected'
        application.save()
        send_templated_email('emails/application_rejected', {'application': application},
                             application.applicant.email, from_email=settings.ADMISSIONS_EMAIL)
        return None
    if decision == 'interview':
        application.status = 'interview'
        application.save()
        return None
    application.save()
    return make_offer(application, offer_type, conditions)


@transaction.atomic
def make_offer(application, offer_type=Offer.TYPE_CONDITIONAL, conditions='', expires_in_days=None):
    rnd = application.round
    if rnd.capacity:
        made = Offer.objects.filter(application__round=rnd).exclude(status__in=['declined', 'withdrawn']).count()
        if made >= rnd.capacity:
            raise OfferError('Round %s is full (%s offers)' % (rnd, made))
    if hasattr(application, 'offer'):
        raise OfferError('Application already has an offer')
    days = expires_in_days or get_setting('OFFER_VALIDITY_DAYS', 28)
    deposit = Decimal('0.00')
    # deposit rule: internationals always pay; home students only for capped programmes
    schedule = FeeSchedule.objects.filter(programme_code=application.programme_code,
                                          academic_year=rnd.academic_year,
                                          is_international=(application.fee_status == 'intl')).first()
    if schedule is not None and (application.fee_status == 'intl' or rnd.capacity):
        deposit = schedule.deposit_amount
    offer = Offer.objects.create(
        application=application,
        offer_type=offer_type,
        conditions=conditions,
        expires_at=timezone.now() + datetime.timedelta(days=days),
        deposit_required=deposit,
    )
    application.status = 'offered'
    application.save(update_fields=['status', 'updated_at'])
    send_offer_letter(offer)
    return offer


@transaction.atomic
def accept_offer(offer, accepted_by=None):
    if not offer.is_open:
        raise OfferError('Offer is not open')
    if offer.offer_type == Offer.TYPE_CONDITIONAL and not offer.conditions:
        logger.warning('conditional offer %s with no conditions text', offer.pk)
    application = offer.application
    student = create_student_from_application(application)
    offer.status = 'accepted'
    offer.responded_at = timezone.now()
    offer.save()   # post_save raises the deposit invoice (main.models)
    send_templated_email('emails/offer_accepted', {'offer': offer, 'student': student},
                         application.applicant.email, from_email=settings.ADMISSIONS_EMAIL)
    return student


def decline_offer(offer, reason=''):
    if offer.status != 'pending':
        raise OfferError('Offer already %s' % offer.status)
    offer.status = 'declined'
    offer.responded_at = timezone.now()
    offer.save()
    Application.objects.filter(pk=offer.application_id).update(decision_notes=F('decision_notes'))
    logger.info('offer %s declined: %s', offer.pk, reason)


def expire_offers(now=None):
    now = now or timezone.now()
    qs = Offer.objects.filter(status='pending', expires_at__lt=now)
    count = qs.update(status='expired')
    logger.info('expired %s offers', count)
    return count


def close_admission_round(round_id, notify=True):
    rnd = AdmissionRound.objects.get(pk=round_id)
    rnd.is_closed = True
    rnd.save(update_fields=['is_closed', 'updated_at'])
    # anything still sitting in draft gets withdrawn
    withdrawn = Application.objects.for_round(rnd).filter(status='draft').update(status='withdrawn')
    stats = {
        'withdrawn_drafts': withdrawn,
        'offers': Offer.objects.filter(application__round=rnd).count(),
        'accepted': Offer.objects.filter(application__round=rnd, status='accepted').count(),
    }
    if notify:
        notify_staff_mailbox('ADMISSIONS_EMAIL', 'Round closed: %s' % rnd,
                             json.dumps(stats, indent=2))
    return stats


def legacy_import_applicants_csv(path):
    """One-off import of the 2018 UCAS spreadsheet. Kept 'just in case'."""
    created = 0
    with open(path) as fh:
        for row in csv.DictReader(fh):
            applicant, was_created = Applicant.objects.get_or_create(
                email=row['Email'].strip().lower(),
                defaults={'first_name': row['Forename'], 'last_name': row['Surname'],
                          'previous_school': row.get('School', '')})
            if was_created:
                created += 1
    return created


# ===========================================================================
# Student records (registry)
# ===========================================================================

def next_student_number(year=None):
    year = year or timezone.localdate().year
    prefix = '{0:02d}'.format(year % 100)
    last = (Student.objects.filter(student_number__startswith=prefix)
            .order_by('-student_number').values_list('student_number', flat=True).first())
    seq = int(last[2:]) + 1 if last else 1
    return format_student_number(year, seq)


def create_student_from_application(application):
    existing = getattr(application, 'student', None)
    if existing is not None:
        return existing
    applicant = application.applicant
    student = Student.objects.create(
        user=applicant.user,
        student_number=next_student_number(),
        first_name=applicant.first_name,
        last_name=applicant.last_name,
        email='{0}@students.example-university.ac.uk'.format(next_student_number()),
        personal_email=applicant.email,
        phone=applicant.phone,
        date_of_birth=applicant.date_of_birth,
        home_address=applicant.address,
        programme_code=application.programme_code,
        is_international=(application.fee_status == 'intl'),
        application=application,
    )
    logger.info('created student %s from application %s', student.student_number, application.pk)
    return student


# ===========================================================================
# Billing
# ===========================================================================

def get_fee_schedule(student, academic_year):
    try:
        return FeeSchedule.objects.get(programme_code=student.programme_code,
                                       academic_year=academic_year,
                                       is_international=student.is_international)
    except FeeSchedule.DoesNotExist:
        raise BillingError('No fee schedule for %s %s' % (student.programme_code, academic_year))


def _invoice_reference(student, term=None):
    stamp = term.code if term is not None else timezone.localdate().strftime('%Y%m')
    count = Invoice.objects.filter(student=student).count() + 1
    return 'INV-{0}-{1}-{2:02d}'.format(student.student_number, stamp, count)


def _open_invoice(student, term=None, create=True):
    qs = Invoice.objects.filter(student=student, status='draft')
    if term is not None:
        qs = qs.filter(term=term)
    invoice = qs.first()
    if invoice is None and create:
        invoice = Invoice.objects.create(student=student, term=term,
                                         reference=_invoice_reference(student, term))
    return invoice


def add_invoice_line(student, description, amount, category='adjustment', term=None,
                     source_ref='', issue=False):
    """Adds a line to the student's current draft invoice (creating one if needed).
    Other apps call this -- housing rent, library fines, etc."""
    if source_ref and InvoiceLine.objects.filter(invoice__student=student, source_ref=source_ref).exists():
        logger.info('line %s already billed for %s', source_ref, student.pk)
        return None
    invoice = _open_invoice(student, term)
    line = InvoiceLine.objects.create(invoice=invoice, description=description[:255], category=category,
                                      quantity=Decimal('1'), unit_amount=round_money(amount),
                                      amount=round_money(amount), source_ref=source_ref)
    invoice.recalculate()
    if issue:
        issue_invoice(invoice)
    return line


def issue_invoice(invoice, issued_by='system'):
    if invoice.status != 'draft':
        return invoice
    invoice.issued_on = timezone.localdate()
    invoice.due_on = invoice.issued_on + datetime.timedelta(days=get_setting('TUITION_PAYMENT_TERMS_DAYS', 30))
    invoice.status = 'issued'
    invoice.stamp(issued_by)
    invoice.recalculate(save=False)
    invoice.save()
    send_templated_email('emails/invoice_issued', {'invoice': invoice, 'total': format_money(invoice.total)},
                         invoice.student.email, from_email=settings.BURSAR_EMAIL)
    return invoice


@transaction.atomic
def generate_term_invoice(student, term, issued_by='system', issue=True):
    """Tuition for a term = per-credit fee * enrolled credits (+ flat fee), capped for FT."""
    from academics.models import Enrolment   # circular import, sigh

    schedule = get_fee_schedule(student, term.academic_year)
    enrolments = (Enrolment.objects.filter(student=student, section__term=term, status='enrolled',
                                           is_audit=False)
                  .select_related('section__course'))
    credits = sum(e.section.course.credits for e in enrolments)
    if not credits:
        logger.info('no credits for %s in %s, skipping', student, term)
        return None
    if Invoice.objects.filter(student=student, term=term, lines__category='tuition').exclude(status='void').exists():
        raise BillingError('Tuition already invoiced for %s in %s' % (student, term))

    invoice = _open_invoice(student, term)
    tuition = schedule.per_credit_fee * credits
    if schedule.full_time_cap and tuition > schedule.full_time_cap:
        tuition = schedule.full_time_cap
    InvoiceLine.objects.create(invoice=invoice, category='tuition',
                               description='Tuition {0} ({1} credits)'.format(term.code, credits),
                               quantity=Decimal(credits), unit_amount=schedule.per_credit_fee,
                               amount=tuition)
    if tuition != schedule.per_credit_fee * credits:
        InvoiceLine.objects.create(invoice=invoice, category='adjustment', description='Full-time fee cap',
                                   quantity=Decimal('1'),
                                   unit_amount=tuition - schedule.per_credit_fee * credits,
                                   amount=tuition - schedule.per_credit_fee * credits)
    if schedule.flat_fee:
        InvoiceLine.objects.create(invoice=invoice, category='tuition', description='Registration fee',
                                   quantity=Decimal('1'), unit_amount=schedule.flat_fee,
                                   amount=schedule.flat_fee)
    apply_scholarships(invoice)
    invoice.recalculate()
    if issue:
        issue_invoice(invoice, issued_by)
    return invoice


def apply_scholarships(invoice):
    from exams.models import ScholarshipAward
    awards = ScholarshipAward.objects.filter(student=invoice.student, term=invoice.term,
                                             revoked=False, applied_to_invoice__isnull=True)
    tuition = invoice.lines.filter(category='tuition').aggregate(s=Sum('amount'))['s'] or Decimal('0')
    for award in awards:
        amount = award.amount
        if award.percent_of_tuition:
            amount = round_money(tuition * award.percent_of_tuition / Decimal('100'))
        InvoiceLine.objects.create(invoice=invoice, category='scholarship', description=award.name,
                                   quantity=Decimal('1'), unit_amount=-amount, amount=-amount,
                                   source_ref='scholarship:%s' % award.pk)
        award.applied_to_invoice = invoice
        award.save(update_fields=['applied_to_invoice', 'updated_at'])


@retry_on_deadlock()
def record_payment(invoice, amount, method, gateway_ref='', recorded_by=''):
    amount = round_money(amount)
    if amount <= 0:
        raise BillingError('Payment must be positive')
    if invoice.status in ('void', 'draft'):
        raise BillingError('Cannot pay a %s invoice' % invoice.status)
    if gateway_ref and Payment.objects.filter(gateway_ref=gateway_ref).exists():
        logger.info('duplicate gateway ref %s ignored', gateway_ref)
        return None
    payment = Payment.objects.create(invoice=invoice, student=invoice.student, amount=amount,
                                     method=method, gateway_ref=gateway_ref, recorded_by=recorded_by)
    # invoice totals are updated by the post_save signal in models.py
    return payment


def outstanding_balance(student):
    return Invoice.objects.for_student(student).outstanding().total_balance()


def has_financial_hold(student):
    return AccountHold.objects.filter(student=student, released_at__isnull=True).exists()


def place_hold(student, reason, placed_by='system', hold_type=AccountHold.HOLD_FINANCE):
    hold, created = AccountHold.objects.get_or_create(
        student=student, hold_type=hold_type, released_at__isnull=True,
        defaults={'reason': reason, 'placed_by': placed_by})
    if created:
        send_templated_email('emails/hold_placed', {'student': student, 'hold': hold}, student.email,
                             from_email=settings.BURSAR_EMAIL)
    return hold


def release_holds(student, released_by='system', hold_type=None):
    qs = AccountHold.objects.filter(student=student, released_at__isnull=True)
    if hold_type:
        qs = qs.filter(hold_type=hold_type)
    return qs.update(released_at=timezone.now(), released_by=released_by)


def credit_for_dropped_section(enrolment):
    """Called by academics when someone drops before the add/drop deadline."""
    section = enrolment.section
    term = section.term
    if timezone.localdate() > term.add_drop_deadline:
        return None
    student = enrolment.student
    schedule = get_fee_schedule(student, term.academic_year)
    already_billed = InvoiceLine.objects.filter(invoice__student=student, invoice__term=term,
                                                category='tuition').exists()
    if not already_billed:
        return None
    credit = -(schedule.per_credit_fee * section.course.credits)
    return add_invoice_line(student, 'Credit: dropped {0}'.format(section.course.code), credit,
                            category='refund_credit', term=term, source_ref='drop:%s' % enrolment.pk)


def import_library_fines(since=None, limit=5000):
    """Pull un-exported library fines onto student invoices.

    Uses raw SQL because the ORM version took 20 minutes in Sept 2020."""
    since = since or (timezone.now() - datetime.timedelta(days=365))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT f.id, f.student_id, f.amount, f.reason, b.title
              FROM library_fine f
              JOIN library_loan l ON l.id = f.loan_id
              JOIN library_bookcopy c ON c.id = l.copy_id
              JOIN library_book b ON b.id = c.book_id
             WHERE f.exported_at IS NULL
               AND f.waived = FALSE
               AND f.student_id IS NOT NULL
               AND f.created_at >= %s
             ORDER BY f.student_id
             LIMIT %s
            """, [since, limit])
        rows = dictfetchall(cursor)
    exported = 0
    students = {s.pk: s for s in Student.objects.filter(pk__in={r['student_id'] for r in rows})}
    for row in rows:
        student = students.get(row['student_id'])
        if student is None:
            continue
        line = add_invoice_line(student, 'Library {0}: {1}'.format(row['reason'], row['title'][:120]),
                                row['amount'], category='library_fine',
                                source_ref='libfine:%s' % row['id'])
        ref = line.invoice.reference if line is not None else 'dup'
        with connection.cursor() as cursor:
            cursor.execute("UPDATE library_fine SET exported_at = %s, exported_ref = %s WHERE id = %s",
                           [timezone.now(), ref, row['id']])
        exported += 1
    return exported


def student_statement(student):
    """Everything the student owes/has paid, for the statement page + CSV."""
    rows = []
    for invoice in Invoice.objects.for_student(student).exclude(status='void').prefetch_related('lines', 'payments'):
        for line in invoice.lines.all():
            rows.append((invoice.issued_on, invoice.reference, line.description, line.amount, None))
        for payment in invoice.payments.filter(reversed=False):
            rows.append((payment.received_at.date(), invoice.reference,
                         'Payment ({0})'.format(payment.get_method_display()), None, payment.amount))
    rows.sort(key=lambda r: (r[0] or datetime.date.min))
    return rows


# ===========================================================================
# Payment gateway
# ===========================================================================

class PaymentGatewayClient(object):
    """Client for the card payment provider (v2 API)."""

    def __init__(self, base_url=None, api_key=None, timeout=15):
        self.base_url = (base_url or settings.PAYMENT_GATEWAY_URL).rstrip('/')
        self.api_key = api_key or settings.PAYMENT_GATEWAY_KEY
        self.timeout = timeout

    def _headers(self):
        return {'Authorization': 'Bearer %s' % self.api_key, 'Content-Type': 'application/json'}

    def create_checkout(self, invoice, amount, return_url):
        payload = {
            'amount': str(round_money(amount)),
            'currency': 'GBP',
            'reference': invoice.reference,
            'description': 'Invoice {0}'.format(invoice.reference),
            'return_url': return_url,
            'metadata': {'invoice_id': invoice.pk, 'student': invoice.student.student_number},
        }
        resp = requests.post(self.base_url + '/checkouts', data=json.dumps(payload),
                             headers=self._headers(), timeout=self.timeout)
        resp.raise_for_status()
        return resp.json()

    def list_settled(self, since):
        resp = requests.get(self.base_url + '/payments', params={'status': 'settled', 'since': since.isoformat()},
                            headers=self._headers(), timeout=self.timeout)
        resp.raise_for_status()
        return resp.json().get('results', [])

    def verify_signature(self, body, signature):
        expected = hmac.new(self.api_key.encode('utf-8'), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature or '')
