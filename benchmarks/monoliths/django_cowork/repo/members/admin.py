from django.contrib import admin

from common.models import MemberNote
from members.models import (Company, MeetingRoom, Member, MemberProfile, Membership, MembershipPlan,
                            RoomBooking)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("plan", "location", "status", "start_date", "end_date", "seats", "price_override")


class MemberNoteInline(admin.StackedInline):
    model = MemberNote
    extra = 0


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "company", "home_location", "suspended")
    list_filter = ("home_location", "suspended")
    search_fields = ("first_name", "last_name", "email", "company__name")
    inlines = [MembershipInline, MemberNoteInline]


@admin.register(MeetingRoom)
class MeetingRoomAdmin(admin.ModelAdmin):
    list_display = ("name", "location", "capacity", "hourly_rate", "active")
    list_filter = ("location",)


@admin.register(RoomBooking)
class RoomBookingAdmin(admin.ModelAdmin):
    list_display = ("room", "member", "start", "end", "status", "price")
    list_filter = ("status", "room__location")
    date_hierarchy = "start"


admin.site.register(Company)
admin.site.register(MembershipPlan)
admin.site.register(MemberProfile)
