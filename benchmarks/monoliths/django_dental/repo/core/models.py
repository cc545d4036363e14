import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone

from utils.dates import age_on, today_local
from utils.db import TimestampedModel


def patient_photo_path(instance, filename):
    return 'patients/%s/photo/%s' % (instance.pk or 'new', filename)


class PatientQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, deceased=False)

    def for_practice(self, practice):
        return self.filter(practice=practice)

    def search(self, term):
        term = (term or '').strip()
        if not term:
            return self.none()
        q = Q(last_name__icontains=term) | Q(first_name__icontains=term) | Q(email__iexact=term)
        if term.isdigit():
            q |= Q(pk=int(term)) | Q(chart_number=term)
        return self.filter(q)


class Patient(TimestampedModel):
    GENDER_CHOICES = (('F', 'Female'), ('M', 'Male'), ('X', 'Other / not stated'))

    practice = models.ForeignKey('accounts.Practice', on_delete=models.PROTECT, related_name='patients')
    chart_number = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=10, blank=True)
    first_name = models.CharField(max_length=60)
    middle_name = models.CharField(max_length=60, blank=True)
    last_name = models.CharField(max_length=60, db_index=True)
    preferred_name = models.CharField(max_length=60, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=1, choices=GENDER_CHOICES, blank=True)
    ssn_last4 = models.CharField(max_length=4, blank=True)
    email = models.EmailField(blank=True)
    mobile = models.CharField(max_length=20, blank=True)
    phone_home = models.CharField(max_length=20, blank=True)
    address_1 = models.CharField(max_length=100, blank=True)
    address_2 = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=60, blank=True)
    state = models.CharField(max_length=2, blank=True)
    zip_code = models.CharField(max_length=10, blank=True)
    photo = models.ImageField(upload_to=patient_photo_path, null=True, blank=True)
    preferred_dentist = models.ForeignKey('accounts.StaffMember', null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name='+')
    registered_on = models.DateField(default=datetime.date.today)
    is_active = models.BooleanField(default=True)
    deceased = models.BooleanField(default=False)
    sms_opt_in = models.BooleanField(default=True)
    email_opt_in = models.BooleanField(default=True)
    referred_by = models.CharField(max_length=100, blank=True)
    merged_into = models.ForeignKey('self', null=True, blank=True, on_delete=models.SET_NULL)
    notes = models.TextField(blank=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ('last_name', 'first_name')

    def __str__(self):
        return '%s, %s (%s)' % (self.last_name, self.first_name, self.chart_number)

    @property
    def full_name(self):
        return ' '.join(p for p in (self.first_name, self.last_name) if p)

    @property
    def age(self):
        return age_on(self.date_of_birth, today_local())

    def is_minor(self):
        return self.age is not None and self.age < 18

    def has_medical_alert(self):
        mh = getattr(self, 'medical_history', None)
        return bool(mh and mh.alerts())

    def balance(self):
        # TODO: move to billing, this is here because the old patient screen needed it
        from office.models import Invoice
        agg = Invoice.objects.filter(patient=self).exclude(status__in=['void', 'draft']).aggregate(
            t=Sum('patient_portion'), p=Sum('amount_paid'))
        return (agg['t'] or Decimal('0')) - (agg['p'] or Decimal('0'))


class MedicalHistory(models.Model):
    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name='medical_history')
    allergies = models.TextField(blank=True)
    medications = models.TextField(blank=True)
    conditions = models.TextField(blank=True)
    smoker = models.BooleanField(default=False)
    pregnant = models.BooleanField(default=False)
    anticoagulants = models.BooleanField(default=False)
    bisphosphonates = models.BooleanField(default=False)
    latex_allergy = models.BooleanField(default=False)
    premedication_required = models.BooleanField(default=False)
    physician_name = models.CharField(max_length=100, blank=True)
    physician_phone = models.CharField(max_length=20, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey('accounts.StaffMember', null=True, blank=True, on_delete=models.SET_NULL)

    def alerts(self):
        out = []
        if self.latex_allergy:
            out.append('LATEX')
        if self.anticoagulants:
            out.append('Anticoagulants')
        if self.bisphosphonates:
            out.append('Bisphosphonates')
        if self.premedication_required:
            out.append('Premed required')
        if self.allergies.strip():
            out.append('Allergies: %s' % self.allergies.strip()[:40])
        return out

    def is_stale(self, months=12):
        if not self.last_reviewed:
            return True
        return (today_local() - self.last_reviewed).days > months * 30


class PatientContact(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name='contacts')
    name = models.CharField(max_length=120)
    relationship = models.CharField(max_length=40)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    is_guardian = models.BooleanField(default=False)
    is_emergency = models.BooleanField(default=False)
    is_financially_responsible = models.BooleanField(default=False)


class TreatmentPlan(models.Model):
    STATUS_CHOICES = (
        ('draft', 'Draft'),
        ('proposed', 'Proposed'),
        ('accepted', 'Accepted'),
        ('in_progress', 'In progress'),
        ('completed', 'Completed'),
        ('abandoned', 'Abandoned'),
    )
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='treatment_plans')
    dentist = models.ForeignKey('accounts.StaffMember', on_delete=models.PROTECT)
    practice = models.ForeignKey('accounts.Practice', on_delete=models.PROTECT)
    title = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='draft')
    created = models.DateTimeField(auto_now_add=True)
    proposed_on = models.DateField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    estimate_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    estimate_insurance = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    notes = models.TextField(blank=True)

    def __str__(self):
        return 'Plan %s for %s' % (self.pk, self.patient)

    def total(self):
        return sum((i.fee for i in self.items.exclude(status='removed')), Decimal('0'))

    def outstanding_items(self):
        return self.items.filter(status__in=['planned', 'scheduled']).order_by('sequence')

    def is_complete(self):
        return not self.items.filter(status__in=['planned', 'scheduled']).exists()


class TreatmentPlanItem(models.Model):
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name='items')
    procedure = models.ForeignKey('clinic.Procedure', on_delete=models.PROTECT)
    tooth = models.CharField(max_length=4, blank=True)
    surfaces = models.CharField(max_length=8, blank=True)
    sequence = models.PositiveIntegerField(default=1)
    phase = models.PositiveSmallIntegerField(default=1)
    fee = models.DecimalField(max_digits=9, decimal_places=2)
    status = models.CharField(max_length=20, default='planned')  # planned/scheduled/done/removed
    chart_entry = models.ForeignKey('clinic.ChartEntry', null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ('plan', 'phase', 'sequence')


class InsuranceCompany(models.Model):
    name = models.CharField(max_length=120)
    payer_id = models.CharField(max_length=20, blank=True)
    edi_enabled = models.BooleanField(default=False)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    claims_email = models.EmailField(blank=True)
    timely_filing_days = models.PositiveIntegerField(default=365)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = 'insurance companies'

    def __str__(self):
        return self.name


class InsurancePolicy(models.Model):
    RELATIONSHIP = (('self', 'Self'), ('spouse', 'Spouse'), ('child', 'Child'), ('other', 'Other'))
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='policies')
    company = models.ForeignKey(InsuranceCompany, on_delete=models.PROTECT)
    policy_number = models.CharField(max_length=40)
    group_number = models.CharField(max_length=40, blank=True)
    subscriber_name = models.CharField(max_length=120)
    subscriber_dob = models.DateField(null=True, blank=True)
    relationship = models.CharField(max_length=10, choices=RELATIONSHIP, default='self')
    annual_maximum = models.DecimalField(max_digits=9, decimal_places=2, default=1500)
    used_this_year = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    deductible = models.DecimalField(max_digits=7, decimal_places=2, default=50)
    deductible_met = models.BooleanField(default=False)
    coverage_preventive = models.PositiveSmallIntegerField(default=100)
    coverage_basic = models.PositiveSmallIntegerField(default=80)
    coverage_major = models.PositiveSmallIntegerField(default=50)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    is_primary = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = 'insurance policies'

    def is_valid_on(self, d):
        if self.valid_from and d < self.valid_from:
            return False
        if self.valid_to and d > self.valid_to:
            return False
        return True

    def remaining_benefit(self):
        return max(self.annual_maximum - self.used_this_year, Decimal('0'))

    def coverage_for_category(self, category):
        if category in ('diagnostic', 'preventive'):
            return self.coverage_preventive
        if category in ('restorative', 'endo', 'perio', 'oral_surgery'):
            return self.coverage_basic
        return self.coverage_major


def generate_claim_number(practice):
    prefix = (practice.code or 'XX').upper()
    today = timezone.now().strftime('%y%m%d')
    n = InsuranceClaim.objects.filter(claim_number__startswith='%s%s' % (prefix, today)).count() + 1
    return '%s%s%04d' % (prefix, today, n)


class InsuranceClaim(models.Model):
    STATUS_CHOICES = (
        ('draft', 'Draft'),
        ('ready', 'Ready to send'),
        ('submitted', 'Submitted'),
        ('accepted', 'Accepted by payer'),
        ('rejected', 'Rejected'),
        ('paid', 'Paid'),
        ('part_paid', 'Partially paid'),
        ('written_off', 'Written off'),
    )
    claim_number = models.CharField(max_length=20, unique=True)
    policy = models.ForeignKey(InsurancePolicy, on_delete=models.PROTECT, related_name='claims')
    patient = models.ForeignKey('core.Patient', on_delete=models.PROTECT, related_name='claims')
    practice = models.ForeignKey('accounts.Practice', on_delete=models.PROTECT)
    invoice = models.ForeignKey('office.Invoice', null=True, blank=True, on_delete=models.SET_NULL,
                                related_name='claims')
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='draft')
    created = models.DateTimeField(auto_now_add=True)
    submitted_on = models.DateTimeField(null=True, blank=True)
    total_claimed = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    total_paid = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    rejection_reason = models.TextField(blank=True)
    resubmission_count = models.PositiveSmallIntegerField(default=0)
    edi_batch = models.CharField(max_length=40, blank=True)

    class Meta:
        db_table = 'insurance_claims'
        ordering = ('-created',)

    def __str__(self):
        return self.claim_number

    def recalc(self):
        agg = self.lines.aggregate(c=Sum('amount_claimed'), p=Sum('amount_paid'))
        self.total_claimed = agg['c'] or 0
        self.total_paid = agg['p'] or 0
        return self

    def outstanding(self):
        return self.total_claimed - self.total_paid


class ClaimLine(models.Model):
    claim = models.ForeignKey(InsuranceClaim, on_delete=models.CASCADE, related_name='lines')
    procedure = models.ForeignKey('clinic.Procedure', on_delete=models.PROTECT)
    invoice_line = models.ForeignKey('office.InvoiceLine', null=True, blank=True, on_delete=models.SET_NULL)
    tooth = models.CharField(max_length=4, blank=True)
    surfaces = models.CharField(max_length=8, blank=True)
    date_of_service = models.DateField()
    fee = models.DecimalField(max_digits=9, decimal_places=2)
    amount_claimed = models.DecimalField(max_digits=9, decimal_places=2)
    amount_paid = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    denial_code = models.CharField(max_length=10, blank=True)


class PreAuthorization(models.Model):
    policy = models.ForeignKey(InsurancePolicy, on_delete=models.CASCADE)
    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name='preauths')
    status = models.CharField(max_length=20, default='requested')  # requested/approved/denied/expired
    reference = models.CharField(max_length=40, blank=True)
    requested_on = models.DateField(auto_now_add=True)
    responded_on = models.DateField(null=True, blank=True)
    approved_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    notes = models.TextField(blank=True)
