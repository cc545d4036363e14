from django.contrib import admin

from common.models import Booking, ClassSession, ClassType, NotificationLog, Studio


@admin.register(ClassType)
class ClassTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "intensity", "default_minutes", "premium", "active")
    prepopulated_fields = {"slug": ("name",)}


admin.site.register(Studio)


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    raw_id_fields = ("member",)


@admin.register(ClassSession)
class ClassSessionAdmin(admin.ModelAdmin):
    list_display = ("class_type", "studio", "starts_at", "instructor", "cancelled")
    list_filter = ("studio__club", "class_type", "cancelled")
    inlines = [BookingInline]


@admin.register(NotificationLog)
class NotificationLogAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "member", "channel", "template", "ok")
    list_filter = ("channel", "template", "ok")
