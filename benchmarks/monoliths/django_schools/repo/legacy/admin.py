from django.contrib import admin

from legacy.models import BusRoute, BusStop, MealAccount, MealTransaction


class BusStopInline(admin.TabularInline):
    model = BusStop
    extra = 0


@admin.register(BusRoute)
class BusRouteAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "driver", "vehicle", "capacity", "active")
    list_filter = ("active", "schools")
    filter_horizontal = ("schools",)
    inlines = [BusStopInline]

    def save_model(self, request, obj, form, change):
        super(BusRouteAdmin, self).save_model(request, obj, form, change)
        if change and {"am_depart", "pm_depart"} & set(form.changed_data):
            from transport.tasks import notify_route_change
            notify_route_change.delay(obj.id, "new times: AM %s, PM %s" % (obj.am_depart, obj.pm_depart))


class MealTransactionInline(admin.TabularInline):
    model = MealTransaction
    extra = 0
    readonly_fields = ("kind", "amount", "balance_after", "item_code", "till", "created")
    can_delete = False


@admin.register(MealAccount)
class MealAccountAdmin(admin.ModelAdmin):
    list_display = ("student", "pin", "balance", "eligibility", "closed")
    list_filter = ("eligibility", "closed")
    search_fields = ("pin", "student__last_name", "student__local_id")
    raw_id_fields = ("student",)
    inlines = [MealTransactionInline]
