from django.contrib import admin

from core.models import Category, Event, Performance, Promoter, PromoterContract


class PerformanceInline(admin.TabularInline):
    model = Performance
    extra = 0
    fields = ("hall", "starts_at", "doors_open_at", "is_cancelled")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "venue", "promoter", "status", "published_at")
    list_filter = ("status", "categories")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [PerformanceInline]


class PromoterContractInline(admin.StackedInline):
    model = PromoterContract
    extra = 0


@admin.register(Promoter)
class PromoterAdmin(admin.ModelAdmin):
    list_display = ("company_name", "contact_email", "is_active")
    filter_horizontal = ("users",)
    inlines = [PromoterContractInline]


admin.site.register(Category)
