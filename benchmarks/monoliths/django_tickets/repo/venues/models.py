from django.db import models

from common.models import AddressFields, SoftDeleteModel, TimeStampedModel


class Venue(TimeStampedModel, SoftDeleteModel, AddressFields):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    capacity = models.PositiveIntegerField(default=0)
    phone = models.CharField(max_length=30, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    def __str__(self):
        return self.name


class Hall(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="halls")
    name = models.CharField(max_length=100)
    standing_capacity = models.PositiveIntegerField(default=0)
    is_seated = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.venue.name} / {self.name}"

    def seated_capacity(self):
        return Seat.objects.filter(section__hall=self, is_active=True).count()


class Section(models.Model):
    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(max_length=60)
    code = models.CharField(max_length=10)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        unique_together = [("hall", "code")]
        ordering = ["hall", "sort_order"]

    def __str__(self):
        return f"{self.hall} - {self.name}"


class Seat(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="seats")
    row = models.CharField(max_length=4)
    number = models.PositiveSmallIntegerField()
    is_accessible = models.BooleanField(default=False)
    restricted_view = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        unique_together = [("section", "row", "number")]
        ordering = ["section", "row", "number"]

    def __str__(self):
        return f"{self.section.code}-{self.row}{self.number}"
