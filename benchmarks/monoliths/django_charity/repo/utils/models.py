from django.db import models


class TimeStampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class TaxYear(models.Model):
    # UK tax year, 6 April to 5 April. Used for gift aid claim windows.
    label = models.CharField(max_length=9, unique=True)  # e.g. "2021/22"
    starts = models.DateField()
    ends = models.DateField()
    basic_rate = models.DecimalField(max_digits=5, decimal_places=2, default=20)

    def __str__(self):
        return self.label

    @classmethod
    def for_date(cls, d):
        return cls.objects.filter(starts__lte=d, ends__gte=d).first()


class ShippingRate(models.Model):
    name = models.CharField(max_length=60)
    zone = models.CharField(max_length=10, default="UK")
    max_weight_g = models.PositiveIntegerField()
    price = models.DecimalField(max_digits=8, decimal_places=2)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["zone", "max_weight_g"]


class DataProtectionRequest(TimeStampedModel):
    KINDS = (("SAR", "Subject access"), ("ERASE", "Erasure"), ("RECTIFY", "Rectification"))
    supporter = models.ForeignKey("core.Supporter", null=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=8, choices=KINDS)
    received = models.DateField()
    due = models.DateField()
    completed = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
