from django import forms

from boats.models import Boat
from main.models import Payment, VisitorBoat


class AllocationForm(forms.Form):
    boat = forms.ModelChoiceField(queryset=Boat.objects.select_related('owner').order_by('name'))
    start_date = forms.DateField()
    end_date = forms.DateField(required=False)
    contract_type = forms.ChoiceField(choices=(('annual', 'Annual'), ('seasonal', 'Seasonal'), ('monthly', 'Monthly')))
    confirm = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if data.get('end_date') and data['end_date'] <= data.get('start_date'):
            raise forms.ValidationError('End date must be after start')
        return data


class PaymentForm(forms.Form):
    amount = forms.DecimalField(max_digits=10, decimal_places=2, min_value=0.01)
    method = forms.ChoiceField(choices=Payment.METHODS)
    reference = forms.CharField(required=False)


class VisitorCheckinForm(forms.ModelForm):
    class Meta:
        model = VisitorBoat
        fields = ('boat_name', 'skipper_name', 'phone', 'email', 'loa_m', 'arrived', 'departs', 'berth')

    def clean_departs(self):
        d = self.cleaned_data['departs']
        if self.cleaned_data.get('arrived') and d <= self.cleaned_data['arrived']:
            raise forms.ValidationError('Departure must be after arrival')
        return d
