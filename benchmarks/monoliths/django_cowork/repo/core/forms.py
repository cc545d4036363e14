from django import forms

from core.models import CreditNote, Invoice


class PaymentMethodForm(forms.Form):
    stripe_pm_id = forms.CharField(widget=forms.HiddenInput)
    make_default = forms.BooleanField(required=False, initial=True)


class CreditNoteForm(forms.ModelForm):
    class Meta:
        model = CreditNote
        fields = ["amount", "reason"]

    def __init__(self, *args, invoice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invoice = invoice

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if self.invoice and amount > self.invoice.total:
            raise forms.ValidationError("Amount exceeds invoice total")
        return amount


class InvoiceFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any")] + Invoice.STATUSES, required=False)
    date_from = forms.DateField(required=False)
    date_to = forms.DateField(required=False)
    q = forms.CharField(required=False)
