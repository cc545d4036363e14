from django.contrib import admin

from office.models import Appointment, AppointmentType, FeeSchedule, Invoice, InvoiceLine, Recall


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ('start', 'patient', 'clinician', 'chair', 'appt_type', 'status')
    list_filter = ('status', 'practice', 'clinician')
    date_hierarchy = 'start'
    raw_id_fields = ('patient',)
    search_fields = ('patient__last_name', 'patient__chart_number')


admin.site.register(AppointmentType)
admin.site.register(Recall)


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    raw_id_fields = ('chart_entry',)


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ('number', 'patient', 'practice', 'issued_on', 'status', 'total', 'amount_paid')
    list_filter = ('status', 'practice')
    search_fields = ('number', 'patient__last_name')
    inlines = [InvoiceLineInline]
    raw_id_fields = ('patient', 'appointment')


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin):
    list_display = ('procedure', 'practice', 'insurance_company', 'fee', 'valid_from', 'valid_to')
    list_filter = ('practice', 'insurance_company')
