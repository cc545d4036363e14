from django.contrib import admin

from crm.models import (RecurringGift, DirectDebitMandate, CollectionRun, Segment, Mailing,
                        Interaction, HmrcSubmission, Volunteer)


@admin.register(RecurringGift)
class RecurringGiftAdmin(admin.ModelAdmin):
    list_display = ("supporter", "amount", "frequency", "next_due", "status", "failures")
    list_filter = ("status", "frequency")
    raw_id_fields = ("supporter", "mandate")


admin.site.register(DirectDebitMandate)
admin.site.register(CollectionRun)
admin.site.register(Segment)
admin.site.register(Mailing)
admin.site.register(Interaction)
admin.site.register(HmrcSubmission)


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("supporter", "status", "dbs_checked", "hours_logged")
    list_filter = ("status",)
    raw_id_fields = ("supporter",)
