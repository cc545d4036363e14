from django import forms

from common.models import TenantProfile
from core.models import Lease, Payment


class LeaseForm(forms.ModelForm):
    months = forms.IntegerField(min_value=1, max_value=36, initial=12)

    class Meta:
        model = Lease
        fields = ["unit", "primary_tenant", "occupants", "start_date", "monthly_rent_cents", "deposit_cents"]

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        if unit and unit.status == "offline":
            raise forms.ValidationError("Unit is offline.")
        return data


class ManualPaymentForm(forms.ModelForm):
    tenant = forms.ModelChoiceField(queryset=TenantProfile.objects.alive())

    class Meta:
        model = Payment
        fields = ["tenant", "amount_cents", "method", "reference"]
