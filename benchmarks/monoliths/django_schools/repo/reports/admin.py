from django.contrib import admin

from reports.models import ReportCard, ReportCardLine


class ReportCardLineInline(admin.TabularInline):
    model = ReportCardLine
    extra = 0
    raw_id_fields = ("section",)


@admin.register(ReportCard)
class ReportCardAdmin(admin.ModelAdmin):
    list_display = ("student", "term", "status", "gpa", "days_absent", "issued_on")
    list_filter = ("status", "term__school", "term")
    raw_id_fields = ("student",)
    inlines = [ReportCardLineInline]
    actions = ["rebuild"]

    def rebuild(self, request, queryset):
        from reports.cards import build_report_card
        for card in queryset:
            build_report_card(card.student, card.term, overwrite=True)
    rebuild.short_description = "Rebuild from gradebook"
