from django import forms

from main.models import Building, Unit, WorkOrder


class BuildingForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = ["name", "address_line", "city", "postcode", "year_built", "owner", "manager", "amenities"]


class UnitForm(forms.ModelForm):
    market_rent = forms.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        model = Unit
        fields = ["number", "floor", "bedrooms", "bathrooms", "square_feet", "status"]

    def save(self, commit=True):
        unit = super().save(commit=False)
        unit.market_rent_cents = int(self.cleaned_data["market_rent"] * 100)
        if commit:
            unit.save()
        return unit


class WorkOrderForm(forms.ModelForm):
    class Meta:
        model = WorkOrder
        fields = ["unit", "trade", "priority", "description", "billable_to_tenant"]


class CompleteWorkOrderForm(forms.Form):
    cost = forms.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    note = forms.CharField(widget=forms.Textarea, required=False)
