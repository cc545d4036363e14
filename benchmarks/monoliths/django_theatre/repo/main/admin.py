from django.contrib import admin

from core.admin import ExportCsvMixin
from main.models import Membership, MembershipTier, Order, PerformanceChange, PriceBand, Refund, SeatHold, Ticket
from shop.models import Basket, DiscountCode, Donation, Payment, SubscriptionPackage


class TicketInline(admin.TabularInline):
    model = Ticket
    extra = 0
    raw_id_fields = ("performance", "seat", "price_band", "exchanged_from")
    readonly_fields = ("barcode", "scanned_at")


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    readonly_fields = ("amount", "method", "status", "provider_ref", "card_last4", "created")
    can_delete = False


@admin.register(Order)
class OrderAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ("reference", "patron", "channel", "status", "total", "created")
    list_filter = ("status", "channel")
    search_fields = ("reference", "patron__last_name", "patron__email")
    raw_id_fields = ("patron", "discount_code", "till_session")
    inlines = [TicketInline, PaymentInline]
    actions = ["export_as_csv"]


@admin.register(PriceBand)
class PriceBandAdmin(admin.ModelAdmin):
    list_display = ("performance", "name", "price", "concession_price", "is_member_only")
    raw_id_fields = ("performance", "section")


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ("order", "amount", "reason", "processed_by", "created", "to_credit")
    raw_id_fields = ("order", "payment")


@admin.register(SeatHold)
class SeatHoldAdmin(admin.ModelAdmin):
    list_display = ("performance", "seat", "reason", "held_until")
    list_filter = ("reason",)
    raw_id_fields = ("performance", "seat", "basket")


@admin.register(PerformanceChange)
class PerformanceChangeAdmin(admin.ModelAdmin):
    list_display = ("performance", "field", "old_value", "new_value", "changed_at", "changed_by")
    readonly_fields = list_display


@admin.register(MembershipTier)
class MembershipTierAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "annual_fee", "ticket_discount_pct", "priority_booking_days", "is_active")


@admin.register(Membership)
class MembershipAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ("number", "patron", "tier", "status", "starts_on", "expires_on", "auto_renew")
    list_filter = ("status", "tier", "auto_renew")
    search_fields = ("number", "patron__last_name", "patron__email")
    raw_id_fields = ("patron", "joint_patron", "order", "gift_from")
    actions = ["export_as_csv"]


# shop models (shop has no admin.py of its own)
@admin.register(DiscountCode)
class DiscountCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "percent_off", "amount_off", "valid_from", "valid_to", "used_count", "max_uses", "is_active")
    search_fields = ("code",)


admin.site.register(Basket)
admin.site.register(SubscriptionPackage)


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    list_display = ("pk", "patron", "amount", "campaign", "gift_aid", "source", "created", "transferred_to_gift")
    list_filter = ("source", "gift_aid", "campaign")
    raw_id_fields = ("order", "patron", "transferred_to_gift")


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("pk", "order", "method", "amount", "status", "provider_ref", "created")
    list_filter = ("method", "status", "provider")
    search_fields = ("provider_ref", "order__reference")
    raw_id_fields = ("order", "till_session")
