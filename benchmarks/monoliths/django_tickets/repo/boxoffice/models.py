from django.db import models

from common.models import TimeStampedModel


class PriceZone(models.Model):
    performance = models.ForeignKey("core.Performance", on_delete=models.CASCADE, related_name="zones")
    name = models.CharField(max_length=60)
    price_pence = models.PositiveIntegerField()
    colour = models.CharField(max_length=7, default="#888888")
    sections = models.ManyToManyField("venues.Section", blank=True)
    standing_quota = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.name} ({self.price_pence / 100:.2f})"


class SeatHold(models.Model):
    performance = models.ForeignKey("core.Performance", on_delete=models.CASCADE, related_name="holds")
    token = models.CharField(max_length=32, unique=True)
    session_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    released = models.BooleanField(default=False)


class PerformanceSeat(models.Model):
    STATUS = [("available", "Available"), ("held", "Held"), ("sold", "Sold"), ("killed", "Killed")]

    performance = models.ForeignKey("core.Performance", on_delete=models.CASCADE, related_name="inventory")
    seat = models.ForeignKey("venues.Seat", on_delete=models.PROTECT)
    zone = models.ForeignKey(PriceZone, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=STATUS, default="available")
    hold = models.ForeignKey(SeatHold, null=True, blank=True, on_delete=models.SET_NULL, related_name="seats")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "seat_inventory"
        unique_together = [("performance", "seat")]


class Gate(models.Model):
    venue = models.ForeignKey("venues.Venue", on_delete=models.CASCADE, related_name="gates")
    name = models.CharField(max_length=60)
    is_active = models.BooleanField(default=True)


class ScannerDevice(TimeStampedModel):
    label = models.CharField(max_length=60)
    serial = models.CharField(max_length=40, unique=True)
    gate = models.ForeignKey(Gate, null=True, blank=True, on_delete=models.SET_NULL, related_name="devices")
    last_seen_at = models.DateTimeField(null=True, blank=True)


class Scan(models.Model):
    RESULTS = [("ok", "Admitted"), ("duplicate", "Already used"), ("invalid", "Unknown barcode"),
               ("wrong_show", "Wrong performance"), ("void", "Refunded/void")]

    barcode = models.CharField(max_length=40, db_index=True)
    ticket = models.ForeignKey("shop.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="scans")
    device = models.ForeignKey(ScannerDevice, null=True, blank=True, on_delete=models.SET_NULL)
    gate = models.ForeignKey(Gate, null=True, blank=True, on_delete=models.SET_NULL)
    result = models.CharField(max_length=12, choices=RESULTS)
    scanned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "door_scans"
