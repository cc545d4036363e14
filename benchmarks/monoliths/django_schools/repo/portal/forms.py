from decimal import Decimal

from django import forms

from common.dates import today
from portal.models import AbsenceNote


class AbsenceNoteForm(forms.ModelForm):
    class Meta:
        model = AbsenceNote
        fields = ["date_from", "date_to", "code", "reason"]
        widgets = {"date_from": forms.DateInput(attrs={"type": "date"}),
                   "date_to": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super(AbsenceNoteForm, self).clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if end < start:
                raise forms.ValidationError("The end date is before the start date")
            if (end - start).days > 30:
                raise forms.ValidationError("Please contact the office for absences longer than a month")
            if (today() - start).days > 14:
                raise forms.ValidationError("Notes must be sent within two weeks of the absence")
        return data


class TopUpForm(forms.Form):
    amount = forms.DecimalField(min_value=Decimal("5.00"), max_value=Decimal("200.00"), decimal_places=2)
