from django.contrib import admin

from boats.models import Boat, HaulOutBooking, InsurancePolicy, JobTemplate, LabourLine, Owner, PartLine, WorkOrder, YardSpace

admin.site.register(InsurancePolicy)
admin.site.register(YardSpace)
admin.site.register(JobTemplate)
admin.site.register(HaulOutBooking)
admin.site.register(Boat)


class BoatInline(admin.TabularInline):
    model = Boat
    extra = 0
    fields = ('name', 'make_model', 'loa_m', 'beam_m', 'draft_m')


@admin.register(Owner)
class OwnerAdmin(admin.ModelAdmin):
    list_display = ('account_ref', 'surname', 'first_name', 'email', 'is_member', 'on_stop')
    search_fields = ('account_ref', 'surname', 'email')
    list_filter = ('is_member', 'on_stop', 'archived')
    inlines = [BoatInline]


class LabourInline(admin.TabularInline):
    model = LabourLine
    extra = 0


class PartInline(admin.TabularInline):
    model = PartLine
    extra = 0
    raw_id_fields = ('product',)


@admin.register(WorkOrder)
class WorkOrderAdmin(admin.ModelAdmin):
    list_display = ('ref', 'boat', 'status', 'assigned_to', 'due_date')
    list_filter = ('status',)
    inlines = [LabourInline, PartInline]
    raw_id_fields = ('boat', 'owner', 'invoice')
