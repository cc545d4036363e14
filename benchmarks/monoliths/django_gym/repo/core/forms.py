import json

from django import forms

from core.models import (EmergencyContact, HealthDeclaration, Member, MembershipPlan,
                         OpeningHours)

PARQ_QUESTIONS = [
    "Has your doctor ever said you have a heart condition?",
    "Do you feel pain in your chest when you do physical activity?",
    "Do you lose your balance because of dizziness?",
    "Do you have a bone or joint problem that could be made worse by exercise?",
    "Are you currently taking medication for blood pressure?",
    "Are you pregnant or have you given birth in the last 6 months?",
]


class JoinForm(forms.Form):
    first_name = forms.CharField(max_length=60)
    last_name = forms.CharField(max_length=60)
    email = forms.EmailField()
    phone = forms.CharField(max_length=30, required=False)
    dob = forms.DateField(required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    plan = forms.ModelChoiceField(queryset=MembershipPlan.objects.filter(active=True))
    marketing_ok = forms.BooleanField(required=False, label="Send me offers")
    sms_ok = forms.BooleanField(required=False, label="Text me about my classes")
    emergency_name = forms.CharField(max_length=100)
    emergency_phone = forms.CharField(max_length=30)
    accept_terms = forms.BooleanField()

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if Member.objects.filter(email=email, status__in=["active", "frozen"]).exists():
            raise forms.ValidationError("You're already a member - log in instead.")
        return email


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["first_name", "last_name", "email", "phone", "photo", "marketing_ok", "sms_ok"]


class EmergencyContactForm(forms.ModelForm):
    class Meta:
        model = EmergencyContact
        fields = ["name", "relation", "phone"]


class ParqForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, q in enumerate(PARQ_QUESTIONS):
            self.fields["q%d" % i] = forms.BooleanField(label=q, required=False)

    def to_declaration(self, member):
        answers = {q: self.cleaned_data["q%d" % i] for i, q in enumerate(PARQ_QUESTIONS)}
        return HealthDeclaration(member=member, answers=json.dumps(answers),
                                 needs_gp_clearance=any(answers.values()))


class FreezeForm(forms.Form):
    start = forms.DateField()
    end = forms.DateField()
    reason = forms.CharField(max_length=120, required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("End before start")
        return data


class CancelForm(forms.Form):
    REASONS = [("moving", "Moving away"), ("price", "Too expensive"), ("injury", "Injury"),
               ("other", "Other")]
    reason = forms.ChoiceField(choices=REASONS)
    detail = forms.CharField(widget=forms.Textarea, required=False)
    last_day = forms.DateField()


class CashPaymentForm(forms.Form):
    amount = forms.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    note = forms.CharField(required=False)


class ChangePlanForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=MembershipPlan.objects.filter(active=True))
    from_date = forms.DateField(required=False)


class ReferralForm(forms.Form):
    friend_email = forms.EmailField()
    message = forms.CharField(widget=forms.Textarea, required=False)


class OpeningHoursForm(forms.ModelForm):
    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes", "staffed"]
