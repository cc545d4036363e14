from django import forms

from crm.models import Segment, Mailing, Volunteer


class SegmentForm(forms.ModelForm):
    min_lifetime = forms.DecimalField(required=False)
    lapsed_months = forms.IntegerField(required=False)
    channel = forms.ChoiceField(choices=[("", "-"), ("email", "Email"), ("post", "Post")],
                                required=False)

    class Meta:
        model = Segment
        fields = ["name", "owner"]

    def rules(self):
        d = self.cleaned_data
        return {k: d[k] for k in ("min_lifetime", "lapsed_months", "channel") if d.get(k)}


class MailingForm(forms.ModelForm):
    class Meta:
        model = Mailing
        fields = ["appeal", "segment", "channel", "subject", "template", "scheduled_for"]


class VolunteerForm(forms.ModelForm):
    class Meta:
        model = Volunteer
        fields = ["status", "dbs_checked", "emergency_contact", "skills", "preferred_location"]
