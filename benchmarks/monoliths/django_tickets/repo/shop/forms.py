from django import forms

from shop.models import Ticket


class CheckoutForm(forms.Form):
    email = forms.EmailField()
    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80)
    promo_code = forms.CharField(max_length=30, required=False)
    accept_terms = forms.BooleanField()
    marketing_opt_in = forms.BooleanField(required=False)


class RefundRequestForm(forms.Form):
    tickets = forms.ModelMultipleChoiceField(queryset=Ticket.objects.none(), widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(widget=forms.Textarea, max_length=200)

    def __init__(self, order, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tickets"].queryset = Ticket.objects.filter(line__order=order, status="valid")
