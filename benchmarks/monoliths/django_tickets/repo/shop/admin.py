from django.contrib import admin

from shop.models import Order, OrderLine, Payment, PromoCode, Refund, Ticket


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    raw_id_fields = ("performance", "inventory", "zone")


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("reference", "customer", "status", "channel", "total_pence", "created_at")
    list_filter = ("status", "channel")
    search_fields = ("reference", "customer__email")
    inlines = [OrderLineInline]


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ("barcode", "holder_name", "status")
    search_fields = ("barcode",)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("order", "method", "status", "amount_pence", "gateway_ref")
    list_filter = ("status", "method")
    search_fields = ("order__reference", "gateway_ref")


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ("payment", "amount_pence", "status", "created_at")
    list_filter = ("status",)


@admin.register(PromoCode)
class PromoCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "campaign", "percent_off", "amount_off_pence", "times_used", "max_uses")
    filter_horizontal = ("events",)
