from django import forms

from core.models import Supporter, Address, Donation, GiftAidDeclaration, Refund
from utils.postcode import is_valid_uk_postcode


class SupporterForm(forms.ModelForm):
    class Meta:
        model = Supporter
        fields = ["title", "first_name", "last_name", "email", "phone", "date_of_birth", "source"]


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        fields = ["line1", "line2", "town", "county", "postcode", "country"]

    def clean_postcode(self):
        pc = self.cleaned_data["postcode"]
        if self.cleaned_data.get("country", "GB") == "GB" and not is_valid_uk_postcode(pc):
            raise forms.ValidationError("Enter a valid UK postcode")
        return pc


class DonationForm(forms.ModelForm):
    campaign_code = forms.CharField(required=False)

    class Meta:
        model = Donation
        fields = ["supporter", "amount", "method", "received", "payment_ref", "batch_no",
                  "anonymous", "in_memory_of"]

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError("Amount must be positive")
        return amount


class RefundForm(forms.ModelForm):
    class Meta:
        model = Refund
        fields = ["amount", "reason"]


class DeclarationForm(forms.ModelForm):
    class Meta:
        model = GiftAidDeclaration
        fields = ["made_on", "method", "covers_past_four_years", "covers_future"]
