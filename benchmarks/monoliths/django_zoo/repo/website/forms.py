from django import forms

from core.models import MembershipPlan, TicketType
from website.models import EventBooking, SchoolVisit
from utils.dates import today_local


class OnlineTicketForm(forms.Form):
    visit_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(max_length=120)
    email = forms.EmailField()
    donation = forms.DecimalField(max_digits=7, decimal_places=2, required=False, min_value=0,
                                  label="Add a donation to support our conservation work")

    def __init__(self, *args, **kwargs):
        super(OnlineTicketForm, self).__init__(*args, **kwargs)
        self.ticket_types = list(TicketType.live.all())
        for tt in self.ticket_types:
            self.fields["qty_%s" % tt.code] = forms.IntegerField(
                label=tt.name, min_value=0, max_value=tt.max_per_order, initial=0, required=False)

    def clean_visit_date(self):
        d = self.cleaned_data["visit_date"]
        if d < today_local():
            raise forms.ValidationError("Please choose a date in the future")
        return d

    def quantities(self):
        return [(tt, self.cleaned_data.get("qty_%s" % tt.code) or 0)
                for tt in self.ticket_types if self.cleaned_data.get("qty_%s" % tt.code)]

    def clean(self):
        data = super(OnlineTicketForm, self).clean()
        if not any(data.get("qty_%s" % tt.code) for tt in self.ticket_types):
            raise forms.ValidationError("Please choose at least one ticket")
        return data


class MemberSignupForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=MembershipPlan.objects.filter(active=True))
    first_name = forms.CharField(max_length=60)
    last_name = forms.CharField(max_length=60)
    email = forms.EmailField()
    address_line1 = forms.CharField(max_length=120)
    town = forms.CharField(max_length=60)
    postcode = forms.CharField(max_length=10)
    gift_aid = forms.BooleanField(required=False)
    marketing_opt_in = forms.BooleanField(required=False)
    auto_renew = forms.BooleanField(required=False, initial=True)


class OnlineAdoptionForm(forms.Form):
    package = forms.ChoiceField(choices=(("bronze", "Bronze \u00a330"), ("silver", "Silver \u00a355"),
                                         ("gold", "Gold \u00a3120")))
    adopter_name = forms.CharField(max_length=120)
    adopter_email = forms.EmailField()
    is_gift = forms.BooleanField(required=False)
    gift_message = forms.CharField(widget=forms.Textarea, required=False, max_length=500)


class OnlineDonationForm(forms.Form):
    amount = forms.DecimalField(max_digits=9, decimal_places=2, min_value=1)
    name = forms.CharField(max_length=120)
    email = forms.EmailField()
    gift_aid = forms.BooleanField(required=False)
    appeal_code = forms.CharField(required=False, widget=forms.HiddenInput)


class EventBookingForm(forms.ModelForm):
    class Meta:
        model = EventBooking
        fields = ("name", "email", "phone", "quantity", "dietary_notes")

    def __init__(self, *args, **kwargs):
        self.event = kwargs.pop("event")
        super(EventBookingForm, self).__init__(*args, **kwargs)

    def clean_quantity(self):
        q = self.cleaned_data["quantity"]
        if q > self.event.places_left():
            raise forms.ValidationError("Only %d places left" % self.event.places_left())
        return q


class SchoolVisitEnquiryForm(forms.ModelForm):
    class Meta:
        model = SchoolVisit
        fields = ("school_name", "contact_name", "contact_email", "contact_phone", "visit_date",
                  "pupils", "teachers", "key_stage", "session_topic")

    def clean_pupils(self):
        p = self.cleaned_data["pupils"]
        if p > 120:
            raise forms.ValidationError("For groups over 120 please call the education team")
        return p
