from django import forms

from utils.postcode import is_valid_uk_postcode


class DonateForm(forms.Form):
    amount = forms.DecimalField(min_value=2, max_digits=8, decimal_places=2)
    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80)
    email = forms.EmailField()
    line1 = forms.CharField(max_length=120)
    town = forms.CharField(max_length=80)
    postcode = forms.CharField(max_length=10)
    gift_aid = forms.BooleanField(required=False,
                                  label="I am a UK taxpayer and want to Gift Aid my donation")
    email_opt_in = forms.BooleanField(required=False)
    card_token = forms.CharField(widget=forms.HiddenInput)

    def clean_postcode(self):
        pc = self.cleaned_data["postcode"]
        if not is_valid_uk_postcode(pc):
            raise forms.ValidationError("Please enter a valid postcode")
        return pc


class DirectDebitForm(DonateForm):
    card_token = None
    account_name = forms.CharField(max_length=100)
    sort_code = forms.RegexField(regex=r"^\d{2}-?\d{2}-?\d{2}$")
    account_number = forms.RegexField(regex=r"^\d{8}$")
    collection_day = forms.TypedChoiceField(choices=[(d, d) for d in (1, 8, 15, 22, 28)], coerce=int)


class CheckoutForm(forms.Form):
    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80)
    email = forms.EmailField()
    line1 = forms.CharField(max_length=120)
    town = forms.CharField(max_length=80)
    postcode = forms.CharField(max_length=10)
    card_token = forms.CharField(widget=forms.HiddenInput)


class BookingForm(forms.Form):
    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80)
    email = forms.EmailField()
    postcode = forms.CharField(max_length=10, required=False)
    attendee_names = forms.CharField(widget=forms.Textarea, required=False,
                                     help_text="One name per line")
    card_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ticket_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        for tt in ticket_types:
            self.fields["qty_%d" % tt.pk] = forms.IntegerField(min_value=0, initial=0,
                                                               label=tt.name, required=False)


class PreferencesForm(forms.Form):
    email = forms.BooleanField(required=False)
    post = forms.BooleanField(required=False)
    phone = forms.BooleanField(required=False)
    sms = forms.BooleanField(required=False)


class SupporterRegisterForm(forms.Form):
    supporter_ref = forms.CharField(max_length=12)
    email = forms.EmailField()
    password = forms.CharField(widget=forms.PasswordInput, min_length=10)
