from django.contrib import admin

from access.models import AccessGroup, AccessRule, Door, DoorEvent, KeyCard


@admin.register(KeyCard)
class KeyCardAdmin(admin.ModelAdmin):
    list_display = ("uid", "member", "status", "group", "valid_until", "synced_at")
    list_filter = ("status", "group")
    search_fields = ("uid", "member__email")


@admin.register(Door)
class DoorAdmin(admin.ModelAdmin):
    list_display = ("name", "location", "controller_id", "is_entrance")


@admin.register(DoorEvent)
class DoorEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "door", "card_uid", "granted", "reason")
    list_filter = ("granted", "door__location")

    def has_add_permission(self, request):
        return False


admin.site.register(AccessGroup)
admin.site.register(AccessRule)
