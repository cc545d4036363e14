from django.contrib import admin

from shop.models import FuelPrice, FuelSale, FuelTank, Product, ProductCategory, PurchaseOrder, Sale, SaleLine, TankDip

admin.site.register(ProductCategory)
admin.site.register(FuelPrice)
admin.site.register(TankDip)
admin.site.register(FuelTank)
admin.site.register(FuelSale)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ('sku', 'name', 'category', 'sell_price', 'stock_qty', 'active')
    search_fields = ('sku', 'barcode', 'name')
    list_filter = ('category', 'active', 'supplier')


class SaleLineInline(admin.TabularInline):
    model = SaleLine
    extra = 0


@admin.register(Sale)
class SaleAdmin(admin.ModelAdmin):
    list_display = ('pk', 'till', 'started', 'total', 'payment_method', 'voided')
    inlines = [SaleLineInline]
    date_hierarchy = 'started'


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(admin.ModelAdmin):
    list_display = ('pk', 'supplier', 'ordered', 'received', 'status')
    actions = ['mark_received']

    def mark_received(self, request, queryset):
        from shop.stock import receive_purchase_order
        for po in queryset.filter(status='open'):
            receive_purchase_order(po, request.user)

