import csv

from django.contrib import admin
from django.http import HttpResponse

from core.models import (Adoption, DailyCapacity, Donation, GateScan, GiftAidDeclaration, Member,
                         Membership, MembershipPlan, PricingRule, Ticket, TicketOrder, TicketType)


class PricingRuleInline(admin.TabularInline):
    model = PricingRule
    extra = 0


@admin.register(TicketType)
class TicketTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "base_price", "headcount", "active")
    list_editable = ("base_price", "active")
    inlines = [PricingRuleInline]


class TicketInline(admin.TabularInline):
    model = Ticket
    extra = 0
    readonly_fields = ("barcode", "scanned_at")


@admin.register(TicketOrder)
class TicketOrderAdmin(admin.ModelAdmin):
    list_display = ("reference", "visit_date", "name", "channel", "status", "total")
    list_filter = ("status", "channel", "visit_date")
    search_fields = ("reference", "email", "name", "payment_ref")
    inlines = [TicketInline]
    date_hierarchy = "visit_date"


@admin.register(DailyCapacity)
class DailyCapacityAdmin(admin.ModelAdmin):
    list_display = ("date", "capacity", "sold", "scanned", "closed")
    list_editable = ("capacity", "closed")


@admin.register(GateScan)
class GateScanAdmin(admin.ModelAdmin):
    list_display = ("scanned_at", "gate", "raw_code", "result", "party_size")
    list_filter = ("gate", "result")


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "member"
    extra = 0


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("member_number", "last_name", "first_name", "email", "postcode")
    search_fields = ("member_number", "last_name", "email", "postcode")
    inlines = [MembershipInline]


admin.site.register(MembershipPlan)
admin.site.register(GiftAidDeclaration)


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    list_display = ("created", "donor_name", "amount", "source", "gift_aid_eligible")
    list_filter = ("source", "gift_aid_eligible", "appeal_code")


def export_adoptions_csv(modeladmin, request, queryset):
    resp = HttpResponse(content_type="text/csv")
    resp["Content-Disposition"] = 'attachment; filename="adoptions.csv"'
    w = csv.writer(resp)
    w.writerow(["Adopter", "Email", "Animal", "Species", "Package", "Start", "End", "Gift"])
    for a in queryset.select_related("animal", "animal__species"):
        w.writerow([a.adopter_name, a.adopter_email, a.animal.name, a.animal.species.common_name,
                    a.package, a.start_date, a.end_date, a.is_gift])
    return resp


export_adoptions_csv.short_description = "Export selected adoptions to CSV"


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ("adopter_name", "animal", "package", "start_date", "end_date",
                    "certificate_sent", "pack_posted")
    list_filter = ("package", "certificate_sent", "pack_posted")
    raw_id_fields = ("animal", "member")
    actions = [export_adoptions_csv]
