from django.contrib import admin

from common.admin import ReadOnlyAdminMixin, export_as_csv
from core.models import CreditNote, Invoice, InvoiceLine, Payment, TaxRate


@admin.register(TaxRate)
class TaxRateAdmin(admin.ModelAdmin):
    list_display = ('code', 'name', 'rate', 'valid_from', 'valid_to')


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0


class PaymentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Payment
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ('number', 'customer', 'issued_on', 'due_on', 'gross_total', 'amount_paid', 'status')
    list_filter = ('status', 'branch_code')
    search_fields = ('number', 'customer__last_name')
    raw_id_fields = ('customer', 'work_order', 'fleet_account')
    date_hierarchy = 'issued_on'
    inlines = [InvoiceLineInline, PaymentInline]
    actions = [export_as_csv]


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ('invoice', 'method', 'amount', 'received_at', 'reference', 'refunded')
    list_filter = ('method', 'refunded')
    raw_id_fields = ('invoice',)


@admin.register(CreditNote)
class CreditNoteAdmin(admin.ModelAdmin):
    list_display = ('number', 'invoice', 'amount', 'reason', 'created_at')
    raw_id_fields = ('invoice', 'refund_payment')
