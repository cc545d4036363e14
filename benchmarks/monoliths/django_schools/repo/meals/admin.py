from django.contrib import admin

from meals.models import FreeMealApplication, MenuItem


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "category", "price_paid", "price_reduced", "is_reimbursable", "active")
    list_filter = ("category", "active")


@admin.register(FreeMealApplication)
class FreeMealApplicationAdmin(admin.ModelAdmin):
    list_display = ("student", "school_year", "source", "status", "result", "decided_on")
    list_filter = ("status", "source", "school_year")
    raw_id_fields = ("student", "guardian")
