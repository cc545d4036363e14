from django.contrib import admin
from django.utils import timezone

from core.models import DiscountCode, Invoice, InvoiceLine, Location, Payment, TaxRate


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0


def mark_paid(modeladmin, request, queryset):
    for invoice in queryset.filter(status__in=["open", "overdue"]):
        Payment.objects.create(invoice=invoice, amount=invoice.balance, status=Payment.SUCCEEDED,
                               stripe_charge_id="manual-%s" % timezone.now().strftime("%Y%m%d"))
        invoice.status = Invoice.PAID
        invoice.save()


mark_paid.short_description = "Mark as paid (bank transfer)"


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "member", "company", "status", "issue_date", "due_date", "total")
    list_filter = ("status", "location", "issue_date")
    search_fields = ("number", "member__email", "company__name")
    inlines = [InvoiceLineInline]
    actions = [mark_paid]
    raw_id_fields = ("member", "company")


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("invoice", "amount", "status", "created_at", "attempts")
    list_filter = ("status",)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "city", "capacity", "active")


admin.site.register(TaxRate)
admin.site.register(DiscountCode)
