from django.contrib import admin

from clinic.models import Chair, ChartEntry, ClinicalNote, ConsentForm, DentalLab, LabOrder, LabShipment, Procedure, Radiograph


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ('code', 'short_name', 'category', 'default_fee', 'requires_lab', 'is_active')
    list_filter = ('category', 'requires_lab', 'is_active')
    search_fields = ('code', 'description')


admin.site.register(ChartEntry)
admin.site.register(ClinicalNote)
admin.site.register(Radiograph)
admin.site.register(LabShipment)
admin.site.register(ConsentForm)


@admin.register(Chair)
class ChairAdmin(admin.ModelAdmin):
    list_display = ('name', 'practice', 'room', 'hygiene_only', 'is_active')
    list_filter = ('practice',)


@admin.register(DentalLab)
class DentalLabAdmin(admin.ModelAdmin):
    list_display = ('name', 'phone', 'turnaround_days', 'portal_enabled', 'is_active')


@admin.register(LabOrder)
class LabOrderAdmin(admin.ModelAdmin):
    list_display = ('pk', 'patient', 'lab', 'work_type', 'teeth', 'status', 'sent_on', 'due_on')
    list_filter = ('status', 'lab', 'work_type')
    raw_id_fields = ('patient', 'chart_entry', 'plan_item', 'fit_appointment')
