from django.db import models

from common.models import TimeStampedModel


class MenuItem(models.Model):
    CATEGORIES = (("lunch", "Lunch"), ("breakfast", "Breakfast"), ("milk", "Milk"), ("snack", "A la carte"))

    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=80)
    category = models.CharField(max_length=10, choices=CATEGORIES, default="lunch")
    price_paid = models.DecimalField(max_digits=6, decimal_places=2)
    price_reduced = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    is_reimbursable = models.BooleanField(default=True, help_text="counts towards the federal claim")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["category", "code"]

    def __str__(self):
        return "%s %s" % (self.code, self.name)


class FreeMealApplication(TimeStampedModel):
    STATUSES = (("pending", "Pending"), ("approved", "Approved"), ("denied", "Denied"))
    SOURCES = (("paper", "Paper form"), ("portal", "Parent portal"), ("direct", "Direct certification"))

    student = models.ForeignKey("core.Student", on_delete=models.CASCADE, related_name="meal_applications")
    guardian = models.ForeignKey("core.Guardian", null=True, blank=True, on_delete=models.SET_NULL)
    school_year = models.IntegerField()
    household_size = models.PositiveSmallIntegerField(null=True, blank=True)
    annual_income = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    case_number = models.CharField(max_length=20, blank=True, help_text="SNAP/TANF case number")
    source = models.CharField(max_length=8, choices=SOURCES, default="paper")
    status = models.CharField(max_length=8, choices=STATUSES, default="pending")
    result = models.CharField(max_length=8, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey("core.StaffMember", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]
