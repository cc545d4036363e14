from django.contrib import admin
from django.utils import timezone

from core.models import (AllocationRound, BillingPeriod, Payment, RateCard, Refund, RentCharge,
                         RoomAssignment, RoommateRequest, SecurityDeposit, WaitlistEntry)
from legacy.models import (Key, KeyLoan, LockChange, PartUsage, RoomInspection, Technician,
                           WorkOrder, WorkOrderNote)


# --- assignments -----------------------------------------------------------

@admin.register(AllocationRound)
class AllocationRoundAdmin(admin.ModelAdmin):
    list_display = ("name", "term", "status", "opens_at", "closes_at", "run_finished_at")
    list_filter = ("term", "status")


@admin.register(RoomAssignment)
class RoomAssignmentAdmin(admin.ModelAdmin):
    list_display = ("resident", "bed", "term", "status", "start_date", "end_date", "checked_in_at")
    list_filter = ("term", "status", "bed__room__hall")
    search_fields = ("resident__student_id", "resident__last_name", "bed__room__number")
    raw_id_fields = ("resident", "bed", "application")


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ("application", "term", "position", "offered_at", "removed")
    list_filter = ("term", "removed")


admin.site.register(RoommateRequest)


# --- billing ---------------------------------------------------------------

def mark_charges_paid(modeladmin, request, queryset):
    for charge in queryset:
        charge.amount_paid = charge.amount
        charge.status = "paid"
        charge.save(update_fields=["amount_paid", "status", "updated_at"])


mark_charges_paid.short_description = "Mark selected charges as paid (manual!)"


@admin.register(RentCharge)
class RentChargeAdmin(admin.ModelAdmin):
    list_display = ("resident", "kind", "description", "amount", "amount_paid", "due_date", "status")
    list_filter = ("kind", "status", "term")
    search_fields = ("resident__student_id", "description", "source_ref")
    raw_id_fields = ("resident", "assignment")
    actions = [mark_charges_paid]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("resident", "amount", "method", "reference", "received_at", "applied", "reversed")
    list_filter = ("method", "applied", "reversed")
    search_fields = ("resident__student_id", "reference")
    raw_id_fields = ("resident",)


@admin.register(RateCard)
class RateCardAdmin(admin.ModelAdmin):
    list_display = ("term", "hall", "room_type", "amount", "approved")
    list_filter = ("term", "approved")


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ("resident", "amount", "reason", "approved_by", "sent_to_bursar_at")
    actions = ["mark_sent"]

    def mark_sent(self, request, queryset):
        queryset.update(sent_to_bursar_at=timezone.now())


admin.site.register(BillingPeriod)
admin.site.register(SecurityDeposit)


# --- facilities (legacy app has no admin.py) ------------------------------

class WorkOrderNoteInline(admin.TabularInline):
    model = WorkOrderNote
    extra = 0


class PartUsageInline(admin.TabularInline):
    model = PartUsage
    extra = 0


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ("__str__", "room", "category", "priority", "status", "technician", "due_at", "escalated")
    list_filter = ("status", "priority", "category", "escalated")
    search_fields = ("summary", "room__number", "legacy_php_id")
    inlines = [WorkOrderNoteInline, PartUsageInline]


@admin.register(Technician)
class TechnicianAdmin(admin.ModelAdmin):
    list_display = ("name", "trade", "active", "is_contractor")


admin.site.register(RoomInspection)


# --- keys -----------------------------------------------------------------

@admin.register(Key)
class KeyAdmin(admin.ModelAdmin):
    list_display = ("stamp", "kind", "room", "hall", "copies", "retired")
    search_fields = ("stamp", "core_number")


@admin.register(KeyLoan)
class KeyLoanAdmin(admin.ModelAdmin):
    list_display = ("key", "resident", "borrower_name", "issued_at", "due_back", "returned_at", "lost")
    list_filter = ("lost",)
    raw_id_fields = ("resident",)


admin.site.register(LockChange)
