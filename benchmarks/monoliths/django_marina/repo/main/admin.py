from django.contrib import admin

from main.models import (Berth, BerthAllocation, BerthTariff, Invoice, InvoiceLine, Mooring, Payment, Pontoon,
                         VisitorBoat, WaitingListEntry)

admin.site.register(Pontoon)
admin.site.register(Berth)
admin.site.register(BerthTariff)
admin.site.register(Mooring)
admin.site.register(WaitingListEntry)
admin.site.register(Payment)


@admin.register(BerthAllocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ('berth', 'boat', 'owner', 'start_date', 'end_date', 'status')
    list_filter = ('status', 'contract_type')
    raw_id_fields = ('boat', 'owner', 'invoice')
    search_fields = ('boat__name', 'owner__surname')


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ('number', 'owner', 'source', 'gross_total', 'amount_paid', 'status', 'due_date')
    list_filter = ('status', 'source')
    search_fields = ('number', 'owner__surname', 'owner__account_ref')
    inlines = [InvoiceLineInline]
    raw_id_fields = ('owner', 'visitor')


@admin.register(VisitorBoat)
class VisitorBoatAdmin(admin.ModelAdmin):
    list_display = ('boat_name', 'skipper_name', 'arrived', 'departs', 'berth', 'paid', 'checked_out')
    list_filter = ('paid', 'checked_out')
