import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone

from core.models import ContactPreference, Patron, PatronAddress, Performance, Production, ProductionCredit, Season, VolunteerTraining
from core.utils import performance_label
from legacy.models import Mailing, MailingList, MailingRecipient


class ExportCsvMixin(object):
    export_fields = None

    def export_as_csv(self, request, queryset):
        meta = self.model._meta
        field_names = self.export_fields or [f.name for f in meta.fields]
        response = HttpResponse(content_type="text/csv")
        response["Content-Disposition"] = "attachment; filename=%s.csv" % meta.model_name
        writer = csv.writer(response)
        writer.writerow(field_names)
        for obj in queryset:
            writer.writerow([getattr(obj, f) for f in field_names])
        return response

    export_as_csv.short_description = "Export selected as CSV"


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "starts_on", "ends_on", "is_current", "public_on_sale")
    actions = ["make_current"]

    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Pick exactly one season")
            return
        queryset.first().make_current()


class ProductionCreditInline(admin.TabularInline):
    model = ProductionCredit
    extra = 3


@admin.register(Production)
class ProductionAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ("title", "season", "company", "status", "on_sale_date", "performance_count")
    list_filter = ("season", "status", "is_active")
    search_fields = ("title", "company")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ProductionCreditInline]
    actions = ["export_as_csv", "put_on_sale"]

    def put_on_sale(self, request, queryset):
        n = 0
        for prod in queryset:
            prod.status = "on_sale"
            prod.on_sale_date = prod.on_sale_date or timezone.now()
            prod.save()
            n += prod.performances.filter(status=Performance.SCHEDULED).update(status=Performance.ON_SALE)
        self.message_user(request, "%d performances now on sale" % n)


@admin.register(Performance)
class PerformanceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "auditorium", "status", "label", "sold")
    list_filter = ("status", "auditorium", "production__season")
    date_hierarchy = "starts_at"
    raw_id_fields = ("production",)
    actions = ["cancel_performances"]

    def label(self, obj):
        return performance_label(obj)

    def sold(self, obj):
        return "%s / %s" % (obj.seats_sold(), obj.capacity)

    def cancel_performances(self, request, queryset):
        for perf in queryset:
            perf.cancel(user=request.user, reason="admin action")
        self.message_user(request, "Cancelled - ticket holders will be emailed")


class PatronAddressInline(admin.StackedInline):
    model = PatronAddress
    extra = 0


@admin.register(Patron)
class PatronAdmin(ExportCsvMixin, admin.ModelAdmin):
    list_display = ("display_name", "email", "phone", "legacy_id", "do_not_contact", "merged_into")
    search_fields = ("last_name", "first_name", "email", "legacy_id", "company_name")
    list_filter = ("do_not_contact", "is_company")
    raw_id_fields = ("user", "merged_into")
    inlines = [PatronAddressInline]
    actions = ["export_as_csv"]
    export_fields = ["id", "title", "first_name", "last_name", "email", "phone"]


@admin.register(ContactPreference)
class ContactPreferenceAdmin(admin.ModelAdmin):
    list_display = ("patron", "channel", "mailing_list", "opted_in", "source", "changed_at")
    list_filter = ("channel", "opted_in", "mailing_list")
    raw_id_fields = ("patron",)


@admin.register(VolunteerTraining)
class VolunteerTrainingAdmin(admin.ModelAdmin):
    list_display = ("volunteer", "course", "completed_on", "expires_on")
    list_filter = ("course",)


# mail_* tables - legacy app has no admin.py
admin.site.register(MailingList)


class MailingRecipientInline(admin.TabularInline):
    model = MailingRecipient
    extra = 0
    readonly_fields = ("email", "sent_at", "opened_at", "clicked_at", "bounced", "unsubscribed")
    can_delete = False


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    list_display = ("subject", "mailing_list", "status", "scheduled_for", "sent_at")
    list_filter = ("status", "mailing_list")
    inlines = [MailingRecipientInline]
