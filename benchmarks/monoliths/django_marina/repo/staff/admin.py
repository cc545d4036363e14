from django.contrib import admin

from staff.models import AccessFob, AccessLog, GateCode, Incident, LeaveRequest, Shift, StaffMember, TimesheetEntry

admin.site.register(StaffMember)
admin.site.register(LeaveRequest)
admin.site.register(TimesheetEntry)
admin.site.register(AccessFob)
admin.site.register(Incident)
admin.site.register(Shift)
admin.site.register(AccessLog)


@admin.register(GateCode)
class GateCodeAdmin(admin.ModelAdmin):
    list_display = ('code', 'owner', 'label', 'valid_to', 'pushed', 'revoked')
    search_fields = ('code', 'owner__surname', 'label')

