from django.contrib import admin

from frontdesk.models import Parcel, Visit, Visitor


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ("visitor", "host", "location", "expected_at", "status", "day_pass")
    list_filter = ("status", "location", "day_pass")


admin.site.register(Parcel)
admin.site.register(Visitor)
