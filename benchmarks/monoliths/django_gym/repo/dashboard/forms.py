from django import forms

from dashboard.models import Campaign, Lead, Trainer


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "channel", "subject", "body", "target_plans", "target_club",
                  "include_lapsed", "scheduled_for"]


class LeadForm(forms.ModelForm):
    class Meta:
        model = Lead
        fields = ["name", "email", "phone", "club", "source", "follow_up_on"]


class SellPTForm(forms.Form):
    member_no = forms.CharField()
    trainer = forms.ModelChoiceField(queryset=Trainer.objects.filter(active=True))
    sessions = forms.IntegerField(min_value=1, max_value=50, initial=10)
    price = forms.DecimalField(max_digits=8, decimal_places=2)


class PTBookForm(forms.Form):
    starts_at = forms.DateTimeField(input_formats=["%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"])
    minutes = forms.ChoiceField(choices=[(30, "30"), (45, "45"), (60, "60")], initial=60)
