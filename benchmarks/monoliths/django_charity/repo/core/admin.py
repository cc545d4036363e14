from django.contrib import admin

from core.models import (Supporter, Address, Campaign, Appeal, Donation,
                         GiftAidDeclaration, GiftAidClaim)


class AddressInline(admin.TabularInline):
    model = Address
    extra = 0


@admin.register(Supporter)
class SupporterAdmin(admin.ModelAdmin):
    list_display = ("ref", "first_name", "last_name", "email", "last_gift_date", "lifetime_value")
    search_fields = ("ref", "last_name", "email")
    inlines = [AddressInline]


class AppealInline(admin.TabularInline):
    model = Appeal
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "starts", "target", "raised", "active")
    inlines = [AppealInline]


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    list_display = ("id", "supporter", "amount", "method", "received", "gift_aid_eligible")
    list_filter = ("method", "gift_aid_eligible", "gift_aid_claimed")
    raw_id_fields = ("supporter", "recurring_gift")
    date_hierarchy = "received"


admin.site.register(GiftAidDeclaration)


@admin.register(GiftAidClaim)
class GiftAidClaimAdmin(admin.ModelAdmin):
    list_display = ("reference", "period_start", "period_end", "status", "total_claimed")
    readonly_fields = ("hmrc_correlation_id",)
