import json

from django import forms

from backoffice.models import CashCollection, Engineer, FaultReport, PayMachine, TariffChange, WorkOrder


class DateRangeForm(forms.Form):
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("Start must be before end")
        return data


class PermitReviewForm(forms.Form):
    DECISIONS = (("approve", "Approve"), ("reject", "Reject"), ("docs", "Ask for documents"),
                 ("waitlist", "Put on waiting list"))
    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("reject", "docs") and not data.get("reason"):
            self.add_error("reason", "Give the customer a reason")
        return data


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=(("accepted", "Accept - cancel PCN"), ("rejected", "Reject"),
                                          ("reoffer", "Reject, re-offer discount")))
    notes = forms.CharField(widget=forms.Textarea)
    send_letter = forms.BooleanField(required=False, initial=True)


class RefundApprovalForm(forms.Form):
    approve = forms.BooleanField(required=False)
    amount = forms.DecimalField(max_digits=8, decimal_places=2, required=False)
    note = forms.CharField(required=False)


class FaultReportForm(forms.ModelForm):
    class Meta:
        model = FaultReport
        fields = ["machine", "source", "description", "reported_by", "priority"]


class WorkOrderForm(forms.ModelForm):
    engineer = forms.ModelChoiceField(queryset=Engineer.objects.all(), required=False)

    class Meta:
        model = WorkOrder
        fields = ["engineer", "priority", "due_by", "parts_used"]


class CashCollectionForm(forms.ModelForm):
    class Meta:
        model = CashCollection
        fields = ["machine", "collected_by", "collected_at", "bag_number", "counted_pence", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["machine"].queryset = PayMachine.objects.filter(accepts_cash=True).exclude(status="removed")


class TariffChangeForm(forms.ModelForm):
    class Meta:
        model = TariffChange
        fields = ["tariff", "effective_date", "new_bands", "new_max_stay_minutes", "committee_ref"]

    def clean_new_bands(self):
        raw = self.cleaned_data["new_bands"]
        try:
            bands = json.loads(raw)
            assert all(len(b) == 2 for b in bands)
        except (ValueError, AssertionError, TypeError):
            raise forms.ValidationError("Bands must be a JSON list of [minutes, pence] pairs")
        return json.dumps(sorted(bands))


class BaySuspensionForm(forms.Form):
    bays = forms.CharField(help_text="Bay numbers, comma separated")
    until = forms.DateTimeField()
    reason = forms.CharField(max_length=200)
