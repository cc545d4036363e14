from decimal import Decimal

from django import forms



class CashDepositForm(forms.Form):
    amount = forms.DecimalField(min_value=Decimal("0.01"), max_digits=8, decimal_places=2)
    reference = forms.CharField(required=False, help_text="cheque number or receipt")
