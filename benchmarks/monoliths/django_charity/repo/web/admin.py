from django.contrib import admin

from web.models import (SupporterAccount, DonationPage, Product, ProductVariant, Order,
                        StockMovement)


@admin.register(DonationPage)
class DonationPageAdmin(admin.ModelAdmin):
    list_display = ("slug", "campaign", "headline", "live")
    prepopulated_fields = {"slug": ("headline",)}


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("sku", "name", "price", "active")


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("id", "supporter", "status", "total", "placed")
    list_filter = ("status",)
    readonly_fields = ("payment_ref",)


admin.site.register(StockMovement)
admin.site.register(SupporterAccount)
admin.site.register(ProductVariant)
