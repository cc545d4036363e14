from django.contrib import admin

from marketing.models import Campaign, MailingList, Subscriber


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "status", "send_at")
    list_filter = ("status",)
    raw_id_fields = ("event",)


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "source", "created_at", "unsubscribed_at")
    search_fields = ("email",)
    filter_horizontal = ("lists",)


admin.site.register(MailingList)
