from django.contrib import admin

from accounts.models import LeaveRequest, Payment, PaymentPlan, Practice, Remittance, Shift, StaffMember


admin.site.register(Practice)


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ('display_name', 'role', 'practice', 'is_clinician', 'active')
    list_filter = ('role', 'practice', 'active')
    search_fields = ('display_name', 'user__email', 'license_number')
    exclude = ('pin_hash',)


admin.site.register(Shift)
admin.site.register(LeaveRequest)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ('taken_on', 'patient', 'invoice', 'amount', 'method', 'is_refund')
    list_filter = ('method', 'is_refund', 'practice')
    raw_id_fields = ('patient', 'invoice', 'refund_of')


admin.site.register(PaymentPlan)
admin.site.register(Remittance)
