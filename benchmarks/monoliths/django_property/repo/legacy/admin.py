from django.contrib import admin

from legacy.models import ManagementAgreement, OwnerAccount, OwnerStatement, Payout


class ManagementAgreementInline(admin.TabularInline):
    model = ManagementAgreement
    extra = 0


@admin.register(OwnerAccount)
class OwnerAccountAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "payout_method", "legacy_id")
    search_fields = ("name", "email", "legacy_id")
    inlines = [ManagementAgreementInline]


admin.site.register(OwnerStatement)
admin.site.register(Payout)
