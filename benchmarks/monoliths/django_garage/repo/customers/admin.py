from django.contrib import admin

from common.admin import ReadOnlyAdminMixin, export_as_csv
from customers.models import (Campaign, CampaignRecipient, ContactNote, Coupon, Customer, FleetAccount,
                              LoyaltyAccount, PointsTransaction, Vehicle, VehicleOwnership)


class VehicleInline(admin.TabularInline):
    model = Vehicle
    extra = 0
    fields = ('registration', 'make', 'model', 'year', 'mileage', 'mot_due')
    show_change_link = True


class ContactNoteInline(admin.TabularInline):
    model = ContactNote
    extra = 0


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ('last_name', 'first_name', 'email', 'phone', 'postcode', 'fleet_account', 'created_at')
    search_fields = ('last_name', 'first_name', 'email', 'phone', 'postcode', 'legacy_id')
    list_filter = ('marketing_opt_out', 'fleet_account')
    inlines = [VehicleInline, ContactNoteInline]
    actions = [export_as_csv]

    def get_queryset(self, request):
        return Customer.all_objects.all()


class OwnershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = VehicleOwnership
    extra = 0


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ('registration', 'make', 'model', 'year', 'owner', 'mot_due', 'service_due')
    search_fields = ('registration', 'vin', 'owner__last_name')
    list_filter = ('fuel', 'make')
    raw_id_fields = ('owner',)
    inlines = [OwnershipInline]


@admin.register(FleetAccount)
class FleetAccountAdmin(admin.ModelAdmin):
    list_display = ('company_name', 'account_number', 'credit_limit', 'on_stop')
    list_filter = ('on_stop',)


# --- loyalty / marketing ----------------------------------------------------

class PointsTransactionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PointsTransaction
    extra = 0
    ordering = ('-created_at',)


@admin.register(LoyaltyAccount)
class LoyaltyAccountAdmin(admin.ModelAdmin):
    list_display = ('card_number', 'customer', 'tier', 'points_balance', 'lifetime_points', 'frozen')
    list_filter = ('tier', 'frozen')
    search_fields = ('card_number', 'customer__last_name')
    raw_id_fields = ('customer',)
    inlines = [PointsTransactionInline]


class RecipientInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CampaignRecipient
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ('name', 'channel', 'segment', 'scheduled_for', 'sent_at')
    inlines = [RecipientInline]


@admin.register(Coupon)
class CouponAdmin(admin.ModelAdmin):
    list_display = ('code', 'customer', 'value', 'percent_off', 'valid_until', 'redeemed_at')
    search_fields = ('code',)
    raw_id_fields = ('customer', 'redeemed_invoice')
