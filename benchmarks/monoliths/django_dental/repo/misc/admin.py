from django.contrib import admin

from misc.models import (LabInvoice, PatientDocument, ProcedureConsumable, PurchaseOrder, PurchaseOrderLine,
                         StaffQualification, StockLevel, Supplier, SupplyItem)


admin.site.register(Supplier)


class ProcedureConsumableInline(admin.TabularInline):
    model = ProcedureConsumable
    extra = 0
    autocomplete_fields = ('procedure',)


@admin.register(SupplyItem)
class SupplyItemAdmin(admin.ModelAdmin):
    list_display = ('sku', 'name', 'supplier', 'unit_cost', 'reorder_level', 'is_active')
    search_fields = ('sku', 'name')
    list_filter = ('supplier', 'is_controlled', 'retail')
    inlines = [ProcedureConsumableInline]


admin.site.register(StockLevel)
admin.site.register(PurchaseOrderLine)


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(admin.ModelAdmin):
    list_display = ('pk', 'supplier', 'practice', 'status', 'ordered_on', 'total')
    list_filter = ('status', 'practice', 'supplier')


@admin.register(StaffQualification)
class StaffQualificationAdmin(admin.ModelAdmin):
    list_display = ('staff', 'kind', 'reference', 'expires_on')
    list_filter = ('kind',)


admin.site.register(PatientDocument)
admin.site.register(LabInvoice)
