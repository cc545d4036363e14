from django.db import models
from django.utils import timezone


class Procedure(models.Model):
    CATEGORY_CHOICES = (
        ('diagnostic', 'Diagnostic'),
        ('preventive', 'Preventive'),
        ('restorative', 'Restorative'),
        ('endo', 'Endodontics'),
        ('perio', 'Periodontics'),
        ('prosth', 'Prosthodontics'),
        ('oral_surgery', 'Oral surgery'),
        ('ortho', 'Orthodontics'),
        ('adjunct', 'Adjunctive'),
    )
    code = models.CharField(max_length=10, unique=True)  # CDT code e.g. D2740
    description = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    category = models.CharField(max_length=20, choices=CATEGORY_CHOICES)
    default_fee = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    requires_tooth = models.BooleanField(default=False)
    requires_surfaces = models.BooleanField(default=False)
    requires_lab = models.BooleanField(default=False)
    default_minutes = models.PositiveIntegerField(default=30)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ('code',)

    def __str__(self):
        return '%s %s' % (self.code, self.short_name or self.description)


class ChartEntry(models.Model):
    STATUS_CHOICES = (
        ('existing', 'Existing'),
        ('planned', 'Planned'),
        ('completed', 'Completed'),
        ('referred', 'Referred out'),
        ('condition', 'Condition'),
    )
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='chart_entries')
    procedure = models.ForeignKey(Procedure, null=True, blank=True, on_delete=models.PROTECT)
    condition_code = models.CharField(max_length=20, blank=True)  # caries, fracture, missing...
    tooth = models.CharField(max_length=4, blank=True)
    surfaces = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='planned')
    dentist = models.ForeignKey('accounts.StaffMember', null=True, on_delete=models.SET_NULL)
    appointment = models.ForeignKey('office.Appointment', null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name='chart_entries')
    entry_date = models.DateField(default=timezone.localdate)
    completed_at = models.DateTimeField(null=True, blank=True)
    invoiced = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = 'chart entries'
        ordering = ('-entry_date', 'tooth')


class ClinicalNote(models.Model):
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='clinical_notes')
    appointment = models.ForeignKey('office.Appointment', null=True, blank=True, on_delete=models.SET_NULL)
    author = models.ForeignKey('accounts.StaffMember', on_delete=models.PROTECT)
    body = models.TextField()
    template_used = models.CharField(max_length=60, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    signed = models.BooleanField(default=False)
    signed_at = models.DateTimeField(null=True, blank=True)
    amended_from = models.ForeignKey('self', null=True, blank=True, on_delete=models.SET_NULL)

    def sign(self, staff):
        if self.author_id != staff.pk:
            raise ValueError('Only the author can sign a note')
        self.signed = True
        self.signed_at = timezone.now()
        self.save(update_fields=['signed', 'signed_at'])


class Radiograph(models.Model):
    KIND_CHOICES = (('bw', 'Bitewing'), ('pa', 'Periapical'), ('pano', 'Panoramic'),
                    ('ceph', 'Cephalometric'), ('cbct', 'CBCT'), ('intraoral_photo', 'Intraoral photo'))
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='radiographs')
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    teeth = models.CharField(max_length=60, blank=True)
    taken_on = models.DateField(default=timezone.localdate)
    taken_by = models.ForeignKey('accounts.StaffMember', null=True, on_delete=models.SET_NULL)
    image = models.FileField(upload_to='radiographs/%Y/%m/')
    report = models.TextField(blank=True)


class ConsentForm(models.Model):
    FORM_TYPES = (('general', 'General treatment'), ('extraction', 'Extraction'),
                  ('sedation', 'Sedation'), ('hipaa', 'HIPAA acknowledgement'),
                  ('financial', 'Financial policy'), ('minor', 'Treatment of a minor'))
    patient = models.ForeignKey('core.Patient', on_delete=models.CASCADE, related_name='consents')
    plan = models.ForeignKey('core.TreatmentPlan', null=True, blank=True, on_delete=models.SET_NULL)
    form_type = models.CharField(max_length=20, choices=FORM_TYPES)
    signed_on = models.DateTimeField(default=timezone.now)
    signed_by_name = models.CharField(max_length=120)
    signature = models.ImageField(upload_to='consents/%Y/', null=True, blank=True)
    witnessed_by = models.ForeignKey('accounts.StaffMember', null=True, blank=True, on_delete=models.SET_NULL)
    revoked = models.BooleanField(default=False)


class Chair(models.Model):
    practice = models.ForeignKey('accounts.Practice', on_delete=models.CASCADE, related_name='chairs')
    name = models.CharField(max_length=40)
    room = models.CharField(max_length=40, blank=True)
    has_xray = models.BooleanField(default=True)
    hygiene_only = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ('practice', 'display_order')

    def __str__(self):
        return '%s - %s' % (self.practice.code, self.name)


class DentalLab(models.Model):
    name = models.CharField(max_length=120)
    account_number = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    portal_enabled = models.BooleanField(default=False)
    portal_lab_id = models.CharField(max_length=40, blank=True)
    turnaround_days = models.PositiveSmallIntegerField(default=10)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class LabOrder(models.Model):
    WORK_TYPES = (('crown', 'Crown'), ('bridge', 'Bridge'), ('veneer', 'Veneer'), ('inlay', 'Inlay/Onlay'),
                  ('denture', 'Denture'), ('partial', 'Partial denture'), ('nightguard', 'Night guard'),
                  ('implant_crown', 'Implant crown'), ('aligner', 'Aligners'))
    STATUS_CHOICES = (('draft', 'Draft'), ('sent', 'Sent to lab'), ('in_progress', 'In progress'),
                      ('shipped', 'Shipped back'), ('received', 'Received'), ('fitted', 'Fitted'),
                      ('remake', 'Remake requested'), ('cancelled', 'Cancelled'))
    patient = models.ForeignKey('core.Patient', on_delete=models.PROTECT, related_name='lab_orders')
    lab = models.ForeignKey(DentalLab, on_delete=models.PROTECT, related_name='orders')
    dentist = models.ForeignKey('accounts.StaffMember', on_delete=models.PROTECT)
    practice = models.ForeignKey('accounts.Practice', on_delete=models.PROTECT)
    chart_entry = models.ForeignKey(ChartEntry, null=True, blank=True, on_delete=models.SET_NULL)
    plan_item = models.ForeignKey('core.TreatmentPlanItem', null=True, blank=True, on_delete=models.SET_NULL)
    fit_appointment = models.ForeignKey('office.Appointment', null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name='lab_orders')
    work_type = models.CharField(max_length=20, choices=WORK_TYPES)
    teeth = models.CharField(max_length=40)
    shade = models.CharField(max_length=10, blank=True)
    material = models.CharField(max_length=40, blank=True)
    instructions = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default='draft')
    sent_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    portal_reference = models.CharField(max_length=40, blank=True)
    cost = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    remake_of = models.ForeignKey('self', null=True, blank=True, on_delete=models.SET_NULL)

    def is_overdue(self):
        return (self.status in ('sent', 'in_progress') and self.due_on is not None
                and self.due_on < timezone.localdate())


class LabShipment(models.Model):
    order = models.ForeignKey(LabOrder, on_delete=models.CASCADE, related_name='shipments')
    direction = models.CharField(max_length=3, choices=(('out', 'To lab'), ('in', 'From lab')))
    carrier = models.CharField(max_length=40, blank=True)
    tracking_number = models.CharField(max_length=60, blank=True)
    shipped_on = models.DateField(null=True, blank=True)
    delivered_on = models.DateField(null=True, blank=True)
