from django.contrib import admin

from core.models import (ClaimLine, InsuranceClaim, InsuranceCompany, InsurancePolicy, MedicalHistory, Patient,
                         PatientContact, PreAuthorization, TreatmentPlan, TreatmentPlanItem)


class MedicalHistoryInline(admin.StackedInline):
    model = MedicalHistory
    can_delete = False


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin):
    list_display = ('chart_number', 'last_name', 'first_name', 'date_of_birth', 'practice', 'is_active')
    list_filter = ('practice', 'is_active')
    search_fields = ('chart_number', 'last_name', 'first_name', 'email')
    inlines = [MedicalHistoryInline]


class TreatmentPlanItemInline(admin.TabularInline):
    model = TreatmentPlanItem
    extra = 0
    raw_id_fields = ('chart_entry',)


@admin.register(TreatmentPlan)
class TreatmentPlanAdmin(admin.ModelAdmin):
    list_display = ('pk', 'patient', 'dentist', 'status', 'estimate_total', 'accepted_on')
    list_filter = ('status', 'practice')
    raw_id_fields = ('patient',)
    inlines = [TreatmentPlanItemInline]


class ClaimLineInline(admin.TabularInline):
    model = ClaimLine
    extra = 0


@admin.register(InsuranceClaim)
class InsuranceClaimAdmin(admin.ModelAdmin):
    list_display = ('claim_number', 'patient', 'status', 'total_claimed', 'total_paid', 'submitted_on')
    list_filter = ('status', 'practice')
    search_fields = ('claim_number', 'patient__last_name')
    inlines = [ClaimLineInline]
    raw_id_fields = ('patient', 'invoice', 'policy')


admin.site.register(InsuranceCompany)
admin.site.register(InsurancePolicy)
admin.site.register(PatientContact)
admin.site.register(PreAuthorization)
