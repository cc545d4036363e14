"""The 'main' app.

Historically this was the whole system (student records + fees). Admissions
was bolted on in 2019 when we retired the UCAS spreadsheet import.
"""
import logging
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import ugettext_lazy as _

from common.models import (AuditFieldsMixin, PublicIdMixin, ReferenceNumberMixin,
                           SoftDeleteManager, SoftDeleteModel, TimeStampedModel)
from common.utils import format_money, round_money

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Students
# ---------------------------------------------------------------------------

class Student(TimeStampedModel):
    STATUS_ACTIVE = 'active'
    STATUS_SUSPENDED = 'suspended'
    STATUS_INTERMITTING = 'intermitting'
    STATUS_WITHDRAWN = 'withdrawn'
    STATUS_GRADUATED = 'graduated'
    STATUS_CHOICES = (
        (STATUS_ACTIVE, _('Active')),
        (STATUS_SUSPENDED, _('Suspended')),
        (STATUS_INTERMITTING, _('Intermitting')),
        (STATUS_WITHDRAWN, _('Withdrawn')),
        (STATUS_GRADUATED, _('Graduated')),
    )

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name='student_profile')
    student_number = models.CharField(max_length=12, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField()
    personal_email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=1, blank=True)
    term_address = models.TextField(blank=True)
    home_address = models.TextField(blank=True)
    programme_code = models.CharField(max_length=12, db_index=True)
    year_of_study = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=STATUS_ACTIVE)
    enrolled_on = models.DateField(default=timezone.localdate)
    expected_graduation = models.DateField(null=True, blank=True)
    is_international = models.BooleanField(default=False)
    application = models.OneToOneField('main.Application', null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name='student')
    advisor = models.ForeignKey('staff.Faculty', null=True, blank=True,
                                on_delete=models.SET_NULL, related_name='advisees')

    class Meta:
        ordering = ('last_name', 'first_name')

    def __str__(self):
        return '{0} {1} ({2})'.format(self.first_name, self.last_name, self.student_number)

    @property
    def full_name(self):
        return '{0} {1}'.format(self.preferred_name or self.first_name, self.last_name)

    @property
    def is_active(self):
        return self.status == self.STATUS_ACTIVE


# ---------------------------------------------------------------------------
# Admissions
# ---------------------------------------------------------------------------

class AdmissionRound(TimeStampedModel):
    name = models.CharField(max_length=100)
    academic_year = models.CharField(max_length=7)
    opens_on = models.DateField()
    closes_on = models.DateField()
    decision_deadline = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField(default=0, help_text='0 = unlimited')
    is_closed = models.BooleanField(default=False)

    class Meta:
        ordering = ('-opens_on',)

    def __str__(self):
        return '{0} ({1})'.format(self.name, self.academic_year)

    def is_open(self, on=None):
        on = on or timezone.localdate()
        return not self.is_closed and self.opens_on <= on <= self.closes_on


class Applicant(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name='applicant_profile')
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(unique=True)
    phone = models.CharField(max_length=30, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=2, blank=True)
    address = models.TextField(blank=True)
    previous_school = models.CharField(max_length=200, blank=True)
    predicted_grades = models.CharField(max_length=50, blank=True)
    requires_visa = models.BooleanField(default=False)

    def __str__(self):
        return '{0} {1} <{2}>'.format(self.first_name, self.last_name, self.email)


class ApplicationManager(SoftDeleteManager):
    def submitted(self):
        return self.get_queryset().exclude(status__in=['draft', 'withdrawn'])

    def pending_review(self):
        return self.get_queryset().filter(status__in=['submitted', 'under_review'])

    def for_round(self, admission_round):
        return self.get_queryset().filter(round=admission_round)


class Application(SoftDeleteModel, TimeStampedModel, PublicIdMixin):
    STATUS_CHOICES = (
        ('draft', 'Draft'),
        ('submitted', 'Submitted'),
        ('under_review', 'Under review'),
        ('interview', 'Interview'),
        ('offered', 'Offer made'),
        ('rejected', 'Rejected'),
        ('withdrawn', 'Withdrawn'),
    )

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name='applications')
    round = models.ForeignKey(AdmissionRound, on_delete=models.PROTECT, related_name='applications')
    programme_code = models.CharField(max_length=12)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='draft', db_index=True)
    personal_statement = models.TextField(blank=True)
    reference_text = models.TextField(blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey('staff.Faculty', null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name='reviewed_applications')
    decision_notes = models.TextField(blank=True)
    fee_status = models.CharField(max_length=10, default='home',
                                  choices=(('home', 'Home'), ('intl', 'International')))

    objects = ApplicationManager()
    all_objects = ApplicationManager(alive_only=False)

    class Meta:
        ordering = ('-created_at',)
        unique_together = (('applicant', 'round', 'programme_code'),)

    def __str__(self):
        return '{0} -> {1} [{2}]'.format(self.applicant, self.programme_code, self.status)

    @property
    def is_editable(self):
        return self.status == 'draft' and self.round.is_open()


class ApplicationDocument(TimeStampedModel):
    KIND_CHOICES = (
        ('transcript', 'School transcript'),
        ('passport', 'Passport'),
        ('english', 'English language certificate'),
        ('reference', 'Reference letter'),
        ('other', 'Other'),
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name='documents')
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    file = models.FileField(upload_to='applications/%Y/%m/')
    verified = models.BooleanField(default=False)
    verified_by = models.CharField(max_length=150, blank=True)

    def __str__(self):
        return '{0} for {1}'.format(self.get_kind_display(), self.application_id)


class Offer(TimeStampedModel):
    TYPE_CONDITIONAL = 'conditional'
    TYPE_UNCONDITIONAL = 'unconditional'
    STATUS_CHOICES = (
        ('pending', 'Pending'),
        ('accepted', 'Accepted'),
        ('declined', 'Declined'),
        ('expired', 'Expired'),
        ('withdrawn', 'Withdrawn'),
    )

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name='offer')
    offer_type = models.CharField(max_length=20, default=TYPE_CONDITIONAL,
                                  choices=((TYPE_CONDITIONAL, 'Conditional'),
                                           (TYPE_UNCONDITIONAL, 'Unconditional')))
    conditions = models.TextField(blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='pending', db_index=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    deposit_required = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal('0.00'))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return 'Offer #{0} ({1})'.format(self.pk, self.status)

    @property
    def is_open(self):
        return self.status == 'pending' and self.expires_at > timezone.now()


# ---------------------------------------------------------------------------
# Fees / finance
# ---------------------------------------------------------------------------

class FeeSchedule(TimeStampedModel):
    programme_code = models.CharField(max_length=12, db_index=True)
    academic_year = models.CharField(max_length=7)
    is_international = models.BooleanField(default=False)
    per_credit_fee = models.DecimalField(max_digits=8, decimal_places=2)
    flat_fee = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal('0.00'),
                                   help_text='Charged once per term regardless of credits')
    deposit_amount = models.DecimalField(max_digits=8, decimal_places=2,
                                         default=Decimal('500.00'))
    full_time_cap = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        unique_together = (('programme_code', 'academic_year', 'is_international'),)

    def __str__(self):
        return '{0} {1} {2}'.format(self.programme_code, self.academic_year,
                                    'INTL' if self.is_international else 'HOME')


class InvoiceQuerySet(models.QuerySet):
    def outstanding(self):
        return self.filter(status__in=['issued', 'part_paid', 'overdue'])

    def overdue(self, on=None):
        on = on or timezone.localdate()
        return self.outstanding().filter(due_on__lt=on)

    def for_student(self, student):
        return self.filter(student=student)

    def total_balance(self):
        agg = self.aggregate(total=Sum('total'), paid=Sum('amount_paid'))
        return round_money((agg['total'] or 0) - (agg['paid'] or 0))


class Invoice(TimeStampedModel, AuditFieldsMixin, ReferenceNumberMixin):
    REF_PREFIX = 'INV'
    STATUS_CHOICES = (
        ('draft', 'Draft'),
        ('issued', 'Issued'),
        ('part_paid', 'Part paid'),
        ('paid', 'Paid'),
        ('overdue', 'Overdue'),
        ('void', 'Void'),
    )

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name='invoices')
    term = models.ForeignKey('academics.Term', null=True, blank=True, on_delete=models.SET_NULL,
                             related_name='invoices')
    reference = models.CharField(max_length=30, unique=True)
    issued_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='draft', db_index=True)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal('0.00'))
    amount_paid = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal('0.00'))
    notes = models.TextField(blank=True)
    last_reminder_on = models.DateField(null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ('-issued_on', '-id')

    def __str__(self):
        return '{0} {1}'.format(self.reference, format_money(self.total))

    @property
    def balance(self):
        return round_money(self.total - self.amount_paid)

    def recalculate(self, save=True):
        self.total = round_money(self.lines.aggregate(s=Sum('amount'))['s'] or 0)
        if self.status not in ('draft', 'void'):
            if self.amount_paid >= self.total:
                self.status = 'paid'
            elif self.amount_paid > 0:
                self.status = 'part_paid'
        if save:
            self.save(update_fields=['total', 'status', 'updated_at'])
        return self.total


class InvoiceLine(models.Model):
    CATEGORY_CHOICES = (
        ('tuition', 'Tuition'),
        ('deposit', 'Acceptance deposit'),
        ('housing', 'Accommodation'),
        ('library_fine', 'Library fine'),
        ('late_fee', 'Late payment fee'),
        ('scholarship', 'Scholarship / bursary'),
        ('refund_credit', 'Credit for dropped course'),
        ('adjustment', 'Manual adjustment'),
    )
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name='lines')
    description = models.CharField(max_length=255)
    category = models.CharField(max_length=20, choices=CATEGORY_CHOICES, default='tuition')
    quantity = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal('1'))
    unit_amount = models.DecimalField(max_digits=10, decimal_places=2)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    source_ref = models.CharField(max_length=64, blank=True, db_index=True,
                                  help_text='e.g. library fine id, room assignment id')

    def save(self, *args, **kwargs):
        self.amount = round_money(self.quantity * self.unit_amount)
        super(InvoiceLine, self).save(*args, **kwargs)


class Payment(TimeStampedModel):
    METHOD_CHOICES = (
        ('card', 'Card (online)'),
        ('bank', 'Bank transfer'),
        ('cash', 'Cash (cashier desk)'),
        ('sponsor', 'Sponsor / SLC'),
        ('cheque', 'Cheque'),
    )
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name='payments')
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name='payments')
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    method = models.CharField(max_length=10, choices=METHOD_CHOICES)
    gateway_ref = models.CharField(max_length=64, blank=True, db_index=True)
    received_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.CharField(max_length=150, blank=True)
    reversed = models.BooleanField(default=False)

    def __str__(self):
        return '{0} on {1}'.format(format_money(self.amount), self.invoice.reference)


class AccountHold(TimeStampedModel):
    HOLD_FINANCE = 'finance'
    HOLD_ADMIN = 'admin'
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name='holds')
    hold_type = models.CharField(max_length=10, default=HOLD_FINANCE,
                                 choices=((HOLD_FINANCE, 'Finance'), (HOLD_ADMIN, 'Registry')))
    reason = models.CharField(max_length=255)
    placed_by = models.CharField(max_length=150, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ('-created_at',)

    @property
    def is_active(self):
        return self.released_at is None


# ---------------------------------------------------------------------------
# signals (used to be in signals.py, moved here so they actually get imported)
# ---------------------------------------------------------------------------

@receiver(pre_save, sender=Application)
def log_application_status_change(sender, instance, **kwargs):
    if not instance.pk:
        return
    try:
        previous = Application.all_objects.get(pk=instance.pk)
    except Application.DoesNotExist:
        return
    if previous.status != instance.status:
        logger.info('application %s: %s -> %s', instance.pk, previous.status, instance.status)
        if instance.status == 'submitted' and not instance.submitted_at:
            instance.submitted_at = timezone.now()


@receiver(post_save, sender=Offer)
def raise_deposit_on_acceptance(sender, instance, created, **kwargs):
    if created or instance.status != 'accepted':
        return
    student = getattr(instance.application, 'student', None)
    if student is None:
        # accept_offer() creates the student first; if it didn't, bail
        logger.warning('offer %s accepted but no student record yet', instance.pk)
        return
    if instance.deposit_required and not Invoice.objects.filter(
            student=student, lines__category='deposit').exists():
        from main.services import add_invoice_line
        add_invoice_line(student, 'Acceptance deposit', instance.deposit_required,
                         category='deposit', source_ref='offer:%s' % instance.pk)


@receiver(post_save, sender=Payment)
def update_invoice_after_payment(sender, instance, created, **kwargs):
    if not created:
        return
    invoice = instance.invoice
    paid = invoice.payments.filter(reversed=False).aggregate(s=Sum('amount'))['s'] or 0
    invoice.amount_paid = round_money(paid)
    invoice.recalculate(save=False)
    invoice.save(update_fields=['amount_paid', 'status', 'total', 'updated_at'])
    if invoice.status == 'paid':
        still_owing = Invoice.objects.for_student(invoice.student).overdue().exists()
        if not still_owing:
            AccountHold.objects.filter(student=invoice.student, hold_type='finance',
                                       released_at__isnull=True).update(
                released_at=timezone.now(), released_by='payment:%s' % instance.pk)
