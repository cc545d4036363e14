from django import forms

from office.models import Appointment, AppointmentType, InvoiceLine, WaitingListEntry


class AppointmentForm(forms.ModelForm):
    minutes = forms.IntegerField(required=False, min_value=5, max_value=480)

    class Meta:
        model = Appointment
        fields = ['patient', 'clinician', 'appt_type', 'chair', 'start', 'notes']
        widgets = {'start': forms.DateTimeInput(attrs={'type': 'datetime-local'}),
                   'patient': forms.HiddenInput()}

    def __init__(self, *args, practice=None, **kwargs):
        super().__init__(*args, **kwargs)
        if practice is not None:
            self.fields['clinician'].queryset = practice.staff.filter(is_clinician=True, active=True)
            self.fields['chair'].queryset = practice.chairs.filter(is_active=True)
            self.fields['appt_type'].queryset = AppointmentType.objects.filter(practice__in=[practice, None])


class WaitingListForm(forms.ModelForm):
    class Meta:
        model = WaitingListEntry
        fields = ['patient', 'clinician', 'appt_type', 'preferred_days', 'preferred_time', 'priority', 'notes']


class InvoiceLineForm(forms.ModelForm):
    class Meta:
        model = InvoiceLine
        fields = ['description', 'procedure', 'tooth', 'quantity', 'unit_price', 'discount', 'taxable']

    def clean_discount(self):
        d = self.cleaned_data.get('discount') or 0
        price = self.cleaned_data.get('unit_price') or 0
        if d > price * (self.cleaned_data.get('quantity') or 1):
            raise forms.ValidationError('Discount larger than line value')
        return d
