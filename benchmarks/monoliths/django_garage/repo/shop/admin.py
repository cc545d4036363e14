from django.contrib import admin

from common.admin import ReadOnlyAdminMixin, export_as_csv
from shop.models import (Inspection, InspectionItem, Part, PurchaseOrder, PurchaseOrderLine, StockMovement,
                         Supplier, WorkOrder, WorkOrderLabor, WorkOrderPart)


class LabourInline(admin.TabularInline):
    model = WorkOrderLabor
    extra = 0
    raw_id_fields = ('technician',)


class PartLineInline(admin.TabularInline):
    model = WorkOrderPart
    extra = 0
    raw_id_fields = ('part',)


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ('number', 'vehicle', 'customer', 'status', 'job_type', 'payer', 'technician', 'opened_at')
    list_filter = ('status', 'payer', 'branch_code', 'job_type', 'is_comeback')
    search_fields = ('number', 'vehicle__registration', 'customer__last_name')
    raw_id_fields = ('customer', 'vehicle', 'appointment')
    date_hierarchy = 'opened_at'
    inlines = [LabourInline, PartLineInline]
    actions = [export_as_csv]


class InspectionItemInline(admin.TabularInline):
    model = InspectionItem
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ('work_order', 'technician', 'template', 'sent_to_customer_at', 'customer_viewed_at')
    inlines = [InspectionItemInline]


# --- parts -----------------------------------------------------------------

@admin.register(Part)
class PartAdmin(admin.ModelAdmin):
    list_display = ('part_number', 'description', 'brand', 'qty_on_hand', 'qty_reserved', 'reorder_level',
                    'cost_price', 'sell_price', 'bin_location')
    list_filter = ('category', 'is_stocked', 'oem_part', 'preferred_supplier')
    search_fields = ('part_number', 'description')
    actions = [export_as_csv]


@admin.register(Supplier)
class SupplierAdmin(admin.ModelAdmin):
    list_display = ('name', 'account_ref', 'edi_code', 'lead_time_days', 'is_active')


class POLineInline(admin.TabularInline):
    model = PurchaseOrderLine
    extra = 1
    raw_id_fields = ('part',)


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(admin.ModelAdmin):
    list_display = ('number', 'supplier', 'status', 'sent_at', 'expected_on', 'for_work_order')
    list_filter = ('status', 'supplier')
    inlines = [POLineInline]


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ('created_at', 'part', 'quantity', 'reason', 'work_order', 'purchase_order')
    list_filter = ('reason',)
    date_hierarchy = 'created_at'
