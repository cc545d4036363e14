from django import forms
from django.contrib.auth import get_user_model

from main.models import LocationCode, PermitType, Vehicle, Zone
from shared.utils import is_valid_vrm, normalise_vrm, parse_money


class VrmField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("label", "Vehicle registration")
        super(VrmField, self).__init__(*args, **kwargs)

    def clean(self, value):
        value = normalise_vrm(super(VrmField, self).clean(value))
        if value and not is_valid_vrm(value):
            raise forms.ValidationError("That doesn't look like a UK registration")
        return value


class RegistrationForm(forms.Form):
    first_name = forms.CharField(max_length=60)
    last_name = forms.CharField(max_length=60)
    email = forms.EmailField()
    phone = forms.CharField(max_length=20, required=False)
    password1 = forms.CharField(widget=forms.PasswordInput, label="Password")
    password2 = forms.CharField(widget=forms.PasswordInput, label="Password (again)")
    vrm = VrmField(required=False)
    marketing_opt_in = forms.BooleanField(required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this e-mail already exists")
        return email

    def clean(self):
        data = super(RegistrationForm, self).clean()
        if data.get("password1") != data.get("password2"):
            raise forms.ValidationError("Passwords don't match")
        return data


class VehicleForm(forms.ModelForm):
    vrm = VrmField()

    class Meta:
        model = Vehicle
        fields = ["vrm", "make", "colour", "nickname", "is_electric"]


class StartSessionForm(forms.Form):
    location_code = forms.CharField(max_length=8)
    vehicle = forms.ModelChoiceField(queryset=Vehicle.objects.none())
    minutes = forms.TypedChoiceField(coerce=int, choices=[(m, "%d mins" % m) for m in (30, 60, 120, 180, 240)])
    card_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, customer, *args, **kwargs):
        super(StartSessionForm, self).__init__(*args, **kwargs)
        self.fields["vehicle"].queryset = customer.vehicles.all()

    def clean_location_code(self):
        code = self.cleaned_data["location_code"].strip()
        if not LocationCode.objects.filter(code=code, active=True).exists():
            raise forms.ValidationError("Unknown location code - check the sign")
        return code


class ExtendSessionForm(forms.Form):
    minutes = forms.TypedChoiceField(coerce=int, choices=[(m, "%d mins" % m) for m in (15, 30, 60, 120)])
    card_token = forms.CharField(widget=forms.HiddenInput, required=False)


class PermitApplicationForm(forms.Form):
    permit_type = forms.ModelChoiceField(queryset=PermitType.objects.filter(active=True))
    zone = forms.ModelChoiceField(queryset=Zone.objects.filter(is_cpz=True))
    vrm = VrmField()
    address_line1 = forms.CharField(max_length=120)
    postcode = forms.CharField(max_length=10)
    proof_of_address = forms.FileField(required=False)
    v5c = forms.FileField(required=False, label="V5C logbook")

    def clean_postcode(self):
        return self.cleaned_data["postcode"].upper().replace(" ", "")

    def clean(self):
        data = super().clean()
        ptype = data.get("permit_type")
        if ptype and ptype.requires_proof_of_address and not data.get("proof_of_address"):
            self.add_error("proof_of_address", "Proof of address is required for this permit")
        return data


class VisitorVoucherForm(forms.Form):
    quantity = forms.IntegerField(min_value=1, max_value=50)
    card_token = forms.CharField(widget=forms.HiddenInput)


class PayPenaltyForm(forms.Form):
    pcn_ref = forms.CharField(max_length=12, label="PCN number")
    vrm = VrmField()
    card_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_pcn_ref(self):
        return self.cleaned_data["pcn_ref"].upper().strip()


class ChallengeForm(forms.Form):
    name = forms.CharField(max_length=120)
    email = forms.EmailField()
    grounds = forms.CharField(widget=forms.Textarea)
    evidence = forms.FileField(required=False)


class CardPaymentForm(forms.Form):
    """Only used by the old non-JS checkout. The JS one tokenises in the browser."""
    card_number = forms.CharField(max_length=19)
    expiry = forms.CharField(max_length=5, help_text="MM/YY")
    cvv = forms.CharField(max_length=4, widget=forms.PasswordInput)
    amount = forms.CharField(widget=forms.HiddenInput)

    def clean_amount(self):
        return parse_money(self.cleaned_data["amount"])


class TariffLookupForm(forms.Form):
    location_code = forms.CharField(max_length=8)
    minutes = forms.IntegerField(min_value=5, max_value=24 * 60)
