"""
Admin registrations.

Integrations and accounts don't have their own admin.py -- they got registered
here "temporarily" during the 2019 go-live and it stuck.
"""
import csv

from django.contrib import admin
from django.http import HttpResponse

from accounts.models import Certification, LeaveRequest, Shift, Technician
from common.models import Appointment, AppointmentReminder, BayBlock, ServiceBay
from integrations.models import ClaimLine, Manufacturer, RecallNotice, WarrantyClaim


def export_as_csv(modeladmin, request, queryset):
    meta = modeladmin.model._meta
    field_names = [f.name for f in meta.fields]
    response = HttpResponse(content_type='text/csv')
    response['Content-Disposition'] = 'attachment; filename=%s.csv' % meta.model_name
    writer = csv.writer(response)
    writer.writerow(field_names)
    for obj in queryset:
        writer.writerow([getattr(obj, f) for f in field_names])
    return response


export_as_csv.short_description = 'Export selected to CSV'


class ReadOnlyAdminMixin(object):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- diary -----------------------------------------------------------------

@admin.register(ServiceBay)
class ServiceBayAdmin(admin.ModelAdmin):
    list_display = ('name', 'branch_code', 'bay_type', 'is_active')
    list_filter = ('branch_code', 'bay_type', 'is_active')


class ReminderInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = AppointmentReminder
    extra = 0


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ('starts_at', 'vehicle', 'customer', 'service_code', 'bay', 'status', 'source')
    list_filter = ('status', 'source', 'service_code', 'bay__branch_code')
    search_fields = ('vehicle__registration', 'customer__last_name', 'customer__phone')
    date_hierarchy = 'starts_at'
    raw_id_fields = ('customer', 'vehicle')
    inlines = [ReminderInline]
    actions = [export_as_csv]


@admin.register(BayBlock)
class BayBlockAdmin(admin.ModelAdmin):
    list_display = ('bay', 'starts_at', 'ends_at', 'reason')


# --- warranty (integrations app) --------------------------------------------

@admin.register(Manufacturer)
class ManufacturerAdmin(admin.ModelAdmin):
    list_display = ('name', 'portal_code', 'labour_rate', 'claim_window_days')


class ClaimLineInline(admin.TabularInline):
    model = ClaimLine
    extra = 0
    raw_id_fields = ('part',)


@admin.register(WarrantyClaim)
class WarrantyClaimAdmin(admin.ModelAdmin):
    list_display = ('reference', 'manufacturer', 'vehicle', 'status', 'amount_claimed', 'amount_paid', 'submitted_at')
    list_filter = ('status', 'manufacturer')
    search_fields = ('reference', 'oem_reference', 'vehicle__vin')
    raw_id_fields = ('work_order', 'vehicle')
    inlines = [ClaimLineInline]
    actions = [export_as_csv]


admin.site.register(RecallNotice)


# --- staff (accounts app) ---------------------------------------------------

class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


@admin.register(Technician)
class TechnicianAdmin(admin.ModelAdmin):
    list_display = ('__str__', 'branch_code', 'grade', 'hourly_cost', 'is_active')
    list_filter = ('branch_code', 'grade', 'is_active')
    inlines = [CertificationInline]


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ('technician', 'date', 'starts', 'ends', 'shift_type')
    list_filter = ('shift_type', 'technician__branch_code')
    date_hierarchy = 'date'


admin.site.register(LeaveRequest)
