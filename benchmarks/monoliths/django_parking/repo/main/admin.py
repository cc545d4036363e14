import csv

from django.contrib import admin
from django.http import HttpResponse

from main.models import (
    Bay, BaySensor, CarPark, ContraventionCode, Customer, LocationCode, ParkingSession, Payment,
    PenaltyNotice, Permit, PermitType, Tariff, TariffBand, Vehicle, Zone,
)


def export_as_csv(modeladmin, request, queryset):
    meta = modeladmin.model._meta
    field_names = [f.name for f in meta.fields]
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = "attachment; filename=%s.csv" % meta.model_name
    writer = csv.writer(response)
    writer.writerow(field_names)
    for obj in queryset:
        writer.writerow([getattr(obj, f) for f in field_names])
    return response


export_as_csv.short_description = "Export selected to CSV"


class BayInline(admin.TabularInline):
    model = Bay
    extra = 0
    fields = ("number", "bay_type", "is_occupied", "suspended_until")


@admin.register(CarPark)
class CarParkAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "capacity", "is_open")
    list_filter = ("kind", "is_open")
    search_fields = ("code", "name", "postcode")
    inlines = [BayInline]
    actions = [export_as_csv]


admin.site.register(Zone)
admin.site.register(BaySensor)


class TariffBandInline(admin.TabularInline):
    model = TariffBand
    extra = 1


@admin.register(Tariff)
class TariffAdmin(admin.ModelAdmin):
    list_display = ("name", "zone", "valid_from", "valid_to", "is_active")
    list_filter = ("is_active",)
    inlines = [TariffBandInline]


@admin.register(ParkingSession)
class ParkingSessionAdmin(admin.ModelAdmin):
    list_display = ("reference", "vrm", "zone", "started_at", "expires_at", "price_pence", "channel", "status")
    list_filter = ("channel", "status", "zone")
    search_fields = ("reference", "vrm")
    raw_id_fields = ("customer", "vehicle", "payment")
    date_hierarchy = "started_at"
    actions = [export_as_csv]


admin.site.register(LocationCode)


admin.site.register(PermitType)


@admin.register(Permit)
class PermitAdmin(admin.ModelAdmin):
    list_display = ("reference", "permit_type", "vehicle", "zone", "valid_from", "valid_to", "status")
    list_filter = ("status", "permit_type", "zone")
    search_fields = ("reference", "vehicle__vrm", "customer__email")
    raw_id_fields = ("customer", "vehicle", "payment")


@admin.register(PenaltyNotice)
class PenaltyNoticeAdmin(admin.ModelAdmin):
    list_display = ("pcn_ref", "vrm", "contravention", "issued_at", "status", "amount_pence")
    list_filter = ("status", "contravention")
    search_fields = ("pcn_ref", "vrm")
    raw_id_fields = ("vehicle", "bay", "payment", "officer")
    actions = [export_as_csv]


admin.site.register(ContraventionCode)


class VehicleInline(admin.TabularInline):
    model = Vehicle
    extra = 0


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("account_ref", "email", "phone", "last_seen", "is_blocked")
    search_fields = ("account_ref", "email", "phone", "vehicles__vrm")
    list_filter = ("is_blocked", "is_business")
    inlines = [VehicleInline]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("reference", "amount_pence", "purpose", "method", "status", "created_at")
    list_filter = ("purpose", "method", "status", "gateway")
    search_fields = ("reference", "gateway_ref")
    raw_id_fields = ("customer", "card_token", "machine", "settlement_batch")
    actions = [export_as_csv]
