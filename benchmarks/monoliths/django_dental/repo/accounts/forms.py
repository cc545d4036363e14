from django import forms
from django.contrib.auth.forms import AuthenticationForm

from accounts.models import LeaveRequest, Payment, PaymentPlan


class LoginForm(AuthenticationForm):
    username = forms.CharField(label='Username or email', max_length=254)
    remember_me = forms.BooleanField(required=False)


class LeaveRequestForm(forms.ModelForm):
    class Meta:
        model = LeaveRequest
        fields = ['leave_type', 'start_date', 'end_date', 'reason']
        widgets = {'start_date': forms.DateInput(attrs={'type': 'date'}),
                   'end_date': forms.DateInput(attrs={'type': 'date'})}

    def clean(self):
        cd = super().clean()
        if cd.get('start_date') and cd.get('end_date') and cd['end_date'] < cd['start_date']:
            raise forms.ValidationError('End date before start date')
        return cd


class PaymentForm(forms.Form):
    amount = forms.DecimalField(max_digits=10, decimal_places=2, min_value=0.01)
    method = forms.ChoiceField(choices=Payment.METHODS)
    terminal_id = forms.CharField(required=False)
    reference = forms.CharField(required=False, max_length=60)


class PaymentPlanForm(forms.ModelForm):
    class Meta:
        model = PaymentPlan
        fields = ['deposit', 'instalments', 'frequency', 'start_date']
