from django import forms

from ops.models import Timesheet, Event, TicketType, GrantApplication, GrantReport


class TimesheetForm(forms.ModelForm):
    class Meta:
        model = Timesheet
        fields = ["worked_on", "hours", "expenses"]


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["name", "slug", "campaign", "venue", "starts", "capacity",
                  "fundraising_target", "published"]


TicketTypeFormSet = forms.inlineformset_factory(Event, TicketType,
                                                fields=["name", "price", "quantity", "min_sponsorship"],
                                                extra=1)


class GrantApplicationForm(forms.ModelForm):
    class Meta:
        model = GrantApplication
        fields = ["partner", "programme", "amount_requested", "project_summary"]


class GrantDecisionForm(forms.Form):
    amount = forms.DecimalField(max_digits=10, decimal_places=2)
    starts = forms.DateField()
    months = forms.IntegerField(initial=12)
    tranches = forms.IntegerField(initial=2, min_value=1, max_value=6)


class GrantReportForm(forms.ModelForm):
    class Meta:
        model = GrantReport
        fields = ["beneficiaries_reached", "narrative"]
