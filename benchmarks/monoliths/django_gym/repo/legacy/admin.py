from django.contrib import admin

from legacy.models import (AccessPoint, CheckIn, DoorCard, GuestPass, Product, Sale,
                           SaleLine, StockLevel)


@admin.register(AccessPoint)
class AccessPointAdmin(admin.ModelAdmin):
    list_display = ("club", "name", "kind", "controller_serial", "last_seen")


@admin.register(DoorCard)
class DoorCardAdmin(admin.ModelAdmin):
    list_display = ("uid", "member", "active", "lost", "issued")
    search_fields = ("uid", "member__member_no")
    raw_id_fields = ("member",)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ("member", "club", "at", "method", "granted", "deny_reason")
    list_filter = ("club", "granted", "method")
    date_hierarchy = "at"


admin.site.register(GuestPass)


class StockInline(admin.TabularInline):
    model = StockLevel
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("sku", "name", "category", "price", "active")
    inlines = [StockInline]


class SaleLineInline(admin.TabularInline):
    model = SaleLine
    extra = 0


@admin.register(Sale)
class SaleAdmin(admin.ModelAdmin):
    list_display = ("pk", "club", "at", "total", "paid_by", "voided")
    inlines = [SaleLineInline]
