from django import forms

from facilities.models import MaintenanceTicket


class GuestRegistrationForm(forms.Form):
    name = forms.CharField(max_length=120)
    email = forms.EmailField(required=False)
    company = forms.CharField(required=False)
    expected_at = forms.DateTimeField()
    purpose = forms.CharField(required=False)
    day_pass = forms.BooleanField(required=False, help_text="Guest will work from the space for the day")


class ParcelForm(forms.Form):
    recipient_email = forms.EmailField()
    carrier = forms.CharField(required=False)
    tracking = forms.CharField(required=False)
    shelf = forms.CharField(required=False, max_length=10)


# reception staff log issues they spot on their rounds
class IssueReportForm(forms.ModelForm):
    class Meta:
        model = MaintenanceTicket
        fields = ["category", "title", "description", "floor", "priority", "photo"]
