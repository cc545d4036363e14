from django import forms

from members.models import Member, MembershipPlan, MemberProfile, MeetingRoom


class SignupForm(forms.Form):
    first_name = forms.CharField(max_length=60)
    last_name = forms.CharField(max_length=60)
    email = forms.EmailField()
    phone = forms.CharField(required=False)
    company_name = forms.CharField(required=False)
    plan = forms.ModelChoiceField(queryset=MembershipPlan.objects.filter(public=True, active=True))
    start_date = forms.DateField()
    discount_code = forms.CharField(required=False)
    accept_terms = forms.BooleanField()

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if Member.objects.filter(email=email).exists():
            raise forms.ValidationError("You already have an account, please log in.")
        return email


class PlanChangeForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=MembershipPlan.objects.filter(active=True))
    effective_date = forms.DateField(required=False)


class InviteForm(forms.Form):
    email = forms.EmailField()
    first_name = forms.CharField()
    last_name = forms.CharField()
    plan = forms.ModelChoiceField(queryset=MembershipPlan.objects.filter(active=True))


class RoomBookingForm(forms.Form):
    room = forms.ModelChoiceField(queryset=MeetingRoom.objects.filter(active=True))
    date = forms.DateField()
    start_time = forms.TimeField()
    end_time = forms.TimeField()
    title = forms.CharField(required=False, max_length=120)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = MemberProfile
        fields = ["headline", "bio", "photo", "website", "linkedin", "skills",
                  "visible_in_directory", "open_to_collab"]
