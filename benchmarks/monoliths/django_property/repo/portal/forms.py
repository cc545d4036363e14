from django import forms

from common.utils import parse_money
from portal.models import Applicant, ServiceRequest


class ApplicationForm(forms.ModelForm):
    annual_income = forms.CharField(help_text="Gross yearly income in USD")

    class Meta:
        model = Applicant
        fields = ["first_name", "last_name", "email", "phone", "employer", "move_in_date", "consent_to_screening"]

    def clean_consent_to_screening(self):
        if not self.cleaned_data["consent_to_screening"]:
            raise forms.ValidationError("We need your consent to run a background check.")
        return True

    def save(self, commit=True):
        applicant = super().save(commit=False)
        applicant.annual_income_cents = parse_money(self.cleaned_data["annual_income"])
        if commit:
            applicant.save()
        return applicant


class ServiceRequestForm(forms.ModelForm):
    class Meta:
        model = ServiceRequest
        fields = ["category", "description", "permission_to_enter", "photo"]


class PayInvoiceForm(forms.Form):
    amount = forms.CharField()
    method = forms.ChoiceField(choices=[("ach", "Bank account"), ("card", "Card (3% fee)")])

    def amount_cents(self):
        return parse_money(self.cleaned_data["amount"])
