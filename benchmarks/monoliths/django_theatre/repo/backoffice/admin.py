from django.contrib import admin
from django.utils.html import format_html

from backoffice.models import (
    Auditorium,
    CardTerminalTxn,
    CashUp,
    CashUpLine,
    FundraisingCampaign,
    Pledge,
    PledgeInstalment,
    SeatingPlan,
    SeatSection,
    ShiftAssignment,
    Till,
    TillSession,
    UsherShift,
    Venue,
)
from backoffice.seating import SeatMapRenderer, copy_plan
from core.admin import ExportCsvMixin
from core.utils import format_money
from legacy.models import Gift, GiftAidDeclaration, RenewalRun, Volunteer, VolunteerAvailability


class AuditoriumInline(admin.TabularInline):
    model = Auditorium
    extra = 0
    fk_name = "venue"


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ("name", "postcode", "licence_capacity", "is_active")
    inlines = [AuditoriumInline]


@admin.register(Auditorium)
class AuditoriumAdmin(admin.ModelAdmin):
    list_display = ("name", "venue", "short_code", "is_unreserved", "seat_count")


class SeatSectionInline(admin.TabularInline):
    model = SeatSection
    extra = 0


@admin.register(SeatingPlan)
class SeatingPlanAdmin(admin.ModelAdmin):
    list_display = ("name", "auditorium", "version", "is_default", "sellable_seat_count")
    inlines = [SeatSectionInline]
    readonly_fields = ("preview",)
    actions = ["duplicate"]

    def preview(self, obj):
        if not obj.pk:
            return ""
        return format_html('<div style="max-width:600px">{}</div>', SeatMapRenderer(obj).render())

    def duplicate(self, request, queryset):
        for plan in queryset:
            copy_plan(plan)


@admin.register(Till)
class TillAdmin(admin.ModelAdmin):
    list_display = ("name", "location", "terminal_id", "float_amount", "is_active")


@admin.register(TillSession)
class TillSessionAdmin(admin.ModelAdmin):
    list_display = ("till", "opened_by", "opened_at", "closed_at", "status")
    list_filter = ("status", "till")


class CashUpLineInline(admin.TabularInline):
    model = CashUpLine
    extra = 0


@admin.register(CashUp)
class CashUpAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ("session", "expected_cash", "counted_cash", "variance_display", "card_total", "terminal_total", "banked_on")
    inlines = [CashUpLineInline]
    actions = ["export_as_csv"]

    def variance_display(self, obj):
        colour = "red" if abs(obj.variance) > 5 else "inherit"
        return format_html('<span style="color:{}">{}</span>', colour, format_money(obj.variance))

    variance_display.short_description = "Variance"


@admin.register(CardTerminalTxn)
class CardTerminalTxnAdmin(admin.ModelAdmin):
    list_display = ("terminal_ref", "till", "amount", "card_scheme", "captured_at", "matched_payment")
    list_filter = ("till", "is_refund")


@admin.register(FundraisingCampaign)
class FundraisingCampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "target", "raised", "starts_on", "ends_on", "show_at_checkout", "is_active")


class PledgeInstalmentInline(admin.TabularInline):
    model = PledgeInstalment
    extra = 0
    raw_id_fields = ("gift",)


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ("patron", "campaign", "total_amount", "frequency", "status", "outstanding")
    list_filter = ("status", "campaign")
    raw_id_fields = ("patron",)
    inlines = [PledgeInstalmentInline]


class ShiftAssignmentInline(admin.TabularInline):
    model = ShiftAssignment
    extra = 0
    raw_id_fields = ("volunteer",)


@admin.register(UsherShift)
class UsherShiftAdmin(admin.ModelAdmin):
    list_display = ("performance", "role", "starts_at", "needed", "filled")
    list_filter = ("role",)
    raw_id_fields = ("performance",)
    inlines = [ShiftAssignmentInline]


# --- legacy tables -----------------------------------------------------------


@admin.register(Gift)
class GiftAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ("pk", "donor", "amount", "received_on", "method", "campaign", "fund_code", "gift_aid_eligible", "acknowledged")
    list_filter = ("method", "fund_code", "campaign", "acknowledged")
    raw_id_fields = ("donor",)
    date_hierarchy = "received_on"
    actions = ["export_as_csv"]


@admin.register(GiftAidDeclaration)
class GiftAidDeclarationAdmin(admin.ModelAdmin):
    list_display = ("patron", "declared_on", "covers_past_four_years", "revoked_on", "source")
    raw_id_fields = ("patron",)


class VolunteerAvailabilityInline(admin.TabularInline):
    model = VolunteerAvailability
    extra = 0


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("__str__", "email", "phone", "dbs_checked_on", "is_active")
    search_fields = ("first_name", "last_name", "email")
    list_filter = ("is_active",)
    inlines = [VolunteerAvailabilityInline]


admin.site.register(RenewalRun)
