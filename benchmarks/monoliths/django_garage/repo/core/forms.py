from decimal import Decimal

from django import forms

from common.forms import BootstrapFormMixin
from core.models import Invoice, Payment


class PaymentForm(BootstrapFormMixin, forms.Form):
    amount = forms.DecimalField(min_value=Decimal('0.01'), decimal_places=2)
    method = forms.ChoiceField(choices=Payment.METHODS)
    reference = forms.CharField(required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        self.invoice = kwargs.pop('invoice', None)
        super(PaymentForm, self).__init__(*args, **kwargs)
        if self.invoice is not None and not self.is_bound:
            self.initial['amount'] = self.invoice.balance

    def clean_amount(self):
        amt = self.cleaned_data['amount']
        if self.invoice is not None and amt > self.invoice.balance:
            raise forms.ValidationError('More than the balance (%s)' % self.invoice.balance)
        return amt


class CreditNoteForm(BootstrapFormMixin, forms.Form):
    amount = forms.DecimalField(min_value=Decimal('0.01'), decimal_places=2)
    reason = forms.CharField(max_length=200)
    refund_method = forms.ChoiceField(choices=[('', 'No refund - credit only')] + list(Payment.METHODS),
                                      required=False)


class SundryLineForm(BootstrapFormMixin, forms.Form):
    description = forms.CharField(max_length=200)
    quantity = forms.DecimalField(initial=1)
    unit_price = forms.DecimalField(decimal_places=2)


class InvoiceFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(choices=[('', 'Any')] + list(Invoice.STATUS_CHOICES), required=False)
    q = forms.CharField(required=False)
    overdue = forms.BooleanField(required=False)
