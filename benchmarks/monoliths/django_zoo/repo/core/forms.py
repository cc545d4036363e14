from decimal import Decimal

from django import forms
from django.db.models import Max

from core.models import (Adoption, DailyCapacity, Donation, GiftAidDeclaration, Member,
                         Membership, MembershipPlan, TicketType)
from utils.dates import today_local


def next_member_number():
    """WW000123 style. Not race safe - see ZOO-233 (happens ~once a year)."""
    last = Member.objects.aggregate(m=Max("member_number"))["m"]
    if not last:
        return "WW000001"
    return "WW%06d" % (int(last[2:]) + 1)


class GateSaleForm(forms.Form):
    visit_date = forms.DateField(initial=today_local, widget=forms.HiddenInput)
    name = forms.CharField(max_length=120, required=False)
    email = forms.EmailField(required=False)
    donation = forms.DecimalField(max_digits=7, decimal_places=2, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super(GateSaleForm, self).__init__(*args, **kwargs)
        for tt in TicketType.live.filter(is_online_only=False):
            self.fields["qty_%s" % tt.code] = forms.IntegerField(
                label=tt.name, min_value=0, max_value=tt.max_per_order, initial=0, required=False)

    def ticket_quantities(self):
        out = []
        for tt in TicketType.live.filter(is_online_only=False):
            qty = self.cleaned_data.get("qty_%s" % tt.code) or 0
            if qty:
                out.append((tt, qty))
        return out

    def clean(self):
        data = super(GateSaleForm, self).clean()
        cap = DailyCapacity.for_date(data.get("visit_date") or today_local())
        if cap.closed:
            raise forms.ValidationError("The park is closed today: %s" % cap.closed_reason)
        return data


class RefundForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea)
    amount = forms.DecimalField(max_digits=9, decimal_places=2, required=False)


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ("title", "first_name", "last_name", "email", "phone", "address_line1",
                  "address_line2", "town", "postcode", "date_of_birth", "marketing_opt_in")

    def clean_postcode(self):
        return (self.cleaned_data.get("postcode") or "").upper().strip()


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ("plan", "start_date", "auto_renew")

    def __init__(self, *args, **kwargs):
        super(MembershipForm, self).__init__(*args, **kwargs)
        self.fields["plan"].queryset = MembershipPlan.objects.filter(active=True)
        self.fields["start_date"].initial = today_local()


class DonationForm(forms.ModelForm):
    gift_aid = forms.BooleanField(required=False, label="I am a UK taxpayer (Gift Aid)")

    class Meta:
        model = Donation
        fields = ("donor_name", "donor_email", "amount", "appeal_code")

    def clean_amount(self):
        amt = self.cleaned_data["amount"]
        if amt < Decimal("1.00"):
            raise forms.ValidationError("Minimum donation is \u00a31")
        return amt


class GiftAidForm(forms.ModelForm):
    confirm = forms.BooleanField(required=True)

    class Meta:
        model = GiftAidDeclaration
        fields = ("full_name", "house_number", "postcode")


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ("animal", "package", "adopter_name", "adopter_email", "is_gift", "gift_message")

    def __init__(self, *args, **kwargs):
        super(AdoptionForm, self).__init__(*args, **kwargs)
        from animals.models import Animal
        self.fields["animal"].queryset = (Animal.objects.adoptable()
                                          .select_related("species").order_by("name"))
