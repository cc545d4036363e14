from django import forms
from django.contrib.auth import authenticate

from accounts.models import AccessCard, AccommodationNeed, EmergencyContact, Resident


class StaffLoginForm(forms.Form):
    username = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        self.request = kwargs.pop("request", None)
        self.user_cache = None
        super(StaffLoginForm, self).__init__(*args, **kwargs)

    def clean(self):
        cleaned = super(StaffLoginForm, self).clean()
        username = cleaned.get("username")
        password = cleaned.get("password")
        if username and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise forms.ValidationError("Invalid NetID or password.")
            if not self.user_cache.is_active:
                raise forms.ValidationError("This account is disabled.")
            if not self.user_cache.is_staff:
                raise forms.ValidationError("Students should use the resident portal.")
        return cleaned

    def get_user(self):
        return self.user_cache


class ResidentForm(forms.ModelForm):
    class Meta:
        model = Resident
        fields = [
            "student_id", "first_name", "last_name", "preferred_name", "pronouns",
            "email", "phone", "date_of_birth", "gender", "class_standing", "status",
            "is_international", "home_address",
        ]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"})}

    def clean_student_id(self):
        sid = self.cleaned_data["student_id"].strip().upper()
        if not sid.isalnum() or len(sid) < 7:
            raise forms.ValidationError("Student IDs are 7-12 letters/digits.")
        return sid

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if not (email.endswith("@campus.edu") or email.endswith("@alumni.campus.edu")):
            # international exchange students sometimes only have a personal address
            if not self.cleaned_data.get("is_international"):
                raise forms.ValidationError("Use the campus email address.")
        return email


class EmergencyContactForm(forms.ModelForm):
    class Meta:
        model = EmergencyContact
        fields = ["name", "relationship", "phone", "alt_phone", "email", "is_primary"]


EmergencyContactFormSet = forms.inlineformset_factory(
    Resident, EmergencyContact, form=EmergencyContactForm, extra=1, max_num=4)


class ResidentSearchForm(forms.Form):
    q = forms.CharField(required=False, label="Name or student ID")
    status = forms.ChoiceField(required=False, choices=(("", "Any"),) + Resident.STATUS_CHOICES)
    hall = forms.IntegerField(required=False, widget=forms.HiddenInput)
    hold_only = forms.BooleanField(required=False)


class AccommodationNeedForm(forms.ModelForm):
    class Meta:
        model = AccommodationNeed
        fields = ["kind", "description", "requires_accessible_room", "valid_until"]


class AccessCardIssueForm(forms.ModelForm):
    reason = forms.ChoiceField(choices=(
        ("new", "New resident"),
        ("replacement", "Replacement (lost/damaged)"),
        ("temporary", "Temporary"),
    ))

    class Meta:
        model = AccessCard
        fields = ["hall", "access_level", "expires_on"]
