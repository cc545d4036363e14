from django.contrib import admin

from gradebook.models import Assignment, Category, GradingScale, Score


@admin.register(GradingScale)
class GradingScaleAdmin(admin.ModelAdmin):
    list_display = ("name", "bands", "is_default")


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    raw_id_fields = ("student",)


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("title", "section", "term", "due_date", "max_points", "published")
    list_filter = ("term", "published")
    raw_id_fields = ("section",)
    inlines = [ScoreInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("section", "name", "weight")
    raw_id_fields = ("section",)
