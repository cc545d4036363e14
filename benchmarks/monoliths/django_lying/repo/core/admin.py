from django.contrib import admin

from core.models import Category, Coupon, Course, Payment, Plan, Subscription


class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "instructor", "status", "price_cents", "published_at")
    list_filter = ("status", "level", "category")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("tags",)


class PaymentAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "course", "amount_cents", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("stripe_intent_id", "user__email")
    readonly_fields = ("stripe_intent_id",)

    def has_delete_permission(self, request, obj=None):
        return False


class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "plan", "status", "current_period_end")
    list_filter = ("status", "plan")


admin.site.register(Course, CourseAdmin)
admin.site.register(Category)
admin.site.register(Payment, PaymentAdmin)
admin.site.register(Subscription, SubscriptionAdmin)
admin.site.register(Plan)
admin.site.register(Coupon)
