from django import forms

from hr.models import LeaveRequest


class LeaveRequestForm(forms.ModelForm):
    class Meta:
        model = LeaveRequest
        fields = ["kind", "start_date", "end_date", "half_day", "reason", "needs_cover"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super(LeaveRequestForm, self).clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise forms.ValidationError("End date before start date")
        if data.get("half_day") and data.get("start_date") != data.get("end_date"):
            raise forms.ValidationError("Half days must start and end on the same day")
        return data
