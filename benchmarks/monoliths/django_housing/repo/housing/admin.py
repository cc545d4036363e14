from django.contrib import admin

from housing.models import Application, Bed, Hall, HallAmenity, Room, RoomPreference, RoomType


class HallAmenityInline(admin.TabularInline):
    model = HallAmenity
    extra = 0


@admin.register(Hall)
class HallAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "campus_area", "gender_policy", "is_active", "closed_for_renovation")
    list_filter = ("campus_area", "gender_policy", "is_active", "first_year_only")
    search_fields = ("code", "name")
    inlines = [HallAmenityInline]


class BedInline(admin.TabularInline):
    model = Bed
    extra = 0


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ("__str__", "floor", "room_type", "is_accessible", "offline")
    list_filter = ("hall", "room_type", "is_accessible", "offline")
    search_fields = ("number", "hall__code")
    inlines = [BedInline]


@admin.register(RoomType)
class RoomTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "description", "capacity", "has_private_bath", "has_kitchen")


class RoomPreferenceInline(admin.TabularInline):
    model = RoomPreference
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("resident", "term", "status", "priority_points", "deposit_paid", "submitted_at")
    list_filter = ("term", "status", "deposit_paid", "round")
    search_fields = ("resident__student_id", "resident__last_name")
    raw_id_fields = ("resident",)
    inlines = [RoomPreferenceInline]
