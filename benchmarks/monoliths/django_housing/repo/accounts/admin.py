from django.contrib import admin

from accounts.models import (AccessCard, AccommodationNeed, CardSwipe, EmergencyContact, Resident,
                             ResidentNote, StaffProfile)


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "hall", "on_call", "employee_number")
    list_filter = ("role", "hall", "on_call")
    search_fields = ("user__username", "user__last_name", "employee_number")


class EmergencyContactInline(admin.TabularInline):
    model = EmergencyContact
    extra = 0


class ResidentNoteInline(admin.StackedInline):
    model = ResidentNote
    extra = 0
    readonly_fields = ("author", "created_at")


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    list_display = ("student_id", "last_name", "first_name", "class_standing", "status", "financial_hold")
    list_filter = ("status", "class_standing", "financial_hold", "is_international")
    search_fields = ("student_id", "last_name", "first_name", "email")
    inlines = [EmergencyContactInline, ResidentNoteInline]
    actions = ["clear_financial_hold"]

    def clear_financial_hold(self, request, queryset):
        n = queryset.update(financial_hold=False, hold_reason="")
        self.message_user(request, "Cleared hold on %d residents" % n)


@admin.register(AccommodationNeed)
class AccommodationNeedAdmin(admin.ModelAdmin):
    list_display = ("resident", "kind", "approved", "valid_until")
    list_filter = ("kind", "approved")


@admin.register(AccessCard)
class AccessCardAdmin(admin.ModelAdmin):
    list_display = ("card_number", "resident", "hall", "status", "issued_on", "expires_on",
                    "synced_to_card_system")
    list_filter = ("status", "hall", "synced_to_card_system")
    search_fields = ("card_number", "resident__student_id", "resident__last_name")
    raw_id_fields = ("resident", "replacement_of")


@admin.register(CardSwipe)
class CardSwipeAdmin(admin.ModelAdmin):
    list_display = ("raw_card_number", "door_code", "swiped_at", "granted")
    list_filter = ("granted",)
    date_hierarchy = "swiped_at"
