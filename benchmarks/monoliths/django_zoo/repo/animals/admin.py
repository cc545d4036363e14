from django.contrib import admin

from animals.models import (Animal, AnimalTransfer, DietPlan, DietPlanLine, FeedingLog, FeedItem,
                            FeedPurchaseOrder, FeedStock, FeedSupplier, Keeper, LeaveRequest,
                            MedicalRecord, Prescription, Shift, ShiftSwap, Species, VetVisit,
                            WeighIn)


@admin.register(Species)
class SpeciesAdmin(admin.ModelAdmin):
    list_display = ("common_name", "latin_name", "taxon_class", "iucn_status")
    search_fields = ("common_name", "latin_name")


class MedicalRecordInline(admin.TabularInline):
    model = MedicalRecord
    extra = 0


@admin.register(Animal)
class AnimalAdmin(admin.ModelAdmin):
    list_display = ("name", "species", "sex", "status", "enclosure", "is_adoptable", "adopter_count")
    list_filter = ("status", "species__taxon_class", "is_adoptable")
    search_fields = ("name", "zims_id", "microchip")
    readonly_fields = ("adopter_count",)
    inlines = [MedicalRecordInline]


class PrescriptionInline(admin.TabularInline):
    model = Prescription
    extra = 0


@admin.register(VetVisit)
class VetVisitAdmin(admin.ModelAdmin):
    list_display = ("visit_date", "animal", "vet", "reason", "outcome")
    list_filter = ("outcome",)
    inlines = [PrescriptionInline]


admin.site.register(WeighIn)
admin.site.register(AnimalTransfer)


@admin.register(Keeper)
class KeeperAdmin(admin.ModelAdmin):
    list_display = ("staff_number", "last_name", "first_name", "role", "section", "is_active")
    list_filter = ("role", "section", "is_active")


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ("date", "keeper", "shift_type", "section", "start_time", "end_time", "published")
    list_filter = ("section", "shift_type", "published")
    date_hierarchy = "date"


admin.site.register(LeaveRequest)
admin.site.register(ShiftSwap)


class DietPlanLineInline(admin.TabularInline):
    model = DietPlanLine
    extra = 1


@admin.register(DietPlan)
class DietPlanAdmin(admin.ModelAdmin):
    list_display = ("name", "species", "animal", "active", "valid_from")
    inlines = [DietPlanLineInline]


@admin.register(FeedItem)
class FeedItemAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "unit", "supplier", "unit_cost", "reorder_level")
    list_editable = ("unit_cost", "reorder_level")


admin.site.register(FeedSupplier)
admin.site.register(FeedStock)


@admin.register(FeedPurchaseOrder)
class FeedPurchaseOrderAdmin(admin.ModelAdmin):
    list_display = ("po_number", "supplier", "ordered_on", "status", "total", "auto_generated")
    list_filter = ("status", "supplier")


@admin.register(FeedingLog)
class FeedingLogAdmin(admin.ModelAdmin):
    list_display = ("fed_at", "animal", "item", "quantity", "refused", "keeper")
    list_filter = ("refused", "item__category")
    raw_id_fields = ("animal",)
