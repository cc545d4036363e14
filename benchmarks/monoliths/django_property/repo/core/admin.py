from django.contrib import admin

from core.models import Invoice, InvoiceLine, LateFeePolicy, Lease, LeaseClause, Payment


class LeaseClauseInline(admin.TabularInline):
    model = LeaseClause
    extra = 0


@admin.register(Lease)
class LeaseAdmin(admin.ModelAdmin):
    list_display = ("id", "unit", "primary_tenant", "start_date", "end_date", "status")
    list_filter = ("status",)
    filter_horizontal = ("occupants",)
    inlines = [LeaseClauseInline]


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("id", "lease", "period_start", "due_date", "total_cents", "paid_cents", "status")
    list_filter = ("status", "late_fee_applied")
    inlines = [InvoiceLineInline]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("id", "invoice", "tenant", "amount_cents", "method", "received_at", "reversed")
    list_filter = ("method", "reversed")


admin.site.register(LateFeePolicy)
