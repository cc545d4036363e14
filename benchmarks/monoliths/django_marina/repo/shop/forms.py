from django import forms

from boats.models import Owner
from shop.models import FuelTank, Product


class StockAdjustForm(forms.Form):
    product = forms.ModelChoiceField(Product.objects.filter(active=True))
    qty = forms.DecimalField()
    reference = forms.CharField(required=False)


class CheckoutForm(forms.Form):
    payment_method = forms.ChoiceField(choices=(('card', 'Card'), ('cash', 'Cash'), ('account', 'On account')))
    owner = forms.ModelChoiceField(Owner.objects.current(), required=False)

    def clean(self):
        data = super().clean()
        if data.get('payment_method') == 'account' and not data.get('owner'):
            raise forms.ValidationError('Pick an account to charge')
        return data


class FuelSaleForm(forms.Form):
    tank = forms.ModelChoiceField(FuelTank.objects.all())
    litres = forms.DecimalField(max_digits=8, decimal_places=2)
    owner = forms.ModelChoiceField(Owner.objects.current(), required=False)
    boat_name = forms.CharField(required=False)
    propulsion_pct = forms.IntegerField(required=False, min_value=0, max_value=100)

