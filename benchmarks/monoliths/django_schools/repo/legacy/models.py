# -*- coding: utf-8 -*-
"""Tables carried over from the old FoxPro system (2011). Do not rename them,
the district's route-planning spreadsheet and the cafeteria tills read them directly."""
from __future__ import unicode_literals

from decimal import Decimal

from django.db import models


class BusRoute(models.Model):
    number = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=80)
    am_depart = models.TimeField(null=True, blank=True)
    pm_depart = models.TimeField(null=True, blank=True)
    driver = models.ForeignKey("core.StaffMember", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="bus_routes")
    vehicle = models.ForeignKey("transport.Vehicle", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="routes")
    capacity = models.PositiveSmallIntegerField(default=72)
    schools = models.ManyToManyField("core.School", blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "tbl_bus_route"
        ordering = ["number"]

    def __str__(self):
        return "Route %s %s" % (self.number, self.name)

    def __unicode__(self):
        return u"Route %s %s" % (self.number, self.name)


class BusStop(models.Model):
    route = models.ForeignKey(BusRoute, on_delete=models.CASCADE, related_name="stops")
    seq = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    am_time = models.TimeField(null=True, blank=True)
    pm_time = models.TimeField(null=True, blank=True)

    class Meta:
        db_table = "tbl_bus_stop"
        ordering = ["route", "seq"]

    def __str__(self):
        return "%s #%d %s" % (self.route.number, self.seq, self.name)


class MealAccount(models.Model):
    ELIGIBILITY = (("paid", "Paid"), ("reduced", "Reduced"), ("free", "Free"))

    student = models.OneToOneField("core.Student", on_delete=models.CASCADE, related_name="meal_account")
    pin = models.CharField(max_length=6, unique=True)
    balance = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))
    eligibility = models.CharField(max_length=8, choices=ELIGIBILITY, default="paid")
    eligibility_expires = models.DateField(null=True, blank=True)
    allow_negative = models.BooleanField(default=True)
    closed = models.BooleanField(default=False)
    low_balance_notified = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "tbl_lunch_account"

    def __str__(self):
        return "%s (%s)" % (self.student, self.pin)


class MealTransaction(models.Model):
    KINDS = (("sale", "Sale"), ("deposit", "Deposit"), ("refund", "Refund"), ("adjust", "Adjustment"))

    account = models.ForeignKey(MealAccount, on_delete=models.CASCADE, related_name="transactions")
    kind = models.CharField(max_length=8, choices=KINDS)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    balance_after = models.DecimalField(max_digits=8, decimal_places=2)
    item_code = models.CharField(max_length=8, blank=True)
    till = models.CharField(max_length=10, blank=True)
    reference = models.CharField(max_length=40, blank=True)
    cashier = models.ForeignKey("core.StaffMember", null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "tbl_lunch_txn"
        ordering = ["-created"]
