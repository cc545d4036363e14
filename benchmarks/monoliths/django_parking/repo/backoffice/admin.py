from django.contrib import admin

from backoffice.models import (
    Appeal, CashCollection, CivilOfficer, Engineer, FaultReport, LedgerEntry, PatrolLog, PayMachine,
    PermitApplication, PermitDocument, PermitWaitingList, Refund, SettlementBatch, TariffChange,
    WorkOrder,
)
from main.admin import export_as_csv


class PermitDocumentInline(admin.TabularInline):
    model = PermitDocument
    extra = 0
    readonly_fields = ("uploaded_at",)


@admin.register(PermitApplication)
class PermitApplicationAdmin(admin.ModelAdmin):
    list_display = ("reference", "customer", "permit_type", "zone", "status", "created_at")
    list_filter = ("status", "permit_type", "zone")
    search_fields = ("reference", "customer__email", "vehicle__vrm", "postcode")
    inlines = [PermitDocumentInline]
    raw_id_fields = ("customer", "vehicle", "permit")


admin.site.register(PermitWaitingList)


@admin.register(CivilOfficer)
class CivilOfficerAdmin(admin.ModelAdmin):
    list_display = ("badge_number", "user", "team", "active")
    list_filter = ("active", "team")


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("penalty_notice", "stage", "received_at", "decision", "decided_at")
    list_filter = ("stage", "decision")
    search_fields = ("penalty_notice__pcn_ref", "appellant_name")
    raw_id_fields = ("penalty_notice",)


admin.site.register(PatrolLog)


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ("payment", "amount_pence", "status", "created_at", "paid_at")
    list_filter = ("status",)
    raw_id_fields = ("payment",)
    actions = [export_as_csv]


@admin.register(SettlementBatch)
class SettlementBatchAdmin(admin.ModelAdmin):
    list_display = ("business_date", "gateway", "payment_count", "total_pence", "reconciled",
                    "discrepancy_pence")
    list_filter = ("reconciled", "gateway")


admin.site.register(LedgerEntry)


@admin.register(PayMachine)
class PayMachineAdmin(admin.ModelAdmin):
    list_display = ("asset_number", "carpark", "zone", "status", "last_heartbeat", "cash_level_pence")
    list_filter = ("status", "model_name")
    search_fields = ("asset_number",)


@admin.register(FaultReport)
class FaultReportAdmin(admin.ModelAdmin):
    list_display = ("machine", "source", "priority", "created_at", "resolved_at")
    list_filter = ("source", "priority")


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ("number", "machine", "engineer", "priority", "status", "due_by", "sla_breached")
    list_filter = ("status", "priority", "sla_breached")


admin.site.register(Engineer)
admin.site.register(CashCollection)


@admin.register(TariffChange)
class TariffChangeAdmin(admin.ModelAdmin):
    list_display = ("tariff", "effective_date", "committee_ref", "applied_at")
    list_filter = ("applied_at",)
