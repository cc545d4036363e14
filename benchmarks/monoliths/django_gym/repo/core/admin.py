from django.contrib import admin

from core.models import (Club, DirectDebitMandate, EmergencyContact, HealthDeclaration,
                         Invoice, InvoiceLine, Member, Membership, MembershipFreeze,
                         MembershipPlan, OpeningHours, Payment, Referral)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Club)
class ClubAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "capacity", "is_24h", "active")
    inlines = [OpeningHoursInline]


class EmergencyContactInline(admin.TabularInline):
    model = EmergencyContact
    extra = 0


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("member_no", "first_name", "last_name", "email", "home_club", "status")
    list_filter = ("status", "home_club")
    search_fields = ("member_no", "email", "last_name", "phone")
    inlines = [EmergencyContactInline]
    readonly_fields = ("created", "modified")


admin.site.register(HealthDeclaration)


@admin.register(MembershipPlan)
class MembershipPlanAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "monthly_fee", "joining_fee", "term_months", "active")


class FreezeInline(admin.TabularInline):
    model = MembershipFreeze
    extra = 0


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("member", "plan", "club", "status", "start_date", "next_billing_date")
    list_filter = ("status", "plan", "club")
    raw_id_fields = ("member",)
    inlines = [FreezeInline]


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "member", "issued", "due", "status", "total")
    list_filter = ("status",)
    search_fields = ("number", "member__member_no")
    raw_id_fields = ("member", "membership")
    inlines = [InvoiceLineInline, PaymentInline]
    actions = ["void"]

    def void(self, request, queryset):
        queryset.exclude(status="paid").update(status="void")


admin.site.register(DirectDebitMandate)


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ("referrer", "friend_email", "friend", "reward_given", "created")
